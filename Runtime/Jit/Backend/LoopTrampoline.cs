// Runs compiled loops: enters a loop's current code and, when it leaves by a jump to another loop's label,
// enters that loop, in a plain loop here; a guard whose bridge was compiled on its own continues in that bridge.
// Control between loops therefore never nests CLR calls (no tail calls, no stack growth: DESIGN.md decision 3).
// Used by the JIT driver and the backend tests.
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Backend;

public sealed class LoopTrampoline
{
    private readonly Dictionary<LoopToken, CompiledLoop> _loopOfLabel = new(ReferenceEqualityComparer.Instance);

    /// <summary>Makes the loop's labels targets of jumps from other loops and bridges.</summary>
    public void Register(CompiledLoop loop)
    {
        foreach (var token in loop.Entries)
            _loopOfLabel[token] = loop;
    }

    /// <summary>How many times control passed from one loop to another, over all runs.</summary>
    public long Transfers { get; private set; }

    /// <summary>
    /// Runs <paramref name="loop"/> from its start (<paramref name="entry"/> -1, the inputs in the frame's slots)
    /// or from its label number <paramref name="entry"/>, following jumps into other loops and guards into their
    /// bridges, until a finish or a guard without a bridge. The exit's values are then in the frame. Allocates nothing.
    /// </summary>
    // compiled optimized at once: tiered PGO's instrumented code for this hot loop made compiled loops run 30-50% slower (bench: brainfuck 5 10 x256)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JitExit Run(CompiledLoop loop, JitFrame frame, int entry = -1)
    {
        while (true)
        {
            var version = loop.Current;
            frame.EnsureCapacity(version.FrameSize);
            var exit = version.Exits[version.Code(frame, entry)];
            if (exit.Kind != JitExitKind.Jumped)
            {
                // a guard whose bridge runs on its own: its fail arguments in the frame are the bridge's inputs
                if (exit.Kind != JitExitKind.GuardFailed || exit.Guard!.Bridge is not { } bridge || frame.PendingException is not null)
                    return exit;
                loop = bridge;
                entry = -1;
                Transfers++;
                continue;
            }
            if (exit.TargetLoop is null)
            {
                if (!_loopOfLabel.TryGetValue(exit.Target!, out var target))
                    throw new TraceExecutionException($"jump to {exit.Target!.Name}, a label of no registered loop");
                exit.TargetEntry = target.EntryOf(exit.Target!);
                exit.TargetLoop = target;
            }
            loop = exit.TargetLoop;
            entry = exit.TargetEntry;
            Transfers++;
        }
    }
}
