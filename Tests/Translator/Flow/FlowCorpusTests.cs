// Every program of the corpus (Tests/programs) and the examples builds flow graphs that pass the
// checker: the builder handles all of RPY.md's constructs as the corpus uses them.
using ClrPy.Tests.Support;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Tests.Translator.Flow;

public sealed class FlowCorpusTests
{
    public static IEnumerable<TestCaseData> Programs() =>
        Directory.GetFiles(Repository.PathOf("Tests", "programs"), "*.py")
            .Concat(Directory.Exists(Repository.PathOf("examples")) ? Directory.GetFiles(Repository.PathOf("examples"), "*.py", SearchOption.AllDirectories) : [])
            .Where(f => !Path.GetFileName(f).StartsWith('_') && File.ReadAllText(f).Contains("def main("))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Builds_checked_flow_graphs(" + Path.GetRelativePath(Repository.Root, f) + ")"));

    [TestCaseSource(nameof(Programs))]
    public void Builds_checked_flow_graphs(string program)
    {
        var loaded = ProgramLoader.LoadFile(program);
        var graphs = loaded.BuildAllGraphs();
        Assert.That(graphs, Is.Not.Empty);
        foreach (var graph in graphs)
            FlowTestSupport.AssertWellFormed(graph);
    }
}
