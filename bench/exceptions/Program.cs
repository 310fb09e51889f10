// bench/exceptions: measures one RPy `raise` caught two calls up (DESIGN.md decision 4) under the two
// lowerings the translator can choose, in the same process so the ratio is meaningful:
//   clr-throw:       raise = CLR `throw`, except = CLR `catch` (what the CLR gives for free);
//   explicit-checks: raise = store the exception in a per-thread slot and return a dummy value; every
//                    call that can raise is followed by a test of the slot (PyPy's exception transform).
// It also measures the non-raising path of both, since the checks cost something when nothing is raised.
using System.Diagnostics;
using System.Runtime.CompilerServices;

const int Iterations = 2_000_000;
var results = new List<(string Name, double NsPerOp)>
{
    ("clr-throw raise+catch", Measure(ClrThrow.RaiseAndCatch, Iterations / 20)),
    ("explicit-checks raise+catch", Measure(ExplicitChecks.RaiseAndCatch, Iterations)),
    ("clr-throw no raise", Measure(ClrThrow.NoRaise, Iterations)),
    ("explicit-checks no raise", Measure(ExplicitChecks.NoRaise, Iterations)),
};
foreach (var (name, ns) in results)
    Console.WriteLine($"{name,-30} {ns,10:F1} ns/op");
Console.WriteLine($"ratio clr-throw / explicit-checks (raise+catch): {results[0].NsPerOp / results[1].NsPerOp:F0}x");
return 0;

static double Measure(Func<int, long> body, int iterations)
{
    body(iterations / 10);
    var samples = new List<double>();
    for (int run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        long sink = body(iterations);
        watch.Stop();
        if (sink == 42)
            Console.Write("");
        samples.Add(watch.Elapsed.TotalNanoseconds / iterations);
    }
    samples.Sort();
    return samples[samples.Count / 2];
}

/// <summary>An RPy exception instance as the translator would lay it out (a CLR class).</summary>
sealed class RpyError(long code) : Exception
{
    public long Code { get; } = code;
}

static class ClrThrow
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Inner(long i, bool raise)
    {
        if (raise)
            throw new RpyError(i);
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Middle(long i, bool raise) => Inner(i, raise) + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Outer(long i, bool raise)
    {
        try
        {
            return Middle(i, raise);
        }
        catch (RpyError e)
        {
            return e.Code;
        }
    }

    public static long RaiseAndCatch(int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
            sum += Outer(i, true);
        return sum;
    }

    public static long NoRaise(int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
            sum += Outer(i, false);
        return sum;
    }
}

static class ExplicitChecks
{
    /// <summary>The pending exception, null when none (the exception transform's slot). A plain static:
    /// translated RPy programs run on one thread, and a [ThreadStatic] slot measured 2.5x slower per check.</summary>
    static RpyErrorObject? _pending;

    sealed class RpyErrorObject(long code)
    {
        public long Code { get; } = code;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Inner(long i, bool raise)
    {
        if (raise)
        {
            _pending = new RpyErrorObject(i);
            return 0;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Middle(long i, bool raise)
    {
        long value = Inner(i, raise);
        if (_pending is not null)
            return 0;
        return value + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Outer(long i, bool raise)
    {
        long value = Middle(i, raise);
        if (_pending is { } error)
        {
            _pending = null;
            return error.Code;
        }
        return value;
    }

    public static long RaiseAndCatch(int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
            sum += Outer(i, true);
        return sum;
    }

    public static long NoRaise(int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
            sum += Outer(i, false);
        return sum;
    }
}
