// The values of the pure trace operations the meta-interpreter runs itself (jitcode int, float and pointer
// operations that map one-to-one onto trace ops), with the trace interpreter's semantics: wrapping int
// arithmetic, comparisons giving 0 or 1.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Tracing;

public static class PureOps
{
    public static TraceValue Evaluate(TraceOpcode opcode, TraceValue a, TraceValue b) => opcode switch
    {
        TraceOpcode.IntAdd => Int(unchecked(a.AsInt + b.AsInt)),
        TraceOpcode.IntSub => Int(unchecked(a.AsInt - b.AsInt)),
        TraceOpcode.IntMul => Int(unchecked(a.AsInt * b.AsInt)),
        TraceOpcode.IntAnd => Int(a.AsInt & b.AsInt),
        TraceOpcode.IntOr => Int(a.AsInt | b.AsInt),
        TraceOpcode.IntXor => Int(a.AsInt ^ b.AsInt),
        TraceOpcode.IntNeg => Int(unchecked(-a.AsInt)),
        TraceOpcode.IntInvert => Int(~a.AsInt),
        TraceOpcode.IntLt => Bool(a.AsInt < b.AsInt),
        TraceOpcode.IntLe => Bool(a.AsInt <= b.AsInt),
        TraceOpcode.IntEq => Bool(a.AsInt == b.AsInt),
        TraceOpcode.IntNe => Bool(a.AsInt != b.AsInt),
        TraceOpcode.IntGt => Bool(a.AsInt > b.AsInt),
        TraceOpcode.IntGe => Bool(a.AsInt >= b.AsInt),
        TraceOpcode.IntIsTrue => Bool(a.AsInt != 0),
        TraceOpcode.IntIsZero => Bool(a.AsInt == 0),
        TraceOpcode.UintLt => Bool((ulong)a.AsInt < (ulong)b.AsInt),
        TraceOpcode.UintLe => Bool((ulong)a.AsInt <= (ulong)b.AsInt),
        TraceOpcode.UintGt => Bool((ulong)a.AsInt > (ulong)b.AsInt),
        TraceOpcode.UintGe => Bool((ulong)a.AsInt >= (ulong)b.AsInt),
        TraceOpcode.FloatAdd => Float(a.AsFloat + b.AsFloat),
        TraceOpcode.FloatSub => Float(a.AsFloat - b.AsFloat),
        TraceOpcode.FloatMul => Float(a.AsFloat * b.AsFloat),
        TraceOpcode.FloatNeg => Float(-a.AsFloat),
        TraceOpcode.FloatAbs => Float(Math.Abs(a.AsFloat)),
        TraceOpcode.FloatLt => Bool(a.AsFloat < b.AsFloat),
        TraceOpcode.FloatLe => Bool(a.AsFloat <= b.AsFloat),
        TraceOpcode.FloatEq => Bool(a.AsFloat == b.AsFloat),
        TraceOpcode.FloatNe => Bool(a.AsFloat != b.AsFloat),
        TraceOpcode.FloatGt => Bool(a.AsFloat > b.AsFloat),
        TraceOpcode.FloatGe => Bool(a.AsFloat >= b.AsFloat),
        TraceOpcode.CastIntToFloat => Float(a.AsInt),
        TraceOpcode.PtrEq => Bool(ReferenceEquals(a.AsRef, b.AsRef)),
        TraceOpcode.PtrNe => Bool(!ReferenceEquals(a.AsRef, b.AsRef)),
        TraceOpcode.Strlen => Int(((string)a.AsRef!).Length),
        _ => throw new ArgumentException($"{TraceOpcodes.Name(opcode)} is not a pure operation the meta-interpreter evaluates", nameof(opcode)),
    };

    private static TraceValue Int(long value) => TraceValue.FromInt(value);

    private static TraceValue Bool(bool value) => TraceValue.FromInt(value ? 1 : 0);

    private static TraceValue Float(double value) => TraceValue.FromFloat(value);
}
