// Runs a set of loops and bridges, written as text, twice: by reference semantics (TraceLoopRunner over the
// TraceInterpreter) and through the CIL backend (CilJitBackend + LoopTrampoline), each in a fresh
// TraceTestWorld, and describes each run (exit, values, pending exception, the heap it reaches) as text so
// that the two can be compared. Used by the conformance suite and the random trace tests.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Runtime.Jit.Trace;

namespace ClrPy.Tests.Backends.Cil.Jit;

/// <summary>A bridge from guard number <see cref="Guard"/> of trace <see cref="Owner"/> (loops are numbered first,
/// then bridges in the order given).</summary>
public sealed record BridgeText(int Owner, int Guard, string Text);

/// <summary>Loops (the first one is run) and bridges; the inputs are made in each run's own world.</summary>
public sealed record TraceSet(string[] Loops, BridgeText[] Bridges, Func<TraceTestWorld, TraceValue[]> Inputs)
{
    public static TraceSet Loop(string text, Func<TraceTestWorld, TraceValue[]> inputs) => new([text], [], inputs);
}

/// <summary>How a run ended, in words (compared between the backends), and where (for coverage counts).</summary>
public sealed record RunDescription(string Text, TraceIr? ExitTrace, int ExitOp, JitExitKind ExitKind);

public sealed partial class BackendHarness
{
    private readonly TraceTestWorld _world = JitTestWorld.Create();
    private readonly TraceIr[] _traces;
    private readonly int[] _rootOf;
    private readonly Dictionary<FailDescr, int> _traceOfGuard = new(ReferenceEqualityComparer.Instance);
    private readonly TraceSet _set;
    private object?[] _identities = [];

    private BackendHarness(TraceSet set)
    {
        _set = set;
        foreach (string loop in set.Loops)
            foreach (Match label in LabelToken().Matches(loop))
                if (!_world.Registry.TryGetDescr(label.Groups[1].Value, out _))
                    _world.Registry.Add(new LoopToken(label.Groups[1].Value));
        _traces = new TraceIr[set.Loops.Length + set.Bridges.Length];
        _rootOf = new int[_traces.Length];
        for (int i = 0; i < _traces.Length; i++)
        {
            _traces[i] = _world.Parse(i < set.Loops.Length ? set.Loops[i] : set.Bridges[i - set.Loops.Length].Text);
            _rootOf[i] = i < set.Loops.Length ? i : _rootOf[set.Bridges[i - set.Loops.Length].Owner];
            foreach (var descr in _traces[i].Descriptors)
                if (descr is FailDescr guard)
                    _traceOfGuard.Add(guard, i);
        }
    }

    [GeneratedRegex(@"label\(.*descr=([\w.]+)\)")]
    private static partial Regex LabelToken();

    /// <summary>The set's traces, parsed in a fresh world (loops, then bridges).</summary>
    public static IReadOnlyList<TraceIr> Parse(TraceSet set) => new BackendHarness(set)._traces;

    public static RunDescription RunReference(TraceSet set) => new BackendHarness(set).RunReference();

    /// <summary>The set run by the CIL backend; <paramref name="joinLoops"/>: with all its loops (two or more)
    /// compiled as one group (<see cref="CilJitBackend.Join"/>), which must succeed.</summary>
    public static RunDescription RunBackend(TraceSet set, CilJitBackend? backend = null, bool joinLoops = false) =>
        new BackendHarness(set).RunBackend(backend ?? new CilJitBackend(), joinLoops);

