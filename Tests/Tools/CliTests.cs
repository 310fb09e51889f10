// The clrpy command in-process (Cli.Run with string writers): help, version, parse, the user errors
// with their exit code 1 and rendered diagnostics, bad usage, and internal errors (exit code 2).
using ClrPy.Tests.Support;
using ClrPy.Tools;

namespace ClrPy.Tests.Tools;

public sealed class CliTests : CliTestBase
{
    [Test]
    public void Help_lists_the_subcommands()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("parse").And.Contain("translate").And.Contain("run"));
    }

    [Test]
    public void Version_prints_the_version()
    {
        var (code, output, _) = Run("--version");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Is.EqualTo("clrpy 0.1.0\n"));
    }

    [TestCase("parse", "--dump-ast")]
    [TestCase("translate", "--backend")]
    [TestCase("run", "args")]
    public void Each_subcommand_has_its_own_help(string command, string mentioned)
    {
        var (code, output, _) = Run(command, "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain(mentioned));
    }

    [Test]
    public void Parse_of_a_valid_file_prints_nothing_and_succeeds()
    {
        var (code, output, error) = Run("parse", Write("ok.py", "def main(argv):\n    return 0\n"));
        Assert.That((code, output, error), Is.EqualTo((0, "", "")));
    }

    [Test]
    public void Dump_ast_prints_nodes_with_their_spans()
    {
        var (code, output, _) = Run("parse", "--dump-ast", Write("ok.py", "x = 1 + y\n"));
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Assign [1:1-1:10]").And.Contain("BinOp op=Add [1:5-1:10]").And.Contain("Name id=y [1:9-1:10]"));
    }

    [Test]
    public void Syntax_error_prints_headline_source_line_and_caret_and_exits_1()
    {
        string path = Write("bad.py", "def f():\n    x = f(1, 2\n");
        var (code, output, error) = Run("parse", path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"{path}:2:10: error: '(' was never closed\n        x = f(1, 2\n             ^\n"));
    }

    [Test]
    public void Missing_file_is_a_user_error()
    {
        string path = Path.Combine(TestDirectory, "missing.py");
        var (code, _, error) = Run("parse", path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo(path + ": error: no such file\n"));
    }

    [TestCase("")]
    [TestCase("\n   \n# just a comment\n")]
    public void Empty_file_is_refused(string text)
    {
        string path = Write("empty.py", text);
        var (code, _, error) = Run("parse", path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo(path + ": error: file is empty\n"));
    }

    [Test]
    public void Binary_file_is_a_located_user_error()
    {
        string path = Path.Combine(TestDirectory, "a.out");
        File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1, 2]);
        var (code, _, error) = Run("parse", path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith(path + ":1:5: error: file contains a NUL byte"));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Unknown_option_is_bad_usage_with_exit_code_1()
    {
        var (code, _, error) = Run("parse", "--frobnicate", Write("ok.py", "x = 1\n"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("Unrecognized"));
    }

    [Test]
    public void Missing_argument_is_bad_usage_with_exit_code_1()
    {
        var (code, _, error) = Run("parse");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Translate_dump_ast_works_and_the_x64_backend_says_it_is_not_there_yet()
    {
        string path = Write("prog.py", "def main(argv):\n    return 0\n");
        Assert.That(Run("translate", "--dump=ast", path).Out, Does.Contain("FunctionDef name=main"));
        var (code, _, error) = Run("translate", "--backend=x64", path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("not implemented yet"));
    }

    [Test]
    public void Internal_error_is_reported_without_a_stack_trace_and_exits_2()
    {
        var stderr = new StringWriter();
        int code = Cli.ReportInternalError(new InvalidOperationException("boom"), ["parse", "x.py"], stderr);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.StartWith("clrpy: internal error: System.InvalidOperationException: boom\n"));
        Assert.That(stderr.ToString(), Does.Contain("clrpy parse x.py").And.Not.Contain("   at "));
    }
}
