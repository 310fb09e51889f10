// The JIT backend for the managed build: each loop, with every bridge attached to it, is ONE DynamicMethod
// (LoopMethodEmitter); attaching a bridge recompiles the loop's method and installs it as the loop's next
// version. Implements IJitBackend for the JIT driver; counts compile time per trace op in Stats.
using System.Diagnostics;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

public sealed class CilJitBackend : IJitBackend
{
    private int _methods;

    public BackendStats Stats { get; } = new();

    public CompiledLoop CompileLoop(TraceIr loop) => new(loop, Compile(loop, [], bridgesAdded: 0));

    public void AttachBridge(CompiledLoop owner, FailDescr guard, TraceIr bridge) => AttachBridges(owner, [new AttachedBridge(guard, bridge)]);

    public void AttachBridges(CompiledLoop owner, IReadOnlyList<AttachedBridge> bridges)
    {
        if (bridges.Count == 0)
            return;
        owner.Install(Compile(owner.Trace, [.. owner.Bridges, .. bridges], bridges.Count), bridges);
    }

    private LoopVersion Compile(TraceIr loop, IReadOnlyList<AttachedBridge> bridges, int bridgesAdded)
    {
        long start = Stopwatch.GetTimestamp();
        var emitter = new LoopMethodEmitter(loop, bridges);
        var version = emitter.Compile($"trace{_methods++}");
        Stats.RecordMethod(emitter.OpCount, Stopwatch.GetTimestamp() - start, bridgesAdded);
        return version;
    }
}
