// The annotator over whole programs on disk: every corpus program in Tests/programs annotates without
// a diagnostic, and every Tests/errors/type_*.py reports exactly the diagnostic its first line states.
using System.Text.RegularExpressions;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Translator.Annotation;

public sealed partial class ProgramFileTests
{
    public static IEnumerable<TestCaseData> CorpusPrograms() =>
        Directory.GetFiles(Repository.PathOf("Tests", "programs"), "*.py")
            .Where(file => !Path.GetFileName(file).StartsWith('_'))
            .Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(file).SetName("Corpus_program_annotates(" + Path.GetFileName(file) + ")"));

    public static IEnumerable<TestCaseData> TypeErrorPrograms() =>
        Directory.GetFiles(Repository.PathOf("Tests", "errors"), "type_*.py")
            .Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(file).SetName("Type_error_program_reports_its_diagnostic(" + Path.GetFileName(file) + ")"));

    [TestCaseSource(nameof(CorpusPrograms))]
    public void Corpus_program_annotates(string program)
    {
        try
        {
            var annotated = Annotating.File(program);
            Assert.That(annotated.Graphs, Is.Not.Empty);
        }
        catch (DiagnosticException error)
        {
            Assert.Fail(DiagnosticFormatter.Format(error.Diagnostic));
        }
    }

    [Test]
    public void There_are_at_least_ten_type_error_programs()
    {
        Assert.That(TypeErrorPrograms().Count(), Is.GreaterThanOrEqualTo(10));
    }

    [TestCaseSource(nameof(TypeErrorPrograms))]
    public void Type_error_program_reports_its_diagnostic(string program)
    {
        var header = ExpectedHeader().Match(File.ReadLines(program).First());
        Assert.That(header.Success, Is.True, "the first line must be `# error: LINE:COL: message`");
        var error = Assert.Throws<DiagnosticException>(() => Annotating.File(program))!;
        var diagnostic = error.Diagnostic;
        string actual = $"{diagnostic.Span?.Line}:{diagnostic.Span?.Column}: {diagnostic.Message}";
        Assert.That(actual, Is.EqualTo(header.Groups[1].Value), DiagnosticFormatter.Format(diagnostic));
    }

    [GeneratedRegex(@"^# error: (\d+:\d+: .*)$")]
    private static partial Regex ExpectedHeader();
}
