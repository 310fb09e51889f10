// Shared helpers of the front-end tests: parse a snippet, get its dump or its first error headline,
// and show the first differing line of two dumps when they disagree.
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

    /// <summary>The normalized dump, or <c>ERROR headline</c> when the source does not parse.</summary>
    public static string DumpOrError(string text, string path = "test.py")
    {
        var result = Parse(text, path);
        return result.Module is null ? "ERROR " + result.Diagnostics[0].Headline : AstNormalizedDump.Dump(result.Module);
    }

    /// <summary>The headline of the first diagnostic; fails when the source parses.</summary>
    public static string ErrorHeadline(string text)
    {
        var result = Parse(text);
        if (result.Diagnostics.IsEmpty)
            Assert.Fail("expected a syntax error");
        return result.Diagnostics[0].Headline;
    }

    /// <summary>A readable account of where two dumps first differ, with a little context.</summary>
    public static string DescribeDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            line++;
        int from = Math.Max(0, line - 3);
        string Context(string[] lines) => string.Join("\n", lines.Skip(from).Take(line - from + 3).Select(l => "    " + l));
        return $"dumps differ at line {line + 1}\n  CPython:\n{Context(expectedLines)}\n  ClrPy:\n{Context(actualLines)}";
    }
}
