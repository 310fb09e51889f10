// The log's text (sections with timestamps, nesting, each event's line and trace text), the jit-summary
// written at the end, the counters kept whether or not anything is written, and the cost of a log that is off.
using ClrPy.Runtime.Jit.Logging;

namespace ClrPy.Tests.Runtime.Jit.Logging;

public sealed class JitLogTests : LogTestBase
{
    private StringWriter _output = new();

    private JitLog Log(JitLogCategory categories)
    {
        _output = new StringWriter { NewLine = "\n" };
        return new JitLog(categories, _output, Clock.Ticks);
    }

    [Test]
    public void Each_event_is_a_section_with_hex_microsecond_timestamps()
    {
        var log = Log(JitLogCategory.Tracing | JitLogCategory.Backend);
        Clock.Microseconds = 0x1f;
        log.LoopTraced("while at line 12: i = i + 1", 37);
        Clock.Microseconds = 0x200;
        log.LoopCompiled("Loop0", 30, TimeSpan.FromMicroseconds(412));
        log.Dispose();
        Assert.That(_output.ToString(), Is.EqualTo(
            "[1f] {jit-tracing\n" +
            "loop-traced: key=\"while at line 12: i = i + 1\" ops=37\n" +
            "[1f] jit-tracing}\n" +
            "[200] {jit-backend\n" +
            "loop-compiled: loop=Loop0 ops=30 us=412\n" +
            "[200] jit-backend}\n"));
    }

    [Test]
    public void Sections_nest_and_events_go_inside_the_open_one()
    {
        var log = Log(JitLogCategory.All & ~JitLogCategory.Summary);
        Clock.Microseconds = 1;
        using (log.Section(JitLogCategory.Tracing))
        {
            Clock.Microseconds = 2;
            log.TraceAborted(TestAbortReason.TooLong, "line 40");
            Clock.Microseconds = 3;
        }
        log.Dispose();
        Assert.That(_output.ToString(), Is.EqualTo(
            "[1] {jit-tracing\n" +
            "[2] {jit-abort\n" +
            "trace-aborted: reason=TooLong location=\"line 40\"\n" +
            "[2] jit-abort}\n" +
            "[3] jit-tracing}\n"));
    }

    [Test]
    public void Trace_text_follows_its_event_line_unchanged()
    {
        var log = Log(JitLogCategory.Optimize);
        log.TraceBeforeOptimization("Loop0", "[i0]\ni1 = int_add(i0, 1)  # line 3 'i += 1'\njump(i1, descr=Loop0)\n");
        log.TraceAfterOptimization("Loop0", "[i0]\njump(i0, descr=Loop0)");
        log.Dispose();
        Assert.That(_output.ToString(), Is.EqualTo(
            "[0] {jit-optimize\ntrace-before-opt: trace=Loop0\n[i0]\ni1 = int_add(i0, 1)  # line 3 'i += 1'\njump(i1, descr=Loop0)\n[0] jit-optimize}\n" +
            "[0] {jit-optimize\ntrace-after-opt: trace=Loop0\n[i0]\njump(i0, descr=Loop0)\n[0] jit-optimize}\n"));
    }

    [Test]
    public void Guard_bridge_and_blackhole_events_name_the_guard()
    {
        var log = Log(JitLogCategory.Guard | JitLogCategory.Blackhole | JitLogCategory.Backend);
        log.GuardFailed(7, "Loop2");
        log.BlackholeRun(7);
        log.BridgeCompiled(7, "Loop2", 9, TimeSpan.FromMilliseconds(1.5));
        log.Dispose();
        Assert.That(_output.ToString(), Is.EqualTo(
            "[0] {jit-guard\nguard-failed: guard=7 loop=Loop2\n[0] jit-guard}\n" +
            "[0] {jit-blackhole\nblackhole-run: guard=7\n[0] jit-blackhole}\n" +
            "[0] {jit-backend\nbridge-compiled: guard=7 loop=Loop2 ops=9 us=1500\n[0] jit-backend}\n"));
    }

    [Test]
    public void Categories_that_are_off_write_nothing_but_still_count()
    {
        var log = Log(JitLogCategory.Backend);
        log.LoopTraced("k", 3);
        log.TraceAborted(TestAbortReason.Blacklisted, "here");
        log.GuardFailed(1, "Loop0");
        log.BlackholeRun(1);
        log.TraceBeforeOptimization("Loop0", "[]\n");
        using (log.Section(JitLogCategory.Tracing))
            log.LoopTraced("k", 3);
        log.Dispose();
        Assert.That(_output.ToString(), Is.Empty);
        var counters = log.Counters;
        Assert.That((counters.LoopsTraced, counters.Aborts, counters.GuardFailureCount, counters.BlackholeRuns), Is.EqualTo((2, 1, 1, 1)));
        Assert.That(counters.AbortsByReason, Is.EqualTo(new Dictionary<string, long> { ["Blacklisted"] = 1 }));
    }

