// `clrpy translate --backend=cil` through the command line in-process: the output folder holds a
// runnable assembly, its runtimeconfig and the runtime; the summary names what was emitted; --run
// passes arguments and returns the program's exit code; user errors leave no output behind.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Tools;

public sealed class TranslateCilTests : CliTestBase
{
    private const string Program = "def main(argv):\n    total = 0\n    for a in argv[1:]:\n        total += int(a)\n"
        + "    print('sum', total)\n    return len(argv) - 1\n";

    [Test]
    public void Translation_writes_an_assembly_that_runs_with_dotnet()
    {
        string source = Write("adder.py", Program);
        string output = Path.Combine(TestDirectory, "out");
        var (code, _, err) = Run("translate", "--backend=cil", source, "-o", output);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName),
            Is.SupersetOf(new[] { "adder.dll", "adder.runtimeconfig.json", "ClrPy.Runtime.dll" }));
        Assert.That(err, Does.Contain("functions").And.Contain("blocks").And.Contain("operations").And.Contain("emit"));
        var run = Processes.Run("dotnet", [Path.Combine(output, "adder.dll"), "2", "40"]);
        Assert.That(run.Stdout, Is.EqualTo("sum 42\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Run_after_translation_passes_the_arguments_and_returns_the_exit_code()
    {
        string source = Write("adder.py", Program);
        var (code, _, err) = Run("translate", "--backend=cil", source, "-o", Path.Combine(TestDirectory, "out"), "--run", "--", "1", "2", "3");
        Assert.That(code, Is.EqualTo(3), err);
    }

    [Test]
    public void A_program_with_a_type_error_is_reported_with_its_location_and_writes_nothing()
    {
        string source = Write("bad.py", "def main(argv):\n    x = 1\n    x = 'one'\n    return x + 1\n");
        string output = Path.Combine(TestDirectory, "out");
        var (code, _, err) = Run("translate", "--backend=cil", source, "-o", output);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.Contain("bad.py:"));
        Assert.That(Directory.Exists(output), Is.False);
    }

    [Test]
    public void The_il_dump_shows_each_function_and_its_instructions()
    {
        string source = Write("adder.py", Program);
        var (code, output, err) = Run("translate", "--dump=il", source);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("method main").And.Contain("call ::StrToInt").And.Not.Contain("tail."));
    }
}
