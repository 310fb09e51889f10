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

    /// <summary>Operations executed so far; the run stops with StepLimitExceededException beyond MaxSteps.</summary>
    public long Steps { get; private set; }

    public long MaxSteps { get; init; } = long.MaxValue;

    /// <summary>The lowered function of each user function that prebuilt constants may hold.</summary>
    public IReadOnlyDictionary<Descriptions.FunctionDesc, FunctionDescriptor> Functions { get; init; } =
        new Dictionary<Descriptions.FunctionDesc, FunctionDescriptor>();

    /// <summary>The class of each user class, for prebuilt instances.</summary>
    public IReadOnlyDictionary<Descriptions.ClassDesc, ClassDescriptor> Classes { get; init; } =
        new Dictionary<Descriptions.ClassDesc, ClassDescriptor>();

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
            return JitCodes?.GetValueOrDefault(function) is { } jitcode ? RunJitCode(jitcode, args) : Run(graph, args);
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
                if (++Steps > MaxSteps)
                    throw new StepLimitExceededException(MaxSteps);
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
                // word operations compute longs; an Unsigned result keeps its bits as a ulong
                values[operation.Result] = result is long word && operation.Result.Type.Kind == TypeKind.Unsigned ? unchecked((ulong)word) : result;
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

    private object? Evaluate(TypedValue value, Dictionary<TypedVariable, object?> values) =>
        value is TypedConstant constant ? ConstantValue(constant.Value, constant.Type) : values[(TypedVariable)value];

    /// <summary>Interpreter values of prebuilt constants (tuples, lists, dicts, instances made by module-level
    /// code), made once so that mutable prebuilt objects keep their identity.</summary>
    private readonly Dictionary<object, object?> _prebuilt = new(ReferenceEqualityComparer.Instance);

    private object? ConstantValue(object? value, LowLevelType type)
    {
        if (value is not Flow.Constant constant)
        {
            return value switch
            {
                string { Length: 1 } text when type.Kind == TypeKind.Char => text[0],
                long word when type.Kind == TypeKind.Unsigned => unchecked((ulong)word),
                _ => value,
            };
        }
        switch (constant.Kind)
        {
            case Flow.ConstantKind.Tuple:
            {
                var items = (System.Collections.Immutable.ImmutableArray<Flow.Constant>)constant.Value!;
                var types = type as TupleType;
                return new RpyTuple([.. items.Select((item, i) => ConstantValue(item, types?.Items[i] ?? LowLevelType.Void))]);
            }
            case Flow.ConstantKind.List or Flow.ConstantKind.Dict or Flow.ConstantKind.Instance:
                if (_prebuilt.TryGetValue(constant.Value!, out var made))
                    return made;
                return MakePrebuilt(constant, type);
            case Flow.ConstantKind.Str:
                return type.Kind == TypeKind.Char && constant.Value is string { Length: 1 } one ? one[0] : constant.Value;
            case Flow.ConstantKind.Int when type.Kind == TypeKind.Float:
                return (double)(long)constant.Value!;
            case Flow.ConstantKind.None or Flow.ConstantKind.Bool or Flow.ConstantKind.Int or Flow.ConstantKind.Float:
                return constant.Value;
            case Flow.ConstantKind.Function:
                return Functions.GetValueOrDefault(constant.As<Descriptions.FunctionDesc>());
            default:
                return null;
        }
    }

    private object? MakePrebuilt(Flow.Constant constant, LowLevelType type)
    {
        switch (constant.Value)
        {
            case Descriptions.PrebuiltList list:
            {
                var made = new RpyList([]);
                _prebuilt[list] = made;
                var item = (type as ListType)?.Item ?? LowLevelType.Void;
                made.Items.AddRange(list.Items.Select(i => ConstantValue(i, item)));
                return made;
            }
            case Descriptions.PrebuiltDict dict:
            {
                var made = new RpyDict();
                _prebuilt[dict] = made;
                var dictType = type as DictType;
                foreach (var (key, value) in dict.Entries)
                    made.Items[ConstantValue(key, dictType?.Key ?? LowLevelType.Void)!] = ConstantValue(value, dictType?.Value ?? LowLevelType.Void);
                return made;
            }
            case Descriptions.PrebuiltInstance instance when type is InstanceType instanceType:
            {
                // its own class, which may be a subclass of the class the constant is used as
                var cls = Classes.GetValueOrDefault(instance.Class) ?? instanceType.Class;
                var made = new RpyInstance(cls);
                _prebuilt[instance] = made;
                foreach (var (field, value) in PrebuiltFields.Of(instance, cls))
                    made.Fields[field] = ConstantValue(value, field.Type);
                return made;
            }
        }
        return null;
    }

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
        TypeKind.Unsigned => 0UL,
        TypeKind.Float => 0.0,
        TypeKind.Bool => false,
        TypeKind.Char => '\0',
        _ => null,
    };
}

/// <summary>The interpreter ran more operations than its MaxSteps allowed (a guard for tests).</summary>
public sealed class StepLimitExceededException(long limit) : Exception($"the program ran more than {limit} operations");
