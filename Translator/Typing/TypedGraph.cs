// The typed IR: the flow-graph shape (blocks with input variables, operations, links that pass values,
// an exit switch) where every value has a low-level representation and every operation is a row of
// LowOps. Produced by lowering; checked by TypedGraphVerifier; run by the graph interpreter; consumed
// by the backends.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Typing;

public abstract class TypedValue(LowLevelType type)
{
    public LowLevelType Type { get; } = type;
}

/// <summary>An SSA variable with its representation.</summary>
public sealed class TypedVariable(int id, string? nameHint, LowLevelType type) : TypedValue(type)
{
    public int Id { get; } = id;

    public string? NameHint { get; } = nameHint;

    public override string ToString() => NameHint is null ? $"v{Id}" : $"v{Id}_{NameHint}";
}

/// <summary>A constant: null (None), bool, long, double, char, string, a FunctionDescriptor, or a
/// prebuilt object (kept as the interpreter's value for it).</summary>
public sealed class TypedConstant(object? value, LowLevelType type) : TypedValue(type)
{
    public object? Value { get; } = value;

    public override string ToString() => Value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n") + "'",
        char c => "'" + c + "'",
        double d => Runtime.Builtins.PythonText.FloatRepr(d),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "<" + Value + ">",
    };
}

public sealed class TypedOperation(LowOpCode code, ImmutableArray<TypedValue> args, TypedVariable result, object? descriptor, SourceSpan? span)
{
    public LowOpCode Code { get; } = code;

    public ImmutableArray<TypedValue> Args { get; } = args;

    /// <summary>The result; its type is Void for operations without a value.</summary>
    public TypedVariable Result { get; } = result;

    /// <summary>A ClassDescriptor, FieldDescriptor, FunctionDescriptor, MethodDescriptor or int index,
    /// as the operation's row in LowOps requires.</summary>
    public object? Descriptor { get; } = descriptor;

    public SourceSpan? Span { get; } = span;

    public LowOpInfo Info => Code.Info();
}

public enum TypedExit
{
    /// <summary>One link (none for the return and except blocks).</summary>
    Goto,
    /// <summary>A Bool variable selects the False link then the True link.</summary>
    Bool,
    /// <summary>The last operation may raise: the first link is the normal path, each other link
    /// catches one exception class (subclasses too), tried in order.</summary>
    LastException,
}

public sealed class TypedLink(TypedBlock target, IEnumerable<TypedValue> args)
{
    public TypedBlock Target { get; } = target;

    public ImmutableArray<TypedValue> Args { get; } = [.. args];

    /// <summary>On an exception link: the class it catches.</summary>
    public ClassDescriptor? Catches { get; init; }

    /// <summary>On an exception link: the variable that receives the caught exception (it may appear in Args).</summary>
    public TypedVariable? ExceptionValue { get; init; }
}

public sealed class TypedBlock(IEnumerable<TypedVariable> inputs)
{
    public ImmutableArray<TypedVariable> Inputs { get; } = [.. inputs];

    public List<TypedOperation> Operations { get; } = [];

    public TypedExit Exit { get; private set; }

    public TypedVariable? Condition { get; private set; }

    public List<TypedLink> Links { get; } = [];

    /// <summary>Removes the block's exit (before giving it another one).</summary>
    public void ClearExit()
    {
        Exit = TypedExit.Goto;
        Condition = null;
        Links.Clear();
    }

    public void Goto(TypedLink link)
    {
        Exit = TypedExit.Goto;
        Links.Add(link);
    }

    public void Branch(TypedVariable condition, TypedLink whenFalse, TypedLink whenTrue)
    {
        Exit = TypedExit.Bool;
        Condition = condition;
        Links.Add(whenFalse);
        Links.Add(whenTrue);
    }

    public void Catch(TypedLink normal, IEnumerable<TypedLink> handlers)
    {
        Exit = TypedExit.LastException;
        Links.Add(normal);
        Links.AddRange(handlers);
    }
}

/// <summary>One lowered function: parameters are the start block's inputs; the return block has one
/// input (the result), the except block one input (the exception escaping the function).</summary>
public sealed class TypedGraph
{
    private int _nextId;

    public TypedGraph(string name, IEnumerable<(string Name, LowLevelType Type)> parameters, LowLevelType result, LowLevelType exception)
    {
        Name = name;
        StartBlock = new TypedBlock([.. parameters.Select(p => NewVariable(p.Name, p.Type))]);
        ReturnBlock = new TypedBlock([NewVariable("result", result)]);
        ExceptBlock = new TypedBlock([NewVariable("exc", exception)]);
    }

    public string Name { get; }

    public TypedBlock StartBlock { get; }

    public TypedBlock ReturnBlock { get; }

    public TypedBlock ExceptBlock { get; }

    public TypedVariable NewVariable(string? nameHint, LowLevelType type) => new(_nextId++, nameHint, type);

    /// <summary>Blocks reachable from the start block, in depth-first order (start first).</summary>
    public List<TypedBlock> Blocks()
    {
        var seen = new HashSet<TypedBlock>();
        var order = new List<TypedBlock>();
        var stack = new Stack<TypedBlock>();
        stack.Push(StartBlock);
        while (stack.Count > 0)
        {
            var block = stack.Pop();
            if (!seen.Add(block))
                continue;
            order.Add(block);
            for (int i = block.Links.Count - 1; i >= 0; i--)
                stack.Push(block.Links[i].Target);
        }
        return order;
    }

    /// <summary>Adds to <paramref name="uses"/> how many times each variable is read: as an operand, a branch
    /// condition, a link argument, or the value the return or except block passes out.</summary>
    public void CountUses(Dictionary<TypedVariable, int> uses)
    {
        void Use(TypedValue value)
        {
            if (value is TypedVariable variable)
                uses[variable] = uses.GetValueOrDefault(variable) + 1;
        }
        foreach (var block in Blocks())
        {
            foreach (var operation in block.Operations)
            {
                foreach (var arg in operation.Args)
                    Use(arg);
            }
            if (block.Condition is { } condition)
                Use(condition);
            foreach (var link in block.Links)
            {
                foreach (var arg in link.Args)
                    Use(arg);
            }
            if (block == ReturnBlock || block == ExceptBlock)
                Use(block.Inputs[0]);
        }
    }
}
