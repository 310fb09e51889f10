// The stable text form of flow graphs (`clrpy translate --dump=flow`, golden tests): blocks in
// reading order, variables renumbered in order of definition, each operation with its source
// position. The annotator's dump reuses it with a note per variable (its type).
using System.Text;

namespace ClrPy.Translator.Flow;

public sealed class FlowPrinter
{
    private const int CommentColumn = 44;

    private readonly FunctionGraph _graph;
    private readonly Func<Variable, string?>? _variableNote;
    private readonly Dictionary<Variable, string> _names = [];
    private readonly Dictionary<Block, string> _blockNames = [];

    private FlowPrinter(FunctionGraph graph, Func<Variable, string?>? variableNote)
    {
        _graph = graph;
        _variableNote = variableNote;
    }

    /// <summary>Prints one graph. <paramref name="variableNote"/>, when given, adds <c>: note</c>
    /// after each variable where it is defined (block inputs, operation results, exception values).</summary>
    public static string Print(FunctionGraph graph, Func<Variable, string?>? variableNote = null)
    {
        var printer = new FlowPrinter(graph, variableNote);
        var output = new StringBuilder();
        printer.Write(output);
        return output.ToString();
    }

    /// <summary>Prints several graphs separated by blank lines.</summary>
    public static string Print(IEnumerable<FunctionGraph> graphs, Func<Variable, string?>? variableNote = null) =>
        string.Join("\n", graphs.Select(graph => Print(graph, variableNote)));

    /// <summary>The printed names of a graph's blocks and variables, as Print shows them (for other dumps).</summary>
    public static (IReadOnlyDictionary<Block, string> Blocks, IReadOnlyDictionary<Variable, string> Variables) Names(FunctionGraph graph)
    {
        var printer = new FlowPrinter(graph, null);
        printer.AssignNames();
        return (printer._blockNames, printer._names);
    }

    private void AssignNames()
    {
        var blocks = _graph.Blocks;
        for (int i = 0; i < blocks.Count; i++)
            _blockNames[blocks[i]] = "block" + i;
        foreach (var block in blocks)
        {
            foreach (var input in block.Inputs)
                Name(input);
            foreach (var operation in block.Operations)
                Name(operation.Result);
            foreach (var link in block.Exits)
            {
                if (link.ExceptionValue is { } caught)
                    Name(caught);
            }
        }
    }

    private void Name(Variable variable)
    {
        if (!_names.ContainsKey(variable))
            _names[variable] = "v" + _names.Count + (variable.NameHint is null ? "" : "_" + variable.NameHint);
    }

    private string Use(Value value) => value switch
    {
        Variable variable => _names.TryGetValue(variable, out var name) ? name : "?" + variable,
        _ => value.ToString()!,
    };

    private string Define(Variable variable)
    {
        string name = Use(variable);
        return _variableNote?.Invoke(variable) is { } note ? name + ": " + note : name;
    }

    private void Write(StringBuilder output)
    {
        AssignNames();
        output.Append("graph ").Append(_graph.QualifiedName).Append('(')
            .AppendJoin(", ", _graph.Parameters.Select(Define)).Append(") at ")
            .Append(Path.GetFileName(_graph.Span.File)).Append(':').Append(_graph.Span.Line).Append('\n');
        foreach (var block in _graph.Blocks)
            WriteBlock(block, output);
    }

    private void WriteBlock(Block block, StringBuilder output)
    {
        output.Append(_blockNames[block]).Append('(').AppendJoin(", ", block.Inputs.Select(Define)).Append("):\n");
        foreach (var operation in block.Operations)
        {
            int start = output.Length;
            output.Append("    ").Append(Define(operation.Result)).Append(" = ").Append(operation.Code.Name())
                .Append('(').AppendJoin(", ", operation.Args.Select(Use)).Append(')');
            output.Append(' ', Math.Max(1, CommentColumn - (output.Length - start)))
                .Append("# ").Append(Path.GetFileName(operation.Span.File)).Append(':').Append(operation.Span.Line)
                .Append(':').Append(operation.Span.Column).Append('\n');
        }
        output.Append("    ");
        if (block == _graph.ReturnBlock)
            output.Append("return ").Append(Use(block.Inputs[0]));
        else if (block == _graph.ExceptBlock)
            output.Append("raise ").Append(Use(block.Inputs[0]));
        else if (block.Switch == ExitSwitch.None)
            output.Append("goto ").Append(LinkText(block.Exits[0]));
        else
            WriteSwitch(block, output);
        output.Append('\n');
    }

    private void WriteSwitch(Block block, StringBuilder output)
    {
        output.Append("switch ").Append(block.Switch == ExitSwitch.LastException ? "last_exception" : Use(block.SwitchVariable!))
            .Append(": ");
        for (int i = 0; i < block.Exits.Count; i++)
        {
            var link = block.Exits[i];
            if (i > 0)
                output.Append(", ");
            output.Append(CaseText(block, link)).Append(" -> ").Append(LinkText(link));
        }
    }

    private string CaseText(Block block, Link link)
    {
        if (link.Case is null)
            return block.Switch == ExitSwitch.LastException ? "normal" : "default";
        if (block.Switch == ExitSwitch.Bool)
            return link.Case.IsBool(true) ? "true" : "false";
        if (block.Switch == ExitSwitch.LastException)
            return ExceptionClassName(link.Case) + " as " + Define(link.ExceptionValue!);
        return link.Case.ToString();
    }

    private static string ExceptionClassName(Constant exceptionClass) => exceptionClass.Value switch
    {
        Descriptions.BuiltinDesc builtin => builtin.Name,
        Descriptions.ClassDesc cls => cls.QualifiedName,
        _ => exceptionClass.ToString(),
    };

    private string LinkText(Link link) =>
        _blockNames.GetValueOrDefault(link.Target, "?block") + "(" + string.Join(", ", link.Args.Select(Use)) + ")";
}
