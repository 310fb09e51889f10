// The optimizer pipeline: the passes in the order they run, each switchable by a flag so that a miscompile can
// be bisected to one pass. Called by the JIT after tracing (and by tests with a chosen set of passes and a
// hook that sees each pass's output, where the tests run TraceVerifier).
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

[Flags]
public enum OptimizerPasses
{
    None = 0,
    Peeling = 1 << 0,
    Virtualizables = 1 << 1,
    Virtuals = 1 << 2,
    Heap = 1 << 3,
    Guards = 1 << 4,
    Fold = 1 << 5,
    Bounds = 1 << 6,
    Cse = 1 << 7,
    DeadStores = 1 << 8,
    DeadCode = 1 << 9,
    All = Peeling | Virtualizables | Virtuals | Heap | Guards | Fold | Bounds | Cse | DeadStores | DeadCode,
}

public static class Optimizer
{
    /// <summary>
    /// Optimizes <paramref name="trace"/> with the chosen passes, in pipeline order (the input is not changed).
    /// The guards kept keep their FailDescr objects; before returning, each guard's FailDescr.Layout is set to the
    /// returned trace's layout for it, so that code compiled from the returned trace resumes correctly.
    /// </summary>
    public static TraceIr Optimize(TraceIr trace, OptimizerPasses passes = OptimizerPasses.All,
        Action<OptimizerPasses, TraceIr>? afterPass = null)
    {
        var rewriter = new TraceRewriter();
        trace = Run(OptimizerPasses.Peeling, passes, trace, afterPass, t => new PeelingPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Virtualizables, passes, trace, afterPass, t => new VirtualizablePass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Virtuals, passes, trace, afterPass, t => new VirtualsPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Heap, passes, trace, afterPass, t => new HeapPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Guards, passes, trace, afterPass, t => new GuardPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Fold, passes, trace, afterPass, t => new FoldPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Bounds, passes, trace, afterPass, t => new BoundsPass(rewriter).Run(t));
        trace = Run(OptimizerPasses.Cse, passes, trace, afterPass, t => new CsePass(rewriter).Run(t));
        trace = Run(OptimizerPasses.DeadStores, passes, trace, afterPass, t => new DeadStorePass(rewriter).Run(t));
        trace = Run(OptimizerPasses.DeadCode, passes, trace, afterPass, t => new DeadCodePass(rewriter).Run(t));
        if ((passes & OptimizerPasses.Peeling) != 0 && new LoopConstantsPass(rewriter).Run(trace) is { } constants)
        {
            // label arguments constant round the loop: what the loop computed from them folds now
            afterPass?.Invoke(OptimizerPasses.Peeling, constants);
            trace = Run(OptimizerPasses.Fold, passes, constants, afterPass, t => new FoldPass(rewriter).Run(t));
            trace = Run(OptimizerPasses.DeadCode, passes, trace, afterPass, t => new DeadCodePass(rewriter).Run(t));
        }
        // last, on the final trace: which list item accesses the CLR need not check again
        trace = Run(OptimizerPasses.Bounds, passes, trace, afterPass, t => new InBoundsPass().Run(t));
        InstallLayouts(trace);
        return trace;
    }

    private static void InstallLayouts(TraceIr trace)
    {
        var ops = trace.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
            if (ops[pc].Info.IsGuard)
                ((FailDescr)trace.DescrOf(in ops[pc])!).Layout = trace.LayoutOf(pc);
    }

    private static TraceIr Run(OptimizerPasses pass, OptimizerPasses enabled, TraceIr trace,
        Action<OptimizerPasses, TraceIr>? afterPass, Func<TraceIr, TraceIr> run)
    {
        if ((enabled & pass) == 0)
            return trace;
        var result = run(trace);
        afterPass?.Invoke(pass, result);
        return result;
    }
}
