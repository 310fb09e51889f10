// The interface every JIT backend implements (the CIL backend now, the x64 backend later): compile a loop
// trace, attach a bridge to one of its guards, and count the work. The JIT driver calls it; running compiled
// loops goes through LoopTrampoline, which is backend-neutral.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Backend;

public interface IJitBackend
{
    /// <summary>
    /// Compiles a trace (usually label ... jump to that label; a straight trace ending in finish also works).
    /// Jumps to its own labels stay inside the compiled code; jumps to other loops' labels leave it for the
    /// trampoline. Register the result with a <see cref="LoopTrampoline"/> so that other loops can jump to it.
    /// </summary>
    CompiledLoop CompileLoop(TraceIr loop);

    /// <summary>
    /// Makes <paramref name="bridge"/> run when <paramref name="guard"/> (a guard of the loop or of one of its
    /// bridges) fails: its inputs are the guard's fail arguments, it ends in a jump (to a label of this loop or
    /// of another) or a finish. Code already running keeps its old version; the next entry runs the new one.
    /// </summary>
    void AttachBridge(CompiledLoop owner, FailDescr guard, TraceIr bridge);

    /// <summary>Attaches several bridges at once, in order (a bridge of a bridge after its parent): one
    /// recompilation instead of one per bridge.</summary>
    void AttachBridges(CompiledLoop owner, IReadOnlyList<AttachedBridge> bridges);

    /// <summary>
    /// The trampoline saw <paramref name="exit"/> (a jump from <paramref name="from"/>'s current code to another loop,
    /// <see cref="JitExit.TargetLoop"/>) taken <see cref="LoopTrampoline.JoinTransfers"/> times: the backend may
    /// compile the two loops (and the groups they are in) as one <see cref="LoopGroup"/>. Returns how many more
    /// passes through the exit before it is asked again (<see cref="int.MaxValue"/>: never).
    /// </summary>
    int JoinLoops(CompiledLoop from, JitExit exit) => int.MaxValue;

    BackendStats Stats { get; }

    /// <summary>The log a backend reports its own later work in (code it compiles again while loops run).</summary>
    Logging.JitLog? Log { get => null; set { } }
}

/// <summary>Compile-time counters: JIT compile time is a first-class metric (DESIGN.md), measured per trace op.</summary>
public sealed class BackendStats
{
    public long LoopsCompiled { get; private set; }

    public long BridgesAttached { get; private set; }

    /// <summary>Code compiled quickly first and compiled again, optimized, once it ran often.</summary>
    public long TierUps { get; private set; }

    /// <summary>Code objects made: one per loop, and one more each time a bridge makes its loop recompile.</summary>
    public long MethodsCompiled { get; private set; }

    /// <summary>Trace ops compiled, counting every op of every trace in each method made (a loop recompiled with
    /// its bridges counts all of them again: that is the work done).</summary>
    public long OpsCompiled { get; private set; }

    /// <summary>Stopwatch ticks spent compiling, including the CLR's own compilation of the emitted code.</summary>
    public long CompileTicks { get; private set; }

    public double MicrosecondsPerOp => OpsCompiled == 0 ? 0 : CompileTicks * 1e6 / System.Diagnostics.Stopwatch.Frequency / OpsCompiled;

    /// <summary>One method compiled: a loop's first (<paramref name="bridgesAdded"/> 0), or a recompilation adding bridges.</summary>
    /// <summary>Groups of loops compiled as one method (<see cref="LoopGroup"/>).</summary>
    public long GroupsCompiled { get; private set; }

    /// <summary>Code compiled again, optimized, after running in quick code (counted as a method and its ops).</summary>
    public void RecordTierUp(int ops, long ticks)
    {
        TierUps++;
        MethodsCompiled++;
        OpsCompiled += ops;
        CompileTicks += ticks;
    }

    /// <summary>A group's method of <paramref name="ops"/> ops (its loops and bridges, compiled again together).</summary>
    public void RecordGroup(int ops, long ticks)
    {
        GroupsCompiled++;
        MethodsCompiled++;
        OpsCompiled += ops;
        CompileTicks += ticks;
    }

    public void RecordMethod(int ops, long ticks, int bridgesAdded)
    {
        MethodsCompiled++;
        OpsCompiled += ops;
        CompileTicks += ticks;
        if (bridgesAdded > 0)
            BridgesAttached += bridgesAdded;
        else
            LoopsCompiled++;
    }

    public override string ToString() =>
        $"{LoopsCompiled} loops, {BridgesAttached} bridges, {MethodsCompiled} methods, {OpsCompiled} ops, {MicrosecondsPerOp:F1} us/op";
}
