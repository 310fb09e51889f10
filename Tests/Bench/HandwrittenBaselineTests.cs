// bench/handwritten's C# baselines (compiled into this project from bench/handwritten/Interpreters) print what
// the RPy examples print on CPython for the same small arguments, and count their ops as bench/jit expects:
// bench/jit's "JIT on vs hand-written" ratio only means something if both ran the same interpreter on the same program.
using ClrPy.Bench.Handwritten;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Bench;

public sealed class HandwrittenBaselineTests
{
    /// <summary>Small arguments (the CPython runs take about two seconds together), with and without a REPEAT count;
    /// "brainfuck 0" and a REPEAT of 0 are usage errors.</summary>
    private static readonly string[][] Runs =
    [
        ["brainfuck", "3", "6"],
        ["brainfuck", "2", "4", "3"],
        ["brainfuck", "0"],
        ["brainfuck", "2", "4", "0"],
        ["stack_vm", "1"],
        ["stack_vm", "0", "3"],
        ["stack_vm", "0", "0"],
        ["tiny_interpreter", "1001"],
        ["tiny_interpreter", "1001", "2"],
        ["tiny_interpreter", "1001", "0"],
    ];

    public static IEnumerable<TestCaseData> ExampleRuns() =>
        Runs.Select(run => new TestCaseData(run[0], run[1..]).SetName("Prints_what_the_example_prints_on_CPython(" + string.Join(" ", run) + ")"));

    private static (int ExitCode, string Stdout) RunBaseline(string example, string[] arguments)
    {
        var output = new StringWriter();
        var noCount = new NoOpCount();
        int? exitCode = Baselines.Run(example, arguments, output, ref noCount);
        Assert.That(exitCode, Is.Not.Null, "no baseline named " + example);
        return (exitCode!.Value, output.ToString());
    }

    [TestCaseSource(nameof(ExampleRuns))]
    public void Prints_what_the_example_prints_on_CPython(string example, string[] arguments)
    {
        var cpython = Processes.Python([Repository.PathOf("examples", example + ".py"), .. arguments]);
        Assert.That(cpython.Stderr, Is.Empty);

        var (exitCode, stdout) = RunBaseline(example, arguments);
        Assert.That(stdout, Is.EqualTo(cpython.Stdout));
        Assert.That(exitCode, Is.EqualTo(cpython.ExitCode));
    }

    [Test]
    public void Every_example_with_a_JitDriver_has_a_baseline()
    {
        var withDriver = Directory.GetFiles(Repository.PathOf("examples"), "*.py")
            .Where(file => File.ReadAllText(file).Contains("JitDriver("))
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.That(Baselines.Names, Is.EquivalentTo(withDriver));
    }

    [Test]
    public void Counting_ops_counts_each_dispatch_and_prints_the_same()
    {
        // bound 10: acc goes 2, 4, ..., 10 in five passes over the three ops
        var counter = new OpCount();
        var counted = new StringWriter();
        Assert.That(Baselines.Run("tiny_interpreter", ["10"], counted, ref counter), Is.Zero);
        Assert.That(counter.Ops, Is.EqualTo(15));
        Assert.That(counted.ToString(), Is.EqualTo(RunBaseline("tiny_interpreter", ["10"]).Stdout));
        var repeated = new OpCount();
        Assert.That(Baselines.Run("tiny_interpreter", ["10", "3"], TextWriter.Null, ref repeated), Is.Zero);
        Assert.That(repeated.Ops, Is.EqualTo(45), "REPEAT runs the program that many times");
    }

    [Test]
    public void Brainfuck_parsing_merges_runs_drops_runs_that_cancel_and_makes_clears()
    {
        var program = Brainfuck.Parse("++-+>><<<[-]x+-[>+<]");
        Assert.That(program.Operations, Is.EqualTo(new byte[] { 0, 1, 6, 2, 1, 0, 1, 3 }));
        Assert.That(program.Arguments, Is.EqualTo(new[] { 2, -1, 0, 7, 1, 1, -1, 3 }));
    }

    [Test]
    public void Stack_vm_assembles_the_examples_program_into_its_four_functions()
    {
        var functions = StackVm.Assemble(string.Join('\n',
            ExampleSource.LinesBetween(File.ReadAllText(Repository.PathOf("examples", "stack_vm.py")), "SOURCE = \"\"\"", "\"\"\"")));
        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "fib", "sum_squares", "is_prime", "count_primes" }));
        Assert.That(functions[0].Code[..4], Is.EqualTo(new long[] { 1, 0, 0, 2 }), "load 0, push 2");
    }
}
