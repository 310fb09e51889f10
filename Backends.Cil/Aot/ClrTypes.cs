// The Managed data model (DESIGN.md decision 1) as CLR types: what each representation of the typed IR
// becomes in a translated assembly. Signed is long, Unsigned ulong, Float double, Str string, lists
// RList<T>, dicts RDict<K, V>, tuples ValueTuple, instances the classes ClassEmitter builds, functions
// native function pointers (ldftn/calli), iterators RIterator<T>. Also answers the questions
// Reflection.Emit cannot answer about types still being built (assignability, members of instantiations).
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Managed.Ops;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class ClrTypes
{
    private readonly Dictionary<ClassDescriptor, Type> _classes = [];
    private readonly Dictionary<Type, Type> _builtBases = [];

    /// <summary>The most items of a flat ValueTuple; longer tuples keep the rest in an eighth field, Rest.</summary>
    private const int FlatTupleItems = 7;

    private static readonly Type[] TupleDefinitions =
    [
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>),
        typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
    ];

    private static TupleType RestOf(TupleType tuple) => new([.. tuple.Items.Skip(FlatTupleItems)]);

    /// <summary>Records the CLR class of a class descriptor (a builtin runtime class or a class being built).</summary>
    public void AddClass(ClassDescriptor cls, Type type, Type? baseType)
    {
        _classes[cls] = type;
        if (baseType is not null)
            _builtBases[type] = baseType;
    }

    public Type ClassOf(ClassDescriptor cls) => _classes.TryGetValue(cls, out var type) ? type
        : throw new InvalidOperationException($"class {cls.Name} has no CLR class");

    private readonly Dictionary<LowLevelType, Type> _made = [];

    /// <summary>The CLR type of a value of this representation (Void has none: typeof(void)), one Type object per representation.</summary>
    public Type Of(LowLevelType type)
    {
        if (!_made.TryGetValue(type, out var made))
            _made[type] = made = Make(type);
        return made;
    }

    private Type Make(LowLevelType type) => type switch
    {
        PrimitiveType { PrimitiveKind: TypeKind.Void } => typeof(void),
        PrimitiveType { PrimitiveKind: TypeKind.Signed } => typeof(long),
        PrimitiveType { PrimitiveKind: TypeKind.Unsigned } => typeof(ulong),
        PrimitiveType { PrimitiveKind: TypeKind.Float } => typeof(double),
        PrimitiveType { PrimitiveKind: TypeKind.Bool } => typeof(bool),
        PrimitiveType { PrimitiveKind: TypeKind.Char } => typeof(char),
        PrimitiveType { PrimitiveKind: TypeKind.Str } => typeof(string),
        PrimitiveType { PrimitiveKind: TypeKind.NoneType } => typeof(object),
        InstanceType instance => ClassOf(instance.Class),
        ListType list => typeof(RList<>).MakeGenericType(Of(list.Item)),
        DictType dict => typeof(RDict<,>).MakeGenericType(Of(dict.Key), Of(dict.Value)),
        TupleType { Items.Length: 0 } => typeof(ValueTuple),
        TupleType tuple when tuple.Items.Length <= FlatTupleItems =>
            TupleDefinitions[tuple.Items.Length - 1].MakeGenericType([.. tuple.Items.Select(Of)]),
        TupleType tuple => TupleDefinitions[FlatTupleItems].MakeGenericType([.. tuple.Items.Take(FlatTupleItems).Select(Of), Of(RestOf(tuple))]),
        FunctionType => typeof(IntPtr),
        IteratorType iterator => typeof(RIterator<>).MakeGenericType(Of(iterator.Item)),
        _ => throw new InvalidOperationException("no CLR type for " + type),
    };

    private readonly Dictionary<(IteratorSource, LowLevelType), Type> _states = [];

    /// <summary>The struct holding a for-loop iterator that lives in a local (IteratorStates), one Type object per form.</summary>
    public Type StateOf(IteratorSource source, LowLevelType item)
    {
        if (!_states.TryGetValue((source, item), out var made))
        {
            _states[(source, item)] = made = source switch
            {
                IteratorSource.Range => typeof(RangeState),
                IteratorSource.RangeUp => typeof(RangeUpState),
                IteratorSource.Str => typeof(StrState<>).MakeGenericType(Of(item)),
                _ => typeof(ListState<>).MakeGenericType(Of(item)),
            };
        }
        return made;
    }

    /// <summary>The CLR type a function returns: void for functions returning nothing or only None.</summary>
    public Type ReturnOf(LowLevelType type) => type.Kind is TypeKind.Void or TypeKind.NoneType ? typeof(void) : Of(type);

    /// <summary>Whether a value of <paramref name="source"/> may be stored where <paramref name="target"/> is expected.</summary>
    public bool IsAssignable(Type target, Type source)
    {
        if (SameType(target, source) || target == typeof(object) && !IsValueType(source))
            return true;
        for (var type = source; type is not null; type = BaseOf(type))
        {
            if (type == target)
                return true;
        }
        return false;
    }

    /// <summary>Type equality that sees through separately made instantiations (RList&lt;Node&gt; twice).</summary>
    public static bool SameType(Type a, Type b)
    {
        if (a == b)
            return true;
        if (!a.IsGenericType || !b.IsGenericType || a.IsGenericTypeDefinition || b.IsGenericTypeDefinition
            || a.GetGenericTypeDefinition() != b.GetGenericTypeDefinition())
            return false;
        var left = a.GetGenericArguments();
        var right = b.GetGenericArguments();
        return left.Length == right.Length && left.Zip(right).All(pair => SameType(pair.First, pair.Second));
    }

    private Type? BaseOf(Type type) => _builtBases.TryGetValue(type, out var built) ? built
        : type is TypeBuilder || type.IsGenericType && type.GetType().FullName != "System.RuntimeType" ? null : type.BaseType;

    private static bool IsValueType(Type type) =>
        type.IsPrimitive || type == typeof(IntPtr) || type.IsGenericType && type.Name.StartsWith("ValueTuple", StringComparison.Ordinal) || type == typeof(ValueTuple);

    /// <summary>Whether reflection can answer questions about the type (it mentions no type being built).</summary>
    public static bool IsRuntimeType(Type type) => type.GetType().FullName == "System.RuntimeType";

    /// <summary>The fields to load, in order, to reach item <paramref name="index"/> of a tuple on the stack
    /// (through Rest for the items of long tuples).</summary>
    public List<IlField> TupleItemPath(TupleType tuple, int index)
    {
        var path = new List<IlField>();
        while (index >= FlatTupleItems && tuple.Items.Length > FlatTupleItems)
        {
            var rest = RestOf(tuple);
            path.Add(TupleField(tuple, "Rest", Of(rest)));
            (tuple, index) = (rest, index - FlatTupleItems);
        }
        path.Add(TupleField(tuple, "Item" + (index + 1), Of(tuple.Items[index])));
        return path;
    }

    private IlField TupleField(TupleType tuple, string name, Type fieldType)
    {
        var type = Of(tuple);
        var definition = TupleDefinitions[Math.Min(tuple.Items.Length, FlatTupleItems + 1) - 1].GetField(name)!;
        var field = IsRuntimeType(type) ? type.GetField(name)! : TypeBuilder.GetField(type, definition);
        return new IlField(field, fieldType, type);
    }

    /// <summary>Makes a tuple: <paramref name="loadItem"/> pushes item i as the given CLR type, then the
    /// constructor takes them (a long tuple's Rest is made first, in place).</summary>
    public void EmitNewTuple(IlBuffer il, TupleType tuple, Action<int, Type> loadItem, int offset = 0)
    {
        int flat = Math.Min(tuple.Items.Length, FlatTupleItems);
        for (int i = 0; i < flat; i++)
            loadItem(offset + i, Of(tuple.Items[i]));
        var parameters = tuple.Items.Take(flat).Select(Of).ToList();
        if (tuple.Items.Length > FlatTupleItems)
        {
            var rest = RestOf(tuple);
            EmitNewTuple(il, rest, loadItem, offset + FlatTupleItems);
            parameters.Add(Of(rest));
        }
        var type = Of(tuple);
        var definition = TupleDefinitions[parameters.Count - 1].GetConstructors().Single(c => c.GetParameters().Length == parameters.Count);
        var constructor = IsRuntimeType(type) ? type.GetConstructors().Single(c => c.GetParameters().Length == parameters.Count)
            : TypeBuilder.GetConstructor(type, definition);
        il.Emit(System.Reflection.Emit.OpCodes.Newobj, new IlMethod(constructor, parameters, typeof(void), type));
    }

    /// <summary>A method of a generic runtime class (RList, RIterator...) on an instantiation of it.</summary>
    public static MethodInfo MethodOn(Type instantiation, MethodInfo definition) =>
        IsRuntimeType(instantiation) ? (MethodInfo)MethodBase.GetMethodFromHandle(definition.MethodHandle, instantiation.TypeHandle)!
            : TypeBuilder.GetMethod(instantiation, definition);

    /// <summary>A generic method definition's parameter or return type with its type parameters substituted.</summary>
    public static Type Substitute(Type type, IReadOnlyDictionary<Type, Type> bindings)
    {
        if (type.IsGenericParameter)
            return bindings[type];
        if (type.IsByRef)
            return Substitute(type.GetElementType()!, bindings).MakeByRefType();
        if (type.IsGenericType)
            return type.GetGenericTypeDefinition().MakeGenericType([.. type.GetGenericArguments().Select(t => Substitute(t, bindings))]);
        return type;
    }

    /// <summary>Binds the type parameters of a runtime generic signature against representations: T in RList&lt;T&gt;
    /// against a list's item, K and V in RDict&lt;K, V&gt; against a dict's key and value, T against any value.</summary>
    public void Bind(Type parameter, LowLevelType actual, Dictionary<Type, Type> bindings)
    {
        if (parameter.IsByRef)
            parameter = parameter.GetElementType()!;
        if (parameter.IsGenericParameter)
        {
            bindings.TryAdd(parameter, Of(actual));
            return;
        }
        if (!parameter.IsGenericType || !parameter.ContainsGenericParameters)
            return;
        var definition = parameter.GetGenericTypeDefinition();
        var arguments = parameter.GetGenericArguments();
        switch (actual)
        {
            case ListType list when definition == typeof(RList<>):
                Bind(arguments[0], list.Item, bindings);
                break;
            case IteratorType iterator when definition == typeof(RIterator<>):
                Bind(arguments[0], iterator.Item, bindings);
                break;
            case DictType dict when definition == typeof(RDict<,>):
                Bind(arguments[0], dict.Key, bindings);
                Bind(arguments[1], dict.Value, bindings);
                break;
            case TupleType tuple when definition.Name.StartsWith("ValueTuple", StringComparison.Ordinal) && arguments.Length == tuple.Items.Length:
                for (int i = 0; i < arguments.Length; i++)
                    Bind(arguments[i], tuple.Items[i], bindings);
                break;
        }
    }
}
