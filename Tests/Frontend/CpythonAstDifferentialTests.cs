// The parser's differential test: for every program of the corpus (Tests/programs), every syntax
// stress file (Tests/syntax) and every example, CPython's ast module and ClrPy's parser produce the
// same normalized tree (kinds, names, constants, line numbers).
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend;

public sealed class CpythonAstDifferentialTests
{
    private static readonly Lazy<Dictionary<string, string>> CpythonDumps = new(() => CpythonAst.DumpAll(Files().ToList()));

    public static IEnumerable<string> Files()
    {
        foreach (var folder in new[] { "Tests/programs", "Tests/syntax", "examples" })
        {
            var path = Repository.PathOf(folder);
            if (!Directory.Exists(path))
                continue;
            foreach (var file in Directory.GetFiles(path, "*.py").Order(StringComparer.Ordinal))
                yield return file;
        }
    }

    private static IEnumerable<TestCaseData> Cases() =>
        Files().Select(f => new TestCaseData(f).SetName("Same_tree_as_CPython(" + Path.GetRelativePath(Repository.Root, f) + ")"));

    [TestCaseSource(nameof(Cases))]
    public void Same_tree_as_CPython(string path)
    {
        string expected = CpythonDumps.Value[path];
        Assert.That(expected, Does.Not.StartWith("SyntaxError"), "CPython rejects the file");
        CpythonAst.AssertSameDump(expected, CpythonAst.ClrPyDump(path), Path.GetFileName(path));
    }

    [Test]
    public void The_corpus_has_at_least_fifteen_programs()
    {
        int programs = Directory.GetFiles(Repository.PathOf("Tests", "programs"), "*.py").Count(f => !Path.GetFileName(f).StartsWith('_'));
        Assert.That(programs, Is.GreaterThanOrEqualTo(15));
    }
}
