// Runs compiled loops: enters a loop's current code and, when it leaves by a jump to another loop's label,
// enters that loop, in a plain loop here; a guard whose bridge was compiled on its own continues in that bridge.
// Control between loops therefore never nests CLR calls (no tail calls, no stack growth: DESIGN.md decision 3).
// Jumps taken often ask the backend to join their loops in one group (LoopGroup.cs), whose code branches instead.
// Used by the JIT driver and the backend tests.
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Backend;

/// <param name="backend">The backend asked to join loops (none: loops are never joined).</param>
/// <param name="joinTransfers">Passes through a jump before the backend is asked to join its loops.</param>
public sealed class LoopTrampoline(IJitBackend? backend = null, int joinTransfers = LoopTrampoline.JoinTransfers)
{
    private readonly Dictionary<LoopToken, CompiledLoop> _loopOfLabel = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Passes through one jump from a loop to another before the trampoline asks the backend to join the two loops
    /// in one group. Joining compiles the loops again as one method (tens of ms for a few hundred ops) and saves a
    /// pass through here (about 10 ns) each time: worth it for jumps taken tens of thousands of times.
    /// </summary>
    public const int JoinTransfers = 50_000;

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
            if (--exit.JoinCountdown <= 0)
                Join(loop, exit);
            loop = exit.TargetLoop;
            entry = exit.TargetEntry;
            Transfers++;
        }
    }

    /// <summary>Starts counting an exit's passes at its first; asks the backend to join the loops of a jump taken
    /// often, and it says when to ask again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Join(CompiledLoop from, JitExit exit)
    {
        if (exit.JoinPeriod == 0)
        {
            exit.JoinPeriod = Math.Max(1, joinTransfers);
            exit.JoinCountdown = exit.JoinPeriod;
            return;
        }
        exit.JoinRequests++;
        exit.JoinCountdown = backend is null ? int.MaxValue : Math.Max(1, backend.JoinLoops(from, exit));
    }
}
