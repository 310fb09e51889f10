// Integer bounds: masks, lengths and guards on comparisons bound values; comparisons the bounds decide and the
// guards on them go; overflow ops that cannot overflow lose their guard. Property checks cover wide inputs.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class BoundsPassTests
{
    private const OptimizerPasses Bounds = OptimizerPasses.Bounds;

    private static readonly string GuardedIndex = Lines(
        "[i0, i1]",
        "i2 = int_lt(i0, 10)",
        "guard_true(i2) [i0]",
        "i3 = int_ge(i0, 0)",
        "guard_true(i3) [i0]",
        "i4 = int_lt(i0, 20)",
        "guard_true(i4) [i1]",
        "i5 = int_add_ovf(i0, 1)",
        "guard_no_overflow() [i0]",
        "i6 = int_mul_ovf(i5, i1)",
        "guard_no_overflow() [i0]",
        "i7 = int_gt(i5, 0)",
        "guard_false(i7) [i5]",
        "finish(i6)");

    [Test]
    public void Guards_on_comparisons_bound_the_value_so_later_guards_and_overflow_checks_go()
    {
        AssertOptimizes(GuardedIndex, Lines(
            "[i0, i1]",
            "i2 = int_lt(i0, 10)",
            "guard_true(i2) [i0]",
            "i3 = int_ge(i0, 0)",
            "guard_true(i3) [i0]",
            "i4 = int_add(i0, 1)",
            "i5 = int_mul_ovf(i4, i1)",
            "guard_no_overflow() [i0]",
            "guard_false(1) [i4]",
            "finish(i5)"), Bounds);
    }

    [Test]
    public void Bounds_from_guards_keep_the_meaning()
    {
        AssertSameBehaviour(GuardedIndex, Bounds, IntInputs(2, -1, 0, 9, 10, long.MaxValue, long.MinValue));
    }

    [Test]
    public void Masks_and_lengths_bound_values_from_below_and_above()
    {
        string trace = Lines(
            "[i0, p1]",
            "i2 = int_and(i0, 255)",
            "i3 = int_lt(i2, 256)",
            "guard_true(i3) [i0]",
            "i4 = int_ge(i2, 0)",
            "guard_true(i4) [i0]",
            "i5 = arraylen_gc(p1, descr=IntArray)",
            "i6 = int_lt(i5, 0)",
            "guard_false(i6) [i0]",
            "i7 = int_mod(i0, 8)",
            "i8 = uint_lt(i7, 8)",
            "i9 = int_add_ovf(i2, i5)",
            "guard_no_overflow() [i0]",
            "finish(i8, i9)");
        AssertOptimizes(trace, Lines(
            "[i0, p1]",
            "i2 = int_and(i0, 255)",
            "i3 = arraylen_gc(p1, descr=IntArray)",
            "i4 = int_mod(i0, 8)",
            "i5 = int_add(i2, i3)",
            "finish(1, i5)"), Bounds);
        AssertSameBehaviour(trace, Bounds, w => [Int(-9), Ref(new long[3])], w => [Int(1000), Ref(new long[0])]);
    }

    [Test]
    public void Overflow_ops_on_unbounded_values_keep_their_guard()
    {
        string trace = Lines(
            "[i0]",
            "i1 = int_add_ovf(i0, 1)",
            "guard_no_overflow() [i0]",
            "finish(i1)");
        Assert.That(OptimizeToText(trace, Bounds), Is.EqualTo(trace));
        AssertSameBehaviour(trace, Bounds, IntInputs(1, 0, long.MaxValue));
    }

    [Test]
    public void What_the_preamble_learnt_about_a_label_operand_does_not_hold_in_the_loop()
    {
        string trace = Lines(
            "[i0]",
            "i1 = int_lt(i0, 10)",
            "guard_true(i1) [i0]",
            "label(i0, descr=Loop)",
            "i2 = int_lt(i0, 10)",
            "guard_true(i2) [i0]",
            "i3 = int_add(i0, 1)",
            "jump(i3, descr=Loop)");
        Assert.That(OptimizeToText(trace, Bounds), Is.EqualTo(trace));
        AssertSameBehaviour(trace, Bounds, IntInputs(1, 0, 12));
    }

    [Test]
    public void Bounds_are_exact_at_the_boundary_of_a_strict_comparison()
    {
        string trace = Lines(
            "[i0]",
            "i1 = int_lt(i0, 10)",
            "guard_true(i1) [i0]",
            "i2 = int_le(i0, 9)",
            "guard_true(i2) [i0]",
            "i3 = int_lt(i0, 9)",
            "guard_true(i3) [i0]",
            "i4 = int_gt(i0, -3)",
            "guard_false(i4) [i0]",
            "i5 = int_le(i0, -3)",
            "guard_true(i5) [i0]",
            "finish(i0)");
        AssertOptimizes(trace, Lines(
            "[i0]",
            "i1 = int_lt(i0, 10)",
            "guard_true(i1) [i0]",
            "i2 = int_lt(i0, 9)",
            "guard_true(i2) [i0]",
            "i3 = int_gt(i0, -3)",
            "guard_false(i3) [i0]",
            "finish(i0)"), Bounds);
        AssertSameBehaviour(trace, Bounds, IntInputs(1, -4, -3, -2, 8, 9, 10));
    }

    /// <summary>Items of p0 at i1 - 1, i1 + 47, i1 + 44 and i1 + 50, each index checked below the length i2 first.</summary>
    private static string IndexChecks(bool readsLowItem) => Lines(
        "[p0, i1, i2]",
        "i3 = int_add(i1, -1)",
        "i4 = uint_lt(i3, i2)",
        "guard_true(i4) [i1]",
        readsLowItem ? "i5 = getarrayitem_gc_i(p0, i3, descr=IntArray)" : "i5 = int_add(i3, 0)",
        "i6 = int_add(i1, 47)",
        "i7 = uint_lt(i6, i2)",
        "guard_true(i7) [i1]",
        "i8 = getarrayitem_gc_i(p0, i6, descr=IntArray)",
        "i9 = int_add(i1, 44)",
        "i10 = uint_lt(i9, i2)",
        "guard_true(i10) [i1]",
        "i11 = getarrayitem_gc_i(p0, i9, descr=IntArray)",
        "i12 = int_sub(i1, -50)",
        "i13 = uint_lt(i12, i2)",
        "guard_true(i13) [i1]",
        "i14 = getarrayitem_gc_i(p0, i12, descr=IntArray)",
        "i15 = int_add(i5, i8)",
        "i16 = int_add(i15, i11)",
        "i17 = int_add(i16, i14)",
        "finish(i17)");

    [Test]
    public void An_index_between_two_checked_offsets_of_its_base_needs_no_check()
    {
        // i1 + 44 lies between i1 - 1 (an index that reached an item: 0 or more) and i1 + 47, both below i2;
        // i1 + 50 (written as a subtraction) lies beyond them and keeps its check
        var optimized = OptimizeToText(IndexChecks(readsLowItem: true), Bounds);
        Assert.That(optimized, Does.Not.Contain("uint_lt(i9, i2)"));
        Assert.That(optimized, Does.Contain("i9 = int_add(i1, 44)"));
        Assert.That(optimized.Split('\n').Count(line => line.StartsWith("guard_true", StringComparison.Ordinal)), Is.EqualTo(3), optimized);
    }

    [Test]
    public void Without_a_known_non_negative_low_end_the_checks_stay()
    {
        // i1 - 1 was only compared unsigned: it could be a huge unsigned value, and then i1 + 44 wraps past it
        var optimized = OptimizeToText(IndexChecks(readsLowItem: false), Bounds);
        Assert.That(optimized.Split('\n').Count(line => line.StartsWith("guard_true", StringComparison.Ordinal)), Is.EqualTo(4), optimized);
    }

    [Test]
    public void Index_checks_kept_per_base_keep_the_meaning()
    {
        var array = new long[100];
        for (int i = 0; i < array.Length; i++)
            array[i] = i * 3;
        Func<TraceTestWorld, TraceValue[]> Inputs(long index, long length) => _ => [Ref(array), Int(index), Int(length)];
        AssertSameBehaviour(IndexChecks(readsLowItem: true), Bounds,
            Inputs(1, 100), Inputs(10, 100), Inputs(0, 100), Inputs(49, 100), Inputs(52, 100), Inputs(10, 50), Inputs(10, 57), Inputs(10, 61));
    }
}
