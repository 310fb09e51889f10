// A loop version made of several methods: the pieces of the loop's trace and of its bridges (TracePieces.cs),
// each compiled once by LoopMethodEmitter and kept for later versions. The version's code runs a piece, and
// when the piece leaves by one of the version's own ways on (the finish ending a cut piece, a jump to a label
// of the version, a failing guard whose bridge is in the version) runs the piece that goes on, in a loop here:
// control never nests calls. Other exits are the version's exits, numbered as the trampoline expects.
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

/// <summary>
/// The code of one piece, shared by every version running it. A piece of a cut trace is first compiled quickly
/// (unoptimized); when it has run <see cref="CilJitBackend.TierUpRuns"/> times its optimized code replaces it.
/// Both compilations of a piece number its exits alike (one emitter, one trace).
/// </summary>
internal sealed class PieceCode(TracePiece piece, LoopVersion version, bool optimized)
{
    public TracePiece Piece { get; } = piece;

    public LoopVersion Version { get; private set; } = version;

    public JitLoopCode Code = version.Code;

    public bool Optimized { get; private set; } = optimized;

    /// <summary>Runs left before the optimized code is made.</summary>
    public int RunsToTierUp;

    public void Install(LoopVersion optimized)
    {
        if (optimized.Exits.Length != Version.Exits.Length)
            throw new JitCompileException($"internal error: the optimized code of a piece has {optimized.Exits.Length} exits, its quick code {Version.Exits.Length}");
        Version = optimized;
        Code = optimized.Code;
        Optimized = true;
    }
}

internal sealed class SegmentedVersion
{
    private readonly PieceCode[] _code;
    private readonly CilJitBackend _backend;
    /// <summary>Per piece, per exit of its code: the version's exit number (&gt;= 0), or ~k for continuation k.</summary>
    private readonly int[][] _exitMap;
    private readonly (int Piece, int Entry)[] _continuations;
    /// <summary>Where the version's entry k (the loop's label k) is: a piece and its entry.</summary>
    private readonly (int Piece, int Entry)[] _entries;

    /// <summary>Piece runs left before the backend merges this version into one method (0: it never does).</summary>
    private int _runsToMerge;

    /// <summary>The loop this version is the code of (set by the backend once the loop has it).</summary>
    public CompiledLoop? Owner { get; set; }

    private SegmentedVersion(CilJitBackend backend, PieceCode[] code, int[][] exitMap, (int, int)[] continuations, (int, int)[] entries)
    {
        _backend = backend;
        _code = code;
        _exitMap = exitMap;
        _continuations = continuations;
        _entries = entries;
    }

    /// <summary>How many pieces (methods) the version runs.</summary>
    public int PieceCount => _code.Length;

    /// <summary>
    /// The version of a loop (<paramref name="traces"/>[0]) and its bridges (<paramref name="traces"/>[t] for guard
    /// <paramref name="bridgeGuards"/>[t]) whose traces are compiled in <paramref name="compiled"/>[t] (the code of each of its pieces, in order).
    /// </summary>
    public static LoopVersion Assemble(CilJitBackend backend, TraceIr[] traces, FailDescr?[] bridgeGuards, PieceCode[][] compiled, int mergeRuns)
    {
        var bridgeOfGuard = new Dictionary<FailDescr, int>(ReferenceEqualityComparer.Instance);
        for (int t = 1; t < traces.Length; t++)
            if (!bridgeOfGuard.TryAdd(bridgeGuards[t]!, t))
                throw new ArgumentException($"guard {bridgeGuards[t]!.Name} has two bridges");
        LoopMethodEmitter.CheckBridges(traces, bridgeGuards, bridgeOfGuard);

        var firstPiece = new int[traces.Length];
        var labels = new Dictionary<LoopToken, (int, int)>(ReferenceEqualityComparer.Instance);
        var codes = new List<PieceCode>();
        for (int t = 0; t < traces.Length; t++)
        {
            firstPiece[t] = codes.Count;
            foreach (var code in compiled[t])
            {
                var piece = code.Piece.Trace;
                int entry = 0;
                foreach (ref readonly var op in piece.Ops)
                    if (op.Opcode == TraceOpcode.Label && !labels.TryAdd((LoopToken)piece.DescrOf(in op)!, (codes.Count, entry++)))
                        throw new JitCompileException($"internal error: label {piece.DescrOf(in op)!.Name} twice in one version");
                codes.Add(code);
            }
        }

        var exits = new List<JitExit>();
        var continuations = new List<(int, int)>();
        var exitMap = new int[codes.Count][];
        int frameSize = 0;
        for (int t = 0; t < traces.Length; t++)
        {
            for (int p = 0; p < compiled[t].Length; p++)
            {
                var piece = compiled[t][p].Piece;
                var version = compiled[t][p].Version;
                frameSize = Math.Max(frameSize, version.FrameSize);
                int global = firstPiece[t] + p;
                var map = exitMap[global] = new int[version.Exits.Length];
                for (int e = 0; e < map.Length; e++)
                {
                    var exit = version.Exits[e];
                    (int, int)? next = exit.Kind switch
                    {
                        JitExitKind.Finished when piece.Continues && exit.OpIndex == piece.Trace.Ops.Length - 1 => (global + 1, -1),
                        JitExitKind.Jumped when labels.TryGetValue(exit.Target!, out var label) => label,
                        JitExitKind.GuardFailed when bridgeOfGuard.TryGetValue(exit.Guard!, out int bridge) => (firstPiece[bridge], -1),
                        _ => null,
                    };
                    if (next is { } target)
                    {
                        map[e] = ~continuations.Count;
                        continuations.Add(target);
                    }
                    else
                    {
                        map[e] = exits.Count;
                        exits.Add(new JitExit(exit.Kind, traces[t], piece.FirstOp + exit.OpIndex, exit.Guard, exit.Target, exit.ValueKinds.ToArray()));
                    }
                }
            }
        }

        var entries = new List<(int, int)>();
        foreach (ref readonly var op in traces[0].Ops)
            if (op.Opcode == TraceOpcode.Label)
                entries.Add(labels[(LoopToken)traces[0].DescrOf(in op)!]);
        var segmented = new SegmentedVersion(backend, [.. codes], exitMap, [.. continuations], [.. entries]) { _runsToMerge = mergeRuns };
        return new LoopVersion(segmented.Run, [.. exits], frameSize);
    }

    /// <summary>Runs the version from its start (entry -1) or its loop's label <paramref name="entry"/>.</summary>
    // compiled optimized at once: tiered PGO's instrumented code for this hot loop made compiled loops run 30-50% slower (bench: brainfuck 5 10 x256)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Run(JitFrame frame, int entry)
    {
        if (entry == LoopMethodEmitter.WarmUpEntry)
            return -1;
        var (piece, local) = entry < 0 ? (0, entry) : _entries[entry];
        while (true)
        {
            if (_runsToMerge > 0 && --_runsToMerge == 0)
                _backend.Merge(this);
            var code = _code[piece];
            if (!code.Optimized && --code.RunsToTierUp < 0)
                _backend.TierUp(code);
            int exit = _exitMap[piece][code.Code(frame, local)];
            if (exit >= 0)
                return exit;
            (piece, local) = _continuations[~exit];
        }
    }
}
