// Raising located syntax errors from the tokenizer, the string decoder and the grammar. Errors are
// thrown as DiagnosticException and turned into ParseResult diagnostics by PythonParser.Parse.
using System.Diagnostics.CodeAnalysis;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Parsing;

internal static class SyntaxErrors
{
    public const string Lexical = "CPS001";
    public const string Indentation = "CPS002";
    public const string Brackets = "CPS003";
    public const string StringLiteral = "CPS004";
    public const string NumberLiteral = "CPS005";
    public const string Grammar = "CPS010";
    public const string Target = "CPS011";
    public const string Unsupported = "CPS012";

    [DoesNotReturn]
    public static void Throw(string id, SourceSpan span, string message) =>
        throw new DiagnosticException(Diagnostic.Error(id, span, message));

    [DoesNotReturn]
    public static void Throw(string id, SourceText source, int offset, string message) =>
        Throw(id, new SourceSpan(source, offset, Math.Min(offset + 1, source.Text.Length)), message);
}
