// Operation helpers: the tracer models only the simple typed operations itself (word and float arithmetic,
// comparisons, casts, fields, allocation of instances, calls, the JIT hints). For the CIL JIT build every
// other operation (lists, dicts, strs, tuples, raising arithmetic, iterators, printing...) is a residual call
// to a function synthesized here whose graph performs exactly that one operation, one function per distinct
// operation, operand types, result type and descriptor (`jit$op$list_getitem$3`). The exception the
// operation raises stays pending on return, as from any raising call. Used by the Codewriter when asked to.
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Jit;

public sealed class OperationHelpers(BuiltinClasses builtins)
{
    /// <summary>The rows the tracer records itself. jit_set_param is left out on purpose: as a residual call of its
    /// helper (External: a call with every effect, never folded or removed) it changes the driver's parameters on
    /// every pass through compiled code, as the interpreter does; skipping it in traces would lose a set_param made
    /// inside the loop.</summary>
    private static readonly HashSet<LowOpCode> Modelled =
    [
        LowOpCode.IntAdd, LowOpCode.IntSub, LowOpCode.IntMul, LowOpCode.IntAnd, LowOpCode.IntOr, LowOpCode.IntXor,
        LowOpCode.IntNeg, LowOpCode.IntInvert,
        LowOpCode.IntLt, LowOpCode.IntLe, LowOpCode.IntEq, LowOpCode.IntNe, LowOpCode.IntGt, LowOpCode.IntGe, LowOpCode.IntIsTrue,
        LowOpCode.IntAddOvf, LowOpCode.IntSubOvf, LowOpCode.IntMulOvf,
        LowOpCode.UintLt, LowOpCode.UintLe, LowOpCode.UintGt, LowOpCode.UintGe,
        LowOpCode.CastIntToUint, LowOpCode.CastUintToInt, LowOpCode.CastBoolToInt, LowOpCode.CastCharToInt, LowOpCode.CastIntToChar,
        LowOpCode.BoolNot, LowOpCode.SameAs, LowOpCode.CharEq, LowOpCode.CharLt,
        LowOpCode.FloatAdd, LowOpCode.FloatSub, LowOpCode.FloatMul, LowOpCode.FloatNeg, LowOpCode.FloatAbs,
        LowOpCode.FloatLt, LowOpCode.FloatLe, LowOpCode.FloatEq, LowOpCode.FloatNe, LowOpCode.FloatGt, LowOpCode.FloatGe,
        LowOpCode.CastIntToFloat,
        LowOpCode.New, LowOpCode.GetField, LowOpCode.SetField,
        LowOpCode.PtrEq, LowOpCode.PtrNe, LowOpCode.PtrIsNull, LowOpCode.PtrNonNull, LowOpCode.StrLen,
        LowOpCode.DirectCall, LowOpCode.MethodCall, LowOpCode.IndirectCall,
        LowOpCode.JitMergePoint, LowOpCode.JitCanEnterJit, LowOpCode.JitPromote, LowOpCode.JitWeAreJitted,
    ];

    private readonly Dictionary<(LowOpCode Code, object? Descriptor, string Shape), List<(LowLevelType[] Types, FunctionDescriptor Helper)>> _helpers = [];
    private readonly List<FunctionDescriptor> _functions = [];
    private readonly HashSet<FunctionDescriptor> _isHelper = [];

    /// <summary>Every helper made so far, in the order they were made.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _functions;

    /// <summary>Whether the tracer models the operation itself (no helper).</summary>
    public static bool IsModelled(LowOpCode code) => Modelled.Contains(code);

    /// <summary>Whether <paramref name="function"/> is one of the helpers made here.</summary>
    public bool IsHelper(FunctionDescriptor function) => _isHelper.Contains(function);

    /// <summary>The effects of the operation a helper performs (LowOps' table), for the JIT's call effect info.</summary>
    public OpEffects EffectsOf(FunctionDescriptor helper) => _effects[helper];

    private readonly Dictionary<FunctionDescriptor, OpEffects> _effects = [];

    /// <summary>The call of the helper that performs <paramref name="operation"/>: a direct_call with the operands
    /// the helper takes (constants of no value of their own, such as None, stay inside the helper).</summary>
    public TypedOperation CallOf(TypedOperation operation)
    {
        var passed = operation.Args.Where(IsPassed).ToList();
        var types = passed.Select(arg => arg.Type).Append(operation.Result.Type).ToArray();
        string shape = string.Join(",", operation.Args.Select(arg => IsPassed(arg) ? "_" : arg.ToString()));
        var key = (operation.Code, operation.Descriptor, shape);
        if (!_helpers.TryGetValue(key, out var made))
            _helpers[key] = made = [];
        var helper = made.FirstOrDefault(entry => entry.Types.AsSpan().SequenceEqual(types)).Helper;
        if (helper is null)
        {
            helper = Make(operation, passed);
            made.Add((types, helper));
        }
        return new TypedOperation(LowOpCode.DirectCall, [.. passed], operation.Result, helper, operation.Span);
    }

    /// <summary>Constants whose value the helper cannot receive as a parameter stay in its graph: None and
    /// values of no representation, and str constants standing where a char is expected.</summary>
    private static bool IsPassed(TypedValue value) => value is TypedVariable
        || value is TypedConstant constant && constant.Type.Kind is not (TypeKind.Void or TypeKind.NoneType)
            && !(constant.Type.Kind == TypeKind.Char && constant.Value is string { Length: not 1 });

    private FunctionDescriptor Make(TypedOperation operation, List<TypedValue> passed)
    {
        var result = operation.Result.Type;
        var name = $"jit$op${operation.Info.Name}${_functions.Count}";
        var helper = new FunctionDescriptor(name, [.. passed.Select(arg => arg.Type)], result);
        var graph = new TypedGraph(name, passed.Select((arg, i) => ("a" + i, arg.Type)), result, new InstanceType(builtins.BaseException));
        var parameters = graph.StartBlock.Inputs;
        int next = 0;
        var args = operation.Args.Select(arg => IsPassed(arg) ? parameters[next++] : arg).ToList();
        var value = graph.NewVariable("result", result);
        graph.StartBlock.Operations.Add(new TypedOperation(operation.Code, [.. args], value, operation.Descriptor, operation.Span));
        TypedValue returned = result.Kind == TypeKind.Void ? new TypedConstant(null, LowLevelType.Void) : value;
        graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [returned]));
        helper.Graph = graph;
        _functions.Add(helper);
        _isHelper.Add(helper);
        _effects[helper] = operation.Info.Effects;
        return helper;
    }
}
