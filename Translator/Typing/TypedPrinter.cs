// The stable text form of typed graphs (`clrpy translate --dump=typed`): one line per operation with
// its result's representation, descriptors in angle brackets and source positions in comments.
using System.Text;

namespace ClrPy.Translator.Typing;

public static class TypedPrinter
{
    public static string Print(TypedGraph graph)
    {
        var output = new StringBuilder();
        var blocks = graph.Blocks();
        if (!blocks.Contains(graph.ReturnBlock))
            blocks.Add(graph.ReturnBlock);
        if (!blocks.Contains(graph.ExceptBlock))
            blocks.Add(graph.ExceptBlock);
        var names = new Dictionary<TypedBlock, string>();
        for (int i = 0; i < blocks.Count; i++)
        {
            names[blocks[i]] = blocks[i] == graph.ReturnBlock ? "return" : blocks[i] == graph.ExceptBlock ? "except" : "block" + i;
        }
        output.Append("graph ").Append(graph.Name).Append('(')
            .AppendJoin(", ", graph.StartBlock.Inputs.Select(Declared)).Append(")\n");
        foreach (var block in blocks)
        {
            output.Append(names[block]).Append('(').AppendJoin(", ", block.Inputs.Select(Declared)).Append("):\n");
            foreach (var operation in block.Operations)
            {
                var line = new StringBuilder("    ");
                if (operation.Result.Type.Kind != TypeKind.Void)
                    line.Append(Declared(operation.Result)).Append(" = ");
                line.Append(operation.Code.Name());
                if (operation.Descriptor is not null)
                    line.Append('<').Append(operation.Descriptor).Append('>');
                line.Append('(').AppendJoin(", ", operation.Args).Append(')');
                if (operation.Span is { } span)
                    line.Append(new string(' ', Math.Max(1, 48 - line.Length))).Append("# ").Append(span.Line).Append(':').Append(span.Column);
                output.Append(line).Append('\n');
            }
            AppendExit(output, block, names);
        }
        return output.ToString();
    }

    private static string Declared(TypedVariable variable) => $"{variable}: {variable.Type}";

    private static void AppendExit(StringBuilder output, TypedBlock block, Dictionary<TypedBlock, string> names)
    {
        string Target(TypedLink link) => names[link.Target] + "(" + string.Join(", ", link.Args) + ")";
        switch (block.Exit)
        {
            case TypedExit.Goto when block.Links.Count == 1:
                output.Append("    goto ").Append(Target(block.Links[0])).Append('\n');
                break;
            case TypedExit.Bool:
                output.Append("    switch ").Append(block.Condition).Append(": false -> ").Append(Target(block.Links[0]))
                    .Append(", true -> ").Append(Target(block.Links[1])).Append('\n');
                break;
            case TypedExit.LastException:
                output.Append("    normal -> ").Append(Target(block.Links[0])).Append('\n');
                foreach (var handler in block.Links.Skip(1))
                    output.Append("    except ").Append(handler.Catches).Append(" as ").Append(handler.ExceptionValue)
                        .Append(" -> ").Append(Target(handler)).Append('\n');
                break;
        }
    }
}
