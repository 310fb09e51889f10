// The JIT backend for the managed build. A loop with the bridges attached to it is ONE DynamicMethod
// (LoopMethodEmitter) while it has at most MethodOps trace ops; attaching a bridge recompiles the loop's method
// and installs it as the loop's next version. A bigger loop, or a loop whose bridges make it bigger, is run as a
// SegmentedVersion: each trace is cut into pieces of about PieceOps ops (TracePieces), each piece compiled once
// and kept, so attaching a bridge then compiles only the bridge; a segmented version of at most MergeOps ops that
// stays current for MergeRuns piece runs is compiled again as one method. Loops that jump to each other often are
// joined in a LoopGroup: one method of all their traces, where those jumps are branches (JoinLoops). Implements
// IJitBackend for the JIT driver; counts compile time per trace op in Stats.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

public sealed class CilJitBackend : IJitBackend
{
    /// <summary>
    /// The CLR optimizes a method in time growing faster than its size: bf's traces cost ~30 µs per op in methods
    /// of 50 ops, ~60 at 200 and ~150 at 1,000 (bench/jit). Beyond this size a version is compiled in pieces.
    /// </summary>
    public const int MethodOps = 150;

    /// <summary>The size of the pieces of bigger versions; a piece's exit to the next costs a return and a call.</summary>
    public const int PieceOps = 100;

    /// <summary>
    /// Runs of a piece in its quick (unoptimized) code before it is compiled optimized: optimizing a piece costs
    /// about 4 ms more and saves a few hundred ns per run (bench/jit's brainfuck).
    /// </summary>
    public const int TierUpRuns = 5000;

    /// <summary>
    /// Piece runs of a segmented version before its loop and bridges are compiled again as one method, when they have
    /// at most <see cref="MergeOps"/> ops. Pieces keep attaching bridges cheap while a loop is young; once a version
    /// has run this often without a newer one, one method saves the passes between pieces (each a return and an
    /// indirect call) on every run (measured A/B, steady: brainfuck's `5 10` run 1.9 to 1.2 ms, stack_vm's
    /// count_primes 430 to 360 µs).
    /// </summary>
    public const int MergeRuns = 2000;

    /// <summary>The most ops (loop and bridges) a segmented version is merged into one method with. A merge the CLR
    /// would compile without optimizing (past its size limits, LoopMethodEmitter.WithinOptimizingLimits) is refused
    /// and the version stays in pieces. At 500, brainfuck's bridge-heavy outer loops stayed in pieces for good; 1,500
    /// cut its steady cost by a sixth.</summary>
    public const int MergeOps = 2100;

    /// <summary>The most ops (loops and their bridges) of a group's method. The CLR's optimizing compiler takes
    /// longer per op the bigger the method, tracks only so many locals in registers, and past its MinOpts limits
    /// (20,000 IL instructions, 2,000 blocks or locals) compiles without optimizing: a 2,243-op group compiled at
    /// 7 µs per op, as quick code does, against 15-30 for groups of 300-1,000 ops (measured on brainfuck).</summary>
    public const int GroupOps = 1200;

    private readonly ConditionalWeakTable<TraceIr, PieceCode[]> _pieces = new();
    private readonly int _methodOps;
    private readonly int _pieceOps;
    private int _methods;

    private readonly int _tierUpRuns;

    /// <summary>The backend the JIT installs (by reflection: JitInstall).</summary>
    public CilJitBackend() : this(MethodOps, PieceOps, TierUpRuns)
    {
    }

    /// <param name="methodOps">The most trace ops compiled into one method with branches between the loop and its bridges.</param>
    /// <param name="pieceOps">The ops of a piece of a longer trace, compiled on its own (see TracePieces).</param>
    /// <param name="tierUpRuns">Runs of a piece before its optimized code replaces its quick code.</param>
    /// <param name="mergeRuns">Piece runs of a segmented version before it is merged into one method (0: never).</param>
    /// <param name="groupOps">The most ops of a group's method (0: loops are never joined).</param>
    public CilJitBackend(int methodOps, int pieceOps, int tierUpRuns = TierUpRuns, int mergeRuns = MergeRuns, int groupOps = GroupOps)
    {
        _groupOps = groupOps;
        _methodOps = methodOps;
        _pieceOps = pieceOps;
        _tierUpRuns = tierUpRuns;
        _mergeRuns = mergeRuns;
        _mergeOps = Math.Max(methodOps, MergeOps);
    }

