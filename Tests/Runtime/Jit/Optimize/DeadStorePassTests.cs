// Dead stores: a store that a later store to the same location overwrites goes, unless something between them
// can see it (a read that may be the same location, a call, a guard, a label, the end of the trace).
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class DeadStorePassTests
{
    private const OptimizerPasses DeadStores = OptimizerPasses.DeadStores;

    private static readonly Func<TraceTestWorld, TraceValue[]>[] ArrayInputs =
    [
        _ => [Ref(new long[] { 1, 2, 3 }), Int(0), Int(7), Int(8), Int(0)],
        _ => [Ref(new long[] { 1, 2, 3 }), Int(1), Int(7), Int(8), Int(0)],
    ];

    [Test]
    public void An_item_written_again_loses_its_first_write()
    {
        string trace = Lines(
            "[p0, i1, i2, i3, i4]",
            "setarrayitem_gc(p0, i1, i2, descr=IntArray)",
            "setarrayitem_gc(p0, i1, i3, descr=IntArray)",
            "setarrayitem_gc(p0, 2, i2, descr=IntArray)",
            "setarrayitem_gc(p0, 2, i3, descr=IntArray)",
            "finish()");
        AssertOptimizes(trace, Lines(
            "[p0, i1, i2, i3, i4]",
            "setarrayitem_gc(p0, i1, i3, descr=IntArray)",
            "setarrayitem_gc(p0, 2, i3, descr=IntArray)",
            "finish()"), DeadStores);
        AssertSameBehaviour(trace, DeadStores, ArrayInputs);
    }

    [Test]
    public void Other_stores_between_do_not_see_the_first_write_even_to_an_item_that_may_be_the_same()
    {
        string trace = Lines(
            "[p0, i1, i2, i3, i4]",
            "setarrayitem_gc(p0, i1, i2, descr=IntArray)",
            "setarrayitem_gc(p0, i4, i3, descr=IntArray)",
            "setarrayitem_gc(p0, i1, i3, descr=IntArray)",
            "setarrayitem_gc(p0, i1, i2, descr=IntArray)",
            "finish()");
        AssertOptimizes(trace, Lines(
            "[p0, i1, i2, i3, i4]",
            "setarrayitem_gc(p0, i4, i3, descr=IntArray)",
            "setarrayitem_gc(p0, i1, i2, descr=IntArray)",
            "finish()"), DeadStores);
        AssertSameBehaviour(trace, DeadStores, ArrayInputs);
    }

    [Test]
    public void An_index_computed_twice_as_the_same_sum_is_the_same_item_and_a_read_of_another_offset_does_not_see_it()
    {
        string trace = Lines(
            "[p0, i1, i2, i3, i4]",
            "i5 = int_add(i1, 1)",
            "setarrayitem_gc(p0, i5, i2, descr=IntArray)",
            "i6 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i7 = int_sub(i5, -1)",
            "i8 = int_add(i7, -1)",
            "setarrayitem_gc(p0, i8, i6, descr=IntArray)",
            "finish(i6)");
        AssertOptimizes(trace, Lines(
            "[p0, i1, i2, i3, i4]",
            "i5 = int_add(i1, 1)",
            "i6 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i7 = int_sub(i5, -1)",
            "i8 = int_add(i7, -1)",
            "setarrayitem_gc(p0, i8, i6, descr=IntArray)",
            "finish(i6)"), DeadStores);
        AssertSameBehaviour(trace, DeadStores, ArrayInputs);
    }

    [Test]
    public void A_field_written_again_loses_its_first_write_past_reads_of_other_fields_and_of_new_objects()
    {
        string trace = Lines(
            "[p0, i1, i2]",
            "setfield_gc(p0, i1, descr=Node.value)",
            "p3 = getfield_gc_r(p0, descr=Node.next)",
            "p4 = new(descr=Node)",
            "i5 = getfield_gc_i(p4, descr=Node.value)",
            "setfield_gc(p0, i2, descr=Node.value)",
            "finish(p3, i5)");
        AssertOptimizes(trace, Lines(
            "[p0, i1, i2]",
            "p3 = getfield_gc_r(p0, descr=Node.next)",
            "p4 = new(descr=Node)",
            "i5 = getfield_gc_i(p4, descr=Node.value)",
            "setfield_gc(p0, i2, descr=Node.value)",
            "finish(p3, i5)"), DeadStores);
        AssertSameBehaviour(trace, DeadStores, w => [Ref(w.TheNode), Int(1), Int(2)]);
    }

    [TestCase("i5 = getarrayitem_gc_i(p0, i1, descr=IntArray)", TestName = "A read of the item keeps its first write")]
    [TestCase("i5 = getarrayitem_gc_i(p0, i4, descr=IntArray)", TestName = "A read of an item that may be the same keeps the first write")]
    [TestCase("i5 = getarrayitem_gc_i(p3, i1, descr=IntArray)", TestName = "A read of an array that may be the same keeps the first write")]
    [TestCase("call_n(i2, descr=record)", TestName = "A call keeps the first write")]
    [TestCase("i5 = call_i(i2, i2, descr=max)", TestName = "An elidable call keeps the first write too")]
    [TestCase("guard_true(i2) [i1]", TestName = "A guard keeps the first write")]
    public void Something_between_that_may_see_the_first_write_keeps_it(string between)
    {
        string trace = Lines(
            "[p0, i1, i2, p3, i4]",
            "setarrayitem_gc(p0, i1, i2, descr=IntArray)",
            between,
            "setarrayitem_gc(p0, i1, 5, descr=IntArray)",
            "finish()");
        Assert.That(OptimizeToText(trace, DeadStores), Is.EqualTo(trace));
        var array = new long[] { 1, 2, 3 };
        AssertSameBehaviour(trace, DeadStores, _ => [Ref(array), Int(0), Int(0), Ref(array), Int(0)],
            _ => [Ref(new long[] { 1, 2, 3 }), Int(1), Int(9), Ref(new long[] { 4, 5, 6 }), Int(1)]);
    }

    [Test]
    public void A_read_of_a_field_of_an_object_that_may_be_the_same_keeps_the_first_write()
    {
        string trace = Lines(
            "[p0, p1]",
            "setfield_gc(p0, 1, descr=Node.value)",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "setfield_gc(p0, 2, descr=Node.value)",
            "finish(i2)");
        Assert.That(OptimizeToText(trace, DeadStores), Is.EqualTo(trace));
        AssertSameBehaviour(trace, DeadStores, w => [Ref(w.TheNode), Ref(w.TheNode)]);
    }

    [Test]
    public void Writes_before_a_label_or_a_jump_stay()
    {
        string trace = Lines(
            "[p0, i1, i2]",
            "setarrayitem_gc(p0, 0, i1, descr=IntArray)",
            "label(p0, i1, i2, descr=Loop)",
            "setarrayitem_gc(p0, 0, i2, descr=IntArray)",
            "i3 = int_sub(i1, 1)",
            "i4 = int_gt(i3, 0)",
            "guard_true(i4) [p0]",
            "setarrayitem_gc(p0, 1, i3, descr=IntArray)",
            "jump(p0, i3, i1, descr=Loop)");
        Assert.That(OptimizeToText(trace, DeadStores), Is.EqualTo(trace));
        AssertSameBehaviour(trace, DeadStores, _ => [Ref(new long[] { 1, 2, 3 }), Int(3), Int(7)]);
    }
}
