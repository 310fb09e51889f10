// The IL of each LowOps row: arithmetic, comparisons and conversions inline; fields, tuples, calls,
// allocation and type tests as their CLR instructions; everything else a call to its runtime helper
// (HelperMethods), instantiated for the operands' CLR types. A row that may raise is followed by a
// test of the Pending slot. Part of FunctionEmitter.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Managed.Ops;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed partial class FunctionEmitter
{
    private static IlMethod Runtime(Type owner, string name, params Type[] parameters)
    {
        var method = owner.GetMethod(name, parameters) ?? throw new InvalidOperationException($"{owner.Name}.{name} is missing");
        return new IlMethod(method, parameters, method.ReturnType, null);
    }

    private static readonly IlMethod MathAbs = Runtime(typeof(Math), nameof(Math.Abs), typeof(double));
    private static readonly IlMethod MathSin = Runtime(typeof(Math), nameof(Math.Sin), typeof(double));
    private static readonly IlMethod MathCos = Runtime(typeof(Math), nameof(Math.Cos), typeof(double));
    private static readonly IlMethod IsNaN = Runtime(typeof(double), nameof(double.IsNaN), typeof(double));
    private static readonly IlMethod IsInfinity = Runtime(typeof(double), nameof(double.IsInfinity), typeof(double));
    private static readonly IlMethod WriteStdout = Runtime(typeof(ProgramHost), nameof(ProgramHost.WriteStdout), typeof(string));
    private static readonly IlMethod StrEq = Runtime(typeof(TextOps), nameof(TextOps.StrEq), typeof(string), typeof(string));

    /// <summary>Comparisons: the instructions that leave 1 or 0 (a CLR bool).</summary>
    private static readonly Dictionary<LowOpCode, OpCode[]> Comparisons = new()
    {
        [LowOpCode.IntLt] = [OpCodes.Clt], [LowOpCode.IntGt] = [OpCodes.Cgt], [LowOpCode.IntEq] = [OpCodes.Ceq],
        [LowOpCode.IntLe] = [OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq], [LowOpCode.IntGe] = [OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq],
        [LowOpCode.IntNe] = [OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq],
        [LowOpCode.UintLt] = [OpCodes.Clt_Un], [LowOpCode.UintGt] = [OpCodes.Cgt_Un],
        [LowOpCode.UintLe] = [OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq], [LowOpCode.UintGe] = [OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq],
        // unordered (NaN) compares false, as in Python: <= is "not (a > b or unordered)"
        [LowOpCode.FloatLt] = [OpCodes.Clt], [LowOpCode.FloatGt] = [OpCodes.Cgt], [LowOpCode.FloatEq] = [OpCodes.Ceq],
        [LowOpCode.FloatLe] = [OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq], [LowOpCode.FloatGe] = [OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq],
        [LowOpCode.FloatNe] = [OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq],
        [LowOpCode.CharEq] = [OpCodes.Ceq], [LowOpCode.CharLt] = [OpCodes.Clt],
    };

    /// <summary>Rows that are one or two instructions on their operands as they are.</summary>
    private static readonly Dictionary<LowOpCode, OpCode[]> Simple = new()
    {
        [LowOpCode.IntAdd] = [OpCodes.Add], [LowOpCode.IntSub] = [OpCodes.Sub], [LowOpCode.IntMul] = [OpCodes.Mul],
        [LowOpCode.IntNeg] = [OpCodes.Neg], [LowOpCode.IntInvert] = [OpCodes.Not], [LowOpCode.IntAnd] = [OpCodes.And],
        [LowOpCode.IntOr] = [OpCodes.Or], [LowOpCode.IntXor] = [OpCodes.Xor],
        [LowOpCode.FloatAdd] = [OpCodes.Add], [LowOpCode.FloatSub] = [OpCodes.Sub], [LowOpCode.FloatMul] = [OpCodes.Mul],
        [LowOpCode.FloatNeg] = [OpCodes.Neg],
        [LowOpCode.CastIntToFloat] = [OpCodes.Conv_R8], [LowOpCode.CastUintToFloat] = [OpCodes.Conv_R_Un, OpCodes.Conv_R8],
        [LowOpCode.CastBoolToInt] = [OpCodes.Conv_U8], [LowOpCode.CastCharToInt] = [OpCodes.Conv_U8],
        [LowOpCode.CastIntToUint] = [], [LowOpCode.CastUintToInt] = [], [LowOpCode.SameAs] = [], [LowOpCode.JitPromote] = [],
        [LowOpCode.BoolNot] = [OpCodes.Ldc_I4_0, OpCodes.Ceq],
    };

    private void EmitOperation(TypedOperation operation, TypedBlock? handledBy)
    {
        var code = operation.Code;
        var effects = operation.Info.Effects;
        bool mayRaise = _translator.Raises.MayRaise(operation);
        bool removable = (effects & (OpEffects.WritesHeap | OpEffects.Calls | OpEffects.External)) == 0 && !mayRaise;
        if (code is LowOpCode.JitMergePoint or LowOpCode.JitCanEnterJit)
        {
            EmitPortalHook(operation);
            return;
        }
        if (removable && !IsUsed(operation.Result))
            return;
        bool valueIterator = operation.Args.Length > 0 && operation.Args[0] is TypedVariable source && _iterators.SourceOf(source) is not null;
        if (code == LowOpCode.IterNext && (handledBy is not null || valueIterator))
        {
            EmitIterNextBranch(operation, handledBy);
            return;
        }
        if (mayRaise && EmitCheckedInline(operation, handledBy))
            return;
        if (code == LowOpCode.DirectCall && TryInline(operation, handledBy))
            return;
        if (code is LowOpCode.RangeIter or LowOpCode.IterNew && _iterators.SourceOf(operation.Result) is { } kind)
            Store(operation.Result, EmitIteratorState(operation, kind));
        else
            Store(operation.Result, EmitValue(operation));
        if (mayRaise)
            EmitRaiseCheck(handledBy);
    }

    private LowLevelType ResultType(TypedOperation operation) => operation.Result.Type;

    /// <summary>Emits the operation and returns the CLR type it leaves on the stack (void for none).</summary>
    private Type EmitValue(TypedOperation operation)
    {
        var code = operation.Code;
        var args = operation.Args;
        var resultClr = operation.Result.Type.Kind == TypeKind.Void ? typeof(void) : LocalType(operation.Result);
        if (Simple.TryGetValue(code, out var simple))
        {
            foreach (var arg in args)
                Load(arg, code is LowOpCode.SameAs or LowOpCode.JitPromote ? resultClr : OperandType(code, arg, resultClr));
            foreach (var op in simple)
                _il.Emit(op);
            return resultClr;
        }
        if (Comparisons.TryGetValue(code, out var comparison))
        {
            foreach (var arg in args)
                Load(arg, LocalTypeOf(arg));
            foreach (var op in comparison)
                _il.Emit(op);
            return typeof(bool);
        }
        switch (code)
        {
            case LowOpCode.IntIsTrue:
                Load(args[0], typeof(long));
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(OpCodes.Cgt_Un);
                return typeof(bool);
            case LowOpCode.FloatIsTrue:
                Load(args[0], typeof(double));
                _il.Emit(OpCodes.Ldc_R8, 0.0);
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                return typeof(bool);
            case LowOpCode.IntLShift or LowOpCode.IntRShift or LowOpCode.UintRShift when ConstantShift(args[1]) is { } amount:
                Load(args[0], LocalTypeOf(args[0]));
                _il.Emit(OpCodes.Ldc_I4, amount);
                _il.Emit(code == LowOpCode.IntLShift ? OpCodes.Shl : code == LowOpCode.IntRShift ? OpCodes.Shr : OpCodes.Shr_Un);
                return resultClr;
            case LowOpCode.FloatAbs: return Call(MathAbs, args);
            case LowOpCode.FloatSin: return Call(MathSin, args);
            case LowOpCode.FloatCos: return Call(MathCos, args);
            case LowOpCode.FloatIsNan: return Call(IsNaN, args);
            case LowOpCode.FloatIsInf: return Call(IsInfinity, args);
            case LowOpCode.FloatMath or LowOpCode.FloatMath2:
            {
                var helper = _translator.Helpers.Resolve(code.ToString(), [.. args.Select(a => a.Type), LowLevelType.Signed], ResultType(operation));
                for (int i = 0; i < args.Length; i++)
                    Load(args[i], typeof(double));
                _il.Emit(OpCodes.Ldc_I4, (int)(Runtime.Builtins.MathFunction)operation.Descriptor!);
                _il.Emit(OpCodes.Call, helper);
                return typeof(double);
            }
            case LowOpCode.JitWeAreJitted:
                _il.Emit(OpCodes.Ldc_I4_0);
                return typeof(bool);
            case LowOpCode.PtrEq or LowOpCode.PtrNe:
                if (args.Any(a => a.Type.Kind == TypeKind.Str))
                {
                    Call(StrEq, args);
                }
                else
                {
                    Load(args[0], CommonType(args[0], args[1]));
                    Load(args[1], CommonType(args[0], args[1]));
                    _il.Emit(OpCodes.Ceq);
                }
                if (code == LowOpCode.PtrNe)
                {
                    _il.Emit(OpCodes.Ldc_I4_0);
                    _il.Emit(OpCodes.Ceq);
                }
                return typeof(bool);
            case LowOpCode.PtrIsNull or LowOpCode.PtrNonNull:
                Load(args[0], LocalTypeOf(args[0]) is { IsPrimitive: false } pointer && pointer != typeof(IntPtr) ? pointer : typeof(object));
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(code == LowOpCode.PtrIsNull ? OpCodes.Ceq : OpCodes.Cgt_Un);
                return typeof(bool);
            case LowOpCode.InstanceOf:
                Load(args[0], LocalTypeOf(args[0]));
                _il.Emit(OpCodes.Isinst, Types.ClassOf((ClassDescriptor)operation.Descriptor!));
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Cgt_Un);
                return typeof(bool);
            case LowOpCode.New:
            {
                var constructor = _translator.Classes.ConstructorOf((ClassDescriptor)operation.Descriptor!);
                if (constructor.Parameters.Count == 1)
                    _il.Emit(OpCodes.Ldstr, "");
                _il.Emit(OpCodes.Newobj, constructor);
                return constructor.Receiver!;
            }
            case LowOpCode.GetField:
            {
                var field = _translator.Classes.FieldOf((FieldDescriptor)operation.Descriptor!);
                Load(args[0], field.Owner);
                _il.Emit(OpCodes.Ldfld, field);
                return field.FieldType;
            }
            case LowOpCode.SetField:
            {
                var field = _translator.Classes.FieldOf((FieldDescriptor)operation.Descriptor!);
                Load(args[0], field.Owner);
                Load(args[1], field.FieldType);
                _il.Emit(OpCodes.Stfld, field);
                return typeof(void);
            }
            case LowOpCode.NewTuple:
            {
                var tuple = (TupleType)ResultType(operation);
                if (tuple.Items.Length == 0)
                {
                    _il.Emit(OpCodes.Ldloc, NewLocal(typeof(ValueTuple)));
                    return typeof(ValueTuple);
                }
                Types.EmitNewTuple(_il, tuple, (i, type) => Load(args[i], type));
                return Types.Of(tuple);
            }
            case LowOpCode.TupleGetItem:
            {
                var path = Types.TupleItemPath((TupleType)args[0].Type, (int)operation.Descriptor!);
                Load(args[0], path[0].Owner);
                foreach (var field in path)
                    _il.Emit(OpCodes.Ldfld, field);
                return path[^1].FieldType;
            }
            case LowOpCode.NewList:
            {
                var list = (ListType)ResultType(operation);
                _il.Emit(OpCodes.Ldc_I4, args.Length);
                _il.Emit(OpCodes.Call, _translator.Helpers.Resolve("NewList", [LowLevelType.Signed], list));
                var append = _translator.Helpers.Resolve("ListAppend", [list, list.Item], LowLevelType.Void);
                foreach (var arg in args)
                {
                    _il.Emit(OpCodes.Dup);
                    Load(arg, append.Parameters[1]);
                    _il.Emit(OpCodes.Call, append);
                }
                return Types.Of(list);
            }
            case LowOpCode.NewDict:
            {
                var dict = (DictType)ResultType(operation);
                _il.Emit(OpCodes.Call, _translator.Helpers.Resolve("NewDict", [], dict));
                var set = _translator.Helpers.Resolve("DictSetItem", [dict, dict.Key, dict.Value], LowLevelType.Void);
                for (int i = 0; i + 1 < args.Length; i += 2)
                {
                    _il.Emit(OpCodes.Dup);
                    Load(args[i], set.Parameters[1]);
                    Load(args[i + 1], set.Parameters[2]);
                    _il.Emit(OpCodes.Call, set);
                }
                return Types.Of(dict);
            }
            case LowOpCode.IterNew:
                return EmitIterNew(operation);
            case LowOpCode.IterNext:
            {
                var iterator = (IteratorType)args[0].Type;
                var type = Types.Of(iterator);
                var method = ClrTypes.MethodOn(type, typeof(RIterator<>).GetMethod(nameof(RIterator<int>.NextOrRaise))!);
                Load(args[0], type);
                _il.Emit(OpCodes.Callvirt, new IlMethod(method, [], Types.Of(iterator.Item), type));
                return Types.Of(iterator.Item);
            }
            case LowOpCode.ToStr or LowOpCode.ToRepr:
                return CallHelper(TextHelper(code, args[0].Type), args, ResultType(operation));
            case LowOpCode.ListSum:
            {
                string name = (((ListType)args[0].Type).Item.Kind, args[1].Type.Kind) switch
                {
                    (TypeKind.Signed, TypeKind.Signed) => nameof(ListOps.ListSumInt),
                    (TypeKind.Signed, TypeKind.Float) => nameof(ListOps.ListSumIntToFloat),
                    _ => nameof(ListOps.ListSumFloat),
                };
                return CallHelper(name, args, ResultType(operation));
            }
            case LowOpCode.WriteStdout: return Call(WriteStdout, args);
            case LowOpCode.JitSetParam: return EmitSetParam(operation);
            case LowOpCode.DirectCall: return EmitCall(_translator.MethodOf((FunctionDescriptor)operation.Descriptor!), args, operation);
            case LowOpCode.MethodCall: return EmitMethodCall(operation);
            case LowOpCode.IndirectCall:
            {
                var function = (FunctionType)args[0].Type;
                var parameters = function.Parameters.Select(Types.Of).ToList();
                for (int i = 1; i < args.Length; i++)
                    Load(args[i], parameters[i - 1]);
                Load(args[0], typeof(IntPtr));
                var returns = Types.ReturnOf(function.Result);
                _il.Emit(OpCodes.Calli, new IlSignature(parameters, returns));
                return VoidResult(returns, operation);
            }
            default:
                return CallHelper(code.ToString(), args, ResultType(operation));
        }
    }

    private Type LocalTypeOf(TypedValue value) => value.Type.Kind is TypeKind.Void ? typeof(object) : Types.Of(value.Type);

    /// <summary>The CLR type a simple row's operand is loaded as: its own, except constants follow the result (an int literal in float code).</summary>
    private Type OperandType(LowOpCode code, TypedValue arg, Type result) =>
        arg is TypedConstant && code is not (LowOpCode.CastIntToFloat or LowOpCode.CastUintToFloat or LowOpCode.CastBoolToInt or LowOpCode.CastCharToInt)
            ? (result == typeof(bool) ? LocalTypeOf(arg) : result) : LocalTypeOf(arg);

    private Type CommonType(TypedValue a, TypedValue b)
    {
        var left = LocalTypeOf(a);
        var right = LocalTypeOf(b);
        if (left == typeof(IntPtr) || right == typeof(IntPtr))
            return typeof(IntPtr);
        return left == right ? left : typeof(object);
    }

    private static int? ConstantShift(TypedValue amount) => amount switch
    {
        TypedConstant { Value: long word } when word is >= 0 and < 64 => (int)word,
        _ => null,
    };

    private static string TextHelper(LowOpCode code, LowLevelType operand) => (code, operand.Kind) switch
    {
        (_, TypeKind.Signed) => nameof(TextOps.IntToStr),
        (_, TypeKind.Float) => nameof(TextOps.FloatToStr),
        (LowOpCode.ToStr, TypeKind.Str or TypeKind.NoneType) => nameof(TextOps.StrToStr),
        (LowOpCode.ToRepr, TypeKind.Str) => nameof(TextOps.StrToRepr),
        (LowOpCode.ToStr, TypeKind.Char) => nameof(TextOps.CastCharToStr),
        (LowOpCode.ToStr, _) => nameof(TextOps.ToStr),
        _ => nameof(TextOps.ToRepr),
    };

    private Type CallHelper(string name, IReadOnlyList<TypedValue> args, LowLevelType result)
    {
        var helper = _translator.Helpers.Resolve(name, [.. args.Select(a => a.Type)], result);
        return Call(helper, args);
    }

    private Type Call(IlMethod method, IReadOnlyList<TypedValue> args)
    {
        for (int i = 0; i < args.Count; i++)
            Load(args[i], method.Parameters[i]);
        _il.Emit(OpCodes.Call, method);
        return method.ReturnType;
    }

    private Type EmitCall(IlMethod method, IReadOnlyList<TypedValue> args, TypedOperation operation)
    {
        Call(method, args);
        return VoidResult(method.ReturnType, operation);
    }

    /// <summary>A call of a function returning None leaves nothing; the result variable (if read) gets null.</summary>
    private Type VoidResult(Type returns, TypedOperation operation)
    {
        if (returns != typeof(void) || !IsUsed(operation.Result))
            return returns;
        _il.Emit(OpCodes.Ldnull);
        return typeof(object);
    }

    private Type EmitMethodCall(TypedOperation operation)
    {
        var slot = (MethodDescriptor)operation.Descriptor!;
        var receiver = (operation.Args[0].Type as InstanceType)?.Class ?? slot.Owner;
        if (_translator.Classes.VirtualSlot(receiver, slot) is { } virtualSlot)
        {
            Load(operation.Args[0], virtualSlot.Receiver!);
            for (int i = 1; i < operation.Args.Length; i++)
                Load(operation.Args[i], virtualSlot.Parameters[i - 1]);
            _il.Emit(OpCodes.Callvirt, virtualSlot);
            return VoidResult(virtualSlot.ReturnType, operation);
        }
        var implementation = (receiver.ResolveMethod(slot.Name) ?? slot).Implementation;
        return EmitCall(_translator.MethodOf(implementation), operation.Args, operation);
    }

    private Type EmitIterNew(TypedOperation operation)
    {
        var source = operation.Args[0];
        var iterator = (IteratorType)ResultType(operation);
        switch (source.Type)
        {
            case ListType:
                return CallHelper(nameof(ListOps.IterList), [source], iterator);
            case DictType:
                return CallHelper(nameof(ListOps.IterDict), [source], iterator);
            case TupleType tuple:
            {
                var list = new ListType(iterator.Item);
                _il.Emit(OpCodes.Ldc_I4, tuple.Items.Length);
                _il.Emit(OpCodes.Call, _translator.Helpers.Resolve("NewList", [LowLevelType.Signed], list));
                var append = _translator.Helpers.Resolve("ListAppend", [list, list.Item], LowLevelType.Void);
                for (int i = 0; i < tuple.Items.Length; i++)
                {
                    var path = Types.TupleItemPath(tuple, i);
                    _il.Emit(OpCodes.Dup);
                    Load(source, path[0].Owner);
                    foreach (var field in path)
                        _il.Emit(OpCodes.Ldfld, field);
                    Convert(path[^1].FieldType, append.Parameters[1]);
                    _il.Emit(OpCodes.Call, append);
                }
                var iterList = _translator.Helpers.Resolve(nameof(ListOps.IterList), [list], iterator);
                _il.Emit(OpCodes.Call, iterList);
                return iterList.ReturnType;
            }
            default:
                return CallHelper(nameof(ListOps.IterStr), [source], iterator);
        }
    }

    /// <summary>Indexing and division with their check inline and the raise out of line: the branch to the raise
    /// never returns into the code after the operation (see Runtime's Raises). False for other operations.</summary>
    private bool EmitCheckedInline(TypedOperation operation, TypedBlock? handledBy)
    {
        var args = operation.Args;
        var helpers = _translator.Helpers;
        var raise = _il.DefineLabel();
        string message;
        switch (operation.Code)
        {
            case LowOpCode.ListGetItem or LowOpCode.ListSetItem:
            {
                var list = (ListType)args[0].Type;
                var listClr = Types.Of(list);
                int position = NewLocal(typeof(long));
                Load(args[0], listClr);
                Load(args[1], typeof(long));
                _il.Emit(OpCodes.Call, helpers.Resolve(nameof(Raises.ListPosition), [list, LowLevelType.Signed], LowLevelType.Signed));
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Stloc, position);
                Load(args[0], listClr);
                _il.Emit(OpCodes.Call, helpers.Resolve(nameof(Raises.ListCount), [list], LowLevelType.Signed));
                _il.Emit(OpCodes.Bge_Un, raise);
                Load(args[0], listClr);
                _il.Emit(OpCodes.Ldloc, position);
                if (operation.Code == LowOpCode.ListGetItem)
                {
                    var at = helpers.Resolve(nameof(Raises.ListAt), [list, LowLevelType.Signed], list.Item);
                    _il.Emit(OpCodes.Call, at);
                    Store(operation.Result, at.ReturnType);
                    message = "list index out of range";
                }
                else
                {
                    var store = helpers.Resolve(nameof(Raises.ListStore), [list, LowLevelType.Signed, list.Item], LowLevelType.Void);
                    Load(args[2], store.Parameters[2]);
                    _il.Emit(OpCodes.Call, store);
                    message = "list assignment index out of range";
                }
                break;
            }
            case LowOpCode.StrGetItem:
            {
                int position = NewLocal(typeof(long));
                Load(args[0], typeof(string));
                Load(args[1], typeof(long));
                _il.Emit(OpCodes.Call, Runtime(typeof(Raises), nameof(Raises.StrPosition), typeof(string), typeof(long)));
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Stloc, position);
                Load(args[0], typeof(string));
                _il.Emit(OpCodes.Call, Runtime(typeof(Raises), nameof(Raises.StrCount), typeof(string)));
                _il.Emit(OpCodes.Bge_Un, raise);
                Load(args[0], typeof(string));
                _il.Emit(OpCodes.Ldloc, position);
                _il.Emit(OpCodes.Call, Runtime(typeof(Raises), nameof(Raises.StrAt), typeof(string), typeof(long)));
                Store(operation.Result, typeof(char));
                message = "string index out of range";
                break;
            }
            case LowOpCode.IntFloorDiv or LowOpCode.IntMod when args[1].Type.Kind == TypeKind.Signed && args[0].Type.Kind == TypeKind.Signed:
                Load(args[1], typeof(long));
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(OpCodes.Beq, raise);
                Load(args[0], typeof(long));
                Load(args[1], typeof(long));
                _il.Emit(OpCodes.Call, Runtime(typeof(Raises), operation.Code == LowOpCode.IntFloorDiv ? nameof(Raises.FloorDivNonZero) : nameof(Raises.ModNonZero),
                    typeof(long), typeof(long)));
                Store(operation.Result, typeof(long));
                message = operation.Code == LowOpCode.IntFloorDiv ? NumberOps.DivisionByZero : NumberOps.ModuloByZero;
                break;
            case LowOpCode.FloatTrueDiv:
                Load(args[1], typeof(double));
                _il.Emit(OpCodes.Ldc_R8, 0.0);
                _il.Emit(OpCodes.Beq, raise);
                Load(args[0], typeof(double));
                Load(args[1], typeof(double));
                _il.Emit(OpCodes.Div);
                Store(operation.Result, typeof(double));
                message = "float division by zero";
                break;
            default:
                return false;
        }
        var raiser = Runtime(typeof(Raises), operation.Code is LowOpCode.IntFloorDiv or LowOpCode.IntMod or LowOpCode.FloatTrueDiv
            ? nameof(Raises.ZeroDivision) : nameof(Raises.IndexError), typeof(string));
        AddHandlerSection(() =>
        {
            _il.MarkLabel(raise);
            _il.Emit(OpCodes.Ldstr, message);
            _il.Emit(OpCodes.Call, raiser);
            _il.Emit(OpCodes.Br, handledBy is null ? Propagate : Dispatch(handledBy));
        });
        return true;
    }

    /// <summary>A for-loop iterator made as a value (IteratorStates): RangeState, ListState or StrState.</summary>
    private Type EmitIteratorState(TypedOperation operation, IteratorSource source)
    {
        var item = ((IteratorType)ResultType(operation)).Item;
        var state = Types.StateOf(source, item);
        var args = operation.Args;
        switch (source)
        {
            case IteratorSource.Range or IteratorSource.RangeUp:
                return Call(Runtime(state, "Create", typeof(long), typeof(long), typeof(long)), args);
            case IteratorSource.DictKeys:
            {
                var keys = _translator.Helpers.Resolve(nameof(DictOps.DictKeys), [args[0].Type], new ListType(item));
                Call(keys, args);
                break;
            }
            default:
                Load(args[0], source == IteratorSource.Str ? typeof(string) : Types.Of(args[0].Type));
                break;
        }
        var definition = (source == IteratorSource.Str ? typeof(StrState<>) : typeof(ListState<>)).GetMethod("Create")!;
        var parameter = source == IteratorSource.Str ? typeof(string) : Types.Of(new ListType(item));
        _il.Emit(OpCodes.Call, new IlMethod(ClrTypes.MethodOn(state, definition), [parameter], state, null));
        return state;
    }

    /// <summary>iter_next as Next(out item) and a branch: to the block's StopIteration handler when it ends a
    /// block with handlers (no exception object is made for the end of an ordinary loop), else StopIteration
    /// is raised. Value iterators are advanced in place through their local's address.</summary>
    private void EmitIterNextBranch(TypedOperation operation, TypedBlock? block)
    {
        var iteratorVariable = (TypedVariable)operation.Args[0];
        var iterator = (IteratorType)iteratorVariable.Type;
        var type = LocalType(iteratorVariable);
        var itemType = Types.Of(iterator.Item);
        bool isValue = _iterators.SourceOf(iteratorVariable) is not null;
        var end = _il.DefineLabel();
        if (isValue)
        {
            // HasNext, then Take: no out parameter, so the CLR JIT keeps the loop variable in a register
            var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            var hasNext = ClrTypes.MethodOn(type, definition.GetMethod("HasNext")!);
            var take = ClrTypes.MethodOn(type, definition.GetMethod("Take")!);
            _il.Emit(OpCodes.Ldloca, LocalOf(iteratorVariable));
            _il.Emit(OpCodes.Call, new IlMethod(hasNext, [], typeof(bool), type));
            _il.Emit(OpCodes.Brfalse, end);
            _il.Emit(OpCodes.Ldloca, LocalOf(iteratorVariable));
            _il.Emit(OpCodes.Call, new IlMethod(take, [], itemType, type));
            Store(operation.Result, itemType);
        }
        else
        {
            var next = ClrTypes.MethodOn(type, typeof(RIterator<>).GetMethod("Next")!);
            int item = IsUsed(operation.Result) ? LocalOf(operation.Result) : NewLocal(itemType);
            Load(iteratorVariable, type);
            _il.Emit(OpCodes.Ldloca, item);
            _il.Emit(OpCodes.Callvirt, new IlMethod(next, [itemType.MakeByRefType()], typeof(bool), type));
            _il.Emit(OpCodes.Brfalse, end);
        }
        AddHandlerSection(() =>
        {
            _il.MarkLabel(end);
            var stopIteration = typeof(PyStopIteration);
            var handler = block?.Links.Skip(1).FirstOrDefault(link => Types.IsAssignable(Types.ClassOf(link.Catches!), stopIteration));
            bool needsObject = handler is null || handler.ExceptionValue is { } caught && IsUsed(caught);
            if (needsObject)
            {
                _il.Emit(OpCodes.Ldstr, "");
                _il.Emit(OpCodes.Newobj, new IlMethod(stopIteration.GetConstructor([typeof(string)])!, [typeof(string)], typeof(void), stopIteration));
            }
            if (handler is null)
            {
                _il.Emit(OpCodes.Stsfld, PendingException);
                _il.Emit(OpCodes.Br, block is null ? Propagate : Dispatch(block));
                return;
            }
            if (needsObject)
                StoreCaught(handler.ExceptionValue, stopIteration);
            EmitLink(handler);
        });
    }
}
