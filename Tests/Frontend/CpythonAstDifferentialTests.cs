// The parser's differential test: for every program of the corpus (Tests/programs), every syntax
// stress file (Tests/syntax, also re-encoded with CRLF line ends and a UTF-8 BOM) and every example,
// CPython's ast module and ClrPy's parser produce the same normalized tree (kinds, names, constants,
// line numbers). One python3 process dumps every file.
using System.Text;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend;

public sealed class CpythonAstDifferentialTests
{
    private const string CrlfBomSuffix = " (CRLF, BOM)";

    /// <summary>Test name → file on disk (variants are written to a temporary directory) and CPython's dump.</summary>
    private static readonly Lazy<Dictionary<string, (string Path, string CPythonDump)>> Files = new(() =>
    {
        var paths = new Dictionary<string, string>();
        string variants = Directory.CreateTempSubdirectory("clrpy-differential-").FullName;
        foreach (string name in Names())
        {
            if (!name.EndsWith(CrlfBomSuffix, StringComparison.Ordinal))
            {
                paths[name] = Repository.PathOf(name);
                continue;
            }
            string original = Repository.PathOf(name[..^CrlfBomSuffix.Length]);
            string variant = Path.Combine(variants, paths.Count + "_" + Path.GetFileName(original));
            File.WriteAllBytes(variant, WithCrlfAndBom(File.ReadAllBytes(original)));
            paths[name] = variant;
        }
        var dumps = CpythonAst.DumpAll(paths.Values.ToList());
        return paths.ToDictionary(pair => pair.Key, pair => (pair.Value, dumps[pair.Value]));
    });

    /// <summary>Repository-relative names of the files compared, plus the CRLF/BOM variants of the syntax files.</summary>
    public static IEnumerable<string> Names()
    {
        foreach (string folder in new[] { "Tests/programs", "Tests/syntax", "examples" })
        {
            string directory = Repository.PathOf(folder);
            if (!Directory.Exists(directory))
                continue;
            foreach (string file in Directory.GetFiles(directory, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string name = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
                yield return name;
                if (folder == "Tests/syntax")
                    yield return name + CrlfBomSuffix;
            }
        }
    }

    private static IEnumerable<TestCaseData> Cases() =>
        Names().Select(name => new TestCaseData(name).SetName("Same_tree_as_CPython(" + name + ")"));

    [TestCaseSource(nameof(Cases))]
    public void Same_tree_as_CPython(string name)
    {
        var (path, expected) = Files.Value[name];
        Assert.That(expected, Does.Not.StartWith("SyntaxError"), "CPython rejects the file");
        CpythonAst.AssertSameDump(expected, CpythonAst.ClrPyDump(path), name);
    }

    [Test]
    public void The_syntax_stress_files_cover_the_grammar()
    {
        Assert.That(Names().Count(n => n.StartsWith("Tests/syntax/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(14));
    }

    [Test]
    public void The_corpus_has_at_least_fifteen_programs()
    {
        int programs = Directory.GetFiles(Repository.PathOf("Tests", "programs"), "*.py").Count(f => !Path.GetFileName(f).StartsWith('_'));
        Assert.That(programs, Is.GreaterThanOrEqualTo(15));
    }

    private static byte[] WithCrlfAndBom(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n").Replace("\n", "\r\n");
        return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
    }
}
