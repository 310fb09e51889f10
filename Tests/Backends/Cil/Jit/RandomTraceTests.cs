// Random traces (RandomTraceGenerator), at least 10,000 per run, each run by the trace interpreter and by the
// CIL backend, which must agree. The seed is new each run and printed on failure; set CLRPY_TRACE_SEED to
// replay one, or with CLRPY_TRACE_COUNT to sweep that many from it. Everything runs on one thread:
// Pending.Exception is one static.
using System.Diagnostics;
using System.Globalization;
using ClrPy.Backends.Cil.Jit;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed class RandomTraceTests
{
    private const int TraceCount = 10_000;

    /// <summary>Traces compiled in pieces (TracePieces) are held to the interpreter as well, on fewer seeds.</summary>
    private const int PiecesTraceCount = 2_000;

    [Test]
    public void Ten_thousand_random_traces_run_the_same_in_the_backend_and_the_interpreter() =>
        Run(new CilJitBackend(), TraceCount);

    [Test]
    public void Random_traces_cut_into_pieces_run_the_same_in_the_backend_and_the_interpreter() =>
        Run(new CilJitBackend(methodOps: 0, pieceOps: 5, tierUpRuns: 2), PiecesTraceCount);

    private static void Run(CilJitBackend backend, int traceCount)
    {
        string? replay = Environment.GetEnvironmentVariable("CLRPY_TRACE_SEED");
        int baseSeed = replay is null ? Environment.TickCount : int.Parse(replay, CultureInfo.InvariantCulture);
        string? sweep = Environment.GetEnvironmentVariable("CLRPY_TRACE_COUNT");
        int count = sweep is not null ? int.Parse(sweep, CultureInfo.InvariantCulture) : replay is null ? traceCount : 1;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            int seed = unchecked(baseSeed + i);
            try
            {
                // sets of two loops run with them joined in one group for even seeds
                BackendHarness.AssertAgree(RandomTraceGenerator.Generate(seed), $"random trace with seed {seed} (replay: CLRPY_TRACE_SEED={seed})", backend,
                    joinLoops: seed % 2 == 0);
            }
            catch (Exception error) when (error is not AssertionException)
            {
                Assert.Fail($"random trace with seed {seed} (replay: CLRPY_TRACE_SEED={seed}) threw {error}");
            }
        }
        TestContext.Out.WriteLine($"{count} random traces from seed {baseSeed} in {clock.Elapsed.TotalSeconds:F1} s; backend: {backend.Stats}");
    }
}
