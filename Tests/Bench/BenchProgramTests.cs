// The benchmark programs of bench/programs, run with small arguments through `clrpy run`'s pipeline
// (in-process, on the graph interpreter), print exactly what CPython prints: bench/run's timings
// are only worth comparing if every implementation computes the same thing.
using ClrPy.Tests.Corpus;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Bench;

public sealed class BenchProgramTests
{
    /// <summary>Small arguments (ITERATIONS SIZE) per program, a fraction of a second on the graph interpreter.</summary>
    private static readonly Dictionary<string, string[]> SmallArguments = new()
    {
        ["richards"] = ["2", "1000"],
        ["nbody"] = ["2", "500"],
        ["fannkuch"] = ["1", "7"],
        ["spectral_norm"] = ["2", "30"],
        ["text_stats"] = ["2", "2000"],
        ["recursion"] = ["1", "8"],
    };

    private static string ProgramPath(string name) => Repository.PathOf("bench", "programs", name + ".py");

    public static IEnumerable<TestCaseData> Programs() =>
        SmallArguments.Keys.Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetName("Prints_the_same_on_the_graph_interpreter_and_from_jitcodes_as_on_CPython(" + name + ")"));

    [Test]
    public void Every_program_in_bench_programs_has_small_arguments_here()
    {
        var onDisk = Directory.GetFiles(Repository.PathOf("bench", "programs"), "*.py")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.That(onDisk, Is.EquivalentTo(SmallArguments.Keys));
    }

    [TestCaseSource(nameof(Programs))]
    public void Prints_the_same_on_the_graph_interpreter_and_from_jitcodes_as_on_CPython(string name)
    {
        string program = ProgramPath(name);
        var arguments = SmallArguments[name];
        var cpython = Processes.Python([program, .. arguments]);
        Assert.That(cpython.ExitCode, Is.Zero, cpython.Stderr);
        Assert.That(cpython.Stdout, Does.StartWith(name + ": iterations=" + arguments[0]));

        var (exitCode, stdout, problem) = GraphInterpreterCorpusTests.Run(program, arguments);
        Assert.That(exitCode, Is.Zero, problem);
        Assert.That(stdout, Is.EqualTo(cpython.Stdout));

        // and from the codewriter's jitcodes
        var fromJitcodes = GraphInterpreterCorpusTests.Run(program, jitcodes: true, arguments);
        Assert.That(fromJitcodes.ExitCode, Is.Zero, fromJitcodes.Problem);
        Assert.That(fromJitcodes.Stdout, Is.EqualTo(cpython.Stdout), "run from jitcodes");
    }
}
