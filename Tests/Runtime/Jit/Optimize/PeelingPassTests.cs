// Loop peeling: the first iteration becomes a preamble, the peeled loop leaves out invariant pure ops, reads of
// fields the loop never writes and guards on invariant values, getting their values as extra label arguments.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class PeelingPassTests
{
    private const OptimizerPasses Peeling = OptimizerPasses.Peeling;

    private static readonly string SumOfField = Lines(
        "[i0, p1]",
        "label(i0, p1, descr=Loop)",
        "guard_nonnull_class(p1, ConstClass(Node)) [i0, p1]",
        "i2 = getfield_gc_i(p1, descr=Node.value)",
        "i3 = int_mul(i2, 2)",
        "i4 = int_add(i0, i3)",
        "i5 = int_le(i4, 100)",
        "guard_true(i5) [i4]",
        "jump(i4, p1, descr=Loop)");

    [Test]
    public void Invariant_reads_pure_ops_and_guards_run_once_in_the_preamble()
    {
        AssertOptimizes(SumOfField, Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop)",
            "guard_nonnull_class(p1, ConstClass(Node)) [i0, p1]",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_mul(i2, 2)",
            "i4 = int_add(i0, i3)",
            "i5 = int_le(i4, 100)",
            "guard_true(i5) [i4]",
            "label(i4, p1, i3, descr=LoopPeeled)",
            "i6 = int_add(i4, i3)",
            "i7 = int_le(i6, 100)",
            "guard_true(i7) [i6]",
            "jump(i6, p1, i3, descr=LoopPeeled)"), Peeling);
    }

    [Test]
    public void The_peeled_loop_behaves_like_the_loop_and_its_guards_resume_as_the_recorded_ones()
    {
        AssertSameBehaviour(SumOfField, Peeling, w => [Int(0), Ref(w.TheNode)], w => [Int(99), Ref(w.TheNode)],
            w => [Int(0), Ref(new Leaf())], w => [Int(5), Ref(new Node { Value = 3 })]);
        var world = NewWorld();
        var peeled = Optimizer.Optimize(world.Parse(SumOfField), Peeling);
        var bodyGuard = (FailDescr)peeled.DescrOf(in peeled[10])!;
        var preambleGuard = (FailDescr)peeled.DescrOf(in peeled[6])!;
        Assert.That(bodyGuard, Is.Not.SameAs(preambleGuard));
        Assert.That(bodyGuard.Original, Is.SameAs(preambleGuard));
    }

    [Test]
    public void An_invariant_read_repeated_in_the_body_becomes_one_extra_argument()
    {
        string trace = Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop)",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_add(i0, i2)",
            "i4 = getfield_gc_i(p1, descr=Node.value)",
            "i5 = int_add(i3, i4)",
            "i6 = int_le(i5, 100)",
            "guard_true(i6) [i5]",
            "jump(i5, p1, descr=Loop)");
        AssertOptimizes(trace, Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop)",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_add(i0, i2)",
            "i4 = getfield_gc_i(p1, descr=Node.value)",
            "i5 = int_add(i3, i4)",
            "i6 = int_le(i5, 100)",
            "guard_true(i6) [i5]",
            "label(i5, p1, i2, descr=LoopPeeled)",
            "i7 = int_add(i5, i2)",
            "i8 = int_add(i7, i2)",
            "i9 = int_le(i8, 100)",
            "guard_true(i9) [i8]",
            "jump(i8, p1, i2, descr=LoopPeeled)"), Peeling);
        AssertSameBehaviour(trace, Peeling, w => [Int(0), Ref(w.TheNode)], w => [Int(7), Ref(new Node { Value = 3 })]);
    }

    [Test]
    public void A_field_the_loop_writes_is_read_again_in_every_iteration()
    {
        string trace = Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = int_add(i1, 1)",
            "setfield_gc(p0, i2, descr=Node.value)",
            "i3 = int_lt(i2, 10)",
            "guard_true(i3) [p0]",
            "jump(p0, descr=Loop)");
        AssertOptimizes(trace, Lines(
            "[p0]",
            "label(p0, descr=Loop)",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "i2 = int_add(i1, 1)",
            "setfield_gc(p0, i2, descr=Node.value)",
            "i3 = int_lt(i2, 10)",
            "guard_true(i3) [p0]",
            "label(p0, descr=LoopPeeled)",
            "i4 = getfield_gc_i(p0, descr=Node.value)",
            "i5 = int_add(i4, 1)",
            "setfield_gc(p0, i5, descr=Node.value)",
            "i6 = int_lt(i5, 10)",
            "guard_true(i6) [p0]",
            "jump(p0, descr=LoopPeeled)"), Peeling);
        AssertSameBehaviour(trace, Peeling, w => [Ref(new Node { Value = 2 })]);
    }

    [Test]
    public void A_trace_that_is_not_one_loop_is_left_alone()
    {
        string straight = Lines("[i0]", "i1 = int_add(i0, 1)", "finish(i1)");
        Assert.That(OptimizeToText(straight, Peeling), Is.EqualTo(straight));
    }

    [Test]
    public void Every_pass_together_turns_an_interpreter_loop_into_four_ops_and_keeps_its_meaning()
    {
        string loop = Lines(
            "[p0, p1]",
            "label(p0, p1, descr=Loop)",
            "guard_nonnull(p1) [p0]",
            "i2 = getfield_gc_i(p0, descr=Frame.acc)",
            "guard_class(p1, ConstClass(Node)) [p0, p1]",
            "i3 = getfield_gc_i(p1, descr=Node.value)",
            "p4 = new(descr=Node)",
            "i5 = int_add_ovf(i2, i3)",
            "guard_no_overflow() [p0, p4]",
            "setfield_gc(p4, i5, descr=Node.value)",
            "setfield_gc(p0, i5, descr=Frame.acc)",
            "i6 = getfield_gc_i(p4, descr=Node.value)",
            "i7 = int_and(i6, 1023)",
            "i8 = int_lt(i7, 1024)",
            "guard_true(i8) [p0]",
            "i9 = int_lt(i6, 50)",
            "guard_true(i9) [p0, p4, i6]",
            "jump(p0, p1, descr=Loop)");
        var inputs = new Func<TraceTestWorld, TraceValue[]>[]
        {
            w => [Ref(new TestFrame()), Ref(new Node { Value = 7 })],
            w => [Ref(new TestFrame { Acc = 60 }), Ref(new Node { Value = 1 })],
            w => [Ref(new TestFrame { Acc = long.MaxValue }), Ref(new Node { Value = 1 })],
            w => [Ref(new TestFrame()), Ref(null)],
        };
        AssertSameBehaviour(loop, OptimizerPasses.All, inputs);
        // The loop keeps the frame field in a value (i4/i6), never allocates the node (guards describe it), reads
        // the invariant p1.value once in the preamble, and the mask check is gone.
        AssertOptimizes(loop, Lines(
            "[p0, p1]",
            "label(p0, p1, descr=Loop)",
            "guard_nonnull_class(p1, ConstClass(Node)) [p0]",
            "i2 = getfield_gc_i(p0, descr=Frame.acc)",
            "i3 = getfield_gc_i(p1, descr=Node.value)",
            "i4 = int_add_ovf(i2, i3)",
            "guard_no_overflow() [p0] {p0, v0; v0=new(Node)}",
            "i5 = int_lt(i4, 50)",
            "guard_true(i5) [p0, i4] {p0, v0, i4; v0=new(Node) Node.value=i4; setfield(p0, i4, descr=Frame.acc)}",
            "label(p0, p1, i3, i4, descr=LoopPeeled)",
            "i6 = int_add_ovf(i4, i3)",
            "guard_no_overflow() [p0, i4] {p0, v0; v0=new(Node); setfield(p0, i4, descr=Frame.acc)}",
            "i7 = int_lt(i6, 50)",
            "guard_true(i7) [p0, i6] {p0, v0, i6; v0=new(Node) Node.value=i6; setfield(p0, i6, descr=Frame.acc)}",
            "jump(p0, p1, i3, i6, descr=LoopPeeled)"), OptimizerPasses.All);
    }
}
