// The JIT engine of a translated program: at each can_enter_jit it finds the green key's cell, runs the cell's
// compiled loop if it has one (and blackholes from the guard that ends it), or counts towards tracing; traces
// from hot keys, handles aborts (one place: counters, not-inlinable callees) and installs finished loops.
// Made by JitInstall when a program with a JitDriver starts, unless CLRPY_JIT=off; set_param reaches it through
// JitInstall.SetParam.
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Jit.Tracing;
using ClrPy.Runtime.Jit.Warmup;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Engine;

/// <summary>A compiled loop and the label its bridges and other loops jump to.</summary>
public sealed class TracedLoop(string name, LoopToken token, CompiledLoop compiled)
{
    public string Name { get; } = name;

    public LoopToken Token { get; } = token;

    public CompiledLoop Compiled { get; } = compiled;

    public TraceIr Trace => Compiled.Trace;

    /// <summary>Bridges compiled on their own, waiting to be compiled into the loop's method with the next batch.</summary>
    internal readonly List<(AttachedBridge Bridge, GuardInfo Guard)> PendingBridges = [];

    /// <summary>Bridges compiled into the loop's method so far.</summary>
    internal int MergedBridges;

    /// <summary>The guards of the loop and of the bridges merged (or waiting to be merged) into its method.</summary>
    internal readonly HashSet<FailDescr> GuardsInMethod = new(ReferenceEqualityComparer.Instance);

    /// <summary>The trace as the tracer recorded it, and the resume data of its guards: what a frameless entry is
    /// optimized from (null for a frameless entry itself).</summary>
    internal TraceIr? Recorded { get; init; }

    internal IReadOnlyList<ResumeData>? Resumes { get; init; }

    /// <summary>The versions of this loop compiled for frameless calls, by the layout of the callee's reds.</summary>
    internal readonly List<(ResumeLayout Reds, ValueKind[] SavedKinds, TracedLoop Entry)> FramelessEntries = [];
}

/// <summary>What the engine knows of a guard of a compiled trace: how to resume, whose loop it is in, how often it failed.</summary>
internal sealed class GuardInfo(int id, ResumeData resume, TracedLoop owner)
{
    /// <summary>Unique over the run (FailDescr indices restart in every trace): the id logs show.</summary>
    public readonly int Id = id;
    public readonly ResumeData Resume = resume;
    public readonly TracedLoop Owner = owner;
    public long Failures;
    public bool BridgeTried;
}

public sealed class JitEngine : IJitEngine
{
    private sealed class GreenCell(TraceValue[] greens, int hash, GreenCell? next)
    {
        public readonly TraceValue[] Greens = greens;
        public readonly int Hash = hash;
        public GreenCell? Next = next;
        public TracedLoop? Loop;
    }

    private sealed class DriverRuntime(JitDriverDescriptor descriptor, JitParameters parameters)
    {
        public readonly JitDriverDescriptor Descriptor = descriptor;
        /// <summary>The driver's own parameters (set_param changes them while the program runs).</summary>
        public readonly JitParameters Parameters = parameters;
        public readonly (RegisterKind Kind, int Slot)[] Greens = Slots(descriptor, 0, descriptor.Greens.Length);
        public readonly (RegisterKind Kind, int Slot)[] Reds = Slots(descriptor, descriptor.Greens.Length, descriptor.Reds.Length);
        public GreenCell?[] Buckets = new GreenCell?[64];
        public int CellCount;
        public readonly WarmupCounters<GreenCell> Counters = new(parameters);
        public readonly WarmupCounters<GreenCell> EntryCounters = new(parameters, functionEntries: true);
        public readonly TraceValue[] GreenValues = new TraceValue[descriptor.Greens.Length];
        /// <summary>The kind of value the portal returns (Void for none).</summary>
        public readonly ValueKind ReturnKind = descriptor.Portal.Method.ReturnType is var type && type == typeof(void)
            ? ValueKind.Void : TraceClrTypes.KindOf(type);
        /// <summary>The portal's resume entry as a delegate (made at the first portal call).</summary>
        public Func<JitDriverState, TraceValue>? Resume;
        /// <summary>The states of the portal calls running now, by nesting depth (PortalDepth of them in use).</summary>
        public readonly List<JitDriverState> PortalStates = [];
        public int PortalDepth;
    }

