// CPython's side of the parser's differential tests: dumps many files with one python3 process
// (Tests/support/cpython_ast_dump.py --batch) and compares dumps with a readable first difference.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Support;

public static class CpythonAst
{
    /// <summary>CPython's normalized dump of each file, or <c>SyntaxError L:C message</c>.</summary>
    public static Dictionary<string, string> DumpAll(IReadOnlyCollection<string> paths)
    {
        var result = new Dictionary<string, string>();
        if (paths.Count == 0)
            return result;
        var run = Processes.Python([Repository.PathOf("Tests", "support", "cpython_ast_dump.py"), "--batch", .. paths]);
        if (run.ExitCode != 0)
            throw new InvalidOperationException("cpython_ast_dump.py failed: " + run.Stderr);
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in run.Stdout.Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (current is not null)
                    result[current] = text.ToString();
                current = line[4..];
                text.Clear();
            }
            else if (current is not null && line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }
        if (current is not null)
            result[current] = text.ToString();
        return result;
    }

    /// <summary>ClrPy's normalized dump of a file, or its first diagnostic's headline.</summary>
    public static string ClrPyDump(string path)
    {
        var (source, error) = SourceLoader.Load(path);
        if (source is null)
            return error!.Headline;
        var parsed = PythonParser.Parse(source);
        return parsed.Succeeded ? AstNormalizedDump.Dump(parsed.Module!) : parsed.Diagnostics[0].Headline;
    }

    /// <summary>Asserts equal dumps, reporting the first differing line with a little context.</summary>
    public static void AssertSameDump(string expected, string actual, string what)
    {
        if (expected == actual)
            return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        int i = 0;
        while (i < expectedLines.Length && i < actualLines.Length && expectedLines[i] == actualLines[i])
            i++;
        string Context(string[] lines) => string.Join("\n", lines.Skip(Math.Max(0, i - 3)).Take(6));
        Assert.Fail($"{what}: dumps differ at line {i + 1}\n--- CPython:\n{Context(expectedLines)}\n--- ClrPy:\n{Context(actualLines)}");
    }
}
