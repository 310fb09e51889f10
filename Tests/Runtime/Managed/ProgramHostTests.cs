// The entry point of translated programs: argv, buffered stdout, the exit code from main, and an
// uncaught RPy exception reported like `clrpy run` (and CPython) report it, a bad set_param like a bad CLRPY_JIT.
using ClrPy.Runtime.Managed;

namespace ClrPy.Tests.Runtime.Managed;

public sealed class ProgramHostTests
{
    [Test]
    public void Main_gets_argv_and_its_result_is_the_exit_code()
    {
        var stdout = new StringWriter();
        int code = ProgramHost.Run(argv =>
        {
            ProgramHost.WriteStdout(string.Join(",", argv.Items.ToArray()) + "\n");
            return 3;
        }, "prog.py", ["a", "b"], stdout, new StringWriter());
        Assert.That((code, stdout.ToString()), Is.EqualTo((3, "prog.py,a,b\n")));
    }

    [Test]
    public void An_uncaught_exception_flushes_stdout_then_prints_a_traceback_and_exits_with_one()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ProgramHost.Run(argv =>
        {
            ProgramHost.WriteStdout("before\n");
            return Pending.Raise<long>(new PyZeroDivisionError("integer division or modulo by zero"));
        }, "prog.py", [], stdout, stderr);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout.ToString(), Is.EqualTo("before\n"));
        Assert.That(stderr.ToString().Replace("\r\n", "\n"), Is.EqualTo(
            "Traceback (most recent call last):\n  File \"prog.py\", in main\nZeroDivisionError: integer division or modulo by zero\n"));
        Assert.That(Pending.Exception, Is.Null);
    }

    [Test]
    public void A_bad_set_param_flushes_stdout_then_prints_its_error_and_exits_with_one()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ProgramHost.Run(argv =>
        {
            ProgramHost.WriteStdout("before\n");
            ClrPy.Runtime.Jit.Engine.JitInstall.SetParam(0, "treshold", 5L);
            return 0;
        }, "prog.py", [], stdout, stderr);
        Assert.That((code, stdout.ToString()), Is.EqualTo((1, "before\n")));
        Assert.That(stderr.ToString(), Does.StartWith("error: unknown JIT parameter 'treshold'; known: off, enable_opts, "));
    }
}
