// The JIT engine of a translated program: at each can_enter_jit it finds the green key's cell, runs the cell's
// compiled loop if it has one (and blackholes from the guard that ends it), or counts towards tracing; traces
// from hot keys, handles aborts (one place: counters, not-inlinable callees) and installs finished loops.
// Made by JitInstall when a program with a JitDriver starts, unless CLRPY_JIT=off.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Jit.Tracing;
using ClrPy.Runtime.Jit.Warmup;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Engine;

/// <summary>A loop ready to run: its trace, how it runs, and the resume data of its guards.</summary>
public sealed class TracedLoop(string name, TraceIr trace, IReadOnlyList<ResumeData> resumes, ILoopRunner runner)
{
    public string Name { get; } = name;

    public TraceIr Trace { get; } = trace;

    public IReadOnlyList<ResumeData> Resumes { get; } = resumes;

    public ILoopRunner Runner { get; } = runner;

    /// <summary>Failures per guard (by FailDescr.Index).</summary>
    public long[] GuardFailures { get; } = new long[resumes.Count];
}

/// <summary>Runs a compiled loop from its inputs until it leaves through a guard or a finish.</summary>
public interface ILoopRunner
{
    TraceOutcome Run(ReadOnlySpan<TraceValue> inputs);
}

/// <summary>The reference runner: the trace interpreter.</summary>
public sealed class InterpretingRunner(TraceIr trace) : ILoopRunner
{
    private readonly TraceInterpreter _interpreter = new(trace, long.MaxValue);

