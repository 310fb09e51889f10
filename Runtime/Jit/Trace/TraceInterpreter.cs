// Runs a trace directly on values: the reference semantics of every trace op, which each backend's shared
// test suite is held to. Follows jumps back to their label until a guard fails or finish is reached.
// Called by tests and backend tests; the optimizer's tests use it to check that a rewrite keeps the meaning.
using System.Diagnostics.CodeAnalysis;

namespace ClrPy.Runtime.Jit.Trace;

/// <summary>How a trace was left; <see cref="Jumped"/> (a jump to another trace's label) only when the
/// interpreter was told to leave on such jumps (<see cref="TraceInterpreter.LeavesOnForeignJump"/>).</summary>
public enum TraceExit : byte { Finished, GuardFailed, Jumped }

/// <summary>How a run ended: the finish values, the failing guard with its fail-argument values, or the jump
/// to another trace's label with the values it passes.</summary>
public sealed class TraceOutcome(TraceExit exit, int opIndex, FailDescr? guard, TraceValue[] values,
    object? pendingException, long jumps, LoopToken? target = null)
{
    public TraceExit Exit { get; } = exit;

    /// <summary>The index of the finish or failing guard op.</summary>
    public int OpIndex { get; } = opIndex;

    public FailDescr? Guard { get; } = guard;

    /// <summary>The finish operands, or the guard's fail arguments, in order.</summary>
    public TraceValue[] Values { get; } = values;

    /// <summary>The exception raised by a call and not consumed by a guard when the trace was left.</summary>
    public object? PendingException { get; } = pendingException;

    /// <summary>How many jumps were taken (loop iterations completed).</summary>
    public long Jumps { get; } = jumps;

    /// <summary>The label a <see cref="TraceExit.Jumped"/> exit goes to.</summary>
    public LoopToken? Target { get; } = target;
}

/// <summary>A trace that cannot run: division by zero, a null object, a jump to a loop outside the trace, ...</summary>
public sealed class TraceExecutionException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class TraceInterpreter
{
    private readonly TraceIr _trace;
    private readonly TraceValue[] _registers;
    private readonly TraceValue[] _scratch;
    private readonly int[] _labelOfDescr;
    private readonly long _jumpLimit;
    private bool _overflowed;

    /// <param name="jumpLimit">Stops a trace that loops longer (a wrong trace in a test would otherwise hang).</param>
    public TraceInterpreter(TraceIr trace, long jumpLimit = 100_000_000)
    {
        _trace = trace;
        _jumpLimit = jumpLimit;
        _registers = new TraceValue[trace.VariableCount];
        _labelOfDescr = new int[trace.Descriptors.Length];
        Array.Fill(_labelOfDescr, -1);
        int widest = 0;
        var ops = trace.Ops;
        for (int i = 0; i < ops.Length; i++)
        {
            widest = Math.Max(widest, ops[i].OperandCount);
            if (ops[i].Opcode == TraceOpcode.Label)
                _labelOfDescr[ops[i].Descr] = i;
        }
        _scratch = new TraceValue[widest];
    }

    /// <summary>The exception a call raised that no guard has consumed yet.</summary>
    public object? PendingException { get; private set; }

    /// <summary>A jump to a label outside the trace ends the run with <see cref="TraceExit.Jumped"/> instead of
    /// being an error (for running loops and bridges together, as <see cref="TraceLoopRunner"/> does).</summary>
    public bool LeavesOnForeignJump { get; init; }

    public TraceOutcome Run(params ReadOnlySpan<TraceValue> inputs) => RunFrom(null, null, inputs);