    private readonly JitParameters _parameters;
    /// <summary>Each driver's parameters by index: a copy of the program's, made at the driver's first set_param or
    /// first use, whichever comes first (a set_param before the driver is hot does not load the jitcodes).</summary>
    private JitParameters?[] _driverParameters = [];
    private readonly Func<JitProgram> _program;
    private DriverRuntime?[] _drivers = [];
    private InstructionForm[]? _forms;
    private readonly ClrDescrs _descrs = new();
    private readonly HashSet<JitFunction> _notInlinable = new(ReferenceEqualityComparer.Instance);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _immutableContainers = [];
    private readonly List<TracedLoop> _loops = [];

    private readonly JitLog _log;
    private readonly IJitBackend _backend;
    private readonly LoopTrampoline _trampoline;
    private readonly JitFrame _frame = new();
    private readonly Dictionary<FailDescr, GuardInfo> _guards = new(ReferenceEqualityComparer.Instance);

    public JitEngine(JitParameters parameters, Func<JitProgram> program, IJitBackend backend, JitLog? log = null)
    {
        _parameters = parameters;
        _program = program;
        _backend = backend;
        _trampoline = new LoopTrampoline(backend);
        _log = log ?? JitLog.Current;
        _backend.Log = _log;
    }

    public IJitBackend Backend => _backend;

    /// <summary>Bridges compiled so far.</summary>
    public int Bridges { get; private set; }

    /// <summary>The program's parameters (CLRPY_JIT): each driver's start as a copy of them.</summary>
    public JitParameters Parameters => _parameters;

    /// <summary>The parameters of the driver of this index (JitDriverDescriptor.Index).</summary>
    public JitParameters ParametersOf(int driver)
    {
        if (driver >= _driverParameters.Length)
            Array.Resize(ref _driverParameters, driver + 1);
        return _driverParameters[driver] ??= _parameters.Copy();
    }

    /// <summary>set_param(driver, name, value): changes the driver's parameter for every later decision (counting,
    /// tracing, bridges, optimizing). A driver of index -1 (one with no merge point: nothing reads its parameters)
    /// only has the setting checked. Throws JitParameterException for a bad name or value.</summary>
    public void SetParam(int driver, string name, object? value)
    {
        if (driver < 0)
            JitParameters.Check(name, value);
        else
            ParametersOf(driver).Set(name, value);
    }

    /// <summary>Loops compiled so far, aborted traces and guard failures: what jit-summary reports.</summary>
    public int Loops => _loops.Count;

    public IReadOnlyList<TracedLoop> CompiledLoops => _loops;

    public int Aborts { get; private set; }

    public long GuardFailures { get; private set; }

    public JitEntry CanEnterJit(JitDriverState state) => Enter(state, fromEntry: false);

    /// <summary>
    /// A call of the portal reached its merge point: run the compiled trace of these greens if there is one (a loop
    /// or a trace from a call's start, which may end with the portal returning), or count the call towards
    /// function_threshold and trace from here when it is reached. This is how code without loops, such as a
    /// recursive function of the interpreted program, gets compiled.
    /// </summary>
    public JitEntry EnterPortal(JitDriverState state) => Enter(state, fromEntry: true);

    private JitEntry Enter(JitDriverState state, bool fromEntry)
    {
        var driver = DriverOf(state.Index);
        if (!driver.Parameters.Enabled)
            return JitEntry.NotEntered;
        return Enter(driver, state, CellAt(driver, state), fromEntry);
    }

    /// <summary>Runs the cell's compiled trace, or counts (can_enter_jit, or a call's start) and traces when hot.</summary>
    private JitEntry Enter(DriverRuntime driver, JitDriverState state, GreenCell cell, bool fromEntry)
    {
        if (cell.Loop is { } loop)
            return RunLoop(driver, state, loop);
        if (!driver.Parameters.Enabled || _tracing > 0 || !(fromEntry ? driver.EntryCounters : driver.Counters).Tick(cell))
            return JitEntry.NotEntered;
        return TraceLoop(driver, state, cell, fromEntry);
    }

