// Allocation removal: objects and small arrays that do not escape disappear, guards describe them in their
// layout, escaping ones are materialized right before the escaping op; the property check materializes the
// fail arguments of every failing guard and compares them with the original trace's objects. At a portal call
// the callee's new frame stays virtual when nothing uses it after the call (a frameless call). Around a peeled
// loop: VirtualsPassTests.Loop.cs.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed partial class VirtualsPassTests
{
    private const OptimizerPasses Virtuals = OptimizerPasses.Virtuals;

    private static readonly string BoxedCounter = Lines(
        "[i0, i1]",
        "p2 = new(descr=Node)",
        "setfield_gc(p2, i0, descr=Node.value)",
        "p3 = new(descr=Node)",
        "setfield_gc(p3, p2, descr=Node.next)",
        "setfield_gc(p3, 2.5, descr=Node.weight)",
        "p4 = getfield_gc_r(p3, descr=Node.next)",
        "i5 = getfield_gc_i(p4, descr=Node.value)",
        "i6 = int_add(i5, i1)",
        "guard_nonnull_class(p4, ConstClass(Node)) [i0]",
        "i7 = ptr_eq(p4, p3)",
        "guard_false(i7) [i0]",
        "i8 = int_lt(i6, 10)",
        "guard_true(i8) [i6, p3, p2]",
        "setfield_gc(p2, i6, descr=Node.value)",
        "guard_true(i1) [p3]",
        "finish(i6)");

    [Test]
    public void Objects_that_never_escape_vanish_and_guards_describe_them()
    {
        AssertOptimizes(BoxedCounter, Lines(
            "[i0, i1]",
            "i2 = int_add(i0, i1)",
            "guard_false(0) [i0]",
            "i3 = int_lt(i2, 10)",
            "guard_true(i3) [i2, i0] {i2, v0, v1; v0=new(Node) Node.next=v1 Node.weight=2.5; v1=new(Node) Node.value=i0}",
            "guard_true(i1) [i2] {v0; v0=new(Node) Node.next=v1 Node.weight=2.5; v1=new(Node) Node.value=i2}",
            "finish(i2)"), Virtuals);
    }

    [Test]
    public void Removing_objects_keeps_the_meaning_and_failing_guards_rebuild_them()
    {
        AssertSameBehaviour(BoxedCounter, Virtuals, IntInputs(2, 0, 1, 9));
    }

    [Test]
    public void An_object_escaping_into_a_call_is_allocated_and_filled_right_before_the_call()
    {
        AssertOptimizes(Lines(
            "[i0, p1]",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i0, descr=Node.value)",
            "setfield_gc(p2, p2, descr=Node.next)",
            "i3 = int_add(i0, 1)",
            "guard_true(i3) [p2]",
            "setfield_gc(p1, p2, descr=Node.next)",
            "finish(p2)"), Lines(
            "[i0, p1]",
            "i2 = int_add(i0, 1)",
            "guard_true(i2) [i0] {v0; v0=new(Node) Node.value=i0 Node.next=v0}",
            "p3 = new(descr=Node)",
            "setfield_gc(p3, i0, descr=Node.value)",
            "setfield_gc(p3, p3, descr=Node.next)",
            "setfield_gc(p1, p3, descr=Node.next)",
            "finish(p3)"), Virtuals);
    }

    [Test]
    public void A_cyclic_virtual_rebuilt_at_a_guard_is_the_same_structure_as_the_original()
    {
        string trace = Lines(
            "[i0, p1]",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i0, descr=Node.value)",
            "setfield_gc(p2, p2, descr=Node.next)",
            "p3 = new(descr=Node)",
            "setfield_gc(p3, p2, descr=Node.next)",
            "guard_true(i0) [p3, p2, p1]",
            "call_n(i0, descr=record)",
            "setfield_gc(p1, p3, descr=Node.next)",
            "finish(p2)");
        AssertSameBehaviour(trace, Virtuals, w => [Int(0), Ref(new Node())], w => [Int(3), Ref(w.TheNode)]);
    }

    [Test]
    public void Small_arrays_of_constant_length_are_virtual_and_their_length_is_known()
    {
        string trace = Lines(
            "[i0, f1]",
            "p2 = new_array(3, descr=IntArray)",
            "setarrayitem_gc(p2, 1, i0, descr=IntArray)",
            "i3 = getarrayitem_gc_i(p2, 1, descr=IntArray)",
            "i4 = getarrayitem_gc_i(p2, 2, descr=IntArray)",
            "i5 = arraylen_gc(p2, descr=IntArray)",
            "p6 = new_array(1, descr=FloatArray)",
            "setarrayitem_gc(p6, 0, f1, descr=FloatArray)",
            "guard_true(i0) [p2, p6]",
            "i7 = int_add(i3, i5)",
            "finish(i7, i4)");
        AssertOptimizes(trace, Lines(
            "[i0, f1]",
            "guard_true(i0) [i0, f1] {v0, v1; v0=new_array(IntArray) [0, i0, 0]; v1=new_array(FloatArray) [f1]}",
            "i2 = int_add(i0, 3)",
            "finish(i2, 0)"), Virtuals);
        AssertSameBehaviour(trace, Virtuals, w => [Int(0), Float(1.5)], w => [Int(4), Float(-2.0)]);
    }

    [Test]
    public void An_array_indexed_by_a_variable_is_materialized_with_its_items()
    {
        string trace = Lines(
            "[i0]",
            "p1 = new_array(2, descr=IntArray)",
            "setarrayitem_gc(p1, 0, 5, descr=IntArray)",
            "i2 = getarrayitem_gc_i(p1, i0, descr=IntArray)",
            "finish(i2)");
        AssertOptimizes(trace, Lines(
            "[i0]",
            "p1 = new_array(2, descr=IntArray)",
            "setarrayitem_gc(p1, 0, 5, descr=IntArray)",
            "i2 = getarrayitem_gc_i(p1, i0, descr=IntArray)",
            "finish(i2)"), Virtuals);
    }

    [Test]
    public void An_object_made_in_a_loop_and_passed_to_the_next_iteration_is_materialized_before_the_jump()
    {
        string trace = Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop)",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i0, descr=Node.value)",
            "setfield_gc(p2, p1, descr=Node.next)",
            "i3 = int_sub(i0, 1)",
            "guard_true(i3) [p2]",
            "jump(i3, p2, descr=Loop)");
        AssertOptimizes(trace, Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop)",
            "i2 = int_sub(i0, 1)",
            "guard_true(i2) [i0, p1] {v0; v0=new(Node) Node.value=i0 Node.next=p1}",
            "p3 = new(descr=Node)",
            "setfield_gc(p3, i0, descr=Node.value)",
            "setfield_gc(p3, p1, descr=Node.next)",
            "jump(i2, p3, descr=Loop)"), Virtuals);
        AssertSameBehaviour(trace, Virtuals, w => [Int(4), Ref(null)]);
    }

    [Test]
    public void A_guard_the_virtual_always_fails_materializes_it_and_stays()
    {
        string trace = Lines(
            "[i0]",
            "p1 = new(descr=Node)",
            "guard_class(p1, ConstClass(Leaf)) [i0]",
            "finish(i0)");
        AssertOptimizes(trace, Lines(
            "[i0]",
            "p1 = new(descr=Node)",
            "guard_class(p1, ConstClass(Leaf)) [i0]",
            "finish(i0)"), Virtuals);
    }

    [Test]
    public void A_boxed_counter_stays_virtual_around_the_peeled_loop_its_field_travelling_as_an_argument()
    {
        string loop = Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = int_add(i1, 1)",
            "p3 = new(descr=Node)",
            "setfield_gc(p3, i2, descr=Node.value)",
            "i4 = int_lt(i2, 10)",
            "guard_true(i4) [p3]",
            "jump(p3, descr=Loop)");
        AssertOptimizes(loop, Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = int_add(i1, 1)",
            "i3 = int_lt(i2, 10)",
            "guard_true(i3) [i2] {v0; v0=new(Node) Node.value=i2}",
            "label(i2, descr=LoopPeeled)",
            "i4 = int_add(i2, 1)",
            "i5 = int_lt(i4, 10)",
            "guard_true(i5) [i4] {v0; v0=new(Node) Node.value=i4}",
            "jump(i4, descr=LoopPeeled)"), OptimizerPasses.All);
        AssertSameBehaviour(loop, OptimizerPasses.All, w => [Ref(new Node())], w => [Ref(new Node { Value = 30 })]);
    }

    [Test]
    public void When_the_jump_passes_an_object_of_another_shape_the_label_takes_the_object()
    {
        string loop = Lines(
            "[i0]",
            "label(i0, descr=Loop)",
            "p1 = new(descr=Node)",
            "setfield_gc(p1, i0, descr=Node.value)",
            "label(p1, descr=Body)",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_sub(i2, 1)",
            "guard_true(i3) [p1]",
            "p4 = new(descr=Node)",
            "setfield_gc(p4, i3, descr=Node.value)",
            "setfield_gc(p4, p1, descr=Node.next)",
            "jump(p4, descr=Body)");
        Assert.That(OptimizeToText(loop, Virtuals), Is.EqualTo(loop), "both objects are allocated");
        AssertSameBehaviour(loop, Virtuals, w => [Int(4)]);
    }

    /// <summary>A world that also knows a portal call: the staging state (<c>staging</c>, its arrays
    /// <c>stagingInts</c> and <c>stagingRefs</c>), the staging writes' descriptors and a call site (<c>target</c>).</summary>
    private static (TraceTestWorld World, PortalTarget Target) PortalWorld()
    {
        var world = NewWorld();
        var staging = new JitDriverState(0, 1, 1, 0);
        var target = new PortalTarget();
        world.Registry.Add(PortalCalls.IntSlots).Add(PortalCalls.RefSlots).Add(PortalCalls.CallOf(ValueKind.Int));
        world.Registry.AddConstant("staging", staging).AddConstant("stagingInts", staging.Ints)
            .AddConstant("stagingRefs", staging.Refs).AddConstant("target", target);
        return (world, target);
    }

    /// <summary>The trace as the tracer records a portal call: the callee's green (7) and red (its new frame p3,
    /// pointing to another new object p2) are written to the staging state, then the call; <paramref name="after"/>
    /// follows the call's guard.</summary>
    private static string PortalCall(params string[] after) => Lines([
        "[i0, p1]",
        "p2 = new(descr=Node)",
        "setfield_gc(p2, p1, descr=Node.next)",
        "p3 = new(descr=Node)",
        "setfield_gc(p3, i0, descr=Node.value)",
        "setfield_gc(p3, p2, descr=Node.next)",
        "setarrayitem_gc(ConstPtr(stagingInts), 0, 7, descr=portal_ints)",
        "setarrayitem_gc(ConstPtr(stagingRefs), 0, p3, descr=portal_refs)",
        "i4 = call_i(ConstPtr(staging), ConstPtr(target), descr=portal_call)",
        "guard_no_exception() [i0, p1]",
        .. after]);

    private static PortalTarget TargetOfCall(TraceIr trace)
    {
        foreach (ref readonly var op in trace.Ops)
            if (PortalCalls.IsPortalCall(trace.DescrOf(in op)))
                return (PortalTarget)trace.ConstantValue(trace.OperandsOf(in op)[1]).Ref!;
        throw new AssertionException("no portal call in\n" + trace);
    }

    [Test]
    public void A_new_frame_staged_for_a_portal_call_and_dead_after_it_stays_virtual_and_the_call_becomes_frameless()
    {
        var (world, recordedTarget) = PortalWorld();
        var optimized = OptimizerTestKit.Optimize(world, PortalCall("finish(i4)"), Virtuals);
        var target = TargetOfCall(optimized);
        Assert.That(target, Is.Not.SameAs(recordedTarget), "the call kept the target it was recorded with");
        var frameless = target.Frameless;
        Assert.That(frameless, Is.Not.Null, "the call is not frameless");
        world.Registry.AddConstant("savedInts", frameless!.Ints).AddConstant("savedRefs", frameless.Refs).AddConstant("frameless", target);
        Assert.That(TracePrinter.Print(optimized, world.Registry), Is.EqualTo(Lines(
            "[i0, p1]",
            "setarrayitem_gc(ConstPtr(savedInts), 0, i0, descr=portal_ints)",
            "setarrayitem_gc(ConstPtr(savedRefs), 1, p1, descr=portal_refs)",
            "i2 = call_i(ConstPtr(staging), ConstPtr(frameless), descr=portal_call)",
            "guard_no_exception() [i0, p1]",
            "finish(i2)")), "the frame is allocated, or the staging state written");

        var layout = frameless.Layout;
        Assert.That(frameless.SavedKinds, Is.EqualTo(new[] { ValueKind.Int, ValueKind.Ref }));
        Assert.That(frameless.Writes, Is.EqualTo(new[] { (RegisterKind.Int, 0), (RegisterKind.Ref, 0) }));
        Assert.That(layout.Slots, Has.Length.EqualTo(2));
        Assert.That(layout.Slots[0].Kind, Is.EqualTo(ResumeEntryKind.Constant));
        Assert.That(layout.Constants[layout.Slots[0].Index].AsInt, Is.EqualTo(7));
        Assert.That(layout.Slots[1], Is.EqualTo(new ResumeEntry(ResumeEntryKind.Virtual, 0)));
        Assert.That(layout.Virtuals, Has.Length.EqualTo(2));
        var (frame, inner) = (layout.Virtuals[0], layout.Virtuals[1]);
        Assert.That((frame.Class, inner.Class), Is.EqualTo((world.NodeClass, world.NodeClass)));
        Assert.That(frame.Fields, Is.EqualTo(new[] { world.NodeValue, world.NodeNext }));
        Assert.That(frame.Values, Is.EqualTo(new[] { ResumeEntry.Saved(0), new ResumeEntry(ResumeEntryKind.Virtual, 1) }));
        Assert.That(inner.Fields, Is.EqualTo(new[] { world.NodeNext }));
        Assert.That(inner.Values, Is.EqualTo(new[] { ResumeEntry.Saved(1) }));
        Assert.That(layout.PendingWrites, Is.Empty);
    }

    [TestCase("i5 = getfield_gc_i(p3, descr=Node.value)", "finish(i5)")]
    [TestCase("guard_true(i4) [p3]", "finish(i4)")]
    [TestCase("p5 = getfield_gc_r(p2, descr=Node.next)", "finish(p5)")]
    public void A_frame_or_what_it_points_to_used_after_the_portal_call_is_allocated_before_it_and_the_call_stays_as_recorded(params string[] after)
    {
        AssertStagedAsRecorded(PortalCall(after));
    }

    [Test]
    public void A_frame_another_object_in_use_after_the_portal_call_points_to_is_allocated_before_it()
    {
        AssertStagedAsRecorded(Lines(
            "[i0, p1]",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i0, descr=Node.value)",
            "p4 = new(descr=Node)",
            "setfield_gc(p4, p2, descr=Node.next)",
            "setarrayitem_gc(ConstPtr(stagingInts), 0, 7, descr=portal_ints)",
            "setarrayitem_gc(ConstPtr(stagingRefs), 0, p2, descr=portal_refs)",
            "i3 = call_i(ConstPtr(staging), ConstPtr(target), descr=portal_call)",
            "guard_no_exception() [i0, p1]",
            "setfield_gc(p1, p4, descr=Node.next)",
            "finish(i3)"));
    }

    /// <summary>The optimized <paramref name="trace"/> calls the target it was recorded with, after writing the
    /// green and the frame, allocated before that, to the staging state.</summary>
    private static void AssertStagedAsRecorded(string trace)
    {
        var (world, recordedTarget) = PortalWorld();
        var optimized = OptimizerTestKit.Optimize(world, trace, Virtuals);
        string text = TracePrinter.Print(optimized, world.Registry);
        Assert.That(TargetOfCall(optimized), Is.SameAs(recordedTarget), "the call was made frameless\n" + text);
        string[] lines = text.Split('\n');
        int allocation = Array.FindIndex(lines, line => line.EndsWith("= new(descr=Node)", StringComparison.Ordinal));
        int staged = Array.FindIndex(lines, line => line.StartsWith("setarrayitem_gc(ConstPtr(stagingRefs), 0, p", StringComparison.Ordinal));
        int call = Array.FindIndex(lines, line => line.Contains("descr=portal_call"));
        Assert.That(allocation, Is.GreaterThanOrEqualTo(0).And.LessThan(staged), "the frame is not allocated before it is staged\n" + text);
        Assert.That(staged, Is.LessThan(call), text);
        Assert.That(lines, Has.Some.EqualTo("setarrayitem_gc(ConstPtr(stagingInts), 0, 7, descr=portal_ints)"), text);
    }

    [Test]
    public void A_red_that_is_not_virtual_leaves_the_portal_call_as_recorded()
    {
        var (world, _) = PortalWorld();
        string trace = Lines(
            "[i0, p1]",
            "setarrayitem_gc(ConstPtr(stagingInts), 0, i0, descr=portal_ints)",
            "setarrayitem_gc(ConstPtr(stagingRefs), 0, p1, descr=portal_refs)",
            "i2 = call_i(ConstPtr(staging), ConstPtr(target), descr=portal_call)",
            "guard_no_exception() [i0, p1]",
            "finish(i2)");
        Assert.That(TracePrinter.Print(OptimizerTestKit.Optimize(world, trace, Virtuals), world.Registry), Is.EqualTo(trace));
    }
}