    /// <summary>Both runs; the failure message shows the traces and both descriptions.</summary>
    public static RunDescription AssertAgree(TraceSet set, string name, CilJitBackend? backend = null, bool joinLoops = false)
    {
        var expected = RunReference(set);
        if (expected.Text.StartsWith("error:", StringComparison.Ordinal))
            Assert.Fail($"{name}: the trace interpreter cannot run it (so neither would the backend): {expected.Text}");
        var actual = RunBackend(set, backend, joinLoops);
        if (expected.Text != actual.Text)
            Assert.Fail($"{name}: the backend disagrees with the trace interpreter\n--- interpreter:\n{expected.Text}\n--- backend:\n{actual.Text}\n--- traces:\n{string.Join("\n", set.Loops.Concat(set.Bridges.Select(b => $"# bridge from trace {b.Owner} guard {b.Guard}\n{b.Text}")))}");
        return actual;
    }

    private FailDescr GuardOf(int trace, int index)
    {
        foreach (var descr in _traces[trace].Descriptors)
            if (descr is FailDescr guard && guard.Index == index)
                return guard;
        throw new ArgumentException($"trace {trace} has no guard {index}");
    }

    private RunDescription RunReference()
    {
        var runner = new TraceLoopRunner(jumpLimit: 1_000_000, transferLimit: 1_000_000);
        for (int i = 0; i < _set.Loops.Length; i++)
            runner.AddLoop(_traces[i]);
        for (int b = 0; b < _set.Bridges.Length; b++)
            runner.AddBridge(GuardOf(_set.Bridges[b].Owner, _set.Bridges[b].Guard), _traces[_set.Loops.Length + b]);
        var inputs = StartRun();
        try
        {
            var outcome = runner.Run(_traces[0], inputs);
            string exit = outcome.Exit == TraceExit.Finished ? $"finish at op {outcome.OpIndex}"
                : $"guard {_traceOfGuard[outcome.Guard!]}.{outcome.Guard!.Index} failed at op {outcome.OpIndex}";
            return new RunDescription(Describe(exit, outcome.Values, outcome.PendingException), null, outcome.OpIndex,
                outcome.Exit == TraceExit.Finished ? JitExitKind.Finished : JitExitKind.GuardFailed);
        }
        catch (TraceExecutionException error)
        {
            return new RunDescription("error: " + error.Message, null, -1, JitExitKind.Jumped);
        }
    }

    private RunDescription RunBackend(CilJitBackend backend, bool joinLoops)
    {
        var trampoline = new LoopTrampoline();
        var compiled = new CompiledLoop[_set.Loops.Length];
        for (int i = 0; i < compiled.Length; i++)
            trampoline.Register(compiled[i] = backend.CompileLoop(_traces[i]));
        for (int b = 0; b < _set.Bridges.Length; b++)
        {
            var bridge = _set.Bridges[b];
            backend.AttachBridge(compiled[_rootOf[bridge.Owner]], GuardOf(bridge.Owner, bridge.Guard), _traces[_set.Loops.Length + b]);
        }
        if (joinLoops && compiled.Length > 1 && backend.Join(compiled) is null)
            Assert.Fail("the backend did not join the set's loops");
        var inputs = StartRun();
        var frame = new JitFrame(2);
        frame.EnsureCapacity(inputs.Length);
        for (int i = 0; i < inputs.Length; i++)
            frame.Set(i, _traces[0].KindOf(i), inputs[i]);
        var exit = trampoline.Run(compiled[0], frame);
        var values = new TraceValue[exit.ValueCount];
        for (int i = 0; i < values.Length; i++)
            values[i] = exit.Value(frame, i);
        string text = exit.Kind == JitExitKind.Finished ? $"finish at op {exit.OpIndex}"
            : $"guard {_traceOfGuard[exit.Guard!]}.{exit.Guard!.Index} failed at op {exit.OpIndex}";
        return new RunDescription(Describe(text, values, frame.PendingException), exit.Trace, exit.OpIndex, exit.Kind);
    }

    private TraceValue[] StartRun()
    {
        Pending.Exception = null;
        var inputs = _set.Inputs(_world);
        var identities = new List<object?> { _world.TheNode };
        foreach (var input in inputs)
            if (input.Ref is not null)
                identities.Add(input.Ref);
        _identities = [.. identities];
        return inputs;
    }

    private string Describe(string exit, TraceValue[] values, object? pending)
    {
        var text = new StringBuilder(exit).Append("\nvalues:");
        for (int i = 0; i < values.Length; i++)
            text.Append(' ').Append(DescribeValue(values[i]));
        text.Append("\npending: ").Append(DescribeObject(pending, 2));
        text.Append("\nheap:");
        foreach (var known in _identities)
            text.Append(' ').Append(DescribeObject(known, 3));
        text.Append("\nrecorded: ").Append(string.Join(", ", _world.Recorded));
        text.Append("\npending static: ").Append(DescribeObject(Pending.Exception, 1));
        return text.ToString();
    }

    /// <summary>
    /// Refs are described by their objects, ints and floats by their bits, except that a word with a NaN's bit
    /// pattern reads "nan": the sign and payload of a NaN an operation produces are unspecified by IEEE 754, and the
    /// CLR's compiler may commute the operands of float_mul or float_add in one path and not the other, so two correct
    /// runs can leave different NaNs (seed 1042494 did). Python cannot observe the difference.
    /// </summary>
    private string DescribeValue(TraceValue value) =>
        value.Ref is not null ? DescribeObject(value.Ref, 3)
        : double.IsNaN(value.AsFloat) ? "nan" : value.Bits.ToString(CultureInfo.InvariantCulture);

    private static string Float(double value) =>
        double.IsNaN(value) ? "nan" : BitConverter.DoubleToInt64Bits(value).ToString("x", CultureInfo.InvariantCulture);

    private string DescribeObject(object? value, int depth)
    {
        if (value is null)
            return "null";
        int known = Array.IndexOf(_identities, value);
        string identity = known >= 0 ? $"#{known}" : "";
        if (depth == 0)
            return identity + "...";
        return identity + value switch
        {
            Node node => $"Node({node.Value}, {Float(node.Weight)}, {DescribeObject(node.Next, depth - 1)})",
            string text => '"' + text + '"',
            long or int or bool or char or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            TestError error => $"TestError({error.Message})",
            PyBaseException error => $"{error.GetType().Name}({error.Message})",
            double[] floats => "[" + string.Join(", ", floats.Select(Float)) + "]",
            Array array => array.GetType().Name + "[" + string.Join(", ", array.Cast<object?>().Select(item => DescribeObject(item, depth - 1))) + "]",
            _ => value.GetType().Name,
        };
    }
}
