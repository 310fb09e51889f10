// Keeps the corpus honest: every program in Tests/programs, run on CPython (and on pypy3 when it is
// installed), prints exactly its NAME.out and exits with its declared `# expect-exit: N` (default 0).
// The translated programs are later held to the same files.
using System.Text.RegularExpressions;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Corpus;

public sealed class CpythonReferenceTests
{
    public static IEnumerable<TestCaseData> Programs() =>
        Directory.GetFiles(Repository.PathOf("Tests", "programs"), "*.py")
            .Where(f => !Path.GetFileName(f).StartsWith('_'))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Runs_on_CPython_as_expected(" + Path.GetFileName(f) + ")"));

    public static int ExpectedExitCode(string program)
    {
        var match = Regex.Match(File.ReadAllText(program), @"^# expect-exit: (\d+)$", RegexOptions.Multiline);
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }

    [Test]
    public void The_corpus_holds_at_least_forty_programs_each_with_its_out_file()
    {
        var programs = Programs().Select(data => (string)data.Arguments[0]!).ToList();
        Assert.That(programs, Has.Count.GreaterThanOrEqualTo(40));
        foreach (var program in programs)
            Assert.That(File.Exists(Path.ChangeExtension(program, ".out")), Is.True, Path.GetFileName(program) + " has no .out; run Tests/programs/regen");
    }

    [TestCaseSource(nameof(Programs))]
    public void Runs_on_CPython_as_expected(string program)
    {
        var result = Processes.Python([program], Path.GetDirectoryName(program));
        Assert.That(result.ExitCode, Is.EqualTo(ExpectedExitCode(program)), result.Stderr);
        string expected = File.ReadAllText(Path.ChangeExtension(program, ".out"));
        CpythonAst.AssertSameDump(expected, result.Stdout, Path.GetFileName(program) + " output");
    }

    [Test]
    public void Runs_on_pypy3_as_on_CPython_when_pypy3_is_installed()
    {
        string? pypy = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(d => Path.Combine(d, "pypy3")).FirstOrDefault(File.Exists);
        if (pypy is null)
            Assert.Ignore("pypy3 is not installed (apt-get install pypy3)");
        foreach (var data in Programs())
        {
            string program = (string)data.Arguments[0]!;
            var result = Processes.Run(pypy!, [program], Path.GetDirectoryName(program),
                new Dictionary<string, string> { ["PYTHONPATH"] = Repository.PathOf("lib", "python") });
            Assert.That(result.ExitCode, Is.EqualTo(ExpectedExitCode(program)), program);
            Assert.That(result.Stdout, Is.EqualTo(File.ReadAllText(Path.ChangeExtension(program, ".out"))), program);
        }
    }
}
