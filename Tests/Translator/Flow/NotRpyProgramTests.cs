// The not-RPy programs of Tests/errors: each is valid Python whose first line `# error: LINE:COL:
// message` states the diagnostic the translator must report first. The flow stage (loading and
// graph building) reports all of them; type conflicts (type_*.py) are the annotator's tests.
using System.Text.RegularExpressions;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Tests.Support;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Tests.Translator.Flow;

public sealed partial class NotRpyProgramTests
{
    [GeneratedRegex(@"^# error: (\d+):(\d+): (.*)$")]
    private static partial Regex ExpectedLine();

    public static IEnumerable<TestCaseData> Programs() =>
        Directory.GetFiles(Repository.PathOf("Tests", "errors"), "*.py")
            .Where(f => !Path.GetFileName(f).StartsWith("type_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Reports_its_located_diagnostic(" + Path.GetFileName(f) + ")"));

    [Test]
    public void There_are_at_least_twenty_not_rpy_programs()
    {
        Assert.That(Programs().Count(), Is.GreaterThanOrEqualTo(20));
    }

    [TestCaseSource(nameof(Programs))]
    public void Reports_its_located_diagnostic(string program)
    {
        var expected = ExpectedLine().Match(File.ReadLines(program).First());
        Assert.That(expected.Success, Is.True, "the first line must be `# error: LINE:COL: message`");
        Diagnostic? reported = null;
        try
        {
            ProgramLoader.LoadFile(program).BuildAllGraphs();
        }
        catch (DiagnosticException error)
        {
            reported = error.Diagnostic;
        }
        Assert.That(reported, Is.Not.Null, "no diagnostic");
        Assert.That(Path.GetFileName(reported!.Span!.Value.File), Is.EqualTo(Path.GetFileName(program)));
        Assert.That($"{reported.Span.Value.Line}:{reported.Span.Value.Column}: {reported.Message}",
            Is.EqualTo($"{expected.Groups[1].Value}:{expected.Groups[2].Value}: {expected.Groups[3].Value}"));
    }
}
