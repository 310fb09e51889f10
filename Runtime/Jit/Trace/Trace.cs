// A recorded trace as dense arrays: fixed-size TraceOp structs whose operands are indices into one shared
// operand array, values numbered (inputs, then op results; constants in their own negative range), and
// descriptors in a side table. Made by TraceBuilder; read by the printer, interpreter, optimizer and backends.
using System.Runtime.CompilerServices;

namespace ClrPy.Runtime.Jit.Trace;

/// <summary>
/// Value numbers: variables (inputs and op results) are 0, 1, 2, ...; constant k of the pool is ~k (negative);
/// <see cref="None"/> stands for "no value" (the result of an op producing nothing).
/// </summary>
public static class TraceValues
{
    public const int None = int.MinValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsConstant(int value) => value < 0 && value != None;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsVariable(int value) => value >= 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Constant(int poolIndex) => ~poolIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PoolIndex(int constant) => ~constant;
}

/// <summary>One runtime value of any kind: ints in <see cref="Bits"/>, floats as their bit pattern, refs in <see cref="Ref"/>.</summary>
public readonly struct TraceValue : IEquatable<TraceValue>
{
    public readonly long Bits;
    public readonly object? Ref;

    private TraceValue(long bits, object? reference)
    {
        Bits = bits;
        Ref = reference;
    }

    public static TraceValue FromInt(long value) => new(value, null);

    public static TraceValue FromFloat(double value) => new(BitConverter.DoubleToInt64Bits(value), null);

    public static TraceValue FromRef(object? value) => new(0, value);

    public long AsInt => Bits;

    public double AsFloat => BitConverter.Int64BitsToDouble(Bits);

    public object? AsRef => Ref;

    /// <summary>Equality as guard_value sees it: same bits (floats compare bit patterns) and the same object.</summary>
    public bool Equals(TraceValue other) => Bits == other.Bits && ReferenceEquals(Ref, other.Ref);

    public override bool Equals(object? obj) => obj is TraceValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Bits, Ref is null ? 0 : RuntimeHelpers.GetHashCode(Ref));

    public override string ToString() => Ref is null ? Bits.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"<{Ref}>";
}

/// <summary>
/// One trace instruction. <see cref="Result"/> is the value number the op defines (or <see cref="TraceValues.None"/>);
/// its operands are <c>Operands[FirstOperand .. FirstOperand + OperandCount]</c> of the trace; a guard's fail
/// arguments (the values saved when it fails) follow at <c>FirstFailArg</c>. <see cref="Descr"/> indexes the
/// trace's descriptor table, -1 when none (guards always have their <see cref="FailDescr"/>). <see cref="Flags"/>
/// carry what the optimizer proved about the op for the backends (<see cref="TraceOpFlags"/>).
/// </summary>
public readonly struct TraceOp(TraceOpcode opcode, int result, int firstOperand, int operandCount, int descr,
    int firstFailArg, int failArgCount, TraceOpFlags flags = TraceOpFlags.None)
{
    public readonly TraceOpcode Opcode = opcode;
    public readonly int Result = result;
    public readonly int FirstOperand = firstOperand;
    public readonly int OperandCount = operandCount;
    public readonly int Descr = descr;
    public readonly int FirstFailArg = firstFailArg;
    public readonly int FailArgCount = failArgCount;
    public readonly TraceOpFlags Flags = flags;

    public ref readonly OpcodeInfo Info => ref TraceOpcodes.Info(Opcode);

    /// <summary>An array item access whose index the optimizer proved within the array (<see cref="TraceOpFlags.InBounds"/>).</summary>
    public bool InBounds => (Flags & TraceOpFlags.InBounds) != 0;

    internal TraceOp With(TraceOpFlags flags) =>
        new(Opcode, Result, FirstOperand, OperandCount, Descr, FirstFailArg, FailArgCount, Flags | flags);

    /// <summary>Whether <paramref name="opcode"/> reads or writes an array item (the ops that can be <see cref="TraceOpFlags.InBounds"/>).</summary>
    public static bool IsItemAccess(TraceOpcode opcode) =>
        opcode is TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF or TraceOpcode.SetarrayitemGc;
}

/// <summary>Facts the optimizer proved about one op, which backends may use; an interpreter may ignore them.</summary>
[Flags]
public enum TraceOpFlags : byte
{
    None = 0,

