// The programs of examples/ with small arguments print the same through `clrpy run`'s pipeline (the
// graph interpreter, in-process) as on CPython; the brainfuck example's generated program is up to
// date and really draws the fixed-point Mandelbrot set it promises.
using System.Text;
using ClrPy.Tests.Corpus;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Examples;

public sealed class ExampleProgramTests
{
    /// <summary>Small arguments per example program: each runs in about a second on the graph interpreter.</summary>
    private static readonly Dictionary<string, string[]> SmallArguments = new()
    {
        ["tiny_interpreter.py"] = ["1000"],
        ["fib.py"] = ["15"],
        ["brainfuck.py"] = ["3", "6"],
        ["stack_vm.py"] = ["1"],
    };

    public static IEnumerable<TestCaseData> Examples() =>
        SmallArguments.Keys.Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetName("Prints_the_same_on_the_graph_interpreter_and_from_jitcodes_as_on_CPython(" + name + ")"));

    [Test]
    public void Every_example_with_a_main_has_small_arguments_here()
    {
        var programs = Directory.GetFiles(Repository.PathOf("examples"), "*.py")
            .Where(file => File.ReadAllText(file).Contains("\ndef main(argv"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(programs, Is.EquivalentTo(SmallArguments.Keys));
    }

    [TestCaseSource(nameof(Examples))]
    public void Prints_the_same_on_the_graph_interpreter_and_from_jitcodes_as_on_CPython(string name)
    {
        string program = Repository.PathOf("examples", name);
        var arguments = SmallArguments[name];
        var cpython = Processes.Python([program, .. arguments]);
        Assert.That(cpython.ExitCode, Is.Zero, cpython.Stderr);
        Assert.That(cpython.Stdout, Is.Not.Empty);

        var (exitCode, stdout, problem) = GraphInterpreterCorpusTests.Run(program, arguments);
        Assert.That(exitCode, Is.Zero, problem);
        Assert.That(stdout, Is.EqualTo(cpython.Stdout));

        // and from the codewriter's jitcodes
        // (the portals read their code after the merge point, one getfield per iteration more than a local would cost)
        var fromJitcodes = GraphInterpreterCorpusTests.Run(program, jitcodes: true, operationHelpers: false, maxSteps: 30_000_000, arguments);
        Assert.That(fromJitcodes.ExitCode, Is.Zero, fromJitcodes.Problem);
        Assert.That(fromJitcodes.Stdout, Is.EqualTo(cpython.Stdout), "run from jitcodes");
    }

    [Test]
    public void The_brainfuck_program_is_what_its_generator_makes()
    {
        var generated = Processes.Run("python3", [Repository.PathOf("examples", "tools", "make_mandelbrot_bf")]);
        Assert.That(generated.ExitCode, Is.Zero, generated.Stderr);
        string example = File.ReadAllText(Repository.PathOf("examples", "brainfuck.py"));
        Assert.That(example, Does.Contain(generated.Stdout),
            "the MANDELBROT block of examples/brainfuck.py is stale: run examples/tools/make_mandelbrot_bf --update");
    }

    [TestCase(4, 10)]
    [TestCase(5, 3)]
    public void The_brainfuck_program_draws_the_fixed_point_Mandelbrot_set(int scale, int limit)
    {
        var result = Processes.Python([Repository.PathOf("examples", "brainfuck.py"), scale.ToString(), limit.ToString()]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        string picture = result.Stdout[..(result.Stdout.TrimEnd('\n').LastIndexOf('\n') + 1)];
        Assert.That(picture, Is.EqualTo(MandelbrotPicture(scale, limit)));
    }

    /// <summary>The picture the brainfuck program must print, computed directly: z = z*z + c in fixed
    /// point with scale S, each product's magnitude truncated, escape when x*x/S + y*y/S > 4S.</summary>
    private static string MandelbrotPicture(int scale, int limit)
    {
        const string palette = " .:-=+*%#";
        var picture = new StringBuilder();
        for (int cy = -scale; cy <= scale; cy += 2)
        {
            for (int cx = -2 * scale; cx <= scale / 2; cx++)
            {
                long x = 0, y = 0;
                int steps = 0;
                bool escaped = false;
                while (true)
                {
                    long x2 = x * x / scale, y2 = y * y / scale;
                    if (x2 + y2 > 4 * scale)
                    {
                        escaped = true;
                        break;
                    }
                    long xy = Math.Abs(x) * Math.Abs(y) / scale * (Math.Sign(x) * Math.Sign(y) < 0 ? -1 : 1);
                    (x, y) = (x2 - y2 + cx, 2 * xy + cy);
                    if (++steps == limit)
                        break;
                }
                picture.Append(escaped ? palette[Math.Min(steps, 9) - 1] : '@');
            }
            picture.Append('\n');
        }
        return picture.ToString();
    }
}
