// Reading logs back: a log written through JitLog adds up to what its counters say (round trip), with and
// without its jit-summary section, and malformed logs are refused with the line at fault.
using ClrPy.Runtime.Jit.Logging;

namespace ClrPy.Tests.Runtime.Jit.Logging;

public sealed class JitLogReaderTests : LogTestBase
{
    /// <summary>A small run: two loops, a bridge, aborts, guard failures and time in every phase.</summary>
    private string WriteRun(JitLogCategory categories)
    {
        var output = new StringWriter();
        var log = new JitLog(categories, output, Clock.Ticks);
        using (log.Time(JitPhase.Tracing))
        {
            Clock.Microseconds += 300;
            log.LoopTraced("loop at line 3", 40);
            log.TraceAborted(TestAbortReason.TooLong, "line 9");
        }
        using (log.Time(JitPhase.Optimizing))
        {
            log.TraceBeforeOptimization("Loop0", "[i0]\ni1 = int_add(i0, 1)  # line 3\njump(i1, descr=Loop0)\n");
            Clock.Microseconds += 100;
            log.TraceAfterOptimization("Loop0", "[i0]\nloop-traced: key=fake ops=1\njump(i0, descr=Loop0)\n");
        }
        using (log.Time(JitPhase.Compiling))
        {
            Clock.Microseconds += 200;
            log.LoopCompiled("Loop0", 30, TimeSpan.FromMicroseconds(200));
        }
        using (log.Time(JitPhase.Running))
        {
            Clock.Microseconds += 1000;
            for (int i = 0; i < 5; i++)
                log.GuardFailed(3, "Loop0");
            log.GuardFailed(8, "Loop0");
            using (log.Time(JitPhase.Blackholing))
            {
                Clock.Microseconds += 50;
                log.BlackholeRun(3);
            }
            log.LoopTraced("loop at line 20", 12);
            log.TraceAborted(TestAbortReason.TooLong, "line 21");
            log.TraceAborted(TestAbortReason.Blacklisted, "line 22");
            log.LoopCompiled("Loop1", 10, TimeSpan.FromMicroseconds(90));
            log.BridgeCompiled(3, "Loop0", 8, TimeSpan.FromMicroseconds(70));
        }
        Clock.Microseconds += 350;
        log.Dispose();
        return output.ToString();
    }

    private static JitLogSummary Read(string text) => JitLogReader.Read(new StringReader(text));

    private static void AssertCounts(JitLogSummary summary)
    {
        Assert.That((summary.Loops, summary.Bridges, summary.LoopsTraced, summary.BlackholeRuns), Is.EqualTo((2, 1, 2, 1)));
        Assert.That(summary.AbortsByReason, Is.EqualTo(new Dictionary<string, long> { ["TooLong"] = 2, ["Blacklisted"] = 1 }));
        Assert.That(summary.GuardFailures, Is.EqualTo(6));
        Assert.That(summary.TopGuards(1), Is.EqualTo(new[] { new JitCounters.GuardFailures(3, "Loop0", 5) }));
    }

    [Test]
    public void The_summary_section_of_a_log_gives_back_the_counters_and_the_phase_times()
    {
        var summary = Read(WriteRun(JitLogCategory.Summary));
        AssertCounts(summary);
        Assert.That(summary.Microseconds, Is.EqualTo(new Dictionary<string, long>
        {
            ["tracing"] = 300, ["optimizing"] = 100, ["compiling"] = 200, ["blackholing"] = 50, ["running"] = 1000,
        }));
        Assert.That(summary.TotalMicroseconds, Is.EqualTo(2000));
    }

    [Test]
    public void Without_a_summary_section_the_events_are_counted_and_the_times_are_unknown()
    {
        string text = WriteRun(JitLogCategory.All & ~JitLogCategory.Summary);
        Assert.That(text, Does.Not.Contain("jit-summary"));
        var summary = Read(text);
        AssertCounts(summary);
        Assert.That(summary.Microseconds, Is.Null);
    }

    [Test]
    public void With_every_category_the_summary_section_wins_over_the_events()
    {
        var summary = Read(WriteRun(JitLogCategory.All));
        AssertCounts(summary);
        Assert.That(summary.Microseconds!["running"], Is.EqualTo(1000));
    }

    [Test]
    public void Pieces_optimized_once_hot_are_counted_from_their_events()
    {
        var output = new StringWriter();
        var log = new JitLog(JitLogCategory.Backend, output);
        log.PieceOptimized(14, TimeSpan.FromMicroseconds(30));
        log.PieceOptimized(9, TimeSpan.FromMicroseconds(20));
        log.Dispose();
        Assert.That(output.ToString(), Does.Contain("piece-optimized: ops=14 us=30"));
        Assert.That(Read(output.ToString()).PiecesOptimized, Is.EqualTo(2));
    }

