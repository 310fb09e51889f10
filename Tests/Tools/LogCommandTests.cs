// `clrpy log summary FILE` on logs written through JitLog: counts, top guards, time per phase with percentages,
// the note when a log has no jit-summary section, and the user errors (usage, missing file, malformed line).
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Tests.Runtime.Jit.Logging;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Tools;

public sealed class LogCommandTests : CliTestBase
{
    private string WriteLog(JitLogCategory categories, int guards)
    {
        var clock = new TestClock();
        string path = Path.Combine(TestDirectory, "jit.log");
        var log = new JitLog(categories, new StreamWriter(path), clock.Ticks);
        using (log.Time(JitPhase.Tracing))
        {
            clock.Microseconds += 1500;
            log.LoopTraced("line 4", 20);
            log.TraceAborted(TestAbortReason.TooLong, "line 9");
        }
        using (log.Time(JitPhase.Compiling))
        {
            clock.Microseconds += 500;
            log.LoopCompiled("Loop0", 18, TimeSpan.FromMicroseconds(500));
        }
        using (log.Time(JitPhase.Running))
        {
            clock.Microseconds += 6000;
            log.CompiledCodeRan(transfers: 5);
            for (int guard = 1; guard <= guards; guard++)
            {
                for (int i = 0; i < guard; i++)
                    log.GuardFailed(guard, "Loop0");
            }
        }
        clock.Microseconds += 2000;
        log.Dispose();
        return path;
    }

    [Test]
    public void Summary_counts_what_the_jit_did_and_where_the_time_went()
    {
        var (code, output, error) = Run("log", "summary", WriteLog(JitLogCategory.Summary, guards: 2));
        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Is.EqualTo(
            "loops:          1 (1 traced)\n" +
            "bridges:        0\n" +
            "aborts:         1\n" +
            "  TooLong                1\n" +
            "guard failures: 3 (2 guards)\n" +
            "  Guard2 in Loop0        2\n" +
            "  Guard1 in Loop0        1\n" +
            "blackhole runs: 0\n" +
            "portal resumes: 0\n" +
            "compiled code entered: 1, passed between loops: 5\n" +
            "time:\n" +
            "  tracing                       1.500 ms   15.0%\n" +
            "  optimizing                    0.000 ms    0.0%\n" +
            "  compiling                     0.500 ms    5.0%\n" +
            "  blackholing                   0.000 ms    0.0%\n" +
            "  running compiled code         6.000 ms   60.0%\n" +
            "  other (interpreter)           2.000 ms   20.0%\n" +
            "  total                        10.000 ms  100.0%\n"));
    }

    [Test]
    public void Summary_counts_frameless_entries_when_there_are_some()
    {
        string path = Path.Combine(TestDirectory, "frameless.log");
        var log = new JitLog(JitLogCategory.Summary, new StreamWriter(path));
        log.FramelessEntryCompiled(40, TimeSpan.FromMicroseconds(200));
        log.Dispose();
        var (code, output, error) = Run("log", "summary", path);
        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("bridges:        0\nframeless entries: 1\naborts:         0\n"));
    }

    [Test]
    public void Only_the_ten_most_failing_guards_are_listed()
    {
        var (code, output, _) = Run("log", "summary", WriteLog(JitLogCategory.Summary, guards: 12));
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("guard failures: 78 (12 guards)\n  Guard12 in Loop0       12\n"));
        Assert.That(output, Does.Contain("  Guard3 in Loop0        3\n  ... and 2 more guards\n"));
        Assert.That(output, Does.Not.Contain("Guard2 "));
    }

    [Test]
    public void A_log_without_jit_summary_is_counted_from_its_events()
    {
        var (code, output, _) = Run("log", "summary", WriteLog(JitLogCategory.All & ~JitLogCategory.Summary, guards: 2));
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("loops:          1 (1 traced)\n").And.Contain("guard failures: 3 (2 guards)\n")
            .And.EndWith("time:           not in this log (it has no jit-summary section; counts are from the jit-* sections present)\n"));
    }

    [Test]
    public void A_malformed_line_is_reported_with_file_and_line_and_exit_code_1()
    {
        string path = Write("bad.log", "[10] {jit-guard\nguard-failed: guard=x loop=Loop0\n[11] jit-guard}\n");
        var (code, output, error) = Run("log", "summary", path);
        Assert.That((code, output), Is.EqualTo((1, "")));
        Assert.That(error, Is.EqualTo($"{path}:2: error: guard-failed: field 'guard' must be a whole number >= 0, not 'x'\n"));
    }

    [Test]
    public void A_missing_file_is_a_user_error()
    {
        string path = Path.Combine(TestDirectory, "none.log");
        var (code, _, error) = Run("log", "summary", path);
        Assert.That((code, error), Is.EqualTo((1, path + ": error: no such file\n")));
    }

    [TestCase(new string[0], "")]
    [TestCase(new[] { "sumary" }, "clrpy: error: unknown log subcommand 'sumary'\n")]
    public void Log_without_a_known_subcommand_prints_usage_and_exits_1(string[] rest, string complaint)
    {
        var (code, output, error) = Run(["log", .. rest]);
        Assert.That((code, output), Is.EqualTo((1, "")));
        Assert.That(error, Is.EqualTo(complaint + "usage: clrpy log summary FILE   (FILE written with CLRPYLOG=jit-summary:FILE or *:FILE)\n"));
    }

    [Test]
    public void Help_lists_the_log_command()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Read JIT logs"));
        Assert.That(Run("log", "--help").Out, Does.Contain("summary <file>"));
    }
}

/// <summary>A translated program honours CLRPYLOG: the log is opened before main and written at process exit.</summary>
public sealed class TranslatedProgramLogTests : CliTestBase
{
    private string Translate()
    {
        string source = Write("hello.py", "def main(argv):\n    print('hello')\n    return 3\n");
        string output = Path.Combine(TestDirectory, "out");
        var (code, _, error) = Run("translate", "--backend=cil", source, "-o", output);
        Assert.That(code, Is.Zero, error);
        return Path.Combine(output, "hello.dll");
    }

    [Test]
    public void A_translated_program_writes_jit_summary_at_exit_and_log_summary_reads_it()
    {
        string program = Translate();
        string log = Path.Combine(TestDirectory, "jit.log");
        var run = Processes.Run("dotnet", [program], environment: new Dictionary<string, string> { ["CLRPYLOG"] = "jit-summary:" + log });
        Assert.That((run.ExitCode, run.Stdout, run.Stderr), Is.EqualTo((3, "hello\n", "")));
        Assert.That(File.ReadAllText(log), Does.Match(@"^\[[0-9a-f]+\] \{jit-summary\ncounts: loops=0 bridges=0 traced=0 .*\ntime: .* total=\d+\n\[[0-9a-f]+\] jit-summary\}\n$"));
        var (code, output, _) = Run("log", "summary", log);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.StartWith("loops:          0 (0 traced)\n").And.Contain("  total "));
    }

    [Test]
    public void A_bad_clrpylog_value_warns_once_and_the_program_runs_as_usual()
    {
        var run = Processes.Run("dotnet", [Translate()], environment: new Dictionary<string, string> { ["CLRPYLOG"] = "jit-sumary:x.log" });
        Assert.That((run.ExitCode, run.Stdout), Is.EqualTo((3, "hello\n")));
        Assert.That(run.Stderr, Is.EqualTo("clrpy: warning: CLRPYLOG: unknown category 'jit-sumary' (known: *, " + JitLogSpec.KnownNames + "); the JIT log is off\n"));
    }
}
