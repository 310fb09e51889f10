// Builds flow graphs from RPy source for the tests: parses the text, loads the program, builds
// every function's graph and asserts that each passes FlowGraphChecker.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Tests.Translator.Flow;

public static class FlowTestSupport
{
    /// <summary>Loads a program given as text (a <c>main</c> is added when missing) and builds and checks all its graphs.</summary>
    public static ProgramDesc Load(string source, string path = "test.py")
    {
        if (!source.Contains("def main("))
            source += "\n\ndef main(argv):\n    return 0\n";
        var result = PythonParser.Parse(new SourceText(path, source));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        var program = ProgramLoader.Load(result.Module!);
        foreach (var graph in program.BuildAllGraphs())
            AssertWellFormed(graph);
        return program;
    }

    /// <summary>The checked graph of one function of a program given as text.</summary>
    public static FunctionGraph Graph(string source, string function = "f") =>
        Load(source).Functions.Single(f => f.QualifiedName == function).Graph!;

    public static void AssertWellFormed(FunctionGraph graph) =>
        Assert.That(FlowGraphChecker.Check(graph), Is.Empty, () => FlowPrinter.Print(graph));

    /// <summary>The diagnostic that loading and building a program reports (fails when there is none).</summary>
    public static Diagnostic Error(string source, string path = "test.py")
    {
        var result = PythonParser.Parse(new SourceText(path, source));
        Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Diagnostics));
        var error = Assert.Throws<DiagnosticException>(() => ProgramLoader.Load(result.Module!).BuildAllGraphs());
        return error!.Diagnostic;
    }

    public static int Count(FunctionGraph graph, OpCode code) =>
        graph.Blocks.Sum(block => block.Operations.Count(operation => operation.Code == code));
}
