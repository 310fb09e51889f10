// The constant-folding and algebraic rewrite rules, as one table indexed by opcode (read by FoldPass).
// Invariants every row keeps, so that no rule needs its own proof:
//  - a rewrite gives the same bits the trace interpreter computes, for every input (so no float identities:
//    x+0.0 is not x for -0.0, and comparisons of a float with itself are not known for NaN);
//  - folding never removes an op that can fail at run time: an evaluator returns null for a zero divisor or a
//    negative shift count, and the op stays;
//  - rules look only at the op's mapped operands and the ops that defined them.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed.Ops;

namespace ClrPy.Runtime.Jit.Optimize;

/// <summary>What op(x, x) is.</summary>
public enum SelfRule : byte { None, Zero, One, Operand }

/// <summary>
/// One opcode's rules. <see cref="Identity"/>: op(x, e) is x (and op(e, x) too when <see cref="Commutative"/>).
/// <see cref="Absorbing"/>: op(x, a) is the constant <see cref="Absorbed"/> (either side when commutative).
/// <see cref="Involution"/>: op(op(x)) is x. <see cref="Inverse"/>: not(op(a, b)) is inverse(a, b).
/// </summary>
public sealed record FoldRule(
    TraceOpcode Opcode,
    Func<long, long, long?>? Int2 = null,
    Func<long, long?>? Int1 = null,
    Func<double, double, double>? Float2 = null,
    Func<double, double, bool>? FloatCompare = null,
    Func<double, double>? Float1 = null,
    long? Identity = null,
    long? Absorbing = null,
    long Absorbed = 0,
    bool Commutative = false,
    SelfRule Self = SelfRule.None,
    bool Involution = false,
    TraceOpcode? Inverse = null);

public static class FoldRules
{
    private static readonly FoldRule?[] Table = Build();

    public static FoldRule? For(TraceOpcode opcode) => Table[(int)opcode];

    /// <summary>
    /// The value of a pure op on known operands (<paramref name="b"/> unused by unary ops): what the fold pass
    /// puts in place of an op with constant operands, and what the meta-interpreter computes while it traces and
    /// blackholes. False when the op is not a pure one of the table or would fail (a zero divisor, an overflow).
    /// </summary>
    public static bool TryEvaluate(TraceOpcode opcode, TraceValue a, TraceValue b, out TraceValue result)
    {
        result = default;
        switch (opcode)
        {
            case TraceOpcode.CastIntToFloat:
                result = TraceValue.FromFloat(a.AsInt);
                return true;
            case TraceOpcode.Strlen when a.Ref is string text:
                result = TraceValue.FromInt(text.Length);
                return true;
            case TraceOpcode.PtrEq or TraceOpcode.PtrNe:
                result = TraceValue.FromInt(ReferenceEquals(a.Ref, b.Ref) == (opcode == TraceOpcode.PtrEq) ? 1 : 0);
                return true;
        }
        if (For(opcode) is not { } rule)
            return false;
        if (rule.Int2 is not null && rule.Int2(a.AsInt, b.AsInt) is long word)
            result = TraceValue.FromInt(word);
        else if (rule.Int1 is not null && rule.Int1(a.AsInt) is long unary)
            result = TraceValue.FromInt(unary);
        else if (rule.Float2 is not null)
            result = TraceValue.FromFloat(rule.Float2(a.AsFloat, b.AsFloat));
        else if (rule.FloatCompare is not null)
            result = TraceValue.FromInt(rule.FloatCompare(a.AsFloat, b.AsFloat) ? 1 : 0);
        else if (rule.Float1 is not null)
            result = TraceValue.FromFloat(rule.Float1(a.AsFloat));
        else
            return false;
        return true;
    }

    private static long B(bool value) => value ? 1 : 0;

