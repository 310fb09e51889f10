// Virtualizable frame fields: read once, kept as values, written back before calls that may write, at the end
// of the trace and, when a guard fails, by the materializer replaying the guard's pending writes. The same for the
// items of a frame's `[*]` list at constant indexes, with pending writes of array items.
using ClrPy.Runtime.Jit.Optimize;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class VirtualizablePassTests
{
    private const OptimizerPasses Virtualizables = OptimizerPasses.Virtualizables;

    private static readonly string InterpreterStep = Lines(
        "[p0, i1]",
        "i2 = getfield_gc_i(p0, descr=Frame.acc)",
        "i3 = int_add(i2, i1)",
        "setfield_gc(p0, i3, descr=Frame.acc)",
        "i4 = getfield_gc_i(p0, descr=Frame.pc)",
        "i5 = int_add(i4, 1)",
        "setfield_gc(p0, i5, descr=Frame.pc)",
        "i6 = getfield_gc_i(p0, descr=Frame.acc)",
        "i7 = int_lt(i6, 100)",
        "guard_true(i7) [p0]",
        "i8 = call_i(i6, i6, descr=max)",
        "call_n(i6, descr=record)",
        "i9 = getfield_gc_i(p0, descr=Frame.acc)",
        "setfield_gc(p0, i8, descr=Frame.plain)",
        "setfield_gc(p0, i9, descr=Frame.pc)",
        "finish(i9)");

    [Test]
    public void Frame_fields_are_read_once_and_written_back_before_a_writing_call_and_at_the_end()
    {
        AssertOptimizes(InterpreterStep, Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=Frame.acc)",
            "i3 = int_add(i2, i1)",
            "i4 = getfield_gc_i(p0, descr=Frame.pc)",
            "i5 = int_add(i4, 1)",
            "i6 = int_lt(i3, 100)",
            "guard_true(i6) [p0, i3, i5] {p0; setfield(p0, i3, descr=Frame.acc); setfield(p0, i5, descr=Frame.pc)}",
            "i7 = call_i(i3, i3, descr=max)",
            "setfield_gc(p0, i3, descr=Frame.acc)",
            "setfield_gc(p0, i5, descr=Frame.pc)",
            "call_n(i3, descr=record)",
            "i8 = getfield_gc_i(p0, descr=Frame.acc)",
            "setfield_gc(p0, i7, descr=Frame.plain)",
            "setfield_gc(p0, i8, descr=Frame.pc)",
            "finish(i8)"), Virtualizables);
    }

    [Test]
    public void A_failing_guard_leaves_the_frame_as_the_original_trace_would()
    {
        AssertSameBehaviour(InterpreterStep, Virtualizables,
            w => [Ref(new TestFrame { Acc = 98, Pc = 3 }), Int(5)], w => [Ref(new TestFrame { Acc = 1 }), Int(5)]);
    }

    [Test]
    public void A_loop_keeps_frame_fields_in_values_within_an_iteration_and_writes_them_back_before_the_jump()
    {
        string loop = Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Frame.acc)",
            "i2 = int_add(i1, 3)",
            "setfield_gc(p0, i2, descr=Frame.acc)",
            "i3 = getfield_gc_i(p0, descr=Frame.acc)",
            "i4 = int_lt(i3, 20)",
            "guard_true(i4) [p0]",
            "jump(p0, descr=Loop)");
        AssertOptimizes(loop, Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Frame.acc)",
            "i2 = int_add(i1, 3)",
            "i3 = int_lt(i2, 20)",
            "guard_true(i3) [p0, i2] {p0; setfield(p0, i2, descr=Frame.acc)}",
            "setfield_gc(p0, i2, descr=Frame.acc)",
            "jump(p0, descr=Loop)"), Virtualizables);
        AssertSameBehaviour(loop, Virtualizables, w => [Ref(new TestFrame())]);
    }

    [Test]
    public void Around_a_peeled_loop_frame_fields_travel_as_label_arguments_and_a_call_in_the_loop_reloads_them()
    {
        string peeled = Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Frame.acc)",
            "i2 = int_add(i1, 3)",
            "setfield_gc(p0, i2, descr=Frame.acc)",
            "label(p0, descr=Body)",
            "i3 = getfield_gc_i(p0, descr=Frame.acc)",
            "i4 = int_add(i3, 3)",
            "setfield_gc(p0, i4, descr=Frame.acc)",
            "call_n(i4, descr=record)",
            "i5 = int_lt(i4, 20)",
            "guard_true(i5) [p0]",
            "jump(p0, descr=Body)");
        AssertOptimizes(peeled, Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Frame.acc)",
            "i2 = int_add(i1, 3)",
            "label(p0, i2, descr=Body)",
            "i3 = int_add(i2, 3)",
            "setfield_gc(p0, i3, descr=Frame.acc)",
            "call_n(i3, descr=record)",
            "i4 = int_lt(i3, 20)",
            "guard_true(i4) [p0]",
            "i5 = getfield_gc_i(p0, descr=Frame.acc)",
            "jump(p0, i5, descr=Body)"), Virtualizables);
        AssertSameBehaviour(peeled, Virtualizables, w => [Ref(new TestFrame { Acc = 1 })]);
    }

    private static readonly string StackStep = Lines(
        "[p0, i1]",
        "p2 = getfield_gc_r(p0, descr=Frame.stack)",
        "p3 = getfield_gc_r(p2, descr=Cells.items)",
        "setarrayitem_gc(p3, 0, i1, descr=IntArray)",
        "p4 = getfield_gc_r(p0, descr=Frame.stack)",
        "p5 = getfield_gc_r(p4, descr=Cells.items)",
        "i6 = getarrayitem_gc_i(p5, 0, descr=IntArray)",
        "i7 = int_add(i6, 1)",
        "setarrayitem_gc(p5, 1, i7, descr=IntArray)",
        "i8 = int_lt(i7, 10)",
        "guard_true(i8) [p0]",
        "call_n(i7, descr=record)",
        "i9 = getarrayitem_gc_i(p5, 1, descr=IntArray)",
        "finish(i9)");

    [Test]
    public void Stack_items_at_constant_indexes_are_kept_in_values_and_written_back_by_a_failing_guard_and_before_a_call()
    {
        AssertOptimizes(StackStep, Lines(
            "[p0, i1]",
            "p2 = getfield_gc_r(p0, descr=Frame.stack)",
            "p3 = getfield_gc_r(p2, descr=Cells.items)",
            "i4 = int_add(i1, 1)",
            "i5 = int_lt(i4, 10)",
            "guard_true(i5) [p0, p3, i1, i4] {p0; setarrayitem(p3, 0, i1, descr=IntArray); setarrayitem(p3, 1, i4, descr=IntArray)}",
            "setarrayitem_gc(p3, 0, i1, descr=IntArray)",
            "setarrayitem_gc(p3, 1, i4, descr=IntArray)",
            "call_n(i4, descr=record)",
            "i6 = getarrayitem_gc_i(p3, 1, descr=IntArray)",
            "finish(i6)"), Virtualizables);
        AssertSameBehaviour(StackStep, Virtualizables, w => [Ref(new TestFrame()), Int(3)], w => [Ref(new TestFrame()), Int(30)]);
    }

    [Test]
    public void An_array_that_may_be_the_stacks_sees_its_items_written_back_and_a_store_there_forgets_them()
    {
        // p1 may be the stack's own array: the delayed store is done before p1 is read, and after the store
        // through p1 the stack's item is read again
        string trace = Lines(
            "[p0, p1]",
            "p2 = getfield_gc_r(p0, descr=Frame.stack)",
            "p3 = getfield_gc_r(p2, descr=Cells.items)",
            "setarrayitem_gc(p3, 0, 5, descr=IntArray)",
            "i4 = getarrayitem_gc_i(p1, 0, descr=IntArray)",
            "setarrayitem_gc(p1, 0, 7, descr=IntArray)",
            "i5 = getarrayitem_gc_i(p3, 0, descr=IntArray)",
            "finish(i4, i5)");
        // nothing is kept: the store is done before the read through p1, the item read again after the store
        AssertOptimizes(trace, trace, Virtualizables);
        AssertSameBehaviour(trace, Virtualizables, w =>
        {
            var frame = new TestFrame();
            return [Ref(frame), Ref(frame.Stack.Items)];
        }, w => [Ref(new TestFrame()), Ref(new long[2])]);
    }

    [Test]
    public void Around_a_peeled_loop_stack_items_travel_as_label_arguments()
    {
        // the peeling pass passes the stack's array (p2) as a loop invariant; its item 0 is carried beside it
        string peeled = Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "p1 = getfield_gc_r(p0, descr=Frame.stack)",
            "p2 = getfield_gc_r(p1, descr=Cells.items)",
            "i3 = getarrayitem_gc_i(p2, 0, descr=IntArray)",
            "i4 = int_add(i3, 1)",
            "setarrayitem_gc(p2, 0, i4, descr=IntArray)",
            "label(p0, p2, descr=Body)",
            "i5 = getarrayitem_gc_i(p2, 0, descr=IntArray)",
            "i6 = int_add(i5, 1)",
            "setarrayitem_gc(p2, 0, i6, descr=IntArray)",
            "i7 = int_lt(i6, 20)",
            "guard_true(i7) [p0]",
            "jump(p0, p2, descr=Body)");
        AssertOptimizes(peeled, Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "p1 = getfield_gc_r(p0, descr=Frame.stack)",
            "p2 = getfield_gc_r(p1, descr=Cells.items)",
            "i3 = getarrayitem_gc_i(p2, 0, descr=IntArray)",
            "i4 = int_add(i3, 1)",
            "label(p0, p2, p1, i4, descr=Body)",
            "i5 = int_add(i4, 1)",
            "i6 = int_lt(i5, 20)",
            "guard_true(i6) [p0, p1, p2, i5] {p0; setfield(p0, p1, descr=Frame.stack); setarrayitem(p2, 0, i5, descr=IntArray)}",
            "jump(p0, p2, p1, i5, descr=Body)"), Virtualizables);
        AssertSameBehaviour(peeled, Virtualizables, w => [Ref(new TestFrame())]);
    }
}
