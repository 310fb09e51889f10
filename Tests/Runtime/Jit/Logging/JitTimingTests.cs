// Phase timing scopes (log.Time(JitPhase.X)): each phase is charged only its own time, a nested phase's time
// is taken out of the phase around it (as is translated code run inside log.Interpreting()), and a phase still
// running when the log ends is charged up to then.
using ClrPy.Runtime.Jit.Logging;

namespace ClrPy.Tests.Runtime.Jit.Logging;

public sealed class JitTimingTests : LogTestBase
{
    private JitLog Log() => new(JitLogCategory.Summary, new StringWriter(), Clock.Ticks);

    private static long Micros(JitLog log, JitPhase phase) =>
        (long)Math.Round(log.Counters.TicksIn(phase) * (1_000_000.0 / System.Diagnostics.Stopwatch.Frequency));

    [Test]
    public void A_phase_is_charged_the_time_between_its_start_and_its_end()
    {
        var log = Log();
        Clock.Microseconds = 100;
        using (log.Time(JitPhase.Compiling))
            Clock.Microseconds = 350;
        Clock.Microseconds = 1000;
        Assert.That(Micros(log, JitPhase.Compiling), Is.EqualTo(250));
        Assert.That(Micros(log, JitPhase.Tracing), Is.Zero);
    }

    [Test]
    public void Nested_phases_are_taken_out_of_the_phase_around_them()
    {
        var log = Log();
        using (log.Time(JitPhase.Running))
        {
            Clock.Microseconds = 10;
            using (log.Time(JitPhase.Blackholing))
            {
                Clock.Microseconds = 30;
                using (log.Time(JitPhase.Tracing))
                {
                    Clock.Microseconds = 100;
                    using (log.Time(JitPhase.Optimizing))
                        Clock.Microseconds = 150;
                    Clock.Microseconds = 160;
                }
                Clock.Microseconds = 165;
            }
            Clock.Microseconds = 200;
        }
        Assert.That(
            (Micros(log, JitPhase.Running), Micros(log, JitPhase.Blackholing), Micros(log, JitPhase.Tracing), Micros(log, JitPhase.Optimizing)),
            Is.EqualTo((45L, 25L, 80L, 50L)));
    }

    [Test]
    public void Translated_code_called_back_from_a_phase_is_charged_to_the_interpreter_and_its_own_phases_to_them()
    {
        var log = Log();
        using (log.Time(JitPhase.Blackholing))
        {
            Clock.Microseconds = 10;
            using (log.Interpreting())
            {
                Clock.Microseconds = 100;
                using (log.Time(JitPhase.Running))
                    Clock.Microseconds = 130;
                Clock.Microseconds = 400;
            }
            Clock.Microseconds = 405;
        }
        Assert.That((Micros(log, JitPhase.Blackholing), Micros(log, JitPhase.Running)), Is.EqualTo((15L, 30L)));
    }

    [Test]
    public void Repeated_phases_add_up()
    {
        var log = Log();
        for (int i = 0; i < 4; i++)
        {
            using (log.Time(JitPhase.Running))
                Clock.Microseconds += 7;
            Clock.Microseconds += 100;
        }
        Assert.That(Micros(log, JitPhase.Running), Is.EqualTo(28));
    }

    [Test]
    public void A_phase_still_running_at_the_end_is_charged_up_to_the_end()
    {
        var output = new StringWriter();
        var log = new JitLog(JitLogCategory.Summary, output, Clock.Ticks);
        _ = log.Time(JitPhase.Running);
        Clock.Microseconds = 900;
        log.Dispose();
        Assert.That(output.ToString(), Does.Contain("time: tracing=0 optimizing=0 compiling=0 blackholing=0 running=900 total=900\n"));
    }

    [Test]
    public void A_log_that_is_off_does_not_time()
    {
        var log = new JitLog(JitLogCategory.None, null, Clock.Ticks);
        using (log.Time(JitPhase.Tracing))
            Clock.Microseconds = 50;
        Assert.That(log.Counters.TicksIn(JitPhase.Tracing), Is.Zero);
    }

    [Test]
    public void The_real_clock_measures_real_time()
    {
        using var log = new JitLog(JitLogCategory.Summary, new StringWriter());
        using (log.Time(JitPhase.Optimizing))
            Thread.Sleep(20);
        Assert.That(log.Counters.TicksIn(JitPhase.Optimizing), Is.GreaterThanOrEqualTo(System.Diagnostics.Stopwatch.Frequency / 100));
    }
}