    /// <summary>Traces running now: translated code that a trace being recorded calls (the portal itself, when it is
    /// not inlined) runs compiled code but starts no trace of its own.</summary>
    private int _tracing;

    /// <summary>
    /// A portal call made by a trace (<see cref="PortalCalls"/>): the portal runs from its merge point with the
    /// state's greens and reds, in compiled code when these greens have some, else in its resume entry (translated
    /// code, where the JIT is active as usual). Returns what the portal returns; an exception stays pending.
    /// </summary>
    internal TraceValue CallPortal(JitDriverState staging, PortalTarget target)
    {
        var frame = _frame;
        TracedLoop running;
        if (target.Frameless is { Entry: TracedLoop known } call)
        {
            // the common frameless case: the callee's version for this layout takes the saved values as they are
            call.LoadInto(frame);
            running = known;
        }
        else if (Prepare(staging, target, frame) is { } loop)
            running = loop;
        else
            return Interpret(DriverOf(staging.Index), staging, (GreenCell)target.Cell!, null, null);
        var exit = Run(running, frame);
        if (exit.Kind != JitExitKind.Finished)
            return Interpret(DriverOf(staging.Index), staging, (GreenCell)target.Cell!, running, exit);
        var result = exit.ValueCount > 0 ? exit.Value(frame, 0) : default;
        frame.Refs[0].Value = null;
        frame.PendingException = null;
        return Pending.Exception is null ? result : default;
    }

    /// <summary>
    /// The inputs of a portal call's compiled code in the frame, and that code: the callee's version for a frameless
    /// call's layout, or the compiled trace of the callee's greens. Null when the callee has none: the greens and
    /// reds are then in the staging state (a frameless call's objects allocated there).
    /// </summary>
    private TracedLoop? Prepare(JitDriverState staging, PortalTarget target, JitFrame frame)
    {
        var driver = DriverOf(staging.Index);
        if (target.Frameless is { } frameless)
        {
            // without a version for this layout (the first call, or no compiled code for the callee) the objects
            // are allocated into the staging state
            if (target.Cell is GreenCell { Loop: { } callee } && FramelessEntry(driver, callee, frameless) is { } entry)
            {
                frameless.LoadInto(frame);
                return entry;
            }
            frameless.WriteStaging(staging);
        }
        var cell = (GreenCell)(target.Cell ??= CellAt(driver, staging));
        if (cell.Loop is not { } loop)
            return null;
        // compiled code for the callee's greens: its reds go from the staging state straight into the frame and a
        // finish's value straight back; a state is taken only when a guard fails
        LoadReds(driver, staging, frame);
        ClearRedRefs(driver, staging);
        return loop;
    }

    /// <summary>The rest of a portal call in the interpreter: after a guard of <paramref name="ran"/> failed
    /// (<paramref name="exit"/>), or from the start (the callee's values in the staging state).</summary>
    private TraceValue Interpret(DriverRuntime driver, JitDriverState staging, GreenCell cell, TracedLoop? ran, JitExit? exit)
    {
        var frame = _frame;
        // a state per nesting depth, reused: the callee's values are copied out of the staging state before it runs
        if (driver.PortalDepth == driver.PortalStates.Count)
            driver.PortalStates.Add(driver.Descriptor.NewState());
        var state = driver.PortalStates[driver.PortalDepth++];
        try
        {
            JitEntry entry;
            if (exit is not null)
                entry = AfterRun(driver, state, ran!, exit, frame);
            else
            {
                staging.Ints.CopyTo(state.Ints, 0);
                staging.Floats.CopyTo(state.Floats, 0);
                staging.Refs.CopyTo(state.Refs, 0);
                Array.Clear(staging.Refs);
                entry = Enter(driver, state, cell, fromEntry: true);
            }
            if (entry == JitEntry.Returned)
                return Pending.Exception is null ? state.GetReturn(driver.ReturnKind) : default;
            var resume = driver.Resume ??= ResumeDelegate(driver.Descriptor);
            using (_log.Interpreting())
                return resume(state);
        }
        finally
        {
            Array.Clear(state.Refs);
            state.ReturnRef = null;
            driver.PortalDepth--;
        }
    }

