// Shared helpers of the front-end tests: parse a snippet into a module, or get its first error headline.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend;

internal static class ParsingHelpers
{
    public static ParseResult Parse(string text, string path = "test.py") => PythonParser.Parse(new SourceText(path, text));

    public static Module ParseModule(string text)
    {
        var result = Parse(text);
        if (result.Module is null)
            Assert.Fail("expected the source to parse, got: " + result.Diagnostics[0].Headline);
        return result.Module!;
    }

    /// <summary>The headline of the first diagnostic; fails when the source parses.</summary>
    public static string ErrorHeadline(string text)
    {
        var result = Parse(text);
        if (result.Diagnostics.IsEmpty)
            Assert.Fail("expected a syntax error");
        return result.Diagnostics[0].Headline;
    }
}
