// What the JIT did, always counted (plain integer increments): loops, bridges, aborts by reason, guard failures
// per guard, blackhole runs, portal frames handed back to translated code, and Stopwatch time per phase with
// nested phases (and translated code called back from a phase) excluded from their parents.
// Updated through JitLog's events and Time scopes; written as the jit-summary section at exit.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ClrPy.Runtime.Jit.Logging;

/// <summary>Where the time goes; the rest of a run's time is the interpreter's.</summary>
public enum JitPhase { Tracing, Optimizing, Compiling, Blackholing, Running }

public sealed class JitCounters
{
    /// <summary>Failures of one guard, and the loop it was last seen failing in.</summary>
    public readonly record struct GuardFailures(int GuardId, string LoopName, long Failures);

    private struct GuardEntry
    {
        public long Failures;
        public string LoopName;
    }

    private static readonly string[] PhaseNames = ["tracing", "optimizing", "compiling", "blackholing", "running"];

    /// <summary>On the phase stack: translated code running inside a phase, whose time is the interpreter's.</summary>
    internal const JitPhase Interpreter = (JitPhase)(-1);

    private readonly Dictionary<string, long> _abortsByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<int, GuardEntry> _guards = [];
    private readonly long[] _phaseTicks = new long[PhaseNames.Length];
    private JitPhase[] _phaseStack = new JitPhase[8];
    private int _phaseDepth;
    private long _phaseSince;

    public long LoopsTraced { get; private set; }

    public long LoopsCompiled { get; private set; }

    public long BridgesCompiled { get; private set; }

    /// <summary>Trace operations handed to the backend, loops and bridges together.</summary>
    public long CompiledOps { get; private set; }

    public long Aborts { get; private set; }

    public long GuardFailureCount { get; private set; }

    public long BlackholeRuns { get; private set; }

    /// <summary>Inner portal frames the blackhole interpreter handed to the portal's resume entry.</summary>
    public long PortalResumes { get; private set; }

    /// <summary>Times translated code entered compiled code (a loop's start after its merge point, or a portal call).</summary>
    public long Entries { get; private set; }

    /// <summary>Times compiled code passed control from one loop or bridge to another through the trampoline.</summary>
    public long Transfers { get; private set; }

    public IReadOnlyDictionary<string, long> AbortsByReason => _abortsByReason;

    /// <summary>The name of a phase as logs and the summary spell it ("tracing").</summary>
    public static string NameOf(JitPhase phase) => PhaseNames[(int)phase];

    /// <summary>All phases, in the order summaries list them.</summary>
    public static ReadOnlySpan<string> PhaseNameList => PhaseNames;

    /// <summary>Time spent in <paramref name="phase"/> itself (not in phases nested inside it), in Stopwatch ticks.</summary>
    public long TicksIn(JitPhase phase) => _phaseTicks[(int)phase];

    public long FailuresOf(int guardId) => _guards.TryGetValue(guardId, out var entry) ? entry.Failures : 0;

    /// <summary>Every guard that failed, most failures first (ties by guard id).</summary>
    public List<GuardFailures> GuardsByFailures()
    {
        var guards = new List<GuardFailures>(_guards.Count);
        foreach (var (id, entry) in _guards)
            guards.Add(new GuardFailures(id, entry.LoopName, entry.Failures));
        guards.Sort((a, b) => a.Failures != b.Failures ? b.Failures.CompareTo(a.Failures) : a.GuardId.CompareTo(b.GuardId));
        return guards;
    }

    internal void CountLoopTraced() => LoopsTraced++;

    internal void CountLoopCompiled(int opCount)
    {
        LoopsCompiled++;
        CompiledOps += opCount;
    }

    internal void CountBridgeCompiled(int opCount)
    {
        BridgesCompiled++;
        CompiledOps += opCount;
    }

    /// <summary>Pieces of long traces compiled again, optimized, once hot.</summary>
    public long PiecesOptimized { get; private set; }

    /// <summary>Versions made of pieces compiled again as one method once hot.</summary>
    public long VersionsMerged { get; private set; }

    /// <summary>Bridges compiled on their own first and then into their loop's method.</summary>
    public long BridgesMerged { get; private set; }

    internal void CountBridgesMerged(int bridgeCount) => BridgesMerged += bridgeCount;

    /// <summary>Groups of loops compiled as one method.</summary>
    public long LoopGroups { get; private set; }

    /// <summary>Versions of loops compiled for frameless portal calls.</summary>
    public long FramelessEntries { get; private set; }