    /// <summary>
    /// Runs from the trace's start (<paramref name="entry"/> null; the inputs are the trace's) or from the label
    /// carrying <paramref name="entry"/> (the inputs are its arguments), with <paramref name="pendingException"/>
    /// pending, as when a bridge continues after its guard or a loop is entered from another one.
    /// </summary>
    public TraceOutcome RunFrom(LoopToken? entry, object? pendingException, ReadOnlySpan<TraceValue> inputs)
    {
        int pc = 0;
        if (entry is null)
        {
            if (inputs.Length != _trace.InputCount)
                throw new ArgumentException($"the trace takes {_trace.InputCount} input(s), got {inputs.Length}", nameof(inputs));
            inputs.CopyTo(_registers);
        }
        else
        {
            int label = LabelOf(entry);
            var arguments = _trace.OperandsOf(in _trace[label]);
            if (inputs.Length != arguments.Length)
                throw new ArgumentException($"the label {entry.Name} takes {arguments.Length} value(s), got {inputs.Length}", nameof(inputs));
            for (int i = 0; i < arguments.Length; i++)
                _registers[arguments[i]] = inputs[i];
            pc = label + 1;
        }
        _overflowed = false;
        PendingException = pendingException;
        try
        {
            return Loop(ref pc);
        }
        catch (Exception error) when (error is not TraceExecutionException)
        {
            throw new TraceExecutionException($"op {pc} ({TracePrinter.PrintOp(_trace, pc)}): {error.Message}", error);
        }
    }

    private int LabelOf(LoopToken token)
    {
        var descriptors = _trace.Descriptors;
        for (int i = 0; i < descriptors.Length; i++)
            if (ReferenceEquals(descriptors[i], token) && _labelOfDescr[i] >= 0)
                return _labelOfDescr[i];
        throw new ArgumentException($"the trace has no label {token.Name}", nameof(token));
    }