    private static FoldRule?[] Build()
    {
        var table = new FoldRule?[TraceOpcodes.Count];
        void Row(FoldRule rule) => table[(int)rule.Opcode] = rule;
        const SelfRule Zero = SelfRule.Zero, One = SelfRule.One, Same = SelfRule.Operand;

        Row(new(TraceOpcode.IntAdd, (a, b) => unchecked(a + b), Identity: 0, Commutative: true));
        Row(new(TraceOpcode.IntSub, (a, b) => unchecked(a - b), Identity: 0, Self: Zero));
        Row(new(TraceOpcode.IntMul, (a, b) => unchecked(a * b), Identity: 1, Absorbing: 0, Absorbed: 0, Commutative: true));
        Row(new(TraceOpcode.IntFloorDiv, (a, b) => b == 0 ? null : NumberOps.IntFloorDiv(a, b), Identity: 1));
        Row(new(TraceOpcode.IntMod, (a, b) => b == 0 ? null : NumberOps.IntMod(a, b), Absorbing: 1, Absorbed: 0));
        Row(new(TraceOpcode.IntAnd, (a, b) => a & b, Identity: -1, Absorbing: 0, Absorbed: 0, Commutative: true, Self: Same));
        Row(new(TraceOpcode.IntOr, (a, b) => a | b, Identity: 0, Absorbing: -1, Absorbed: -1, Commutative: true, Self: Same));
        Row(new(TraceOpcode.IntXor, (a, b) => a ^ b, Identity: 0, Commutative: true, Self: Zero));
        Row(new(TraceOpcode.IntLShift, (a, b) => b < 0 ? null : NumberOps.IntLShift(a, b), Identity: 0));
        Row(new(TraceOpcode.IntRShift, (a, b) => b < 0 ? null : NumberOps.IntRShift(a, b), Identity: 0));
        Row(new(TraceOpcode.UintRShift, (a, b) => b < 0 ? null : (long)NumberOps.UintRShift((ulong)a, b), Identity: 0));
        Row(new(TraceOpcode.IntNeg, Int1: a => unchecked(-a), Involution: true));
        Row(new(TraceOpcode.IntInvert, Int1: a => ~a, Involution: true));

        Row(new(TraceOpcode.IntLt, (a, b) => B(a < b), Self: Zero, Inverse: TraceOpcode.IntGe));
        Row(new(TraceOpcode.IntLe, (a, b) => B(a <= b), Self: One, Inverse: TraceOpcode.IntGt));
        Row(new(TraceOpcode.IntEq, (a, b) => B(a == b), Commutative: true, Self: One, Inverse: TraceOpcode.IntNe));
        Row(new(TraceOpcode.IntNe, (a, b) => B(a != b), Commutative: true, Self: Zero, Inverse: TraceOpcode.IntEq));
        Row(new(TraceOpcode.IntGt, (a, b) => B(a > b), Self: Zero, Inverse: TraceOpcode.IntLe));
        Row(new(TraceOpcode.IntGe, (a, b) => B(a >= b), Self: One, Inverse: TraceOpcode.IntLt));
        Row(new(TraceOpcode.UintLt, (a, b) => B((ulong)a < (ulong)b), Self: Zero, Inverse: TraceOpcode.UintGe));
        Row(new(TraceOpcode.UintLe, (a, b) => B((ulong)a <= (ulong)b), Self: One, Inverse: TraceOpcode.UintGt));
        Row(new(TraceOpcode.UintGt, (a, b) => B((ulong)a > (ulong)b), Self: Zero, Inverse: TraceOpcode.UintLe));
        Row(new(TraceOpcode.UintGe, (a, b) => B((ulong)a >= (ulong)b), Self: One, Inverse: TraceOpcode.UintLt));
        Row(new(TraceOpcode.IntIsTrue, Int1: a => B(a != 0), Inverse: TraceOpcode.IntIsZero));
        Row(new(TraceOpcode.IntIsZero, Int1: a => B(a == 0), Inverse: TraceOpcode.IntIsTrue));
        Row(new(TraceOpcode.PtrEq, Commutative: true, Self: One, Inverse: TraceOpcode.PtrNe));
        Row(new(TraceOpcode.PtrNe, Commutative: true, Self: Zero, Inverse: TraceOpcode.PtrEq));

        Row(new(TraceOpcode.FloatAdd, Float2: (a, b) => a + b));
        Row(new(TraceOpcode.FloatSub, Float2: (a, b) => a - b));
        Row(new(TraceOpcode.FloatMul, Float2: (a, b) => a * b));
        Row(new(TraceOpcode.FloatTrueDiv, Float2: (a, b) => a / b));
        Row(new(TraceOpcode.FloatNeg, Float1: a => -a, Involution: true));
        Row(new(TraceOpcode.FloatAbs, Float1: Math.Abs));
        Row(new(TraceOpcode.FloatLt, FloatCompare: (a, b) => a < b));
        Row(new(TraceOpcode.FloatLe, FloatCompare: (a, b) => a <= b));
        Row(new(TraceOpcode.FloatEq, FloatCompare: (a, b) => a == b));
        Row(new(TraceOpcode.FloatNe, FloatCompare: (a, b) => a != b));
        Row(new(TraceOpcode.FloatGt, FloatCompare: (a, b) => a > b));
        Row(new(TraceOpcode.FloatGe, FloatCompare: (a, b) => a >= b));

        // The overflow-checked ops fold only to results that did not overflow (null otherwise).
        Row(new(TraceOpcode.IntAddOvf, AddOvf, Identity: 0, Commutative: true));
        Row(new(TraceOpcode.IntSubOvf, SubOvf, Identity: 0, Self: Zero));
        Row(new(TraceOpcode.IntMulOvf, MulOvf, Identity: 1, Absorbing: 0, Absorbed: 0, Commutative: true));
        return table;
    }

    public static long? AddOvf(long a, long b)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? null : sum;
    }

    public static long? SubOvf(long a, long b)
    {
        long difference = unchecked(a - b);
        return ((a ^ b) & (a ^ difference)) < 0 ? null : difference;
    }

    public static long? MulOvf(long a, long b)
    {
        long high = Math.BigMul(a, b, out long low);
        return high != low >> 63 ? null : low;
    }
}
