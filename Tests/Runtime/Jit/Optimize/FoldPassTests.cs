// Constant folding and algebraic rewrites: expected traces as text, and the property check that the folded
// trace behaves like the original on many inputs.
using ClrPy.Runtime.Jit.Optimize;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class FoldPassTests
{
    private const OptimizerPasses Fold = OptimizerPasses.Fold;

    [Test]
    public void Constant_offsets_reassociate_and_cancel()
    {
        string trace = Lines(
            "[i0]",
            "i1 = int_add(i0, 1)",
            "i2 = int_sub(i1, 1)",
            "i3 = int_add(3, i1)",
            "i4 = int_sub(i3, 9)",
            "finish(i2, i3, i4)");
        AssertOptimizes(trace, Lines(
            "[i0]",
            "i1 = int_add(i0, 1)",
            "i2 = int_add(i0, 4)",
            "i3 = int_sub(i0, 5)",
            "finish(i0, i2, i3)"), Fold);
        AssertSameBehaviour(trace, Fold, IntInputs(1, 0, -7, long.MaxValue, long.MinValue));
    }

    [Test]
    public void Constant_operands_fold_through_a_chain_of_ops()
    {
        AssertOptimizes(Lines(
            "[i0]",
            "i1 = int_add(3, 4)",
            "i2 = int_mul(i1, 2)",
            "i3 = int_sub(i0, i2)",
            "i4 = int_floordiv(-7, 2)",
            "i5 = int_mod(-7, 2)",
            "f6 = cast_int_to_float(i4)",
            "f7 = float_mul(f6, 0.5)",
            "finish(i3, i5, f7)"), Lines(
            "[i0]",
            "i1 = int_sub(i0, 14)",
            "finish(i1, 1, -2.0)"), Fold);
    }

    [Test]
    public void Algebraic_identities_leave_the_operand_or_a_constant()
    {
        AssertOptimizes(Lines(
            "[i0, i1]",
            "i2 = int_add(i0, 0)",
            "i3 = int_add(0, i2)",
            "i4 = int_mul(i3, 1)",
            "i5 = int_mul(i1, 0)",
            "i6 = int_sub(i4, i4)",
            "i7 = int_xor(i1, i1)",
            "i8 = int_and(i1, 0)",
            "i9 = int_or(i4, 0)",
            "i10 = int_and(i9, -1)",
            "i11 = int_lshift(i10, 0)",
            "i12 = int_floordiv(i11, 1)",
            "i13 = int_mod(i1, 1)",
            "i14 = int_or(i1, i1)",
            "finish(i12, i5, i6, i7, i8, i13, i14)"), Lines(
            "[i0, i1]",
            "finish(i0, 0, 0, 0, 0, 0, i1)"), Fold);
    }

    [Test]
    public void Double_negation_and_inversion_cancel_out()
    {
        AssertOptimizes(Lines(
            "[i0, f1]",
            "i2 = int_neg(i0)",
            "i3 = int_neg(i2)",
            "i4 = int_invert(i3)",
            "i5 = int_invert(i4)",
            "f6 = float_neg(f1)",
            "f7 = float_neg(f6)",
            "finish(i5, f7)"), Lines(
            "[i0, f1]",
            "i2 = int_neg(i0)",
            "i3 = int_invert(i0)",
            "f4 = float_neg(f1)",
            "finish(i0, f1)"), Fold);
    }

    [Test]
    public void Comparisons_of_a_value_with_itself_are_known_for_ints_but_not_floats()
    {
        AssertOptimizes(Lines(
            "[i0, f1, p2]",
            "i3 = int_lt(i0, i0)",
            "i4 = int_le(i0, i0)",
            "i5 = uint_ge(i0, i0)",
            "i6 = int_ne(i0, i0)",
            "i7 = ptr_eq(p2, p2)",
            "i8 = float_eq(f1, f1)",
            "finish(i3, i4, i5, i6, i7, i8)"), Lines(
            "[i0, f1, p2]",
            "i3 = float_eq(f1, f1)",
            "finish(0, 1, 1, 0, 1, i3)"), Fold);
    }

    [Test]
    public void Int_is_true_of_a_comparison_is_the_comparison_and_int_is_zero_its_inverse()
    {
        AssertOptimizes(Lines(
            "[i0, i1, f2]",
            "i3 = int_lt(i0, i1)",
            "i4 = int_is_true(i3)",
            "i5 = int_is_zero(i3)",
            "i6 = float_lt(f2, 1.0)",
            "i7 = int_is_zero(i6)",
            "guard_true(i4) [i0]",
            "finish(i5, i7)"), Lines(
            "[i0, i1, f2]",
            "i3 = int_lt(i0, i1)",
            "i4 = int_ge(i0, i1)",
            "i5 = float_lt(f2, 1.0)",
            "i6 = int_is_zero(i5)",
            "guard_true(i3) [i0]",
            "finish(i4, i6)"), Fold);
    }

    [Test]
    public void Guards_on_constants_that_hold_go_and_a_guard_that_always_fails_stays()
    {
        AssertOptimizes(Lines(
            "[i0, p1]",
            "i2 = int_lt(1, 2)",
            "guard_true(i2) [i0]",
            "guard_false(0) [i0]",
            "guard_value(7, 7) [i0]",
            "guard_value(i0, i0) [i0]",
            "guard_nonnull(ConstPtr(theNode)) [i0]",
            "guard_isnull(ConstPtr(null)) [i0]",
            "guard_class(ConstPtr(theNode), ConstClass(Node)) [i0]",
            "guard_class(ConstPtr(theNode), ConstClass(Leaf)) [i0, p1]",
            "finish(i0)"), Lines(
            "[i0, p1]",
            "guard_class(ConstPtr(theNode), ConstClass(Leaf)) [i0, p1]",
            "finish(i0)"), Fold);
    }

    [Test]
    public void Overflow_ops_that_cannot_overflow_fold_with_their_guard_and_the_others_stay()
    {
        AssertOptimizes(Lines(
            "[i0]",
            "i1 = int_add_ovf(40, 2)",
            "guard_no_overflow() [i0]",
            "i2 = int_mul_ovf(i0, 1)",
            "guard_no_overflow() [i0]",
            "i3 = int_add_ovf(9223372036854775807, 1)",
            "guard_no_overflow() [i0]",
            "i4 = int_sub_ovf(i0, 0)",
            "guard_overflow() [i0]",
            "finish(i1, i2, i3, i4)"), Lines(
            "[i0]",
            "i1 = int_add_ovf(9223372036854775807, 1)",
            "guard_no_overflow() [i0]",
            "i2 = int_sub_ovf(i0, 0)",
            "guard_overflow() [i0]",
            "finish(42, i0, i1, i2)"), Fold);
    }

    [Test]
    public void Ops_that_fail_at_run_time_are_not_folded()
    {
        string trace = Lines(
            "[i0]",
            "i1 = int_floordiv(7, 0)",
            "i2 = int_mod(7, 0)",
            "i3 = int_lshift(1, -1)",
            "finish(i1, i2, i3)");
        Assert.That(OptimizeToText(trace, Fold), Is.EqualTo(trace));
    }

    [Test]
    public void Float_additions_of_zero_stay_because_of_negative_zero()
    {
        string trace = Lines("[f0]", "f1 = float_add(f0, 0.0)", "f2 = float_mul(f1, 1.0)", "finish(f2)");
        Assert.That(OptimizeToText(trace, Fold), Is.EqualTo(trace));
    }

    [Test]
    public void A_fail_argument_that_folds_to_a_constant_moves_into_the_layout()
    {
        AssertOptimizes(Lines(
            "[i0]",
            "i1 = int_add(2, 3)",
            "guard_true(i0) [i1, i0, i1]",
            "finish(i1)"), Lines(
            "[i0]",
            "guard_true(i0) [i0] {5, i0, 5}",
            "finish(5)"), Fold);
    }

    [Test]
    public void Folding_keeps_the_meaning_of_a_trace_using_every_rule()
    {
        AssertSameBehaviour(Lines(
            "[i0, i1]",
            "i2 = int_sub(i0, i0)",
            "i3 = int_add(i1, i2)",
            "i4 = int_lt(i0, i1)",
            "i5 = int_is_zero(i4)",
            "i6 = int_is_true(i4)",
            "i7 = int_neg(i1)",
            "i8 = int_neg(i7)",
            "i9 = int_mul_ovf(i8, 1)",
            "guard_no_overflow() [i0, i9]",
            "i10 = int_add_ovf(i0, 3)",
            "guard_no_overflow() [i10, i2]",
            "i11 = int_mod(i10, 1)",
            "i12 = int_or(i11, i3)",
            "guard_false(i5) [i12, i6, i2]",
            "i13 = uint_le(i0, i0)",
            "guard_true(i13) [i0]",
            "finish(i12, i6, i13)"), Fold, IntInputs(2, -3, 0, 5, long.MaxValue));
    }

    [Test]
    public void How_a_label_operand_was_computed_says_nothing_about_it_after_the_label()
    {
        string trace = Lines(
            "[i0, i1]",
            "i2 = int_neg(i0)",
            "label(i2, i1, descr=Loop)",
            "i3 = int_neg(i2)",
            "i4 = int_sub(i1, 1)",
            "guard_true(i4) [i3]",
            "jump(i3, i4, descr=Loop)");
        Assert.That(OptimizeToText(trace, Fold), Is.EqualTo(trace));
        AssertSameBehaviour(trace, Fold, w => [Int(5), Int(3)]);
    }
}
