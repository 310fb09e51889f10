// Damaged input never crashes the parser: every prefix and every one-character deletion of the syntax
// stress files either parses or yields exactly one located syntax diagnostic, never an internal error.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class RobustnessTests
{
    private const int CutsPerFile = 100;

    private static IEnumerable<TestCaseData> Files() =>
        Directory.GetFiles(Repository.PathOf("Tests", "syntax"), "*.py").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetName("Damaged_copies_of_" + Path.GetFileNameWithoutExtension(path) + "_give_located_errors_not_crashes"));

    [TestCaseSource(nameof(Files))]
    public void Damaged_copies_give_located_errors_not_crashes(string path)
    {
        string text = File.ReadAllText(path);
        int step = Math.Max(1, text.Length / CutsPerFile);
        for (int cut = 0; cut < text.Length; cut += step)
        {
            AssertCleanOutcome(text[..cut], $"prefix of {cut} characters");
            AssertCleanOutcome(text.Remove(cut, 1), $"character {cut} deleted");
        }
    }

    private static void AssertCleanOutcome(string text, string what)
    {
        var result = PythonParser.Parse(new SourceText("damaged.py", text));
        if (result.Module is not null)
            return;
        Assert.That(result.Diagnostics, Has.Length.EqualTo(1), what);
        var diagnostic = result.Diagnostics[0];
        Assert.That(diagnostic.Id, Is.Not.EqualTo("CPS999"), $"{what}: {diagnostic.Message}");
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error), what);
    }
}
