// Dead code removal: unused pure ops, reads and allocations go (also chains of them), while guards, writes,
// calls and overflow ops stay whatever their results.
using ClrPy.Runtime.Jit.Optimize;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class DeadCodePassTests
{
    [Test]
    public void Unused_pure_ops_reads_and_allocations_go_but_effects_stay()
    {
        string trace = Lines(
            "[i0, p1]",
            "i2 = int_add(i0, 1)",
            "i3 = int_mul(i2, 2)",
            "i4 = getfield_gc_i(p1, descr=Node.value)",
            "p5 = new(descr=Node)",
            "i6 = int_add_ovf(i0, 1)",
            "guard_no_overflow() [i0]",
            "i7 = call_i(i0, i0, descr=max)",
            "i8 = int_sub(i0, 1)",
            "guard_true(i8) [i4]",
            "setfield_gc(p1, i0, descr=Node.value)",
            "finish(i0)");
        AssertOptimizes(trace, Lines(
            "[i0, p1]",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_add_ovf(i0, 1)",
            "guard_no_overflow() [i0]",
            "i4 = call_i(i0, i0, descr=max)",
            "i5 = int_sub(i0, 1)",
            "guard_true(i5) [i2]",
            "setfield_gc(p1, i0, descr=Node.value)",
            "finish(i0)"), OptimizerPasses.DeadCode);
        AssertSameBehaviour(trace, OptimizerPasses.DeadCode, w => [Int(1), Ref(new ClrPy.Tests.Runtime.Jit.Trace.Node())],
            w => [Int(0), Ref(w.TheNode)]);
    }

    [Test]
    public void Values_carried_around_a_loop_stay_alive()
    {
        string trace = Lines(
            "[i0, i1]",
            "label(i0, i1, descr=Loop)",
            "i2 = int_add(i1, 1)",
            "i3 = int_sub(i0, 1)",
            "guard_true(i3) [i0]",
            "jump(i3, i2, descr=Loop)");
        Assert.That(OptimizeToText(trace, OptimizerPasses.DeadCode), Is.EqualTo(trace));
    }
}