    /// <summary>What a frameless call's Entry is when it will never have one (it then allocates its objects).</summary>
    private static readonly object NoFramelessEntry = new();

    /// <summary>The most frameless versions of one loop (one per layout of the callee's reds).</summary>
    public const int MaxFramelessEntries = 4;

    /// <summary>
    /// The version of <paramref name="callee"/> for a frameless call: its recorded trace, optimized again with its
    /// reds built from the call's saved values by the ops the layout implies (so they are virtual again), compiled
    /// as a trace of its own with its own guards and bridges. Calls with equal layouts share it. Null when there is
    /// none and will be none (too many layouts, a red the call does not write, tracing under way).
    /// </summary>
    private TracedLoop? FramelessEntry(DriverRuntime driver, TracedLoop callee, FramelessCall call)
    {
        if (call.Entry is TracedLoop known)
            return known;
        if (call.Entry is not null || _tracing > 0 || callee.Recorded is not { } recorded || callee.Resumes is not { } resumes
            || !driver.Parameters.Enabled)
            return null;
        var reds = RedsLayout(driver, call);
        if (reds is null)
        {
            call.Entry = NoFramelessEntry;
            return null;
        }
        foreach (var (layout, kinds, entry) in callee.FramelessEntries)
            if (kinds.AsSpan().SequenceEqual(call.SavedKinds) && layout.SameAs(reds))
            {
                call.Entry = entry;
                return entry;
            }
        if (callee.FramelessEntries.Count >= MaxFramelessEntries)
        {
            call.Entry = NoFramelessEntry;
            return null;
        }
        string name = callee.Name + "e" + callee.FramelessEntries.Count;
        var token = new LoopToken(name);
        var trace = Optimized(driver, name, BridgeEntry.Entry(recorded, reds, call.SavedKinds, token), null);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        CompiledLoop compiled;
        using (_log.Time(JitPhase.Compiling))
            compiled = _backend.CompileLoop(trace);
        _log.FramelessEntryCompiled(trace.Ops.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _trampoline.Register(compiled);
        var made = new TracedLoop(name, token, compiled);
        RegisterGuards(trace, resumes, made);
        AddGuards(made, trace);
        callee.FramelessEntries.Add((reds, call.SavedKinds, made));
        call.Entry = made;
        return made;
    }

    /// <summary>The layout of the call's reds alone, in the driver's order (the greens are constants of the
    /// callee's trace); null when the call does not write each red once.</summary>
    private static ResumeLayout? RedsLayout(DriverRuntime driver, FramelessCall call)
    {
        var slots = new ResumeEntry[driver.Reds.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            int at = Array.IndexOf(call.Writes, ((RegisterKind, int))driver.Reds[i]);
            if (at < 0 || Array.IndexOf(call.Writes, ((RegisterKind, int))driver.Reds[i], at + 1) >= 0)
                return null;
            slots[i] = call.Layout.Slots[at];
        }
        var layout = call.Layout;
        return layout.PendingWrites.Length > 0 ? null
            : new ResumeLayout(slots, layout.Virtuals, layout.Constants, layout.ConstantKinds, []);
    }

    private static void ClearRedRefs(DriverRuntime driver, JitDriverState state)
    {
        foreach (var (kind, slot) in driver.Reds)
            if (kind == RegisterKind.Ref)
                state.Refs[slot] = null;
    }

    private static Func<JitDriverState, TraceValue> ResumeDelegate(JitDriverDescriptor descriptor)
    {
        var entry = descriptor.ResumeEntry ?? throw new MetaInterpreterException("a portal call needs the portal's resume entry");
        var type = entry.ReturnType;
        if (type == typeof(long))
        {
            var call = entry.CreateDelegate<Func<JitDriverState, long>>();
            return state => TraceValue.FromInt(call(state));
        }
        if (type == typeof(double))
        {
            var call = entry.CreateDelegate<Func<JitDriverState, double>>();
            return state => TraceValue.FromFloat(call(state));
        }
        if (type == typeof(void))
        {
            var call = entry.CreateDelegate<Action<JitDriverState>>();
            return state =>
            {
                call(state);
                return default;
            };
        }
        if (!type.IsValueType)
        {
            var call = entry.CreateDelegate<Func<JitDriverState, object?>>();
            return state => TraceValue.FromRef(call(state));
        }
        return state => TraceClrTypes.FromClr(entry.Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [state], null), type);
    }


