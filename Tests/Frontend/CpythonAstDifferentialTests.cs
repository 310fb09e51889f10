// The parser's differential test: for every .py file of the program corpus (Tests/programs) and of the
// syntax stress files (Tests/syntax, also re-encoded with CRLF line ends and a UTF-8 BOM), ClrPy's
// normalized AST dump must equal CPython's. CPython runs once for all files.
using System.Text;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend;

public sealed class CpythonAstDifferentialTests
{
    /// <summary>One input: a name for the test and the file's bytes as they would be on disk.</summary>
    public sealed record Input(string Name, byte[] Bytes)
    {
        public override string ToString() => Name;
    }

    private static readonly Lazy<Dictionary<string, CPythonAstResult>> CPythonDumps = new(() =>
    {
        var inputs = Inputs().ToList();
        var results = CPythonAstDumper.DumpAll(inputs.Select(i => Encoding.UTF8.GetString(i.Bytes)).ToList());
        return inputs.Zip(results).ToDictionary(pair => pair.First.Name, pair => pair.Second);
    });

    public static IEnumerable<Input> Inputs()
    {
        string root = CPythonAstDumper.RepositoryRoot;
        foreach (string folder in new[] { "programs", "syntax" })
        {
            string directory = Path.Combine(root, "Tests", folder);
            if (!Directory.Exists(directory))
                continue;
            foreach (string file in Directory.EnumerateFiles(directory, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string name = Path.GetRelativePath(Path.Combine(root, "Tests"), file).Replace('\\', '/');
                byte[] bytes = File.ReadAllBytes(file);
                yield return new Input(name, bytes);
                if (folder == "syntax")
                    yield return new Input(name + " (CRLF, BOM)", WithCrlfAndBom(bytes));
            }
        }
    }

    [TestCaseSource(nameof(Inputs))]
    public void Parses_to_the_same_tree_as_CPython(Input input)
    {
        var expected = CPythonDumps.Value[input.Name];
        if (expected.Dump is null)
            Assert.Fail($"CPython itself rejects {input.Name}: {expected.Error}");
        var (source, error) = SourceLoader.Decode(input.Name, input.Bytes);
        if (source is null)
            Assert.Fail(error!.Headline);
        var result = PythonParser.Parse(source!);
        if (result.Module is null)
            Assert.Fail(result.Diagnostics[0].Headline);
        string actual = AstNormalizedDump.Dump(result.Module!);
        if (actual != expected.Dump)
            Assert.Fail(ParsingHelpers.DescribeDifference(expected.Dump!, actual));
    }

    [Test]
    public void The_syntax_stress_files_are_there()
    {
        Assert.That(Inputs().Count(i => i.Name.StartsWith("syntax/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(8));
    }

    private static byte[] WithCrlfAndBom(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n").Replace("\n", "\r\n");
        return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
    }
}
