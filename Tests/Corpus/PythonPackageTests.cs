// The Python-side suites in Tests/Python pass on CPython: the clrpy package's unit tests and the corpus
// shape rules (test_corpus_rules.py); and the examples run on CPython with the package on the path.
using ClrPy.Tests.Support;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Tests.Corpus;

public sealed class PythonPackageTests
{
    [Test]
    public void The_clrpy_package_passes_its_unittests_on_CPython()
    {
        var result = Processes.Python(["-m", "unittest", "discover", "-s", Repository.PathOf("Tests", "Python"), "-q"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Does.Contain("OK"));
    }

    [TestCase("tiny_interpreter.py", "1000", "1000\n")]
    [TestCase("fib.py", "15", "fib(15) = 610\n")]
    public void Example_runs_on_CPython_with_an_argument(string example, string argument, string expected)
    {
        var result = Processes.Python([Repository.PathOf("examples", example), argument]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo(expected));
    }

    [TestCase("clrpy.jit")]
    [TestCase("clrpy.rlib")]
    public void The_translator_knows_exactly_the_public_names_of_the_package_module(string module)
    {
        var result = Processes.Python(["-c",
            $"import {module} as m, types; print(' '.join(sorted(n for n, v in vars(m).items() if not n.startswith('_') and not isinstance(v, types.ModuleType))))"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var onCpython = result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(Builtins.MembersOf(module), Is.EquivalentTo(onCpython));
    }
}
