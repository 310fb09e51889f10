// Which functions may return with an RPy exception pending, so that callers test the Pending slot only
// after calls that need it (DESIGN.md decision 4: explicit checks, kept off paths that cannot raise).
// A least fixpoint over the call graph: a function raises when it reaches its except block, or when an
// operation that may raise is not caught by a handler for every exception. Used by FunctionEmitter.
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class RaiseAnalysis
{
    private readonly HashSet<FunctionDescriptor> _raising = [];
    private readonly Dictionary<string, List<FunctionDescriptor>> _implementations = [];

    public RaiseAnalysis(IReadOnlyList<FunctionDescriptor> functions, IEnumerable<ClassDescriptor> classes)
    {
        foreach (var method in classes.SelectMany(cls => cls.Methods.Values))
        {
            if (!_implementations.TryGetValue(method.Name, out var list))
                _implementations[method.Name] = list = [];
            list.Add(method.Implementation);
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var function in functions)
            {
                if (function.Graph is { } graph && !_raising.Contains(function) && Raises(graph))
                    changed = _raising.Add(function);
            }
        }
    }

    public bool CanRaise(FunctionDescriptor function) => _raising.Contains(function);

    /// <summary>Whether a call through a method slot may raise: any implementation of that name may run.</summary>
    public bool CanRaise(MethodDescriptor slot) =>
        CanRaise(slot.Implementation) || _implementations.GetValueOrDefault(slot.Name)?.Any(_raising.Contains) == true;

    /// <summary>Whether the operation may leave an exception pending (constant operands can rule it out).</summary>
    public bool MayRaise(TypedOperation operation)
    {
        if (!operation.Info.Effects.HasFlag(OpEffects.CanRaise))
            return false;
        var args = operation.Args;
        return operation.Code switch
        {
            LowOpCode.DirectCall => CanRaise((FunctionDescriptor)operation.Descriptor!),
            LowOpCode.MethodCall => CanRaise((MethodDescriptor)operation.Descriptor!),
            LowOpCode.IntFloorDiv or LowOpCode.IntMod or LowOpCode.UintFloorDiv or LowOpCode.UintMod => !IsConstant(args[1], v => v != 0),
            LowOpCode.IntLShift or LowOpCode.IntRShift or LowOpCode.UintRShift or LowOpCode.IntPow => !IsConstant(args[1], v => v >= 0),
            LowOpCode.RangeIter or LowOpCode.RangeList => !IsConstant(args[2], v => v != 0),
            LowOpCode.FloatTrueDiv => !(args[1] is TypedConstant { Value: double d } && d != 0 || IsConstant(args[1], v => v != 0)),
            _ => true,
        };
    }

    private static bool IsConstant(TypedValue value, Func<long, bool> test) => value switch
    {
        TypedConstant { Value: long word } => test(word),
        TypedConstant { Value: Translator.Flow.Constant { Value: long word } } => test(word),
        _ => false,
    };

    private bool Raises(TypedGraph graph)
    {
        foreach (var block in graph.Blocks())
        {
            if (block.Links.Any(link => link.Target == graph.ExceptBlock))
                return true;
            for (int i = 0; i < block.Operations.Count; i++)
            {
                var operation = block.Operations[i];
                if (!MayRaise(operation))
                    continue;
                bool handled = i == block.Operations.Count - 1 && block.Exit == TypedExit.LastException
                    && block.Links.Skip(1).Any(link => link.Catches!.Base is null);
                if (!handled)
                    return true;
            }
        }
        return false;
    }
}
