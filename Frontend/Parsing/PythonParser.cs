// Entry point of the parser: source text in, AST or a located syntax error out.
// Called by the CLI (`clrpy parse`, `translate`, `run`) and by the translator for imported modules.
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Parsing;

public static class PythonParser
{
    public static ParseResult Parse(SourceText source) =>
        throw new NotImplementedException("the parser is being written (issue 2)");
}
