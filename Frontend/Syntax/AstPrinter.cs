// The readable, indented AST dump printed by `clrpy parse --dump-ast`: each node's CPython kind, its
// scalar fields and its span LINE:COL-ENDLINE:ENDCOL, children under their field names.
using System.Globalization;
using System.Text;

namespace ClrPy.Frontend.Syntax;

public static class AstPrinter
{
    public static string Print(Module module)
    {
        var output = new StringBuilder();
        Write(module, 0, output);
        return output.ToString();
    }

    private static void Write(Node node, int depth, StringBuilder output)
    {
        output.Append(' ', depth * 2).Append(AstWalker.KindName(node));
        var children = new List<(string Field, List<object?> Values)>();
        if (node is ConstantExpr constant)
        {
            output.Append(' ').Append(constant.Kind == ConstantKind.Float
                ? "float " + ((double)constant.Value!).ToString("R", CultureInfo.InvariantCulture)
                : AstWalker.ConstantText(constant));
        }
        else
        {
            (var scalars, children) = AstWalker.Split(node, ", ");
            foreach (var scalar in scalars)
                output.Append(' ').Append(scalar);
        }
        var span = node.Span;
        output.Append(" [").Append(span.Line).Append(':').Append(span.Column).Append('-')
            .Append(span.EndLine).Append(':').Append(span.EndColumn).Append("]\n");
        foreach (var (field, values) in children)
        {
            output.Append(' ', depth * 2 + 2).Append(field).Append(":\n");
            foreach (var child in values)
            {
                if (child is Node childNode)
                    Write(childNode, depth + 2, output);
                else
                    output.Append(' ', depth * 2 + 4).Append("None\n");
            }
        }
    }
}