    /// <summary>Traces from the merge point at the state's greens: at a loop's can_enter_jit, or
    /// <paramref name="fromEntry"/> at a call's start (the trace may then end with the portal returning).</summary>
    private JitEntry TraceLoop(DriverRuntime driver, JitDriverState state, GreenCell cell, bool fromEntry)
    {
        var tracer = NewMetaInterpreter(driver);
        tracer.FindLoop = greens => CellOf(driver, greens).Loop?.Token;
        tracer.MayTraceLoop = greens => MayTraceLoop(driver, greens);
        var token = new LoopToken("Loop" + _loops.Count);
        var counters = fromEntry ? driver.EntryCounters : driver.Counters;
        MetaStop stop;
        _tracing++;
        try
        {
            using (_log.Time(JitPhase.Tracing))
            {
                tracer.BeginLoop(state, token, driver.Parameters.TraceLimit, mayReturn: fromEntry);
                stop = tracer.Run();
            }
        }
        finally
        {
            _tracing--;
        }
        string location = tracer.Locations.Count > 0 ? tracer.Locations[0].Location : token.Name;
        if (tracer.AbortReason is not null || stop == MetaStop.AtMergePoint)
            return Aborted(driver, state, cell, tracer, stop, location, counters);
        var recorded = tracer.BuildTrace();
        _log.LoopTraced(location, recorded.Ops.Length);
        var trace = Optimized(driver, token.Name, recorded, tracer);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        CompiledLoop compiled;
        using (_log.Time(JitPhase.Compiling))
            compiled = _backend.CompileLoop(trace);
        _log.LoopCompiled(token.Name, trace.Ops.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _trampoline.Register(compiled);
        var loop = new TracedLoop(token.Name, token, compiled) { Recorded = recorded, Resumes = tracer.Resumes };
        RegisterGuards(trace, tracer.Resumes, loop);
        AddGuards(loop, trace);
        cell.Loop = loop;
        _loops.Add(loop);
        counters.Traced(cell);
        if (stop == MetaStop.Returned)
            return Finish(driver, state, tracer, stop);
        tracer.WriteMergePoint(state);
        // tracing stopped at the merge point of the loop its trace jumps to: this one, or another one it entered
        return RunLoop(driver, state, CellAt(driver, state).Loop!);
    }

    /// <summary>The cell of the greens in the driver's exchange area.</summary>
    private static GreenCell CellAt(DriverRuntime driver, JitDriverState state)
    {
        var greens = driver.GreenValues;
        for (int i = 0; i < greens.Length; i++)
            greens[i] = state.Get(driver.Greens[i].Kind, driver.Greens[i].Slot);
        return CellOf(driver, greens);
    }

    /// <summary>
    /// A new bridge first runs as its own method (exits of its guard go there; it reaches its loop through the
    /// trampoline). Bridges are compiled into their loop's method in batches, each once as many as the loop already
    /// holds (at least <see cref="MinBridgeBatch"/>): recompiling the loop for every bridge costs quadratic time in
    /// a branchy loop, batches keep it n log n while every bridge still ends up in its loop's method.
    /// </summary>
    private void MergeBridges(TracedLoop owner, AttachedBridge bridge, GuardInfo guard)
    {
        // every bridge gains from being in its loop's method: its guard's failure becomes a branch, so a bridge
        // going on to another loop costs one pass through the trampoline instead of two (brainfuck's running time
        // fell by a quarter), and one back into its own loop none
        if (!owner.GuardsInMethod.Contains(bridge.Guard))
            return;
        AddGuards(owner, bridge.Bridge);
        owner.PendingBridges.Add((bridge, guard));
        if (owner.PendingBridges.Count < Math.Max(MinBridgeBatch, owner.MergedBridges) && OpsWithBridges(owner) > SmallLoopOps)
            return;
        var batch = new AttachedBridge[owner.PendingBridges.Count];
        int ops = 0;
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = owner.PendingBridges[i].Bridge;
            ops += batch[i].Bridge.Ops.Length;
        }
        _backend.AttachBridges(owner.Compiled, batch);
        _log.BridgesMerged(owner.Name, batch.Length, ops);
        foreach (var (attached, _) in owner.PendingBridges)
            attached.Guard.Bridge = null;
        owner.MergedBridges += batch.Length;
        owner.PendingBridges.Clear();
    }

