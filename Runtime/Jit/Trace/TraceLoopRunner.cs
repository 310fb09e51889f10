// The reference semantics of compiled loops working together: loops (found by their labels' tokens) and
// bridges (found by the guard they start at) run by TraceInterpreters. A failing guard with a bridge continues
// in the bridge with the guard's fail arguments and pending exception; a jump to another trace's label continues
// there. Backend conformance tests run the same loops and bridges through a backend and compare with this.
namespace ClrPy.Runtime.Jit.Trace;

public sealed class TraceLoopRunner(long jumpLimit = 100_000_000, long transferLimit = 10_000_000)
{
    private readonly Dictionary<LoopToken, TraceInterpreter> _labels = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FailDescr, TraceInterpreter> _bridges = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TraceIr, TraceInterpreter> _loops = new(ReferenceEqualityComparer.Instance);

    /// <summary>Registers a loop: jumps to any of its labels (from other loops and bridges) continue in it.</summary>
    public void AddLoop(TraceIr loop)
    {
        var interpreter = Interpreter(loop);
        _loops.Add(loop, interpreter);
        foreach (ref readonly var op in loop.Ops)
            if (op.Opcode == TraceOpcode.Label)
                _labels.Add((LoopToken)loop.DescrOf(in op)!, interpreter);
    }

    /// <summary>Makes <paramref name="bridge"/> run when <paramref name="guard"/> fails; its inputs are the guard's fail arguments.</summary>
    public void AddBridge(FailDescr guard, TraceIr bridge) => _bridges.Add(guard, Interpreter(bridge));

    /// <summary>How many times control passed from one trace to another in the last run.</summary>
    public long Transfers { get; private set; }

    /// <summary>Runs <paramref name="loop"/> from its start until a finish, or a guard without a bridge fails.</summary>
    public TraceOutcome Run(TraceIr loop, params ReadOnlySpan<TraceValue> inputs)
    {
        if (!_loops.TryGetValue(loop, out var interpreter))
            throw new ArgumentException("the loop was not added to this runner", nameof(loop));
        Transfers = 0;
        var outcome = interpreter.RunFrom(null, null, inputs);
        while (true)
        {
            if (outcome.Exit == TraceExit.GuardFailed && _bridges.TryGetValue(outcome.Guard!, out var bridge))
                outcome = Transfer(bridge, null, outcome);
            else if (outcome.Exit == TraceExit.Jumped)
                outcome = Transfer(_labels.TryGetValue(outcome.Target!, out var target) ? target
                    : throw new TraceExecutionException($"jump to {outcome.Target!.Name}, a label of no loop added to the runner"),
                    outcome.Target, outcome);
            else
                return outcome;
        }
    }

    private TraceOutcome Transfer(TraceInterpreter next, LoopToken? entry, TraceOutcome from)
    {
        if (++Transfers > transferLimit)
            throw new TraceExecutionException($"still passing between traces after {transferLimit} transfers");
        return next.RunFrom(entry, from.PendingException, from.Values);
    }

    private TraceInterpreter Interpreter(TraceIr trace) => new(trace, jumpLimit) { LeavesOnForeignJump = true };
}
