// Guard strengthening: implied guards disappear, guard_nonnull and a later guard_class merge into one
// guard_nonnull_class at the first guard's place, guard_value turns its value into the constant.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class GuardPassTests
{
    private const OptimizerPasses Guards = OptimizerPasses.Guards;

    private static readonly string NonnullThenClass = Lines(
        "[p0, i1]",
        "guard_nonnull(p0) [i1]",
        "i2 = int_add(i1, 1)",
        "call_n(i2, descr=record)",
        "guard_class(p0, ConstClass(Node)) [i2, p0]",
        "guard_nonnull(p0) [i2]",
        "guard_class(p0, ConstClass(Node)) [i2]",
        "i3 = getfield_gc_i(p0, descr=Node.value)",
        "finish(i3)");

    [Test]
    public void Guard_nonnull_and_a_later_guard_class_merge_at_the_first_place_and_implied_guards_go()
    {
        AssertOptimizes(NonnullThenClass, Lines(
            "[p0, i1]",
            "guard_nonnull_class(p0, ConstClass(Node)) [i1]",
            "i2 = int_add(i1, 1)",
            "call_n(i2, descr=record)",
            "i3 = getfield_gc_i(p0, descr=Node.value)",
            "finish(i3)"), Guards);
    }

    [Test]
    public void The_merged_guard_keeps_the_first_guards_exit_and_fail_arguments()
    {
        var world = new TraceTestWorld();
        var original = world.Parse(NonnullThenClass);
        var firstExit = original.DescrOf(in original[0]);
        var optimized = Optimizer.Optimize(original, Guards);
        Assert.That(optimized.DescrOf(in optimized[0]), Is.SameAs(firstExit));

        var outcome = new TraceInterpreter(optimized).Run(Ref(new Leaf()), Int(4));
        Assert.That(outcome.Guard, Is.SameAs(firstExit));
        Assert.That(ResumeMaterializer.Materialize(outcome.Guard!, outcome.Values), Is.EqualTo(new[] { Int(4) }));
        Assert.That(world.Recorded, Is.Empty, "the call after the first guard has not happened yet");
    }

    [Test]
    public void Merging_keeps_the_meaning_when_the_value_is_null_or_of_the_class()
    {
        AssertSameBehaviour(NonnullThenClass, Guards, w => [Ref(null), Int(1)], w => [Ref(w.TheNode), Int(2)]);
    }

    [Test]
    public void After_guard_value_the_value_is_the_constant_and_a_repeated_guard_goes()
    {
        AssertOptimizes(Lines(
            "[p0, i1]",
            "guard_value(p0, ConstPtr(theNode)) [i1]",
            "guard_value(i1, 5) [p0]",
            "i2 = getfield_gc_i(p0, descr=Node.value)",
            "i3 = int_add(i1, i2)",
            "guard_value(i1, 5) [i3, p0, i1]",
            "guard_nonnull(p0) []",
            "finish(i3)"), Lines(
            "[p0, i1]",
            "guard_value(p0, ConstPtr(theNode)) [i1]",
            "guard_value(i1, 5) [] {ConstPtr(theNode)}",
            "i2 = getfield_gc_i(ConstPtr(theNode), descr=Node.value)",
            "i3 = int_add(5, i2)",
            "finish(i3)"), Guards);
    }

    [Test]
    public void The_constant_of_a_guard_value_moves_into_later_layouts()
    {
        string trace = Lines(
            "[i0, i1]",
            "guard_value(i0, 5) [i1]",
            "i2 = int_lt(i1, 3)",
            "guard_true(i2) [i0, i1]",
            "guard_true(i2) [i1]",
            "finish(i0)");
        AssertOptimizes(trace, Lines(
            "[i0, i1]",
            "guard_value(i0, 5) [i1]",
            "i2 = int_lt(i1, 3)",
            "guard_true(i2) [i1] {5, i1}",
            "finish(5)"), Guards | OptimizerPasses.Fold);
        AssertSameBehaviour(trace, Guards | OptimizerPasses.Fold, IntInputs(2, 5, 1, 4));
    }

    [Test]
    public void Objects_just_allocated_need_no_null_or_class_guard()
    {
        AssertOptimizes(Lines(
            "[i0]",
            "p1 = new(descr=Node)",
            "guard_nonnull_class(p1, ConstClass(Node)) [i0]",
            "p2 = new_array(i0, descr=IntArray)",
            "guard_nonnull(p2) [i0]",
            "finish(p1, p2)"), Lines(
            "[i0]",
            "p1 = new(descr=Node)",
            "p2 = new_array(i0, descr=IntArray)",
            "finish(p1, p2)"), Guards);
    }

    [Test]
    public void A_label_operand_fixed_by_guard_value_is_copied_into_a_variable_and_knowledge_ends_at_the_label()
    {
        string trace = Lines(
            "[i0, p1]",
            "guard_value(i0, 3) []",
            "guard_class(p1, ConstClass(Node)) []",
            "label(i0, p1, descr=Loop)",
            "guard_class(p1, ConstClass(Node)) [i0]",
            "i2 = int_sub(i0, 1)",
            "guard_true(i2) [i2]",
            "jump(i2, p1, descr=Loop)");
        AssertOptimizes(trace, Lines(
            "[i0, p1]",
            "guard_value(i0, 3) []",
            "guard_class(p1, ConstClass(Node)) []",
            "i2 = same_as_i(3)",
            "label(i2, p1, descr=Loop)",
            "guard_class(p1, ConstClass(Node)) [i2]",
            "i3 = int_sub(i2, 1)",
            "guard_true(i3) [i3]",
            "jump(i3, p1, descr=Loop)"), Guards);
        AssertSameBehaviour(trace, Guards, w => [Int(3), Ref(w.TheNode)], w => [Int(2), Ref(w.TheNode)]);
    }

    [Test]
    public void Optimizing_leaves_the_input_trace_as_it_was_and_can_be_repeated()
    {
        var world = NewWorld();
        var original = world.Parse(NonnullThenClass.Replace("guard_nonnull(p0) [i2]", "guard_value(i1, 3) [i2, p0]"));
        string before = TracePrinter.Print(original, world.Registry);
        string first = TracePrinter.Print(Optimizer.Optimize(original), world.Registry);
        Assert.That(TracePrinter.Print(original, world.Registry), Is.EqualTo(before));
        Assert.That(TracePrinter.Print(Optimizer.Optimize(original), world.Registry), Is.EqualTo(first));
    }
}