    public TraceOutcome Run(ReadOnlySpan<TraceValue> inputs) => _interpreter.Run(inputs);
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
        public readonly (RegisterKind Kind, int Slot)[] Greens = Slots(descriptor, 0, descriptor.Greens.Length);
        public readonly (RegisterKind Kind, int Slot)[] Reds = Slots(descriptor, descriptor.Greens.Length, descriptor.Reds.Length);
        public GreenCell?[] Buckets = new GreenCell?[64];
        public int CellCount;
        public readonly WarmupCounters<GreenCell> Counters = new(parameters);
        public readonly TraceValue[] Inputs = new TraceValue[descriptor.Reds.Length];
    }

    private readonly JitParameters _parameters;
    private readonly Func<JitProgram> _program;
    private DriverRuntime?[] _drivers = [];
    private InstructionForm[]? _forms;
    private readonly ClrDescrs _descrs = new();
    private readonly HashSet<JitFunction> _notInlinable = new(ReferenceEqualityComparer.Instance);
    private readonly List<TracedLoop> _loops = [];

    private readonly JitLog _log;

    public JitEngine(JitParameters parameters, Func<JitProgram> program, JitLog? log = null)
    {
        _parameters = parameters;
        _program = program;
        _log = log ?? JitLog.Current;
    }

    public JitParameters Parameters => _parameters;

    /// <summary>Loops compiled so far, aborted traces and guard failures: what jit-summary reports.</summary>
    public int Loops => _loops.Count;

    public IReadOnlyList<TracedLoop> CompiledLoops => _loops;

    public int Aborts { get; private set; }

    public long GuardFailures { get; private set; }

    public JitEntry CanEnterJit(JitDriverState state)
    {
        if (!_parameters.Enabled)
            return JitEntry.NotEntered;
        var driver = DriverOf(state.Index);
        var cell = CellOf(driver, state);
        if (cell.Loop is { } loop)
            return RunLoop(driver, state, loop);
        if (!driver.Counters.Tick(cell))
            return JitEntry.NotEntered;
        return TraceLoop(driver, state, cell);
    }

    private JitEntry TraceLoop(DriverRuntime driver, JitDriverState state, GreenCell cell)
    {
        var tracer = NewMetaInterpreter(driver);
        var token = new LoopToken("Loop" + _loops.Count);
        MetaStop stop;
        using (_log.Time(JitPhase.Tracing))
        {
            tracer.BeginLoop(state, token, _parameters.TraceLimit);
            stop = tracer.Run();
        }
        string location = tracer.Locations.Count > 0 ? tracer.Locations[0].Location : token.Name;
        if (stop == MetaStop.LoopClosed)
        {
            var trace = tracer.BuildTrace();
            _log.LoopTraced(location, trace.Ops.Length);
            if (_log.IsEnabled(JitLogCategory.Optimize))
                _log.TraceBeforeOptimization(token.Name, tracer.Annotate(TracePrinter.Print(trace)));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            TracedLoop loop;
            using (_log.Time(JitPhase.Compiling))
                loop = new TracedLoop(token.Name, trace, [.. tracer.Resumes], new InterpretingRunner(trace));
            _log.LoopCompiled(token.Name, trace.Ops.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            cell.Loop = loop;
            _loops.Add(loop);
            driver.Counters.Traced(cell);
            tracer.WriteMergePoint(state);
            return RunLoop(driver, state, loop);
        }
        Aborts++;
        _log.TraceAborted(tracer.AbortReason ?? TraceAbort.Unsupported, location);
        driver.Counters.Aborted(cell);
        if (tracer.BiggestCallee is { } callee)
            _notInlinable.Add(callee);
        return Finish(driver, state, tracer, stop);
    }

    private JitEntry RunLoop(DriverRuntime driver, JitDriverState state, TracedLoop loop)
    {
        var reds = driver.Reds;
        for (int i = 0; i < reds.Length; i++)
        {
            var (kind, slot) = reds[i];
            driver.Inputs[i] = kind switch
            {
                RegisterKind.Int => TraceValue.FromInt(state.Ints[slot]),
                RegisterKind.Ref => TraceValue.FromRef(state.Refs[slot]),
                _ => TraceValue.FromFloat(state.Floats[slot]),
            };
        }
        TraceOutcome outcome;
        using (_log.Time(JitPhase.Running))
            outcome = loop.Runner.Run(driver.Inputs);
        if (outcome.Exit != TraceExit.GuardFailed)
            throw new MetaInterpreterException($"a compiled loop finished instead of leaving through a guard (op {outcome.OpIndex})");
        int guard = outcome.Guard!.Index;
        loop.GuardFailures[guard]++;
        GuardFailures++;
        _log.GuardFailed(guard, loop.Name);
        _log.BlackholeRun(guard);
        using (_log.Time(JitPhase.Blackholing))
        {
            var blackhole = NewMetaInterpreter(driver);
            blackhole.BeginResume(loop.Resumes[guard], outcome.Values);
            var stop = blackhole.Run(outcome.PendingException);
            return Finish(driver, state, blackhole, stop);
        }
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
        {
            var value = machine.ReturnValue;
            switch (ClrValues.KindOf(driver.Descriptor.Portal.Method.ReturnType))
            {
                case ValueKind.Int: state.ReturnInt = value.AsInt; break;
                case ValueKind.Float: state.ReturnFloat = value.AsFloat; break;
                case ValueKind.Ref: state.ReturnRef = value.AsRef; break;
            }
        }
        return JitEntry.Returned;
    }

    private MetaInterpreter NewMetaInterpreter(DriverRuntime driver) =>
        new(_program(), _forms ??= InstructionForms.Decode(_program().Instructions), _descrs, driver.Descriptor)
        {
            NotInlinable = _notInlinable,
            WantLocations = _log.IsEnabled(JitLogCategory.Tracing | JitLogCategory.Optimize | JitLogCategory.Abort),
        };

    private DriverRuntime DriverOf(int index)
    {
        if (index < _drivers.Length && _drivers[index] is { } known)
            return known;
        var descriptors = _program().Drivers;
        if (_drivers.Length < descriptors.Length)
            Array.Resize(ref _drivers, descriptors.Length);
        return _drivers[index] = new DriverRuntime(descriptors[index], _parameters);
    }

    private static (RegisterKind, int)[] Slots(JitDriverDescriptor descriptor, int start, int count)
    {
        JitDriverVariable[] variables = [.. descriptor.Greens, .. descriptor.Reds];
        var slots = new (RegisterKind, int)[count];
        for (int i = 0; i < count; i++)
            slots[i] = (variables[start + i].Kind, JitDriverLayout.SlotOf(variables, start + i));
        return slots;
    }

    /// <summary>The cell of the state's greens, found without allocating (made on first sight).</summary>
    private static GreenCell CellOf(DriverRuntime driver, JitDriverState state)
    {
        var greens = driver.Greens;
        int hash = 17;
        foreach (var (kind, slot) in greens)
        {
            hash = hash * 31 + kind switch
            {
                RegisterKind.Int => state.Ints[slot].GetHashCode(),
                RegisterKind.Ref => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(state.Refs[slot]!),
                _ => state.Floats[slot].GetHashCode(),
            };
        }
        int bucket = hash & (driver.Buckets.Length - 1);
        for (var cell = driver.Buckets[bucket]; cell is not null; cell = cell.Next)
        {
            if (cell.Hash == hash && SameGreens(cell, greens, state))
                return cell;
        }
        var values = new TraceValue[greens.Length];
        for (int i = 0; i < greens.Length; i++)
        {
            var (kind, slot) = greens[i];
            values[i] = kind switch
            {
                RegisterKind.Int => TraceValue.FromInt(state.Ints[slot]),
                RegisterKind.Ref => TraceValue.FromRef(state.Refs[slot]),
                _ => TraceValue.FromFloat(state.Floats[slot]),
            };
        }
        var made = driver.Buckets[bucket] = new GreenCell(values, hash, driver.Buckets[bucket]);
        if (++driver.CellCount > driver.Buckets.Length * 2)
            Rehash(driver);
        return made;
    }

    private static bool SameGreens(GreenCell cell, (RegisterKind Kind, int Slot)[] greens, JitDriverState state)
    {
        for (int i = 0; i < greens.Length; i++)
        {
            var (kind, slot) = greens[i];
            bool same = kind switch
            {
                RegisterKind.Int => cell.Greens[i].AsInt == state.Ints[slot],
                RegisterKind.Ref => ReferenceEquals(cell.Greens[i].AsRef, state.Refs[slot]),
                _ => cell.Greens[i].Bits == BitConverter.DoubleToInt64Bits(state.Floats[slot]),
            };
            if (!same)
                return false;
        }
        return true;
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
