// Heap caching: repeated reads reuse the value, writes feed later reads and forget what may alias, calls forget
// unless read-only, array items at constant indices and array lengths are cached too. Around a peeled loop, values
// the body reads and the preamble knew are carried in label arguments.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class HeapPassTests
{
    private const OptimizerPasses Heap = OptimizerPasses.Heap;

    [Test]
    public void A_read_after_a_read_or_a_write_of_the_same_field_reuses_the_value()
    {
        AssertOptimizes(Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=Node.value)",
            "i3 = getfield_gc_i(p0, descr=Node.value)",
            "setfield_gc(p0, i1, descr=Node.value)",
            "i4 = getfield_gc_i(p0, descr=Node.value)",
            "setfield_gc(p0, i1, descr=Node.value)",
            "finish(i2, i3, i4)"), Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=Node.value)",
            "setfield_gc(p0, i1, descr=Node.value)",
            "finish(i2, i2, i1)"), Heap);
    }

    [Test]
    public void A_write_forgets_the_field_of_objects_that_may_alias_but_not_of_distinct_allocations()
    {
        string trace = Lines(
            "[p0, p1]",
            "p2 = new(descr=Node)",
            "p3 = new(descr=Node)",
            "setfield_gc(p2, 1, descr=Node.value)",
            "setfield_gc(p3, 2, descr=Node.value)",
            "i4 = getfield_gc_i(p0, descr=Node.value)",
            "p5 = getfield_gc_r(p0, descr=Node.next)",
            "setfield_gc(p1, 7, descr=Node.value)",
            "i6 = getfield_gc_i(p2, descr=Node.value)",
            "i7 = getfield_gc_i(p3, descr=Node.value)",
            "i8 = getfield_gc_i(p0, descr=Node.value)",
            "p9 = getfield_gc_r(p0, descr=Node.next)",
            "finish(i4, p5, i6, i7, i8, p9)");
        AssertOptimizes(trace, Lines(
            "[p0, p1]",
            "p2 = new(descr=Node)",
            "p3 = new(descr=Node)",
            "setfield_gc(p2, 1, descr=Node.value)",
            "setfield_gc(p3, 2, descr=Node.value)",
            "i4 = getfield_gc_i(p0, descr=Node.value)",
            "p5 = getfield_gc_r(p0, descr=Node.next)",
            "setfield_gc(p1, 7, descr=Node.value)",
            "i6 = getfield_gc_i(p0, descr=Node.value)",
            "finish(i4, p5, 1, 2, i6, p5)"), Heap);
        AssertSameBehaviour(trace, Heap, w => [Ref(w.TheNode), Ref(w.TheNode)], w => [Ref(w.TheNode), Ref(new Node())]);
    }

    [Test]
    public void Calls_forget_the_heap_unless_they_are_read_only()
    {
        AssertOptimizes(Lines(
            "[p0]",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = call_i(i1, i1, descr=max)",
            "i3 = getfield_gc_i(p0, descr=Node.value)",
            "call_n(i3, descr=record)",
            "i4 = getfield_gc_i(p0, descr=Node.value)",
            "finish(i2, i4)"), Lines(
            "[p0]",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = call_i(i1, i1, descr=max)",
            "call_n(i1, descr=record)",
            "i3 = getfield_gc_i(p0, descr=Node.value)",
            "finish(i2, i3)"), Heap);
    }

    [Test]
    public void Array_items_at_constant_indices_and_lengths_are_cached_and_a_variable_index_write_forgets_items()
    {
        string trace = Lines(
            "[p0, i1]",
            "i2 = arraylen_gc(p0, descr=IntArray)",
            "i3 = getarrayitem_gc_i(p0, 0, descr=IntArray)",
            "setarrayitem_gc(p0, 1, i1, descr=IntArray)",
            "i4 = getarrayitem_gc_i(p0, 0, descr=IntArray)",
            "i5 = getarrayitem_gc_i(p0, 1, descr=IntArray)",
            "call_n(i5, descr=record)",
            "i6 = arraylen_gc(p0, descr=IntArray)",
            "setarrayitem_gc(p0, i1, 9, descr=IntArray)",
            "i7 = getarrayitem_gc_i(p0, 0, descr=IntArray)",
            "finish(i2, i3, i4, i5, i6, i7)");
        AssertOptimizes(trace, Lines(
            "[p0, i1]",
            "i2 = arraylen_gc(p0, descr=IntArray)",
            "i3 = getarrayitem_gc_i(p0, 0, descr=IntArray)",
            "setarrayitem_gc(p0, 1, i1, descr=IntArray)",
            "call_n(i1, descr=record)",
            "setarrayitem_gc(p0, i1, 9, descr=IntArray)",
            "i4 = getarrayitem_gc_i(p0, 0, descr=IntArray)",
            "finish(i2, i3, i3, i1, i2, i4)"), Heap);
        AssertSameBehaviour(trace, Heap, w => [Ref(new long[] { 4, 5 }), Int(0)], w => [Ref(new long[] { 4, 5, 6 }), Int(1)]);
    }

    [Test]
    public void Items_at_a_value_plus_constants_are_cached_apart_and_another_variable_index_forgets_them()
    {
        string trace = Lines(
            "[p0, i1, i2]",
            "setarrayitem_gc(p0, i1, 7, descr=IntArray)",
            "i3 = int_add(i1, 1)",
            "setarrayitem_gc(p0, i3, 8, descr=IntArray)",
            "i4 = int_sub(i3, 1)",
            "i5 = getarrayitem_gc_i(p0, i4, descr=IntArray)",
            "i6 = getarrayitem_gc_i(p0, i3, descr=IntArray)",
            "setarrayitem_gc(p0, i2, 9, descr=IntArray)",
            "i7 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "finish(i5, i6, i7)");
        AssertOptimizes(trace, Lines(
            "[p0, i1, i2]",
            "setarrayitem_gc(p0, i1, 7, descr=IntArray)",
            "i3 = int_add(i1, 1)",
            "setarrayitem_gc(p0, i3, 8, descr=IntArray)",
            "i4 = int_sub(i3, 1)",
            "setarrayitem_gc(p0, i2, 9, descr=IntArray)",
            "i5 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "finish(7, 8, i5)"), Heap);
        AssertSameBehaviour(trace, Heap, w => [Ref(new long[] { 4, 5, 6 }), Int(0), Int(2)], w => [Ref(new long[] { 4, 5, 6 }), Int(0), Int(0)]);
    }

    [Test]
    public void An_allocation_that_escaped_and_was_read_back_may_alias_the_value_read()
    {
        string trace = Lines(
            "[p0, i4]",
            "p1 = new(descr=Node)",
            "setfield_gc(p1, 1, descr=Node.value)",
            "setarrayitem_gc(p0, 0, p1, descr=RefArray)",
            "p2 = getarrayitem_gc_r(p0, i4, descr=RefArray)",
            "setfield_gc(p2, 5, descr=Node.value)",
            "i3 = getfield_gc_i(p1, descr=Node.value)",
            "finish(i3)");
        Assert.That(OptimizeToText(trace, Heap), Does.Contain("i4 = getfield_gc_i(p2, descr=Node.value)"));
        AssertSameBehaviour(trace, Heap, w => [Ref(new object?[] { null, new Node() }), Int(0)],
            w => [Ref(new object?[] { null, new Node() }), Int(1)]);
    }

    [Test]
    public void An_allocation_passed_through_a_label_may_be_any_object_after_it()
    {
        // The jump passes p0 where the label took the allocation: in the second iteration p2 is p0.
        string trace = Lines(
            "[p0, i1]",
            "p2 = new(descr=Node)",
            "label(p2, p0, i1, descr=Loop)",
            "i3 = getfield_gc_i(p2, descr=Node.value)",
            "setfield_gc(p0, i1, descr=Node.value)",
            "i4 = getfield_gc_i(p2, descr=Node.value)",
            "i5 = int_sub(i1, 1)",
            "i6 = int_gt(i5, 0)",
            "guard_true(i6) [i3, i4]",
            "jump(p0, p0, i5, descr=Loop)");
        AssertSameBehaviour(trace, Heap, w => [Ref(new Node()), Int(2)]);
    }

    [Test]
    public void An_index_passed_through_a_label_is_no_longer_known_as_a_sum_after_it()
    {
        // i2 is i1 + 1 in the first iteration only: the jump passes 0 for it.
        string trace = Lines(
            "[p0, i1]",
            "i2 = int_add(i1, 1)",
            "label(p0, i1, i2, descr=Loop)",
            "i3 = getarrayitem_gc_i(p0, i2, descr=IntArray)",
            "i4 = int_add(i1, 1)",
            "setarrayitem_gc(p0, i4, 9, descr=IntArray)",
            "i5 = getarrayitem_gc_i(p0, i2, descr=IntArray)",
            "i6 = int_sub(i1, 1)",
            "i7 = int_ge(i6, 0)",
            "guard_true(i7) [i3, i5]",
            "jump(p0, i6, 0, descr=Loop)");
        AssertSameBehaviour(trace, Heap, _ => [Ref(new long[] { 0, 0, 0 }), Int(1)]);
    }

    [Test]
    public void Indices_a_peeled_loop_passes_back_unchanged_stay_known_as_sums_after_its_label()
    {
        // i3 = i1 - 2 and i4 = i1 + 1 are loop invariants: the jump passes i1, i3 and i4 back as they are, so they are
        // different items on every iteration, and the read at i3 after the write at i4 reuses the write at i3
        string Trace(bool optimized) => Lines(
            "[p0, i1, i2]",
            "i3 = int_sub(i1, 2)",
            "i4 = int_add(i1, 1)",
            "label(p0, i1, i3, i4, i2, descr=Peeled)",
            "setarrayitem_gc(p0, i3, i2, descr=IntArray)",
            "setarrayitem_gc(p0, i4, 7, descr=IntArray)") + (optimized ? Lines(
            "i5 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i6 = int_sub(i2, 1)",
            "i7 = int_gt(i6, 0)",
            "guard_true(i7) [i6, i5]",
            "jump(p0, i1, i3, i4, i6, descr=Peeled)") : Lines(
            "i5 = getarrayitem_gc_i(p0, i3, descr=IntArray)",
            "i6 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i7 = int_sub(i5, 1)",
            "i8 = int_gt(i7, 0)",
            "guard_true(i8) [i7, i6]",
            "jump(p0, i1, i3, i4, i7, descr=Peeled)"));
        AssertOptimizes(Trace(optimized: false), Trace(optimized: true), Heap);
        AssertSameBehaviour(Trace(optimized: false), Heap, _ => [Ref(new long[] { 0, 0, 0, 0, 0 }), Int(2), Int(4)]);
    }

    [Test]
    public void An_index_the_jump_passes_back_changed_is_not_known_as_a_sum_of_the_unchanged_ones()
    {
        // i3 is i1 - 1 on entry only: the jump passes i1 for it, so the write at i1 may be the item read at i3
        string trace = Lines(
            "[p0, i1, i2]",
            "i3 = int_sub(i1, 1)",
            "label(p0, i1, i3, i2, descr=Peeled)",
            "setarrayitem_gc(p0, i3, i2, descr=IntArray)",
            "setarrayitem_gc(p0, i1, 7, descr=IntArray)",
            "i4 = getarrayitem_gc_i(p0, i3, descr=IntArray)",
            "i5 = int_sub(i2, 1)",
            "i6 = int_gt(i5, 0)",
            "guard_true(i6) [i5, i4]",
            "jump(p0, i1, i1, i5, descr=Peeled)");
        AssertSameBehaviour(trace, Heap, _ => [Ref(new long[] { 0, 0, 0, 0 }), Int(2), Int(3)]);
        Assert.That(OptimizeToText(trace, Heap), Is.EqualTo(trace), "nothing to reuse");
    }

    /// <summary>A peeled loop decrementing a[i] and incrementing a[i + 2] and n.value until a[i] is 0; with
    /// <paramref name="call"/>, a call forgetting the heap after the writes.</summary>
    private static string CountingLoop(bool call = false) => Lines(
        "[p0, i1, p2]",
        "label(p0, i1, p2, descr=Loop)",
        "i3 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
        "i4 = int_sub(i3, 1)",
        "setarrayitem_gc(p0, i1, i4, descr=IntArray)",
        "i5 = int_add(i1, 2)",
        "i6 = getarrayitem_gc_i(p0, i5, descr=IntArray)",
        "i7 = int_add(i6, 1)",
        "setarrayitem_gc(p0, i5, i7, descr=IntArray)",
        "i8 = getfield_gc_i(p2, descr=Node.value)",
        "i9 = int_add(i8, 1)",
        "setfield_gc(p2, i9, descr=Node.value)",
        "i10 = int_ne(i4, 0)",
        "guard_true(i10) [p0, i1, p2]",
        "label(p0, i1, p2, i5, descr=Peeled)",
        "i11 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
        "i12 = int_sub(i11, 1)",
        "setarrayitem_gc(p0, i1, i12, descr=IntArray)",
        "i13 = getarrayitem_gc_i(p0, i5, descr=IntArray)",
        "i14 = int_add(i13, 1)",
        "setarrayitem_gc(p0, i5, i14, descr=IntArray)",
        "i15 = getfield_gc_i(p2, descr=Node.value)",
        "i16 = int_add(i15, 1)",
        "setfield_gc(p2, i16, descr=Node.value)") + (call ? Lines("call_n(i16, descr=record)") : "") + Lines(
        "i17 = int_ne(i12, 0)",
        "guard_true(i17) [p0, i1, p2]",
        "jump(p0, i1, p2, i5, descr=Peeled)");

    [Test]
    public void A_peeled_loop_carries_the_items_and_fields_it_reads_in_label_arguments()
    {
        var optimized = OptimizeToText(CountingLoop(), Heap);
        Assert.That(optimized, Does.Contain(Lines("i11 = same_as_i(i4)", "i12 = same_as_i(i7)", "i13 = same_as_i(i9)",
            "label(p0, i1, p2, i5, i11, i12, i13, descr=Peeled)")), "the values the preamble wrote, copied so that the label rebinds no value of its own");
        var body = optimized[optimized.IndexOf("descr=Peeled)", StringComparison.Ordinal)..];
        Assert.That(body, Does.Not.Contain("getarrayitem").And.Not.Contain("getfield"), "the body reads nothing from memory");
        Assert.That(body, Does.Contain("jump(p0, i1, p2, i5, i14, i15, i16, descr=Peeled)"), optimized);
        AssertSameBehaviour(CountingLoop(), Heap, w => [Ref(new long[] { 3, 0, 5 }), Int(0), Ref(new Node())]);
    }

    [Test]
    public void A_carried_value_the_body_forgets_is_read_again_before_the_jump()
    {
        var optimized = OptimizeToText(CountingLoop(call: true), Heap);
        Assert.That(optimized, Does.Contain("label(p0, i1, p2, i5, i11, i12, i13, descr=Peeled)"), optimized);
        var tail = optimized[optimized.IndexOf("descr=record)", StringComparison.Ordinal)..];
        Assert.That(tail, Does.Contain("getarrayitem_gc_i(p0, i1, descr=IntArray)").And.Contain("getarrayitem_gc_i(p0, i5, descr=IntArray)")
            .And.Contain("getfield_gc_i(p2, descr=Node.value)"), "after the call each carried value is read again for the jump: " + optimized);
        AssertSameBehaviour(CountingLoop(call: true), Heap, w => [Ref(new long[] { 4, 0, 5 }), Int(0), Ref(new Node())]);
    }

    [Test]
    public void Items_at_an_index_the_loop_changes_are_not_carried()
    {
        // the jump passes i4 for i1: p0[i1] is another item in each iteration
        string trace = Lines(
            "[p0, i1]",
            "label(p0, i1, descr=Loop)",
            "i2 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i3 = int_ne(i2, 0)",
            "guard_true(i3) [p0, i1]",
            "i4 = int_add(i1, 1)",
            "label(p0, i4, descr=Peeled)",
            "i5 = getarrayitem_gc_i(p0, i4, descr=IntArray)",
            "i6 = int_ne(i5, 0)",
            "guard_true(i6) [p0, i4]",
            "i7 = int_add(i4, 1)",
            "jump(p0, i7, descr=Peeled)");
        Assert.That(OptimizeToText(trace, Heap), Does.Contain("label(p0, i4, descr=Peeled)"));
        AssertSameBehaviour(trace, Heap, _ => [Ref(new long[] { 1, 2, 3, 0 }), Int(0)]);
    }
}