    [Test]
    public void Recompilations_are_counted_from_their_events_and_from_the_summary_section()
    {
        var output = new StringWriter();
        var log = new JitLog(JitLogCategory.Backend | JitLogCategory.Summary, output);
        log.PieceOptimized(14, TimeSpan.FromMicroseconds(30));
        log.VersionMerged(200, TimeSpan.FromMicroseconds(900));
        log.LoopsGrouped(3, 120, TimeSpan.FromMicroseconds(700));
        log.LoopsGrouped(2, 80, TimeSpan.FromMicroseconds(500));
        log.FramelessEntryCompiled(42, TimeSpan.FromMicroseconds(300));
        log.FramelessEntryCompiled(17, TimeSpan.FromMicroseconds(100));
        log.FramelessEntryCompiled(9, TimeSpan.FromMicroseconds(50));
        log.BridgesMerged("Loop3", 4, 60);
        log.BridgesMerged("Loop5", 1, 12);
        log.Dispose();
        string text = output.ToString();
        Assert.That(text, Does.Contain("loops-grouped: loops=3 ops=120 us=700"));
        Assert.That(text, Does.Contain("frameless-entry: ops=42 us=300"));
        Assert.That(text, Does.Contain("bridges-merged: loop=Loop3 bridges=4 ops=60"));
        Assert.That(text, Does.Contain("pieces-optimized=1 versions-merged=1 bridges-merged=5 loop-groups=2 frameless-entries=3"));
        var fromSummary = Read(text);
        Assert.That((fromSummary.PiecesOptimized, fromSummary.VersionsMerged, fromSummary.BridgesMerged, fromSummary.LoopGroups, fromSummary.FramelessEntries),
            Is.EqualTo((1L, 1L, 5L, 2L, 3L)));
        var sectionStart = text.IndexOf("{jit-summary", StringComparison.Ordinal);
        var fromEvents = Read(text[..text.LastIndexOf('\n', sectionStart)] + "\n");
        Assert.That((fromEvents.PiecesOptimized, fromEvents.VersionsMerged, fromEvents.BridgesMerged, fromEvents.LoopGroups, fromEvents.FramelessEntries),
            Is.EqualTo((1L, 1L, 5L, 2L, 3L)));
    }

    [Test]
    public void A_summary_counts_line_gives_the_frameless_entries_it_names()
    {
        var summary = Read("[1] {jit-summary\ncounts: loops=1 bridges=0 traced=1 blackhole-runs=0 portal-resumes=0 entries=2 transfers=3 " +
                           "pieces-optimized=0 versions-merged=0 loop-groups=0 frameless-entries=5\n[2] jit-summary}\n");
        Assert.That((summary.Loops, summary.FramelessEntries), Is.EqualTo((1L, 5L)));
    }

    [Test]
    public void A_summary_section_written_before_the_recompilation_counts_existed_still_reads()
    {
        var summary = Read("[1] {jit-summary\ncounts: loops=1 bridges=0 traced=1 blackhole-runs=0 portal-resumes=0 entries=2 transfers=3\n[2] jit-summary}\n");
        Assert.That((summary.Loops, summary.Transfers, summary.LoopGroups, summary.VersionsMerged), Is.EqualTo((1L, 3L, 0L, 0L)));
        Assert.That(summary.FramelessEntries, Is.Zero);
    }

    [Test]
    public void An_empty_log_has_nothing_in_it() =>
        Assert.That((Read("").Loops, Read("\n").GuardFailures, Read("").Microseconds), Is.EqualTo((0L, 0L, (Dictionary<string, long>?)null)));

    [Test]
    public void Quoted_fields_read_back_as_written()
    {
        var output = new StringWriter();
        var log = new JitLog(JitLogCategory.Guard, output);
        string loop = "odd \"loop\" \\ name\n\twith\u0002 = signs";
        log.GuardFailed(1, loop);
        log.Dispose();
        Assert.That(Read(output.ToString()).Guards[1].LoopName, Is.EqualTo(loop));
    }

    [TestCase("loop-traced: key=x ops=1\n", 1, "text outside of any section")]
    [TestCase("[1] {jit-tracing\nloop-traced: key=x ops=1\n", 1, "section 'jit-tracing' is never ended")]
    [TestCase("[1] jit-tracing}\n", 1, "section 'jit-tracing' ends but was never started")]
    [TestCase("[1] {jit-tracing\n[2] {jit-abort\n[3] jit-tracing}\n", 3, "section 'jit-tracing' ends, but the open one is 'jit-abort' (line 2)")]
    [TestCase("[1] {jit-tracing\nloop-traced: key=x ops=many\n[2] jit-tracing}\n", 2, "loop-traced: field 'ops' must be a whole number >= 0, not 'many'")]
    [TestCase("[1] {jit-tracing\nloop-traced: ops=1\n[2] jit-tracing}\n", 2, "loop-traced: missing field 'key'")]
    [TestCase("[1] {jit-guard\nguard-failed: guard=1 loop=\"Loop0\n[2] jit-guard}\n", 2, "guard-failed: quoted text opened at column 28 is never closed")]
    [TestCase("[1] {jit-guard\nguard-failed: guard=1 loop=\"a\\q\"\n[2] jit-guard}\n", 2, "guard-failed: bad escape")]
    [TestCase("[1] {jit-guard\nguard-failed: guard=1 guard=2 loop=a\n[2] jit-guard}\n", 2, "field 'guard' given twice")]
    [TestCase("[1] {jit-guard\nguard-failed: guard=1 loop\n[2] jit-guard}\n", 2, "guard-failed: expected key=value at column 23")]
    [TestCase("[1] {jit-guard\nguard-fixed: guard=1\n[2] jit-guard}\n", 2, "unknown event 'guard-fixed'")]
    [TestCase("[1] {jit-summary\ncounts: loops=1\n[2] jit-summary}\n", 2, "counts: missing field 'bridges'")]
    [TestCase("[1] {jit-summary\nguard: id=1 loop=a failures=2\nloops were 3\n[2] jit-summary}\n", 3, "expected a jit-summary entry")]
    [TestCase("[1] {jit-summary\ntimes: x=1\n[2] jit-summary}\n", 2, "unknown jit-summary entry 'times'")]
    public void A_malformed_log_is_refused_at_the_line_at_fault(string text, int line, string message)
    {
        var error = Assert.Throws<JitLogFormatException>(() => Read(text))!;
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.Contain(message));
    }
}
