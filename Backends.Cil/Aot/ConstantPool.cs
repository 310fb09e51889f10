// Constants in translated code: scalars and strs as IL literals, tuples built in place, functions as
// ldftn, and the prebuilt objects module-level code made (lists, dicts, instances) as static fields of
// one class, made and filled by its Init method before main runs (two phases, so prebuilt objects may
// refer to each other in cycles). Used by FunctionEmitter and AssemblyTranslator.
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Translator.Descriptions;
using Constant = ClrPy.Translator.Flow.Constant;
using ConstantKind = ClrPy.Translator.Flow.ConstantKind;
using OpCodes = System.Reflection.Emit.OpCodes;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class ConstantPool(AssemblyTranslator translator, TypeBuilder holder)
{
    private readonly Dictionary<object, (IlField Field, LowLevelType Type)> _prebuilt = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<object> _unfilled = new();

    private ClrTypes Types => translator.Types;

    /// <summary>Pushes a constant as a value of CLR type <paramref name="target"/>; <paramref name="newLocal"/>
    /// gives a fresh local (for default values of value types).</summary>
    public void Load(IlBuffer il, object? value, LowLevelType type, Type target, Func<Type, int> newLocal)
    {
        switch (value)
        {
            case null:
                if (IsValueTypeTarget(target))
                    il.Emit(OpCodes.Ldloc, newLocal(target));
                else
                    il.Emit(OpCodes.Ldnull);
                return;
            case bool flag:
                il.Emit(flag ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                return;
            case long word when target == typeof(double):
                il.Emit(OpCodes.Ldc_R8, (double)word);
                return;
            case long word:
                il.Emit(OpCodes.Ldc_I8, word);
                return;
            case ulong word:
                il.Emit(OpCodes.Ldc_I8, unchecked((long)word));
                return;
            case double number:
                il.Emit(OpCodes.Ldc_R8, number);
                return;
            case char c:
                il.Emit(OpCodes.Ldc_I4, (int)c);
                return;
            case string text when type.Kind == TypeKind.Char || target == typeof(char):
                il.Emit(OpCodes.Ldc_I4, (int)text[0]);
                return;
            case string text:
                il.Emit(OpCodes.Ldstr, text);
                return;
            case FunctionDescriptor function:
                il.Emit(OpCodes.Ldftn, translator.MethodOf(function));
                return;
            case Constant constant:
                LoadFlowConstant(il, constant, type, target, newLocal);
                return;
            default:
                throw new InvalidOperationException($"no CLR form for the constant {value} ({value.GetType().Name})");
        }
    }

    private static bool IsValueTypeTarget(Type target) => target != typeof(void) && target != typeof(object) && target != typeof(string)
        && (target.IsPrimitive || target == typeof(IntPtr) || target.Name.StartsWith("ValueTuple", StringComparison.Ordinal));

    private void LoadFlowConstant(IlBuffer il, Constant constant, LowLevelType type, Type target, Func<Type, int> newLocal)
    {
        switch (constant.Kind)
        {
            case ConstantKind.Tuple:
            {
                var items = (ImmutableArray<Constant>)constant.Value!;
                var tuple = (TupleType)type;
                if (items.Length == 0)
                {
                    il.Emit(OpCodes.Ldloc, newLocal(typeof(ValueTuple)));
                    return;
                }
                Types.EmitNewTuple(il, tuple, (i, itemType) => Load(il, items[i], tuple.Items[i], itemType, newLocal));
                return;
            }
            case ConstantKind.List or ConstantKind.Dict or ConstantKind.Instance:
            {
                var (field, _) = FieldFor(constant.Value!, type);
                il.Emit(OpCodes.Ldsfld, field);
                if (!Types.IsAssignable(target, field.FieldType))
                    il.Emit(OpCodes.Castclass, target);
                return;
            }
            case ConstantKind.Function:
                il.Emit(OpCodes.Ldftn, translator.MethodOf(translator.Program.FunctionsByDesc[constant.As<FunctionDesc>()]));
                return;
            default:
                Load(il, constant.Value, type, target, newLocal);
                return;
        }
    }

    private (IlField Field, LowLevelType Type) FieldFor(object prebuilt, LowLevelType type)
    {
        if (_prebuilt.TryGetValue(prebuilt, out var made))
            return made;
        if (prebuilt is PrebuiltInstance instance)
            type = new InstanceType(translator.Program.ClassesByDesc.GetValueOrDefault(instance.Class) ?? ((InstanceType)type).Class);
        var clrType = Types.Of(type);
        var field = holder.DefineField("c" + _prebuilt.Count + "_" + prebuilt, clrType, FieldAttributes.Public | FieldAttributes.Static);
        made = (new IlField(field, clrType, holder), type);
        _prebuilt[prebuilt] = made;
        _unfilled.Enqueue(prebuilt);
        return made;
    }

    /// <summary>The Init method's body: makes every prebuilt object the emitted code refers to, then fills them.</summary>
    public void EmitInit(IlBuffer il, Func<Type, int> newLocal)
    {
        var fill = new IlBuffer();
        while (_unfilled.Count > 0)
            Fill(fill, _unfilled.Dequeue(), newLocal);
        foreach (var (prebuilt, (field, type)) in _prebuilt)
        {
            switch (type)
            {
                case ListType list:
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Call, translator.Helpers.Resolve("NewList", [LowLevelType.Signed], list));
                    break;
                case DictType dict:
                    il.Emit(OpCodes.Call, translator.Helpers.Resolve("NewDict", [], dict));
                    break;
                case InstanceType instance:
                    var constructor = translator.Classes.ConstructorOf(instance.Class);
                    if (constructor.Parameters.Count == 1)
                        il.Emit(OpCodes.Ldstr, "");
                    il.Emit(OpCodes.Newobj, constructor);
                    break;
                default:
                    throw new InvalidOperationException($"a prebuilt {prebuilt} of type {type}");
            }
            il.Emit(OpCodes.Stsfld, field);
        }
        il.Instructions.AddRange(fill.Instructions);
    }

    private void Fill(IlBuffer il, object prebuilt, Func<Type, int> newLocal)
    {
        var (field, type) = _prebuilt[prebuilt];
        switch (prebuilt)
        {
            case PrebuiltList list:
            {
                var item = ((ListType)type).Item;
                var append = translator.Helpers.Resolve("ListAppend", [type, item], LowLevelType.Void);
                foreach (var value in list.Items)
                {
                    il.Emit(OpCodes.Ldsfld, field);
                    Load(il, value, item, Types.Of(item), newLocal);
                    il.Emit(OpCodes.Call, append);
                }
                break;
            }
            case PrebuiltDict dict:
            {
                var dictType = (DictType)type;
                var set = translator.Helpers.Resolve("DictSetItem", [type, dictType.Key, dictType.Value], LowLevelType.Void);
                foreach (var (key, value) in dict.Entries)
                {
                    il.Emit(OpCodes.Ldsfld, field);
                    Load(il, key, dictType.Key, Types.Of(dictType.Key), newLocal);
                    Load(il, value, dictType.Value, Types.Of(dictType.Value), newLocal);
                    il.Emit(OpCodes.Call, set);
                }
                break;
            }
            case PrebuiltInstance instance:
            {
                var cls = ((InstanceType)type).Class;
                foreach (var (descriptor, value) in PrebuiltFields.Of(instance, cls))
                {
                    var target = translator.Classes.FieldOf(descriptor);
                    il.Emit(OpCodes.Ldsfld, field);
                    Load(il, value, descriptor.Type, target.FieldType, newLocal);
                    il.Emit(OpCodes.Stfld, target);
                }
                break;
            }
        }
    }
}
