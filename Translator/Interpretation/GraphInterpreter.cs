// The graph interpreter (PyPy's llinterp): runs typed graphs directly, operation by operation, with
// the semantics of the LowOps table. It is the third oracle beside CPython and the translated program,
// and what `clrpy run` uses. RPy exceptions are not CLR exceptions here: an operation that raises sets
// the pending exception, and the block's exception links or the caller handle it (explicit checks, the
// same lowering translated programs use).
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Interpretation;

public sealed partial class GraphInterpreter(BuiltinClasses builtins, TextWriter stdout)
{
    private RpyInstance? _pending;
    private int _depth;

    /// <summary>Calls deeper than this raise RecursionError (run the interpreter on a thread with a
    /// large stack, as `clrpy run` does, so the limit is reached before the CLR stack is).</summary>
    public int MaxDepth { get; init; } = 5_000;

    /// <summary>Calls a function; the result is its value or the RPy exception that escaped it.</summary>
    public (object? Value, RpyInstance? Exception) Call(FunctionDescriptor function, IReadOnlyList<object?> args)
    {
        object? value = Invoke(function, args);
        var raised = _pending;
        _pending = null;
        return (value, raised);
    }

    private object? Invoke(FunctionDescriptor function, IReadOnlyList<object?> args)
    {
        var graph = function.Graph ?? throw new InvalidOperationException($"function {function.Name} has no graph");
        if (_depth >= MaxDepth)
        {
            Raise("RecursionError", "maximum recursion depth exceeded");
            return null;
        }
        _depth++;
        try
        {
            return Run(graph, args);
        }
        finally
        {
            _depth--;
        }
    }

    private object? Run(TypedGraph graph, IReadOnlyList<object?> args)
    {
        var block = graph.StartBlock;
        var values = new Dictionary<TypedVariable, object?>();
        if (args.Count != block.Inputs.Length)
            throw new InvalidOperationException($"{graph.Name} takes {block.Inputs.Length} arguments, got {args.Count}");
        for (int i = 0; i < args.Count; i++)
            values[block.Inputs[i]] = args[i];
        while (true)
        {
            if (block == graph.ReturnBlock)
                return values[block.Inputs[0]];
            if (block == graph.ExceptBlock)
            {
                _pending = (RpyInstance?)values[block.Inputs[0]] ?? throw new InvalidOperationException("raised None");
                return null;
            }
            TypedLink? next = null;
            var operations = block.Operations;
            for (int i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                object? result = Execute(operation, values);
                if (_pending is { } exception)
                {
                    if (i < operations.Count - 1 || block.Exit != TypedExit.LastException)
                        return null;
                    next = Handler(block, exception);
                    if (next is null)
                        return null;
                    _pending = null;
                    values[next.ExceptionValue!] = exception;
                    break;
                }
                values[operation.Result] = result;
            }
            next ??= block.Exit switch
            {
                TypedExit.Bool => (bool)values[block.Condition!]! ? block.Links[1] : block.Links[0],
                _ => block.Links[0],
            };
            var inputs = new Dictionary<TypedVariable, object?>();
            for (int i = 0; i < next.Args.Length; i++)
                inputs[next.Target.Inputs[i]] = Evaluate(next.Args[i], values);
            values = inputs;
            block = next.Target;
        }
    }

    /// <summary>The first exception link of a block whose class the exception is an instance of.</summary>
    private static TypedLink? Handler(TypedBlock block, RpyInstance exception)
    {
        for (int i = 1; i < block.Links.Count; i++)
        {
            if (exception.Class.IsSubclassOf(block.Links[i].Catches!))
                return block.Links[i];
        }
        return null;
    }

    private static object? Evaluate(TypedValue value, Dictionary<TypedVariable, object?> values) =>
        value is TypedConstant constant ? constant.Value : values[(TypedVariable)value];

    /// <summary>Makes a builtin exception pending, as an operation that raises does.</summary>
    private void Raise(string className, string message)
    {
        var exception = new RpyInstance(builtins[className]);
        exception.Fields[builtins.Message] = message;
        _pending = exception;
    }

    /// <summary>The value of a field never written: zero, false, or None.</summary>
    private static object? DefaultOf(LowLevelType type) => type.Kind switch
    {
        TypeKind.Signed => 0L,
        TypeKind.Float => 0.0,
        TypeKind.Bool => false,
        TypeKind.Char => '\0',
        _ => null,
    };
}
