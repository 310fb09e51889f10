// What the JIT log tests share: a clock they set by hand (fresh at zero for each test), so timestamps and
// phase times are exact, and an abort reason enum standing in for the tracer's.
using System.Diagnostics;

namespace ClrPy.Tests.Runtime.Jit.Logging;

public enum TestAbortReason { TooLong, Blacklisted }

/// <summary>A clock for logs under test, set in microseconds and read in Stopwatch ticks.</summary>
public sealed class TestClock
{
    public long Microseconds { get; set; }

    public long Ticks() => (long)(Microseconds * (Stopwatch.Frequency / 1_000_000.0));
}

public abstract class LogTestBase
{
    protected TestClock Clock { get; private set; } = new();

    [SetUp]
    public void StartTheClockAtZero() => Clock = new TestClock();
}