    private readonly int _mergeRuns;
    private readonly int _mergeOps;
    private readonly int _groupOps;

    /// <summary>The log whose "compiling" phase times tier-ups (set by the JIT engine).</summary>
    public JitLog? Log { get; set; }

    /// <summary>Compiles a hot piece optimized and installs that code for every version running the piece.</summary>
    internal void TierUp(PieceCode piece)
    {
        long start = Stopwatch.GetTimestamp();
        using (Log?.Time(JitPhase.Compiling) ?? default)
            piece.Install(new LoopMethodEmitter(piece.Piece.Trace, []).Compile($"trace{_methods++}"));
        Stats.RecordTierUp(piece.Piece.Trace.Ops.Length, Stopwatch.GetTimestamp() - start);
        Log?.PieceOptimized(piece.Piece.Trace.Ops.Length, Stopwatch.GetElapsedTime(start));
    }

    public BackendStats Stats { get; } = new();

    public CompiledLoop CompileLoop(TraceIr loop) => Adopt(new CompiledLoop(loop, Compile(loop, [], bridgesAdded: 0)));

    public void AttachBridge(CompiledLoop owner, FailDescr guard, TraceIr bridge) => AttachBridges(owner, [new AttachedBridge(guard, bridge)]);

    public void AttachBridges(CompiledLoop owner, IReadOnlyList<AttachedBridge> bridges)
    {
        if (bridges.Count == 0)
            return;
        owner.Install(Compile(owner.Trace, [.. owner.Bridges, .. bridges], bridges.Count), bridges);
        Adopt(owner);
    }

    /// <summary>Tells a segmented current version which loop it is the code of (to merge it later).</summary>
    private static CompiledLoop Adopt(CompiledLoop owner)
    {
        if (owner.Current.Code.Target is SegmentedVersion segmented)
            segmented.Owner = owner;
        return owner;
    }

