// Virtualizable frame fields: read once, kept as values, written back before calls that may write, at the end
// of the trace and, when a guard fails, by the materializer replaying the guard's pending writes.
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
}
