// Pass: constant folding and algebraic rewrites by the FoldRules table (x+0, x*0, x-x, double negation,
// int_is_true of a comparison, ...) and reassociation of constant offsets ((x + 1) - 1 is x); guards on constants that hold are removed (those that always fail stay);
// overflow ops that cannot overflow fold and take their guard_no_overflow with them. Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class FoldPass(TraceRewriter rewriter)
{
    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        var ops = input.Ops;
        bool overflowFolded = false;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Info.IsGuard)
            {
                if (!(op.Opcode == TraceOpcode.GuardNoOverflow && overflowFolded) && !GuardHolds(in op))
                    rewriter.Copy(pc);
                overflowFolded = false;
                continue;
            }
            overflowFolded = false;
            // An overflow op folds only when its guard_no_overflow follows (that guard then goes too).
            bool foldable = op.Info.IsPure || op.Info.IsOverflow && pc + 1 < ops.Length &&
                ops[pc + 1].Opcode == TraceOpcode.GuardNoOverflow;
            if (foldable && TryFold(in op, out int value))
            {
                rewriter.SetResult(op.Result, value);
                overflowFolded = op.Info.IsOverflow;
                continue;
            }
            rewriter.Copy(pc);
        }
        return rewriter.Finish();
    }

    /// <summary>Whether the guard holds whatever the inputs (it is then dropped).</summary>
    private bool GuardHolds(in TraceOp op)
    {
        var operands = rewriter.MapOperands(in op);
        if (operands.Length == 0)
            return false;
        int a = operands[0];
        bool constant = TraceValues.IsConstant(a);
        return op.Opcode switch
        {
            TraceOpcode.GuardTrue => constant && rewriter.IntOf(a) != 0,
            TraceOpcode.GuardFalse => constant && rewriter.IntOf(a) == 0,
            TraceOpcode.GuardValue => a == operands[1] || constant && TraceValues.IsConstant(operands[1]) &&
                rewriter.ConstantValue(a).Equals(rewriter.ConstantValue(operands[1])),
            TraceOpcode.GuardNonnull => constant && rewriter.ConstantValue(a).Ref is not null,
            TraceOpcode.GuardIsnull => constant && rewriter.ConstantValue(a).Ref is null,
            TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass => constant &&
                ((ClassDescr)rewriter.ConstantValue(operands[1]).Ref!).IsClassOf(rewriter.ConstantValue(a).Ref),
            _ => false,
        };
    }

    /// <summary>The value the op's result is (an existing value, a constant or a cheaper op just emitted).</summary>
    private bool TryFold(in TraceOp op, out int value)
    {
        var operands = rewriter.MapOperands(in op);
        value = TraceValues.None;
        switch (op.Opcode)
        {
            case TraceOpcode.SameAsI or TraceOpcode.SameAsR or TraceOpcode.SameAsF:
                value = operands[0];
                return true;
            case TraceOpcode.CastIntToFloat when TraceValues.IsConstant(operands[0]):
                value = rewriter.Output.ConstFloat(rewriter.IntOf(operands[0]));
                return true;
            case TraceOpcode.CastFloatToInt when TraceValues.IsConstant(operands[0]):
                value = rewriter.Output.ConstInt((long)rewriter.ConstantValue(operands[0]).AsFloat);
                return true;
        }
        if (FoldRules.For(op.Opcode) is not { } rule)
            return false;
        value = operands.Length == 1 ? FoldUnary(rule, operands[0]) : FoldBinary(rule, operands[0], operands[1]);
        return value != TraceValues.None;
    }

    private int FoldBinary(FoldRule rule, int a, int b)
    {
        var output = rewriter.Output;
        bool constA = TraceValues.IsConstant(a), constB = TraceValues.IsConstant(b);
        if (constA && constB && FoldRules.TryEvaluate(rule.Opcode, rewriter.ConstantValue(a), rewriter.ConstantValue(b), out var result))
            return Constant(rule.Opcode, result);
        if (a == b)
            switch (rule.Self)
            {
                case SelfRule.Zero: return output.ConstInt(0);
                case SelfRule.One: return output.ConstInt(1);
                case SelfRule.Operand: return a;
            }
        if (rule.Identity is long identity)
        {
            if (constB && rewriter.IntOf(b) == identity)
                return a;
            if (rule.Commutative && constA && rewriter.IntOf(a) == identity)
                return b;
        }
        if (rule.Absorbing is long absorbing &&
            (constB && rewriter.IntOf(b) == absorbing || rule.Commutative && constA && rewriter.IntOf(a) == absorbing))
            return output.ConstInt(rule.Absorbed);
        if (rule.Opcode is TraceOpcode.IntAdd or TraceOpcode.IntSub)
            return Reassociate(rule.Opcode, a, b);
        return TraceValues.None;
    }

    /// <summary>(x + c1) + c2 is x + (c1 + c2), and (x + 1) - 1 is x (words wrap, so this always holds).</summary>
    private int Reassociate(TraceOpcode opcode, int a, int b)
    {
        if (!IsOffset(opcode, a, b, out int sum, out long outer) || !rewriter.TryGetDefinition(sum, out var definedBy, out int definition)
            || definedBy is not (TraceOpcode.IntAdd or TraceOpcode.IntSub))
            return TraceValues.None;
        var inner = rewriter.OutputOperands(definition);
        if (!IsOffset(definedBy, inner[0], inner[1], out int value, out long offset))
            return TraceValues.None;
        long total = unchecked(offset + outer);
        if (total == 0)
            return value;
        return total < 0 && total != long.MinValue
            ? rewriter.Emit(TraceOpcode.IntSub, null, [value, rewriter.Output.ConstInt(-total)])
            : rewriter.Emit(TraceOpcode.IntAdd, null, [value, rewriter.Output.ConstInt(total)]);
    }

    /// <summary>Whether a + b or a - b is a variable plus a constant (the constant negated for a subtraction).</summary>
    private bool IsOffset(TraceOpcode opcode, int a, int b, out int value, out long offset)
    {
        (value, offset) = (TraceValues.None, 0);
        if (TraceValues.IsConstant(b) && !TraceValues.IsConstant(a))
            (value, offset) = (a, opcode == TraceOpcode.IntAdd ? rewriter.IntOf(b) : unchecked(-rewriter.IntOf(b)));
        else if (opcode == TraceOpcode.IntAdd && TraceValues.IsConstant(a) && !TraceValues.IsConstant(b))
            (value, offset) = (b, rewriter.IntOf(a));
        return value != TraceValues.None;
    }

    /// <summary>The constant of the op's result kind holding <paramref name="value"/>.</summary>
    private int Constant(TraceOpcode opcode, TraceValue value) =>
        TraceOpcodes.Info(opcode).Result == ValueKind.Float ? rewriter.Output.ConstFloat(value.AsFloat) : rewriter.Output.ConstInt(value.AsInt);

    private int FoldUnary(FoldRule rule, int a)
    {
        if (TraceValues.IsConstant(a))
            return FoldRules.TryEvaluate(rule.Opcode, rewriter.ConstantValue(a), default, out var result)
                ? Constant(rule.Opcode, result) : TraceValues.None;
        if (!rewriter.TryGetDefinition(a, out var definedBy, out int definition))
            return TraceValues.None;
        var inner = rewriter.OutputOperands(definition);
        if (rule.Involution && definedBy == rule.Opcode)
            return inner[0];
        if (rule.Opcode == TraceOpcode.IntIsTrue && IsBoolean(definedBy))
            return a;
        // not(a < b) is a >= b for integers and pointers; for floats NaN makes both false, so no inverse there.
        if (rule.Opcode == TraceOpcode.IntIsZero && !IsFloatComparison(definedBy) && FoldRules.For(definedBy)?.Inverse is { } inverse)
            return rewriter.Emit(inverse, null, inner);
        return TraceValues.None;
    }

    /// <summary>Ops whose result is always 0 or 1.</summary>
    public static bool IsBoolean(TraceOpcode opcode) =>
        opcode is >= TraceOpcode.IntLt and <= TraceOpcode.IntIsZero || IsFloatComparison(opcode) ||
        opcode is TraceOpcode.PtrEq or TraceOpcode.PtrNe;

    private static bool IsFloatComparison(TraceOpcode opcode) => opcode is >= TraceOpcode.FloatLt and <= TraceOpcode.FloatGe;
}
