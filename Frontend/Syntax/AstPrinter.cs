// The readable, indented AST dump printed by `clrpy parse --dump-ast`.
namespace ClrPy.Frontend.Syntax;

public static class AstPrinter
{
    public static string Print(Module module) =>
        throw new NotImplementedException("being written (issue 2)");
}