    private TraceOutcome Loop(ref int pc)
    {
        var ops = _trace.Ops;
        var descriptors = _trace.Descriptors;
        long jumps = 0;
        while (true)
        {
            if (pc >= ops.Length)
                throw new TraceExecutionException("the trace ends without jump or finish");
            ref readonly var op = ref ops[pc];
            var args = _trace.OperandsOf(in op);
            bool guardHolds = true;
            switch (op.Opcode)
            {
                case TraceOpcode.IntAdd: SetInt(in op, unchecked(Int(args[0]) + Int(args[1]))); break;
                case TraceOpcode.IntSub: SetInt(in op, unchecked(Int(args[0]) - Int(args[1]))); break;
                case TraceOpcode.IntMul: SetInt(in op, unchecked(Int(args[0]) * Int(args[1]))); break;
                case TraceOpcode.IntFloorDiv: SetInt(in op, FloorDiv(pc, Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntMod: SetInt(in op, FloorMod(pc, Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntAnd: SetInt(in op, Int(args[0]) & Int(args[1])); break;
                case TraceOpcode.IntOr: SetInt(in op, Int(args[0]) | Int(args[1])); break;
                case TraceOpcode.IntXor: SetInt(in op, Int(args[0]) ^ Int(args[1])); break;
                case TraceOpcode.IntLShift: SetInt(in op, Shift(pc, op.Opcode, Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntRShift: SetInt(in op, Shift(pc, op.Opcode, Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.UintRShift: SetInt(in op, Shift(pc, op.Opcode, Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntNeg: SetInt(in op, unchecked(-Int(args[0]))); break;
                case TraceOpcode.IntInvert: SetInt(in op, ~Int(args[0])); break;
                case TraceOpcode.IntLt: SetBool(in op, Int(args[0]) < Int(args[1])); break;
                case TraceOpcode.IntLe: SetBool(in op, Int(args[0]) <= Int(args[1])); break;
                case TraceOpcode.IntEq: SetBool(in op, Int(args[0]) == Int(args[1])); break;
                case TraceOpcode.IntNe: SetBool(in op, Int(args[0]) != Int(args[1])); break;
                case TraceOpcode.IntGt: SetBool(in op, Int(args[0]) > Int(args[1])); break;
                case TraceOpcode.IntGe: SetBool(in op, Int(args[0]) >= Int(args[1])); break;
                case TraceOpcode.UintLt: SetBool(in op, (ulong)Int(args[0]) < (ulong)Int(args[1])); break;
                case TraceOpcode.UintLe: SetBool(in op, (ulong)Int(args[0]) <= (ulong)Int(args[1])); break;
                case TraceOpcode.UintGt: SetBool(in op, (ulong)Int(args[0]) > (ulong)Int(args[1])); break;
                case TraceOpcode.UintGe: SetBool(in op, (ulong)Int(args[0]) >= (ulong)Int(args[1])); break;
                case TraceOpcode.IntIsTrue: SetBool(in op, Int(args[0]) != 0); break;
                case TraceOpcode.IntIsZero: SetBool(in op, Int(args[0]) == 0); break;
                case TraceOpcode.IntAddOvf: SetInt(in op, AddOvf(Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntSubOvf: SetInt(in op, SubOvf(Int(args[0]), Int(args[1]))); break;
                case TraceOpcode.IntMulOvf: SetInt(in op, MulOvf(Int(args[0]), Int(args[1]))); break;

                case TraceOpcode.FloatAdd: SetFloat(in op, Float(args[0]) + Float(args[1])); break;
                case TraceOpcode.FloatSub: SetFloat(in op, Float(args[0]) - Float(args[1])); break;
                case TraceOpcode.FloatMul: SetFloat(in op, Float(args[0]) * Float(args[1])); break;
                case TraceOpcode.FloatTrueDiv: SetFloat(in op, Float(args[0]) / Float(args[1])); break;
                case TraceOpcode.FloatNeg: SetFloat(in op, -Float(args[0])); break;
                case TraceOpcode.FloatAbs: SetFloat(in op, Math.Abs(Float(args[0]))); break;
                case TraceOpcode.FloatLt: SetBool(in op, Float(args[0]) < Float(args[1])); break;
                case TraceOpcode.FloatLe: SetBool(in op, Float(args[0]) <= Float(args[1])); break;
                case TraceOpcode.FloatEq: SetBool(in op, Float(args[0]) == Float(args[1])); break;
                case TraceOpcode.FloatNe: SetBool(in op, Float(args[0]) != Float(args[1])); break;
                case TraceOpcode.FloatGt: SetBool(in op, Float(args[0]) > Float(args[1])); break;
                case TraceOpcode.FloatGe: SetBool(in op, Float(args[0]) >= Float(args[1])); break;

                case TraceOpcode.CastIntToFloat: SetFloat(in op, Int(args[0])); break;
                // .NET converts saturating (NaN to 0), the same on every platform; backends must match it.
                case TraceOpcode.CastFloatToInt: SetInt(in op, (long)Float(args[0])); break;
                case TraceOpcode.SameAsI or TraceOpcode.SameAsR or TraceOpcode.SameAsF:
                    _registers[op.Result] = Value(args[0]);
                    break;
                case TraceOpcode.PtrEq: SetBool(in op, ReferenceEquals(Ref(args[0]), Ref(args[1]))); break;
                case TraceOpcode.PtrNe: SetBool(in op, !ReferenceEquals(Ref(args[0]), Ref(args[1]))); break;

                case TraceOpcode.GuardTrue: guardHolds = Int(args[0]) != 0; break;
                case TraceOpcode.GuardFalse: guardHolds = Int(args[0]) == 0; break;
                case TraceOpcode.GuardValue: guardHolds = Value(args[0]).Equals(Value(args[1])); break;
                case TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass:
                    guardHolds = ((ClassDescr)Ref(args[1])!).IsClassOf(Ref(args[0]));
                    break;
                case TraceOpcode.GuardNonnull: guardHolds = Ref(args[0]) is not null; break;
                case TraceOpcode.GuardIsnull: guardHolds = Ref(args[0]) is null; break;
                case TraceOpcode.GuardNoException: guardHolds = PendingException is null; break;
                case TraceOpcode.GuardException:
                    guardHolds = ((ClassDescr)Ref(args[0])!).IsClassOf(PendingException);
                    if (guardHolds)
                    {
                        _registers[op.Result] = TraceValue.FromRef(PendingException);
                        PendingException = null;
                    }
                    break;
                case TraceOpcode.GuardNoOverflow: guardHolds = !_overflowed; break;
                case TraceOpcode.GuardOverflow: guardHolds = _overflowed; break;

                case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF:
                    _registers[op.Result] = ((FieldDescr)descriptors[op.Descr]).Read(Object(pc, args[0]));
                    break;
                case TraceOpcode.SetfieldGc:
                    ((FieldDescr)descriptors[op.Descr]).Write(Object(pc, args[0]), Value(args[1]));
                    break;
                case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF:
                    _registers[op.Result] = ((ArrayDescr)descriptors[op.Descr]).Read(Object(pc, args[0]), Int(args[1]));
                    break;
                case TraceOpcode.SetarrayitemGc:
                    ((ArrayDescr)descriptors[op.Descr]).Write(Object(pc, args[0]), Int(args[1]), Value(args[2]));
                    break;
                case TraceOpcode.ArraylenGc:
                    SetInt(in op, ((ArrayDescr)descriptors[op.Descr]).Length(Object(pc, args[0])));
                    break;
                case TraceOpcode.Strlen: SetInt(in op, ((string)Object(pc, args[0])).Length); break;
                case TraceOpcode.Strgetitem: SetInt(in op, ((string)Object(pc, args[0]))[checked((int)Int(args[1]))]); break;
                case TraceOpcode.New:
                    var cls = (ClassDescr)descriptors[op.Descr];
                    _registers[op.Result] = TraceValue.FromRef((cls.Create ?? NoConstructor(pc, cls))());
                    break;
                case TraceOpcode.NewArray:
                    long length = Int(args[0]);
                    if (length < 0)
                        Fail(pc, $"new_array of negative length {length}");
                    _registers[op.Result] = TraceValue.FromRef(((ArrayDescr)descriptors[op.Descr]).Create(length));
                    break;

                case TraceOpcode.CallI or TraceOpcode.CallR or TraceOpcode.CallF or TraceOpcode.CallN:
                    Call(pc, in op, (CallDescr)descriptors[op.Descr], args);
                    break;

                case TraceOpcode.Label:
                    break;
                case TraceOpcode.Jump:
                    int label = _labelOfDescr[op.Descr];
                    if (label < 0 && LeavesOnForeignJump)
                        return new TraceOutcome(TraceExit.Jumped, pc, null, Values(args), PendingException, jumps,
                            (LoopToken)descriptors[op.Descr]);
                    if (label < 0)
                        Fail(pc, $"jump to {descriptors[op.Descr].Name}, a loop outside this trace");
                    if (++jumps > _jumpLimit)
                        Fail(pc, $"still looping after {_jumpLimit} jumps");
                    ParallelCopy(args, _trace.OperandsOf(in ops[label]));
                    pc = label + 1;
                    continue;
                case TraceOpcode.Finish:
                    return new TraceOutcome(TraceExit.Finished, pc, null, Values(args), PendingException, jumps);

                default:
                    Fail(pc, $"no semantics for {TraceOpcodes.Name(op.Opcode)}");
                    break;
            }
            if (!guardHolds)
                return new TraceOutcome(TraceExit.GuardFailed, pc, (FailDescr)descriptors[op.Descr],
                    Values(_trace.FailArgsOf(in op)), PendingException, jumps);
            pc++;
        }
    }

    private void Call(int pc, in TraceOp op, CallDescr call, ReadOnlySpan<int> args)
    {
        for (int i = 0; i < args.Length; i++)
            _scratch[i] = Value(args[i]);
        object? raised = null;
        var result = call.Target(_scratch.AsSpan(0, args.Length), ref raised);
        if (raised is not null && !call.CanRaise)
            Fail(pc, $"{call.Name} raised {raised.GetType().Name}, but its descriptor says it cannot raise");
        if (call.CanRaise)
            PendingException = raised;
        if (op.Result != TraceValues.None)
            _registers[op.Result] = result;
    }

    /// <summary>Label arguments receive the jump's values all at once (a jump may pass i1, i0 to label(i0, i1)).</summary>
    private void ParallelCopy(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        for (int i = 0; i < from.Length; i++)
            _scratch[i] = Value(from[i]);
        for (int i = 0; i < to.Length; i++)
            _registers[to[i]] = _scratch[i];
    }

    private TraceValue[] Values(ReadOnlySpan<int> values)
    {
        var result = new TraceValue[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = Value(values[i]);
        return result;
    }

    private TraceValue Value(int value) => value >= 0 ? _registers[value] : _trace.ConstantValue(value);

    private long Int(int value) => Value(value).Bits;

    private double Float(int value) => Value(value).AsFloat;

    private object? Ref(int value) => Value(value).Ref;

    private object Object(int pc, int value) => Ref(value) ?? NullObject(pc);

    private void SetInt(in TraceOp op, long value) => _registers[op.Result] = TraceValue.FromInt(value);

    private void SetBool(in TraceOp op, bool value) => _registers[op.Result] = TraceValue.FromInt(value ? 1 : 0);

    private void SetFloat(in TraceOp op, double value) => _registers[op.Result] = TraceValue.FromFloat(value);

    private long AddOvf(long a, long b)
    {
        long sum = unchecked(a + b);
        _overflowed = ((a ^ sum) & (b ^ sum)) < 0;
        return sum;
    }

    private long SubOvf(long a, long b)
    {
        long difference = unchecked(a - b);
        _overflowed = ((a ^ b) & (a ^ difference)) < 0;
        return difference;
    }

    private long MulOvf(long a, long b)
    {
        long high = Math.BigMul(a, b, out long low);
        _overflowed = high != low >> 63;
        return low;
    }

    /// <summary>Rounds toward negative infinity, like Python's // (and NumberOps.IntFloorDiv).</summary>
    private long FloorDiv(int pc, long a, long b)
    {
        if (b == 0)
            Fail(pc, "integer division by zero");
        if (b == -1)
            return unchecked(-a);
        long quotient = a / b;
        return a % b != 0 && (a ^ b) < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Takes the sign of the divisor, like Python's %.</summary>
    private long FloorMod(int pc, long a, long b)
    {
        if (b == 0)
            Fail(pc, "integer modulo by zero");
        if (b == -1)
            return 0;
        long remainder = a % b;
        return remainder != 0 && (remainder ^ b) < 0 ? remainder + b : remainder;
    }

    /// <summary>Counts of 64 or more shift everything out (int_rshift keeps the sign); negative counts are errors.</summary>
    private long Shift(int pc, TraceOpcode opcode, long value, long count)
    {
        if (count < 0)
            Fail(pc, $"negative shift count {count}");
        return opcode switch
        {
            TraceOpcode.IntLShift => count >= 64 ? 0 : value << (int)count,
            TraceOpcode.IntRShift => value >> (int)Math.Min(count, 63),
            _ => count >= 64 ? 0 : (long)((ulong)value >> (int)count),
        };
    }

    [DoesNotReturn]
    private object NullObject(int pc) => throw Error(pc, "null object");

    [DoesNotReturn]
    private Func<object> NoConstructor(int pc, ClassDescr cls) => throw Error(pc, $"class {cls.Name} has no constructor");

    [DoesNotReturn]
    private void Fail(int pc, string message) => throw Error(pc, message);

    private TraceExecutionException Error(int pc, string message) =>
        new($"op {pc} ({TracePrinter.PrintOp(_trace, pc)}): {message}");
}