    /// <summary>Code compiled again (a hot piece, a merged version, a group of loops, by its event's name): its ops
    /// count as compiled once more.</summary>
    internal void CountRecompiled(string eventName, int opCount)
    {
        CompiledOps += opCount;
        switch (eventName)
        {
            case "piece-optimized": PiecesOptimized++; break;
            case "version-merged": VersionsMerged++; break;
            case "loops-grouped": LoopGroups++; break;
            case "frameless-entry": FramelessEntries++; break;
        }
    }

    internal void CountAbort(string reason)
    {
        Aborts++;
        CollectionsMarshal.GetValueRefOrAddDefault(_abortsByReason, reason, out _)++;
    }

    internal void CountGuardFailure(int guardId, string loopName)
    {
        GuardFailureCount++;
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_guards, guardId, out _);
        entry.Failures++;
        entry.LoopName = loopName;
    }

    internal void CountBlackholeRun() => BlackholeRuns++;

    internal void CountPortalResume() => PortalResumes++;

    internal void CountEntry(long transfers)
    {
        Entries++;
        Transfers += transfers;
    }

    /// <summary>Starts <paramref name="phase"/> at <paramref name="now"/>; the phase it interrupts stops counting.</summary>
    internal void EnterPhase(JitPhase phase, long now)
    {
        Settle(now);
        if (_phaseDepth == _phaseStack.Length)
            Array.Resize(ref _phaseStack, _phaseDepth * 2);
        _phaseStack[_phaseDepth++] = phase;
    }

    /// <summary>Ends the innermost phase; the one it interrupted counts again.</summary>
    internal void LeavePhase(long now)
    {
        Settle(now);
        if (_phaseDepth > 0)
            _phaseDepth--;
    }

    /// <summary>Charges the time since the last phase change to the innermost phase.</summary>
    internal void Settle(long now)
    {
        if (_phaseDepth > 0 && _phaseStack[_phaseDepth - 1] != Interpreter)
            _phaseTicks[(int)_phaseStack[_phaseDepth - 1]] += now - _phaseSince;
        _phaseSince = now;
    }

    internal static long Microseconds(long ticks) => (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));

    /// <summary>
    /// The jit-summary section's lines: "counts: ...", one "abort: ..." per reason, one "guard: ..." per failing
    /// guard, and "time: ..." in µs with the run's <paramref name="totalTicks"/>.
    /// </summary>
    internal void AppendSummary(StringBuilder text, long totalTicks)
    {
        JitLogFormat.AppendEventName(text, "counts");
        JitLogFormat.AppendField(text, "loops", LoopsCompiled);
        JitLogFormat.AppendField(text, "bridges", BridgesCompiled);
        JitLogFormat.AppendField(text, "traced", LoopsTraced);
        JitLogFormat.AppendField(text, "compiled-ops", CompiledOps);
        JitLogFormat.AppendField(text, "aborts", Aborts);
        JitLogFormat.AppendField(text, "guard-failures", GuardFailureCount);
        JitLogFormat.AppendField(text, "blackhole-runs", BlackholeRuns);
        JitLogFormat.AppendField(text, "portal-resumes", PortalResumes);
        JitLogFormat.AppendField(text, "entries", Entries);
        JitLogFormat.AppendField(text, "transfers", Transfers);
        JitLogFormat.AppendField(text, "pieces-optimized", PiecesOptimized);
        JitLogFormat.AppendField(text, "versions-merged", VersionsMerged);
        JitLogFormat.AppendField(text, "bridges-merged", BridgesMerged);
        JitLogFormat.AppendField(text, "loop-groups", LoopGroups);
        JitLogFormat.AppendField(text, "frameless-entries", FramelessEntries);
        text.Append('\n');
        var reasons = new List<string>(_abortsByReason.Keys);
        reasons.Sort(StringComparer.Ordinal);
        foreach (string reason in reasons)
        {
            JitLogFormat.AppendEventName(text, "abort");
            JitLogFormat.AppendField(text, "reason", reason);
            JitLogFormat.AppendField(text, "count", _abortsByReason[reason]);
            text.Append('\n');
        }
        foreach (var guard in GuardsByFailures())
        {
            JitLogFormat.AppendEventName(text, "guard");
            JitLogFormat.AppendField(text, "id", guard.GuardId);
            JitLogFormat.AppendField(text, "loop", guard.LoopName);
            JitLogFormat.AppendField(text, "failures", guard.Failures);
            text.Append('\n');
        }
        JitLogFormat.AppendEventName(text, "time");
        for (int phase = 0; phase < PhaseNames.Length; phase++)
            JitLogFormat.AppendField(text, PhaseNames[phase], Microseconds(_phaseTicks[phase]));
        JitLogFormat.AppendField(text, "total", Microseconds(totalTicks));
        text.Append('\n');
    }
}