    private static void AddGuards(TracedLoop loop, TraceIr trace)
    {
        foreach (ref readonly var op in trace.Ops)
            if (op.Info.IsGuard && trace.DescrOf(in op) is FailDescr guard)
                loop.GuardsInMethod.Add(guard);
    }

    /// <summary>The fewest bridges compiled into a loop's method at once.</summary>
    public const int MinBridgeBatch = 1;

    /// <summary>
    /// A loop of at most this many ops with its bridges (waiting ones included) takes each new bridge into its method
    /// at once: compiling it again is cheap, and a batch it waits for may never fill, leaving the bridge on its own
    /// for good, two passes through the trampoline each time it runs (brainfuck: ~700 of ~5,400 per run).
    /// </summary>
    public const int SmallLoopOps = 300;

    private static int OpsWithBridges(TracedLoop loop)
    {
        int ops = loop.Compiled.OpCount;
        foreach (var (pending, _) in loop.PendingBridges)
            ops += pending.Bridge.Ops.Length;
        return ops;
    }

    /// <summary>The trace after the optimizer passes the driver's enable_opts names, logged before and after.</summary>
    private TraceIr Optimized(DriverRuntime driver, string name, TraceIr recorded, MetaInterpreter? tracer)
    {
        if (_log.IsEnabled(JitLogCategory.Optimize))
        {
            string text = TracePrinter.Print(recorded);
            _log.TraceBeforeOptimization(name, tracer is null ? text : tracer.Annotate(text));
        }
        TraceIr optimized;
        using (_log.Time(JitPhase.Optimizing))
            optimized = Optimizer.Optimize(recorded, driver.Parameters.Passes);
        if (_log.IsEnabled(JitLogCategory.Optimize))
            _log.TraceAfterOptimization(name, TracePrinter.Print(optimized));
        return optimized;
    }

    private static bool MayTraceLoop(DriverRuntime driver, ReadOnlySpan<TraceValue> greens) =>
        driver.Counters.StateOf(CellOf(driver, greens)) == WarmupState.Counting;

    private JitEntry Aborted(DriverRuntime driver, JitDriverState state, GreenCell? cell, MetaInterpreter tracer, MetaStop stop,
        string location, WarmupCounters<GreenCell>? counters = null)
    {
        Aborts++;
        _log.TraceAborted(tracer.AbortReason ?? TraceAbort.Unsupported, location);
        // a trace that went around an inner loop with no compiled loop yet: the inner loop is traced at its next
        // can_enter_jit, and the key (or guard) that started this trace tries again later, without penalty
        if (tracer.InnerLoopGreens is { } inner)
            driver.Counters.MakeHot(CellOf(driver, inner));
        else if (cell is not null)
            (counters ?? driver.Counters).Aborted(cell);
        if (tracer.BiggestCallee is { } callee)
            _notInlinable.Add(callee);
        return Finish(driver, state, tracer, stop);
    }

    private void RegisterGuards(TraceIr trace, IReadOnlyList<ResumeData> resumes, TracedLoop owner)
    {
        foreach (ref readonly var op in trace.Ops)
        {
            if (op.Info.IsGuard && trace.DescrOf(in op) is FailDescr guard)
                _guards.Add(guard, new GuardInfo(_guards.Count, resumes[guard.Original.Index], owner));
        }
    }

    private JitEntry RunLoop(DriverRuntime driver, JitDriverState state, TracedLoop loop)
    {
        var frame = _frame;
        LoadReds(driver, state, frame);
        return AfterRun(driver, state, loop, Run(loop, frame), frame);
    }

