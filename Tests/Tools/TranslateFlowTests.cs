// `clrpy translate --dump=flow` and `--dot DIR` in-process: the flow dump, one DOT file per
// function, and a not-RPy program reported as a located diagnostic with exit code 1.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Tools;

public sealed class TranslateFlowTests : CliTestBase
{
    private (int ExitCode, string Out, string Err) Translate(string source, params string[] options)
    {
        string path = Write("prog.py", source);
        return Run(["translate", .. options, path]);
    }

    [Test]
    public void Dump_flow_prints_every_function_graph_with_positions()
    {
        var (code, output, _) = Translate("def twice(x):\n    return x * 2\n\ndef main(argv):\n    return twice(len(argv))\n", "--dump=flow");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("graph twice(v0_x) at prog.py:1\nblock0(v0_x):\n    v1 = mul(v0_x, 2)"));
        Assert.That(output, Does.Contain("graph main(v0_argv) at prog.py:4"));
        Assert.That(output, Does.Contain("# prog.py:5:18"));
    }

    [Test]
    public void Dot_writes_one_graphviz_file_per_function()
    {
        string dots = Path.Combine(TestDirectory, "dots");
        var (code, _, _) = Translate("def helper():\n    return 1\n\ndef main(argv):\n    return helper()\n", "--dot", dots);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Directory.GetFiles(dots).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "helper.dot", "main.dot" }));
        Assert.That(File.ReadAllText(Path.Combine(dots, "main.dot")), Does.StartWith("digraph \"main\" {"));
    }

    [Test]
    public void Not_rpy_code_is_a_located_diagnostic_with_exit_code_1()
    {
        var (code, _, error) = Translate("def main(argv):\n    yield 1\n", "--dump=flow");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("prog.py:2:5: error: yield is not RPy (no generators)").Or.Contain(":2:5: error: yield is not RPy (no generators)"));
        Assert.That(error, Does.Not.Contain("   at "));
    }
}
