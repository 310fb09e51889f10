// The AST in the normalized format of Tests/support/cpython_ast_dump.py, so that ClrPy's tree can
// be compared line by line with CPython's own `ast` module (the parser's differential test). The
// format is defined at the top of that script; the two must agree byte for byte.
using System.Text;

namespace ClrPy.Frontend.Syntax;

public static class AstNormalizedDump
{
    public static string Dump(Module module)
    {
        var output = new StringBuilder();
        Write(module, 0, output, inFString: false);
        return output.ToString();
    }

    private static void Write(Node node, int depth, StringBuilder output, bool inFString)
    {
        string pad = new(' ', depth * 2);
        output.Append(pad).Append(AstWalker.KindName(node));
        if (AstWalker.HasLine(node) && !inFString)
            output.Append('@').Append(node.Span.Line);
        if (node is ConstantExpr constant)
        {
            output.Append(' ').Append(AstWalker.ConstantText(constant)).Append('\n');
            return;
        }
        var (scalars, children) = AstWalker.Split(node, ",");
        foreach (var scalar in scalars)
            output.Append(' ').Append(scalar);
        output.Append('\n');
        bool inner = inFString || node is JoinedStrExpr;
        foreach (var (field, values) in children)
        {
            output.Append(pad).Append("  ").Append(field).Append(":\n");
            foreach (var child in values)
            {
                if (child is Node childNode)
                    Write(childNode, depth + 2, output, inner);
                else
                    output.Append(pad).Append("    None\n");
            }
        }
    }
}
