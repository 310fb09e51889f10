// Golden dumps of flow graphs: Tests/Translator/golden/NAME.py is translated to flow graphs and
// printed; the text must equal NAME.flow.expected. Run the tests with CLRPY_UPDATE_GOLDEN=1 to
// rewrite the expected files (then review the diff).
using ClrPy.Tests.Support;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Tests.Translator.Flow;

public sealed class FlowGoldenTests
{
    public static IEnumerable<TestCaseData> Programs() =>
        Directory.GetFiles(Repository.PathOf("Tests", "Translator", "golden"), "*.py")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Flow_dump_matches_its_golden_file(" + Path.GetFileName(f) + ")"));

    [TestCaseSource(nameof(Programs))]
    public void Flow_dump_matches_its_golden_file(string program)
    {
        var graphs = ProgramLoader.LoadFile(program).BuildAllGraphs();
        foreach (var graph in graphs)
            FlowTestSupport.AssertWellFormed(graph);
        string actual = FlowPrinter.Print(graphs);
        string expectedPath = Path.ChangeExtension(program, ".flow.expected");
        if (Environment.GetEnvironmentVariable("CLRPY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            Assert.Pass("golden file updated");
        }
        Assert.That(File.Exists(expectedPath), Is.True, $"{expectedPath} is missing: run the tests with CLRPY_UPDATE_GOLDEN=1");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(expectedPath).Replace("\r\n", "\n")));
    }
}
