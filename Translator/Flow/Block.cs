// A basic block: input variables, operations, and an exit switch choosing one of its links.
// Blocks are mutable while the builder fills them and are not changed afterwards.
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Flow;

/// <summary>How a block chooses among its exits.</summary>
public enum ExitSwitch
{
    /// <summary>Exactly one link, taken unconditionally; no links at all for the return and except blocks.</summary>
    None,
    /// <summary>SwitchVariable is a bool; two links with cases False then True.</summary>
    Bool,
    /// <summary>SwitchVariable is an int; links with distinct int constant cases, then one default link (case null).</summary>
    Int,
    /// <summary>The last operation may raise: the first link (case null) is the normal path; each
    /// other link has an exception class as case (tried in order, matching subclasses too) and
    /// defines its ExceptionValue variable, which it may pass to its target.</summary>
    LastException,
}

public sealed class Block
{
    public Block(IEnumerable<Variable> inputs)
    {
        Inputs = [.. inputs];
    }

    public List<Variable> Inputs { get; }

    public List<Operation> Operations { get; } = [];

    public ExitSwitch Switch { get; private set; }

    /// <summary>The variable tested by a Bool or Int switch; null otherwise.</summary>
    public Variable? SwitchVariable { get; private set; }

    public List<Link> Exits { get; } = [];

    /// <summary>Where the exit decision comes from in the source (the test of an if/while), when known.</summary>
    public SourceSpan? SwitchSpan { get; private set; }

    /// <summary>True for the return and except blocks of a graph, which have no exits.</summary>
    public bool IsFinal => Exits.Count == 0;

    public void CloseWithGoto(Link link)
    {
        Switch = ExitSwitch.None;
        Exits.Add(link);
    }

    public void CloseWithBool(Variable condition, Link whenFalse, Link whenTrue, SourceSpan? span)
    {
        Switch = ExitSwitch.Bool;
        SwitchVariable = condition;
        SwitchSpan = span;
        whenFalse.Case = Constant.False;
        whenTrue.Case = Constant.True;
        Exits.Add(whenFalse);
        Exits.Add(whenTrue);
    }

    /// <summary>Closes a block with an int switch; each case link must already carry its int constant case.</summary>
    public void CloseWithInt(Variable selector, IEnumerable<Link> cases, Link otherwise, SourceSpan? span)
    {
        Switch = ExitSwitch.Int;
        SwitchVariable = selector;
        SwitchSpan = span;
        Exits.AddRange(cases);
        otherwise.Case = null;
        Exits.Add(otherwise);
    }

    /// <summary>Closes a block after an operation that may raise; each handler link must already
    /// carry its exception class case and ExceptionValue.</summary>
    public void CloseWithException(Link normal, IEnumerable<Link> handlers)
    {
        Switch = ExitSwitch.LastException;
        normal.Case = null;
        Exits.Add(normal);
        Exits.AddRange(handlers);
    }

    /// <summary>Appends the operations and takes the exits of <paramref name="successor"/>, this
    /// block's only successor through an unconditional link; <paramref name="map"/> replaces the
    /// successor's inputs by the values the link passed. A switch on a constant becomes a goto.</summary>
    public void Absorb(Block successor, Func<Value, Value> map)
    {
        Exits.Clear();
        foreach (var operation in successor.Operations)
            Operations.Add(new Operation(operation.Code, [.. operation.Args.Select(map)], operation.Result, operation.Span));
        foreach (var link in successor.Exits)
        {
            for (int i = 0; i < link.Args.Count; i++)
                link.Args[i] = map(link.Args[i]);
        }
        Switch = successor.Switch;
        SwitchSpan = successor.SwitchSpan;
        var tested = successor.SwitchVariable is null ? null : map(successor.SwitchVariable);
        if (tested is Constant constant)
        {
            var taken = successor.Exits.FirstOrDefault(link => constant.Equals(link.Case)) ?? successor.Exits[^1];
            taken.Case = null;
            Switch = ExitSwitch.None;
            SwitchVariable = null;
            Exits.Add(taken);
            return;
        }
        SwitchVariable = (Variable?)tested;
        Exits.AddRange(successor.Exits);
    }
}