    /// <summary>
    /// On an array item access: the index is within the array (0 &lt;= index &lt; length), so a backend may skip its
    /// own bounds check. Printed as <c>inbounds</c> after the op. Set by InBoundsPass; a trace that claims it
    /// wrongly reads or writes outside the array in compiled code.
    /// </summary>
    InBounds = 1,
}

/// <summary>
/// An immutable trace (named TraceIr, not Trace, so that it never clashes with the namespaces called Trace).
/// Spans are views of its arrays; nothing is copied when reading them.
/// </summary>
public sealed class TraceIr
{
    private readonly TraceOp[] _ops;
    private readonly int[] _operands;
    private readonly ValueKind[] _variableKinds;
    private readonly TraceValue[] _constants;
    private readonly ValueKind[] _constantKinds;
    private readonly TraceDescr[] _descriptors;
    private readonly ResumeLayout?[]? _layouts;

    internal TraceIr(TraceOp[] ops, int[] operands, int inputCount, ValueKind[] variableKinds, TraceValue[] constants,
        ValueKind[] constantKinds, TraceDescr[] descriptors, ResumeLayout?[]? layouts = null)
    {
        _layouts = layouts;
        _ops = ops;
        _operands = operands;
        InputCount = inputCount;
        _variableKinds = variableKinds;
        _constants = constants;
        _constantKinds = constantKinds;
        _descriptors = descriptors;
    }

    /// <summary>Variables 0 .. InputCount-1 are the trace's inputs.</summary>
    public int InputCount { get; }

    public int VariableCount => _variableKinds.Length;

    public int ConstantCount => _constants.Length;

    public ReadOnlySpan<TraceOp> Ops => _ops;

    public ReadOnlySpan<TraceDescr> Descriptors => _descriptors;

    public ref readonly TraceOp this[int opIndex] => ref _ops[opIndex];

    public ReadOnlySpan<int> OperandsOf(in TraceOp op) => new(_operands, op.FirstOperand, op.OperandCount);

    public ReadOnlySpan<int> FailArgsOf(in TraceOp op) => new(_operands, op.FirstFailArg, op.FailArgCount);

    public TraceDescr? DescrOf(in TraceOp op) => op.Descr < 0 ? null : _descriptors[op.Descr];

    /// <summary>
    /// The resume layout of guard op <paramref name="opIndex"/> in THIS trace (null: its fail arguments are the
    /// original ones). The optimizer copies the final one onto the guard's FailDescr, which resuming reads.
    /// </summary>
    public ResumeLayout? LayoutOf(int opIndex) => _layouts is not null && opIndex < _layouts.Length ? _layouts[opIndex] : null;

    public ValueKind KindOf(int value) =>
        value >= 0 ? _variableKinds[value] : value == TraceValues.None ? ValueKind.Void : _constantKinds[~value];

    /// <summary>The value of constant <paramref name="constant"/> (a negative value number).</summary>
    public TraceValue ConstantValue(int constant) => _constants[~constant];

    /// <summary>
    /// Fills <paramref name="lastUse"/>[v] (for v below <see cref="VariableCount"/>) with the index of the last op using
    /// variable v as an operand or fail argument, -1 when none does.
    /// </summary>
    public void FillLastUses(Span<int> lastUse)
    {
        lastUse[..VariableCount].Fill(-1);
        for (int i = 0; i < _ops.Length; i++)
        {
            foreach (int value in OperandsOf(in _ops[i]))
                if (value >= 0)
                    lastUse[value] = i;
            foreach (int value in FailArgsOf(in _ops[i]))
                lastUse[value] = i;
        }
    }

    /// <summary>This trace with the item accesses at <paramref name="opIndices"/> marked <see cref="TraceOpFlags.InBounds"/>
    /// (the same arrays otherwise; this one is not changed).</summary>
    internal TraceIr WithInBounds(ReadOnlySpan<int> opIndices)
    {
        var ops = (TraceOp[])_ops.Clone();
        foreach (int op in opIndices)
        {
            if (!TraceOp.IsItemAccess(ops[op].Opcode))
                throw new ArgumentException($"op {op} ({ops[op].Info.Name}) is not an array item access", nameof(opIndices));
            ops[op] = ops[op].With(TraceOpFlags.InBounds);
        }
        return new TraceIr(ops, _operands, InputCount, _variableKinds, _constants, _constantKinds, _descriptors, _layouts);
    }

    public override string ToString() => TracePrinter.Print(this);
}
