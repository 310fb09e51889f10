// What a backend hands back for a loop: its current code (a delegate that runs from the trace's start or from
// one of its labels and returns the index of the exit it left by) and the exits' meaning. Attaching a bridge
// installs a new version; code already running keeps the version it started with. Loops that jump to each other
// often can run in one group's code (LoopGroup.cs) until one of them gets a new version.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Backend;

/// <summary>
/// Runs compiled code: <paramref name="entry"/> -1 starts at the trace's start with its inputs in the frame,
/// entry k at its k-th label with the label's arguments in the frame. Returns an index into the version's exits,
/// with the exit's values in the frame's slots 0.. and the pending exception in the frame.
/// </summary>
public delegate int JitLoopCode(JitFrame frame, int entry);

public enum JitExitKind : byte
{
    /// <summary>A guard without a bridge failed; the frame holds its fail arguments.</summary>
    GuardFailed,
    /// <summary>A finish was reached; the frame holds its operands.</summary>
    Finished,
    /// <summary>A jump to another loop's label; the frame holds the label's arguments. The trampoline continues.</summary>
    Jumped,
}

/// <summary>One way out of a version of compiled code: which op of which trace (the loop or a bridge) left.</summary>
public sealed class JitExit(JitExitKind kind, TraceIr trace, int opIndex, FailDescr? guard, LoopToken? target, ValueKind[] valueKinds)
{
    public JitExitKind Kind { get; } = kind;

    /// <summary>The trace (the loop or one of its bridges) whose op this is.</summary>
    public TraceIr Trace { get; } = trace;

    public int OpIndex { get; } = opIndex;

    public FailDescr? Guard { get; } = guard;

    public LoopToken? Target { get; } = target;

    public ReadOnlySpan<ValueKind> ValueKinds => valueKinds;

    public int ValueCount => valueKinds.Length;

    /// <summary>Value <paramref name="index"/> of this exit, read from the frame it left its values in.</summary>
    public TraceValue Value(JitFrame frame, int index) => frame.Get(index, valueKinds[index]);

    /// <summary>The loop and entry a <see cref="JitExitKind.Jumped"/> exit leads to, found once by the trampoline.</summary>
    public CompiledLoop? TargetLoop { get; internal set; }
    internal int TargetEntry;

    /// <summary>Passes through this exit left before the trampoline asks the backend to join its two loops in one
    /// group (<see cref="IJitBackend.JoinLoops"/>); set to <see cref="JoinPeriod"/> at the first pass, then by the backend.</summary>
    internal int JoinCountdown;

    /// <summary>The trampoline's number of passes before it asks to join (0 until the exit is first taken).</summary>
    public int JoinPeriod { get; internal set; }

    /// <summary>How many times the trampoline asked the backend to join this exit's loops.</summary>
    public int JoinRequests { get; internal set; }

    public override string ToString() => Kind switch
    {
        JitExitKind.GuardFailed => $"guard {Guard!.Name} failed (op {OpIndex})",
        JitExitKind.Finished => $"finish (op {OpIndex})",
        _ => $"jump to {Target!.Name} (op {OpIndex})",
    };
}

/// <summary>One compiled version of a loop with its bridges.</summary>
public sealed class LoopVersion(JitLoopCode code, JitExit[] exits, int frameSize)
{
    public JitLoopCode Code { get; } = code;

    public JitExit[] Exits { get; } = exits;

    /// <summary>The frame slots the code reads and writes (the most values of any input list or exit).</summary>
    public int FrameSize { get; } = frameSize;
}

/// <summary>A guard's bridge, as attached to a loop.</summary>
public readonly record struct AttachedBridge(FailDescr Guard, TraceIr Bridge);

public sealed class CompiledLoop
{
    private readonly List<AttachedBridge> _bridges = [];
    private readonly LoopToken[] _entries;

    public CompiledLoop(TraceIr trace, LoopVersion version)
    {
        Trace = trace;
        Current = Own = version;
        var labels = new List<LoopToken>();
        foreach (ref readonly var op in trace.Ops)
            if (op.Opcode == TraceOpcode.Label)
                labels.Add((LoopToken)trace.DescrOf(in op)!);
        _entries = [.. labels];
    }

    public TraceIr Trace { get; }

    /// <summary>The version new entries run: <see cref="Own"/>, or its group's code while the loop is in a group.</summary>
    public LoopVersion Current { get; private set; }

    /// <summary>The loop's own code (its trace and the bridges installed with it), the last version the backend installed.</summary>
    public LoopVersion Own { get; private set; }

    /// <summary>The group whose code the loop runs now (see <see cref="LoopGroup"/>), or null.</summary>
    public LoopGroup? Group { get; private set; }

    /// <summary>How many times a group of this loop was dissolved (because a member got a new version).</summary>
    public int Dissolutions { get; private set; }

    /// <summary>Runs the loop in a group's code (<see cref="LoopGroup.Join"/>).</summary>
    internal void EnterGroup(LoopGroup group, LoopVersion version)
    {
        Group = group;
        Current = version;
    }

    /// <summary>Back to the loop's own code: its group was dissolved, or replaced by a bigger one.</summary>
    internal void LeaveGroup(bool dissolved)
    {
        Group = null;
        Current = Own;
        if (dissolved)
            Dissolutions++;
    }

    /// <summary>The tokens of the trace's labels: entry k of the code is label <c>Entries[k]</c>.</summary>
    public ReadOnlySpan<LoopToken> Entries => _entries;

    public IReadOnlyList<AttachedBridge> Bridges => _bridges;

    /// <summary>The ops of the loop's trace and of the bridges installed with it.</summary>
    public int OpCount
    {
        get
        {
            int ops = Trace.Ops.Length;
            foreach (var bridge in _bridges)
                ops += bridge.Bridge.Ops.Length;
            return ops;
        }
    }

    /// <summary>The entry number of a label of this loop, or -1.</summary>
    public int EntryOf(LoopToken token) => Array.IndexOf(_entries, token);

    /// <summary>Called by a backend when it has compiled a version including <paramref name="bridge"/>.</summary>
    public void Install(LoopVersion version, AttachedBridge? bridge = null)
    {
        if (bridge is { } attached)
            _bridges.Add(attached);
        Replace(version);
    }

    /// <summary>Called by a backend when it has compiled a version including all of <paramref name="bridges"/>.</summary>
    public void Install(LoopVersion version, IReadOnlyList<AttachedBridge> bridges)
    {
        _bridges.AddRange(bridges);
        Replace(version);
    }

    /// <summary>The loop's own code changes: a group holding the old one is dissolved, its members run their own code.</summary>
    private void Replace(LoopVersion version)
    {
        Own = version;
        Group?.Dissolve();
        Current = version;
    }
}