    /// <summary>
    /// A segmented version ran <see cref="MergeRuns"/> times: if it is still its loop's current version, the loop and
    /// its bridges are compiled into one method, which becomes the current version (code running the segmented one
    /// finishes in it).
    /// </summary>
    internal void Merge(SegmentedVersion segmented)
    {
        if (segmented.Owner is not { } owner || owner.Current.Code.Target != segmented)
            return;
        long start = Stopwatch.GetTimestamp();
        LoopVersion merged;
        int ops;
        using (Log?.Time(JitPhase.Compiling) ?? default)
        {
            try
            {
                var emitter = new LoopMethodEmitter(owner.Trace, owner.Bridges);
                merged = emitter.Compile($"trace{_methods++}", optimizedOrNothing: true);
                ops = emitter.OpCount;
            }
            catch (Exception error) when (error is JitCompileException or InvalidProgramException)
            {
                return; // the pieces go on running it: merging only saves time
            }
        }
        owner.Install(merged);
        Stats.RecordTierUp(ops, Stopwatch.GetTimestamp() - start);
        Log?.VersionMerged(ops, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// A jump from <paramref name="from"/> to another loop was taken often: the two loops, with the loops of the groups
    /// they are in, are joined (<see cref="Join"/>). Loops whose groups were dissolved before wait longer first
    /// (doubling each time), so loops still gaining bridges are not compiled again and again.
    /// </summary>
    public int JoinLoops(CompiledLoop from, JitExit exit)
    {
        if (exit.TargetLoop is not { } to || _groupOps <= 0 || ReferenceEquals(from, to) || from.Entries.Length == 0
            || to.Entries.Length == 0 || (from.Group is { } group && ReferenceEquals(group, to.Group)))
            return int.MaxValue;
        int dissolutions = Math.Max(from.Dissolutions, to.Dissolutions);
        if (exit.JoinRequests == 1 && dissolutions > 0)
            return (int)Math.Min(int.MaxValue, (long)exit.JoinPeriod << Math.Min(dissolutions, 8));
        var members = new List<CompiledLoop>();
        foreach (var loop in (ReadOnlySpan<CompiledLoop>)[from, to])
        {
            if (loop.Group is { } current)
                members.AddRange(current.Members);
            else
                members.Add(loop);
        }
        Join(members);
        return int.MaxValue; // joined, the exit is a branch of the group's method; else it stays an exit for good
    }

    /// <summary>
    /// Compiles <paramref name="members"/> (two or more loops, each with its bridges) as one method where jumps between
    /// them are branches, and makes them run it as a <see cref="LoopGroup"/>. Null (the loops keep their code) when
    /// they have more than <see cref="GroupOps"/> ops or the method cannot be compiled.
    /// </summary>
    public LoopGroup? Join(IReadOnlyList<CompiledLoop> members)
    {
        int ops = 0;
        var loops = new (TraceIr, IReadOnlyList<AttachedBridge>)[members.Count];
        for (int m = 0; m < members.Count; m++)
        {
            loops[m] = (members[m].Trace, members[m].Bridges);
            ops += members[m].OpCount;
        }
        if (ops > _groupOps || members.Count < 2)
            return null;
        long start = Stopwatch.GetTimestamp();
        var versions = new LoopVersion[members.Count];
        using (Log?.Time(JitPhase.Compiling) ?? default)
        {
            try
            {
                var emitter = new LoopMethodEmitter(loops);
                var code = emitter.Compile($"group{_methods++}", optimizedOrNothing: true);
                for (int m = 0; m < members.Count; m++)
                    versions[m] = new LoopVersion(emitter.CodeOfMember(m), code.Exits, code.FrameSize);
            }
            catch (Exception error) when (error is JitCompileException or InvalidProgramException)
            {
                return null; // joining only saves time
            }
        }
        var joined = LoopGroup.Join(members, versions);
        Stats.RecordGroup(ops, Stopwatch.GetTimestamp() - start);
        Log?.LoopsGrouped(members.Count, ops, Stopwatch.GetElapsedTime(start));
        return joined;
    }

    private LoopVersion Compile(TraceIr loop, IReadOnlyList<AttachedBridge> bridges, int bridgesAdded)
    {
        long start = Stopwatch.GetTimestamp();
        int ops = loop.Ops.Length;
        foreach (var bridge in bridges)
            ops += bridge.Bridge.Ops.Length;
        if (ops <= _methodOps && bridges.Count > 0)
        {
            var emitter = new LoopMethodEmitter(loop, bridges);
            var version = emitter.Compile($"trace{_methods++}");
            Stats.RecordMethod(emitter.OpCount, Stopwatch.GetTimestamp() - start, bridgesAdded);
            return version;
        }
        var traces = new TraceIr[bridges.Count + 1];
        var guards = new FailDescr?[bridges.Count + 1];
        var compiled = new PieceCode[traces.Length][];
        traces[0] = loop;
        for (int i = 0; i < bridges.Count; i++)
            (traces[i + 1], guards[i + 1]) = (bridges[i].Bridge, bridges[i].Guard);
        int compiledOps = 0;
        for (int t = 0; t < traces.Length; t++)
            compiled[t] = PiecesOf(traces[t], ref compiledOps);
        var result = traces.Length == 1 && compiled[0].Length == 1
            ? compiled[0][0].Version
            : SegmentedVersion.Assemble(this, traces, guards, compiled, ops <= _mergeOps ? _mergeRuns : 0);
        Stats.RecordMethod(compiledOps, Stopwatch.GetTimestamp() - start, bridgesAdded);
        return result;
    }

    /// <summary>The pieces of a trace, compiled the first time a version needs them (their ops added to <paramref name="compiledOps"/>).</summary>
    private PieceCode[] PiecesOf(TraceIr trace, ref int compiledOps)
    {
        if (_pieces.TryGetValue(trace, out var known))
            return known;
        var pieces = TracePieces.Split(trace, trace.Ops.Length <= _methodOps ? 0 : _pieceOps);
        var code = new PieceCode[pieces.Length];
        bool optimize = pieces.Length == 1;
        for (int p = 0; p < pieces.Length; p++)
        {
            var version = new LoopMethodEmitter(pieces[p].Trace, []).Compile($"trace{_methods++}", optimize);
            code[p] = new PieceCode(pieces[p], version, optimize) { RunsToTierUp = _tierUpRuns };
            compiledOps += pieces[p].Trace.Ops.Length;
        }
        _pieces.AddOrUpdate(trace, code);
        return code;
    }
}