    /// <summary>The driver's reds, read from <paramref name="state"/>, as a loop's inputs in the frame.</summary>
    private static void LoadReds(DriverRuntime driver, JitDriverState state, JitFrame frame)
    {
        var reds = driver.Reds;
        frame.EnsureCapacity(reds.Length);
        for (int i = 0; i < reds.Length; i++)
        {
            var (kind, slot) = reds[i];
            switch (kind)
            {
                case RegisterKind.Int: frame.Ints[i] = state.Ints[slot]; break;
                case RegisterKind.Ref: frame.Refs[i].Value = state.Refs[slot]; break;
                default: frame.Floats[i] = state.Floats[slot]; break;
            }
        }
        frame.PendingException = null;
    }

    /// <summary>Runs a loop's compiled code from its start with its inputs in the frame, to its exit.</summary>
    private JitExit Run(TracedLoop loop, JitFrame frame)
    {
        JitExit exit;
        long transfers = _trampoline.Transfers;
        using (_log.Time(JitPhase.Running))
            exit = _trampoline.Run(loop.Compiled, frame);
        _log.CompiledCodeRan(_trampoline.Transfers - transfers);
        return exit;
    }

    /// <summary>Where compiled code left off: the portal returns (a finish), or a guard failed, which is resumed by
    /// the blackhole interpreter or gets its bridge traced.</summary>
    private JitEntry AfterRun(DriverRuntime driver, JitDriverState state, TracedLoop loop, JitExit exit, JitFrame frame)
    {
        if (exit.Kind == JitExitKind.Finished)
            return Returned(state, exit, frame);
        if (exit.Kind != JitExitKind.GuardFailed)
            throw new MetaInterpreterException($"compiled code left {loop.Name} by {exit} instead of a guard");
        var guard = _guards[exit.Guard!];
        var saved = new TraceValue[exit.ValueCount];
        for (int i = 0; i < saved.Length; i++)
            saved[i] = exit.Value(frame, i);
        object? pending = frame.PendingException;
        frame.ClearRefs();
        var values = ResumeMaterializer.Materialize(exit.Guard!, saved);
        guard.Failures++;
        GuardFailures++;
        _log.GuardFailed(guard.Id, guard.Owner.Name);
        if (pending is null && !guard.BridgeTried && guard.Failures >= driver.Parameters.TraceEagerness)
            return TraceBridge(driver, state, exit.Guard!, guard, values, exit.ValueKinds);

        _log.BlackholeRun(guard.Id);
        using (_log.Time(JitPhase.Blackholing))
        {
            var blackhole = NewMetaInterpreter(driver);
            blackhole.BeginResume(guard.Resume, values);
            var stop = blackhole.Run(pending);
            return Finish(driver, state, blackhole, stop);
        }
    }

