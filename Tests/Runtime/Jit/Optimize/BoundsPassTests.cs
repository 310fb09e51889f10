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

    /// <summary>Items of the list p0 at i1, i1 + 33 and i1 + 36 (in that order), each index checked below the
    /// list's count first, as the tracer records list items; <paramref name="between"/> goes between the second
    /// and the third access.</summary>
    private static string ListWindow(string between = "i20 = int_add(i1, 0)") => Lines(
        "[p0, i1]",
        "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
        "i3 = uint_lt(i1, i2)",
        "guard_true(i3) [i1]",
        "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
        "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
        "i6 = int_add(i1, 33)",
        "i7 = uint_lt(i6, i2)",
        "guard_true(i7) [i1, i5]",
        "i8 = getarrayitem_gc_i(p4, i6, descr=list<int64>[])",
        between,
        "i9 = int_add(i1, 36)",
        "i10 = uint_lt(i9, i2)",
        "guard_true(i10) [i1, i8]",
        "i11 = getarrayitem_gc_i(p4, i9, descr=list<int64>[])",
        "i12 = int_add(i5, i8)",
        "i13 = int_add(i12, i11)",
        "finish(i13)");

    private static string OptimizeList(string text, OptimizerPasses passes)
    {
        var world = InBoundsPassTests.ListWorld();
        return TracePrinter.Print(OptimizerTestKit.Optimize(world, text, passes), world.Registry);
    }

    [Test]
    public void Three_offsets_of_a_base_checked_below_a_lists_count_become_one_window_checked_at_the_first()
    {
        // the first check is strengthened: the lowest (i1) and the highest (i1 + 36) offsets are checked there,
        // resuming like it; i1 + 33 and i1 + 36 then lie in the window and lose their checks (and every access is
        // proved in bounds)
        Assert.That(OptimizeList(ListWindow(), Bounds | OptimizerPasses.Cse | OptimizerPasses.DeadCode), Is.EqualTo(Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = uint_lt(i1, i2)",
            "guard_true(i3) [i1]",
            "i4 = int_add(i1, 36)",
            "i5 = uint_lt(i4, i2)",
            "guard_true(i5) [i1]",
            "p6 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i7 = getarrayitem_gc_i(p6, i1, descr=list<int64>[]) inbounds",
            "i8 = int_add(i1, 33)",
            "i9 = getarrayitem_gc_i(p6, i8, descr=list<int64>[]) inbounds",
            "i10 = getarrayitem_gc_i(p6, i4, descr=list<int64>[]) inbounds",
            "i11 = int_add(i7, i9)",
            "i12 = int_add(i11, i10)",
            "finish(i12)")));
    }

    [Test]
    public void A_window_check_fails_where_a_later_check_would_have_and_resumes_at_the_first()
    {
        // for every count, start and list: the optimized trace finishes with the same sum, or fails at the first
        // check where the original failed at that one or a later one, with the first check's values
        foreach (int count in new[] { 0, 1, 33, 34, 36, 37, 40 })
            foreach (long start in new long[] { -1, 0, 1, 3, 4, 5, long.MaxValue })
            {
                var results = new List<(TraceExit Exit, int? Guard, string Values)>();
                foreach (bool optimize in new[] { false, true })
                {
                    var world = InBoundsPassTests.ListWorld();
                    var trace = optimize ? OptimizerTestKit.Optimize(world, ListWindow(), OptimizerPasses.All) : world.Parse(ListWindow());
                    var list = new ClrPy.Runtime.Managed.RList<long>();
                    for (int i = 0; i < count; i++)
                        list.Append(i * 10);
                    var run = new TraceInterpreter(trace, 10_000).Run([TraceValue.FromRef(list), TraceValue.FromInt(start)]);
                    var values = run.Guard is null ? run.Values : ClrPy.Runtime.Jit.Resume.ResumeMaterializer.Materialize(run.Guard, run.Values);
                    results.Add((run.Exit, run.Guard?.Original.Index, string.Join(",", values.ToArray().Select(v => v.AsInt))));
                }
                var (original, optimized) = (results[0], results[1]);
                string where = $"count {count}, start {start}";
                Assert.That(optimized.Exit, Is.EqualTo(original.Exit), where);
                if (original.Guard is null)
                    Assert.That(optimized.Values, Is.EqualTo(original.Values), where);
                else
                    Assert.That((optimized.Guard, optimized.Values), Is.EqualTo((0, start.ToString(System.Globalization.CultureInfo.InvariantCulture))), where);
            }
    }

    [Test]
    public void Checks_against_a_length_not_known_to_be_a_count_or_in_two_stretches_stay()
    {
        // an int input as the length: it could be negative, and then no window holds
        string anyLength = ListWindow().Replace("i2 = getfield_gc_i(p0, descr=list<int64>.count)", "i2 = int_add(i1, 100)");
        Assert.That(Guards(OptimizeList(anyLength, Bounds)), Is.EqualTo(new[] { "guard_true(i3) [i1]", "guard_true(i7) [i1, i5]", "guard_true(i11) [i1, i8]" }));
        // a label between the second and the third access: each stretch checks two offsets, nothing to strengthen
        string twoStretches = ListWindow("label(p0, i1, i2, p4, i5, i8, descr=Loop)");
        Assert.That(Guards(OptimizeList(twoStretches, Bounds)), Has.Length.EqualTo(3));
    }

    private static string[] Guards(string text) => [.. text.Split('\n').Where(line => line.StartsWith("guard_", StringComparison.Ordinal))];
}
