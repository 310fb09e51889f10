// Common subexpression elimination: repeated pure ops (commutative ones in either order), string reads and
// elidable calls are computed once; calls that are not elidable and ops across a label are not shared.
using ClrPy.Runtime.Jit.Optimize;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class CsePassTests
{
    private const OptimizerPasses Cse = OptimizerPasses.Cse;

    [Test]
    public void Repeated_pure_ops_are_computed_once_and_commutative_ones_match_either_order()
    {
        AssertOptimizes(Lines(
            "[i0, i1, p2]",
            "i3 = int_add(i0, i1)",
            "i4 = int_add(i1, i0)",
            "i5 = int_sub(i0, i1)",
            "i6 = int_sub(i1, i0)",
            "i7 = int_mul(i3, i4)",
            "i8 = int_mul(i4, i3)",
            "i9 = strlen(p2)",
            "i10 = strlen(p2)",
            "i11 = strgetitem(p2, i0)",
            "i12 = strgetitem(p2, i0)",
            "finish(i7, i8, i5, i6, i10, i12)"), Lines(
            "[i0, i1, p2]",
            "i3 = int_add(i0, i1)",
            "i4 = int_sub(i0, i1)",
            "i5 = int_sub(i1, i0)",
            "i6 = int_mul(i3, i3)",
            "i7 = strlen(p2)",
            "i8 = strgetitem(p2, i0)",
            "finish(i6, i6, i4, i5, i7, i8)"), Cse);
    }

    [Test]
    public void An_elidable_call_is_made_once_and_a_raising_one_drops_its_second_exception_guard()
    {
        AssertOptimizes(Lines(
            "[i0, i1]",
            "i2 = call_i(i0, i1, descr=max)",
            "i3 = call_i(i0, i1, descr=max)",
            "i4 = call_i(i0, i1, descr=checked_div)",
            "guard_no_exception() [i0]",
            "i5 = call_i(i0, i1, descr=checked_div)",
            "guard_no_exception() [i1]",
            "p6 = call_r(i0, descr=make_node)",
            "p7 = call_r(i0, descr=make_node)",
            "finish(i2, i3, i4, i5, p6, p7)"), Lines(
            "[i0, i1]",
            "i2 = call_i(i0, i1, descr=max)",
            "i3 = call_i(i0, i1, descr=checked_div)",
            "guard_no_exception() [i0]",
            "p4 = call_r(i0, descr=make_node)",
            "p5 = call_r(i0, descr=make_node)",
            "finish(i2, i2, i3, i3, p4, p5)"), Cse);
    }

    [Test]
    public void A_raising_call_whose_exception_is_caught_is_not_shared()
    {
        string trace = Lines(
            "[i0]",
            "i1 = call_i(i0, 0, descr=checked_div)",
            "p2 = guard_exception(ConstClass(TestError)) [i0]",
            "i3 = call_i(i0, 0, descr=checked_div)",
            "p4 = guard_exception(ConstClass(TestError)) [i0]",
            "finish(p2, p4)");
        Assert.That(OptimizeToText(trace, Cse), Is.EqualTo(trace));
    }

    [Test]
    public void A_guard_on_a_condition_already_guarded_the_same_way_goes_until_the_next_label()
    {
        AssertOptimizes(Lines(
            "[i0, i1]",
            "i2 = uint_lt(i0, i1)",
            "guard_true(i2) [i0]",
            "i3 = uint_lt(i0, i1)",
            "guard_true(i3) [i0, i1]",
            "guard_false(i2) [i0]",
            "label(i0, i1, descr=Loop)",
            "i4 = uint_lt(i0, i1)",
            "guard_true(i4) [i0]",
            "jump(i0, i1, descr=Loop)"), Lines(
            "[i0, i1]",
            "i2 = uint_lt(i0, i1)",
            "guard_true(i2) [i0]",
            "guard_false(i2) [i0]",
            "label(i0, i1, descr=Loop)",
            "i3 = uint_lt(i0, i1)",
            "guard_true(i3) [i0]",
            "jump(i0, i1, descr=Loop)"), Cse);
    }

    [Test]
    public void Values_are_not_shared_across_a_label()
    {
        string trace = Lines(
            "[i0, i1]",
            "i2 = int_sub(i0, i1)",
            "label(i0, i1, descr=Loop)",
            "i3 = int_sub(i0, i1)",
            "guard_true(i3) [i0]",
            "jump(i3, i1, descr=Loop)");
        Assert.That(OptimizeToText(trace, Cse), Is.EqualTo(trace));
        AssertSameBehaviour(trace, Cse, w => [Int(5), Int(1)], w => [Int(9), Int(3)]);
    }

    [Test]
    public void Sharing_keeps_the_meaning_of_a_trace()
    {
        AssertSameBehaviour(Lines(
            "[i0, i1]",
            "i2 = int_mul(i0, i1)",
            "i3 = call_i(i2, i1, descr=checked_div)",
            "guard_no_exception() [i0, i1]",
            "i4 = int_mul(i1, i0)",
            "i5 = call_i(i4, i1, descr=checked_div)",
            "guard_no_exception() [i5]",
            "call_n(i5, descr=record)",
            "i6 = int_lt(i3, i4)",
            "guard_true(i6) [i3, i4]",
            "finish(i5)"), Cse, IntInputs(2, -3, 0, 2, 7));
    }
}
