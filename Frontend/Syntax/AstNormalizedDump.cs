// The AST in the normalized format of Tests/support/cpython_ast_dump.py, so that ClrPy's tree can
// be compared line by line with CPython's own `ast` module (the parser's differential test).
namespace ClrPy.Frontend.Syntax;

public static class AstNormalizedDump
{
    public static string Dump(Module module) =>
        throw new NotImplementedException("being written (issue 2)");
}