    /// <summary>Traces from a guard that keeps failing to the next loop; the bridge is compiled into the guard's loop.</summary>
    private JitEntry TraceBridge(DriverRuntime driver, JitDriverState state, FailDescr descr, GuardInfo guard,
        TraceValue[] values, ReadOnlySpan<ValueKind> savedKinds)
    {
        var kinds = ResumeMaterializer.OriginalKinds(descr, savedKinds);
        guard.BridgeTried = true;
        var tracer = NewMetaInterpreter(driver);
        tracer.FindLoop = greens => CellOf(driver, greens).Loop?.Token;
        tracer.MayTraceLoop = greens => MayTraceLoop(driver, greens);
        MetaStop stop;
        _tracing++;
        try
        {
            using (_log.Time(JitPhase.Tracing))
            {
                tracer.BeginBridge(guard.Resume, values, kinds, driver.Parameters.TraceLimit);
                stop = tracer.Run();
            }
        }
        finally
        {
            _tracing--;
        }
        string name = "Bridge" + guard.Id;
        if (tracer.AbortReason is not null || stop == MetaStop.AtMergePoint)
        {
            // an inner loop without compiled code gets its own trace first; a bridge too long because of a callee
            // inlined into it (now marked not inlinable) is shorter next time: either way the guard tries again
            // after trace_eagerness more failures instead of blackholing for ever (stack_vm's is_prime exit did)
            if (tracer.AbortReason == TraceAbort.InnerLoop
                || (tracer.AbortReason == TraceAbort.TooLong && tracer.BiggestCallee is { } callee && !_notInlinable.Contains(callee)))
            {
                guard.BridgeTried = false;
                guard.Failures = 0;
            }
            return Aborted(driver, state, null, tracer, stop, name);
        }
        var bridge = Optimized(driver, name, BridgeEntry.Prepend(tracer.BuildTrace(), descr, savedKinds), tracer);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (_log.Time(JitPhase.Compiling))
        {
            descr.Bridge = _backend.CompileLoop(bridge);
            RegisterGuards(bridge, tracer.Resumes, guard.Owner);
            MergeBridges(guard.Owner, new AttachedBridge(descr, bridge), guard);
        }
        _log.BridgeCompiled(guard.Id, guard.Owner.Name, bridge.Ops.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Bridges++;
        // the tracer ran the program on to where the bridge ends: a loop's merge point, or the portal's return
        return Finish(driver, state, tracer, stop);
    }

    /// <summary>A trace's finish: the portal returns the finish's value (none for a void portal).</summary>
    private static JitEntry Returned(JitDriverState state, JitExit exit, JitFrame frame)
    {
        if (exit.ValueCount > 0)
            state.SetReturn(exit.ValueKinds[0], exit.Value(frame, 0));
        frame.ClearRefs();
        return JitEntry.Returned;
    }

    /// <summary>Hands control back to the translated portal: at its merge point, or returning.</summary>
    private static JitEntry Finish(DriverRuntime driver, JitDriverState state, MetaInterpreter machine, MetaStop stop)
    {
        if (stop != MetaStop.Returned)
        {
            machine.WriteMergePoint(state);
            return JitEntry.AtMergePoint;
        }
        if (Pending.Exception is null)
            state.SetReturn(driver.ReturnKind, machine.ReturnValue);
        return JitEntry.Returned;
    }

    private MetaInterpreter NewMetaInterpreter(DriverRuntime driver) =>
        new(_program(), _forms ??= InstructionForms.Decode(_program().Instructions), _descrs, driver.Descriptor)
        {
            NotInlinable = _notInlinable,
            ImmutableContainers = _immutableContainers,
            Log = _log,
            WantLocations = _log.IsEnabled(JitLogCategory.Tracing | JitLogCategory.Optimize | JitLogCategory.Abort),
        };

    private DriverRuntime DriverOf(int index)
    {
        if (index < _drivers.Length && _drivers[index] is { } known)
            return known;
        var descriptors = _program().Drivers;
        if (_drivers.Length < descriptors.Length)
            Array.Resize(ref _drivers, descriptors.Length);
        return _drivers[index] = new DriverRuntime(descriptors[index], ParametersOf(index));
    }

    private static (RegisterKind, int)[] Slots(JitDriverDescriptor descriptor, int start, int count)
    {
        var variables = descriptor.Variables;
        var slots = new (RegisterKind, int)[count];
        for (int i = 0; i < count; i++)
            slots[i] = (variables[start + i].Kind, descriptor.Slots[start + i]);
        return slots;
    }

    /// <summary>The cell of some greens, found without allocating (made on first sight).</summary>
    private static GreenCell CellOf(DriverRuntime driver, ReadOnlySpan<TraceValue> greens)
    {
        int hash = GreenKeyComparer.Hash(greens);
        int bucket = hash & (driver.Buckets.Length - 1);
        for (var cell = driver.Buckets[bucket]; cell is not null; cell = cell.Next)
        {
            if (cell.Hash == hash && greens.SequenceEqual(cell.Greens))
                return cell;
        }
        var made = driver.Buckets[bucket] = new GreenCell(greens.ToArray(), hash, driver.Buckets[bucket]);
        if (++driver.CellCount > driver.Buckets.Length * 2)
            Rehash(driver);
        return made;
    }

    private static void Rehash(DriverRuntime driver)
    {
        var old = driver.Buckets;
        var buckets = new GreenCell?[old.Length * 4];
        foreach (var head in old)
        {
            var cell = head;
            while (cell is not null)
            {
                var next = cell.Next;
                int bucket = cell.Hash & (buckets.Length - 1);
                cell.Next = buckets[bucket];
                buckets[bucket] = cell;
                cell = next;
            }
        }
        driver.Buckets = buckets;
    }
}