    [Test]
    public void Text_fields_are_quoted_and_escaped_when_they_are_not_one_word()
    {
        var log = Log(JitLogCategory.Abort);
        log.TraceAborted(TestAbortReason.TooLong, "say \"hi\"\\\n\tnow=\u0001");
        log.TraceAborted(TestAbortReason.TooLong, "");
        log.Dispose();
        Assert.That(_output.ToString(), Does.Contain("location=\"say \\\"hi\\\"\\\\\\n\\tnow=\\u0001\"\n").And.Contain("location=\"\"\n"));
    }

    [Test]
    public void Dispose_closes_open_sections_writes_the_summary_and_later_events_only_count()
    {
        var log = Log(JitLogCategory.Tracing | JitLogCategory.Summary);
        Clock.Microseconds = 5;
        var section = log.Section(JitLogCategory.Tracing);
        log.LoopCompiled("Loop0", 10, TimeSpan.Zero);
        log.LoopCompiled("Loop1", 20, TimeSpan.Zero);
        log.BridgeCompiled(4, "Loop0", 6, TimeSpan.Zero);
        log.TraceAborted(TestAbortReason.TooLong, "a");
        log.TraceAborted(TestAbortReason.TooLong, "b");
        log.TraceAborted(TestAbortReason.Blacklisted, "c");
        log.GuardFailed(4, "Loop0");
        log.GuardFailed(9, "Loop1");
        log.GuardFailed(4, "Loop0");
        Clock.Microseconds = 0x40;
        log.Dispose();
        section.Dispose();
        log.LoopTraced("late", 1);
        Assert.That(_output.ToString(), Is.EqualTo(
            "[5] {jit-tracing\n" +
            "[40] jit-tracing}\n" +
            "[40] {jit-summary\n" +
            "counts: loops=2 bridges=1 traced=0 compiled-ops=36 aborts=3 guard-failures=3 blackhole-runs=0 portal-resumes=0 entries=0 transfers=0 pieces-optimized=0 versions-merged=0 bridges-merged=0 loop-groups=0 frameless-entries=0\n" +
            "abort: reason=Blacklisted count=1\n" +
            "abort: reason=TooLong count=2\n" +
            "guard: id=4 loop=Loop0 failures=2\n" +
            "guard: id=9 loop=Loop1 failures=1\n" +
            "time: tracing=0 optimizing=0 compiling=0 blackholing=0 running=0 total=64\n" +
            "[40] jit-summary}\n"));
        Assert.That(log.Counters.LoopsTraced, Is.EqualTo(1));
    }

    [Test]
    public void A_log_that_is_off_allocates_nothing_for_events_sections_and_timing()
    {
        var log = new JitLog(JitLogCategory.None, null);
        log.GuardFailed(1, "Loop0");  // the first failure of a guard, or abort for a reason, makes its counter
        log.TraceAborted(TestAbortReason.TooLong, "here");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            using (log.Time(JitPhase.Running))
                log.GuardFailed(1, "Loop0");
            using (log.Section(JitLogCategory.Guard))
                log.BlackholeRun(1);
            log.LoopCompiled("Loop0", 5, TimeSpan.Zero);
            log.TraceAborted(TestAbortReason.TooLong, "here");
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(log.Counters.GuardFailureCount, Is.EqualTo(1001));
        Assert.That(log.Counters.TicksIn(JitPhase.Running), Is.Zero);
    }

    [Test]
    public void Counting_guard_failures_on_a_log_that_is_on_does_not_allocate_either()
    {
        var log = Log(JitLogCategory.Summary);
        log.GuardFailed(1, "Loop0");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            using (log.Time(JitPhase.Blackholing))
                log.GuardFailed(1, "Loop0");
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }

    [Test]
    public void A_write_that_fails_turns_the_log_off_with_one_warning()
    {
        var warnings = new StringWriter();
        var log = new JitLog(JitLogCategory.All, new FullDisk(), Clock.Ticks, warnings);
        using (log.Time(JitPhase.Running))
        using (log.Section(JitLogCategory.Tracing))
            log.GuardFailed(2, "Loop0");
        log.Dispose();
        Assert.That(warnings.ToString(), Is.EqualTo(
            "clrpy: warning: CLRPYLOG: writing the JIT log failed (No space left on device); the JIT log is off\n"));
        Assert.That((log.IsEnabled(JitLogCategory.Guard), log.Counters.GuardFailureCount), Is.EqualTo((false, 1)));
    }

    [Test]
    public void A_dash_for_the_file_writes_to_stderr()
    {
        var stderr = new StringWriter();
        var saved = Console.Error;
        Console.SetError(stderr);
        try
        {
            var log = JitLog.FromSpec("jit-guard:-", new StringWriter());
            log.GuardFailed(4, "Loop1");
            log.Dispose();
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.That(stderr.ToString(), Does.Match(@"^\[[0-9a-f]+\] \{jit-guard\nguard-failed: guard=4 loop=Loop1\n\[[0-9a-f]+\] jit-guard\}\n$"));
    }
}
