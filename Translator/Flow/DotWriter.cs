// Graphviz output of flow graphs (`clrpy translate --dot DIR`): one digraph per function, a box
// per block listing its inputs and operations, an edge per link labelled with its case and values.
using System.Text;

namespace ClrPy.Translator.Flow;

public static class DotWriter
{
    /// <summary>The DOT text of one graph, using the same names as FlowPrinter.</summary>
    public static string Write(FunctionGraph graph)
    {
        var (blockNames, variableNames) = FlowPrinter.Names(graph);
        string Use(Value value) => value is Variable v ? variableNames.GetValueOrDefault(v, v.ToString()) : value.ToString()!;
        var output = new StringBuilder();
        output.Append("digraph \"").Append(Escape(graph.QualifiedName)).Append("\" {\n")
            .Append("    node [shape=box, fontname=\"monospace\", fontsize=10];\n")
            .Append("    edge [fontname=\"monospace\", fontsize=9];\n");
        foreach (var block in graph.Blocks)
        {
            var label = new StringBuilder();
            label.Append(blockNames[block]).Append('(').AppendJoin(", ", block.Inputs.Select(Use)).Append(")\\l");
            foreach (var operation in block.Operations)
            {
                label.Append(Escape($"{Use(operation.Result)} = {operation.Code.Name()}({string.Join(", ", operation.Args.Select(Use))})"))
                    .Append("\\l");
            }
            if (block == graph.ReturnBlock)
                label.Append("return\\l");
            else if (block == graph.ExceptBlock)
                label.Append("raise\\l");
            else if (block.SwitchVariable is { } tested)
                label.Append("switch ").Append(Escape(Use(tested))).Append("\\l");
            else if (block.Switch == ExitSwitch.LastException)
                label.Append("switch last_exception\\l");
            string style = block == graph.ReturnBlock ? ", style=filled, fillcolor=\"#d0f0d0\""
                : block == graph.ExceptBlock ? ", style=filled, fillcolor=\"#f0d0d0\"" : "";
            output.Append("    ").Append(blockNames[block]).Append(" [label=\"").Append(label).Append('"').Append(style).Append("];\n");
        }
        foreach (var block in graph.Blocks)
        {
            foreach (var link in block.Exits)
            {
                string caseText = link.Case is null ? "" : (link.ExceptionValue is { } caught ? $"{link.Case} as {Use(caught)}" : link.Case.ToString());
                string label = (caseText.Length > 0 ? Escape(caseText) + "\\n" : "")
                    + Escape("(" + string.Join(", ", link.Args.Select(Use)) + ")");
                string dashed = link.ExceptionValue is null ? "" : ", style=dashed";
                output.Append("    ").Append(blockNames[block]).Append(" -> ").Append(blockNames[link.Target])
                    .Append(" [label=\"").Append(label)
                    .Append('"').Append(dashed).Append("];\n");
            }
        }
        return output.Append("}\n").ToString();
    }

    /// <summary>Writes one <c>QUALIFIED_NAME.dot</c> file per graph into a directory (created if needed); characters
    /// other than letters, digits, <c>_ . -</c> become <c>_</c>, and repeated names get a <c>_2</c>, <c>_3</c> suffix.</summary>
    public static IReadOnlyList<string> WriteFiles(IEnumerable<FunctionGraph> graphs, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        var used = new HashSet<string>();
        foreach (var graph in graphs)
        {
            string name = string.Concat(graph.QualifiedName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_'));
            string unique = name;
            for (int i = 2; !used.Add(unique); i++)
                unique = name + "_" + i;
            string path = System.IO.Path.Combine(directory, unique + ".dot");
            File.WriteAllText(path, Write(graph));
            paths.Add(path);
        }
        return paths;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
