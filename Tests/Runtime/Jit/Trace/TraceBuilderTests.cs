// The trace builder: value numbering (inputs, results, negative constants), interning of constants and
// descriptors, the checks against the opcode table, reuse after Clear, and recording without allocating.
using ClrPy.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Trace;

public sealed class TraceBuilderTests
{
    [Test]
    public void Inputs_come_first_then_results_and_constants_are_negative()
    {
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        int p1 = builder.Input(ValueKind.Ref);
        int one = builder.ConstInt(1);
        int i2 = builder.Op(TraceOpcode.IntAdd, i0, one);
        int none = builder.Guard(TraceOpcode.GuardTrue, [i2], [i0, p1]);
        var trace = builder.Build();

        Assert.That((i0, p1, i2), Is.EqualTo((0, 1, 2)));
        Assert.That(TraceValues.IsConstant(one), Is.True);
        Assert.That(none, Is.EqualTo(TraceValues.None));
        Assert.That((trace.InputCount, trace.VariableCount, trace.ConstantCount), Is.EqualTo((2, 3, 1)));
        Assert.That((trace.KindOf(i0), trace.KindOf(p1), trace.KindOf(one)), Is.EqualTo((ValueKind.Int, ValueKind.Ref, ValueKind.Int)));
        Assert.That(trace.FailArgsOf(in trace[1]).ToArray(), Is.EqualTo(new[] { i0, p1 }));
        Assert.That(TracePrinter.Print(trace), Is.EqualTo(Lines("[i0, p1]", "i2 = int_add(i0, 1)", "guard_true(i2) [i0, p1]")));
    }

    [Test]
    public void Constants_are_interned_by_value_and_floats_by_bit_pattern()
    {
        var builder = new TraceBuilder();
        var node = new Node();
        Assert.That(builder.ConstInt(5), Is.EqualTo(builder.ConstInt(5)));
        Assert.That(builder.ConstFloat(0.0), Is.Not.EqualTo(builder.ConstFloat(-0.0)));
        Assert.That(builder.ConstFloat(double.NaN), Is.EqualTo(builder.ConstFloat(double.NaN)));
        Assert.That(builder.ConstRef(null), Is.EqualTo(builder.ConstRef(null)));
        Assert.That(builder.ConstRef(node), Is.EqualTo(builder.ConstRef(node)));
        Assert.That(builder.ConstRef(node), Is.Not.EqualTo(builder.ConstRef(new Node())));
        Assert.That(builder.ConstInt(5), Is.Not.EqualTo(builder.ConstFloat(5.0)));
        Assert.That(builder.Build().ConstantCount, Is.EqualTo(8));
    }

    [Test]
    public void Ops_that_do_not_fit_the_table_are_refused()
    {
        var world = new TraceTestWorld();
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        int f1 = builder.Input(ValueKind.Float);
        Assert.Throws<TraceBuildException>(() => builder.Input(ValueKind.Void));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.FloatAdd, i0, f1));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.IntNeg, i0, i0));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.GetfieldGcI, i0));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.IntAdd, world.NodeValue, i0, i0));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.GuardTrue, i0));
        Assert.Throws<TraceBuildException>(() => builder.Guard(TraceOpcode.IntIsTrue, [i0], []));
        Assert.Throws<TraceBuildException>(() => builder.Guard(TraceOpcode.GuardTrue, [i0], [7]));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.Label, new LoopToken("L"), i0, i0));
        Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.IntAdd, i0, 12345));
        builder.Op(TraceOpcode.FloatAdd, f1, f1);
        var error = Assert.Throws<TraceBuildException>(() => builder.Input(ValueKind.Int))!;
        Assert.That(error.Message, Is.EqualTo("inputs must be added before the first op"));
        Assert.That(builder.OpCount, Is.EqualTo(1));
    }

    [Test]
    public void A_jump_must_pass_what_its_label_takes()
    {
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        int f1 = builder.Input(ValueKind.Float);
        var loop = new LoopToken("Loop0");
        builder.Op(TraceOpcode.Label, loop, i0, f1);
        var error = Assert.Throws<TraceBuildException>(() => builder.Op(TraceOpcode.Jump, loop, f1, i0))!;
        Assert.That(error.Message, Is.EqualTo("jump to Loop0: value 1 (f1) is Float, the label's is Int"));
        builder.Op(TraceOpcode.Jump, loop, builder.ConstInt(3), f1);
        Assert.That(builder.Build().Descriptors.Length, Is.EqualTo(1));
    }

    [Test]
    public void A_built_trace_does_not_change_when_the_builder_records_the_next_one()
    {
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        builder.Op(TraceOpcode.Finish, builder.Op(TraceOpcode.IntMul, i0, builder.ConstInt(3)));
        var first = builder.Build();
        builder.Clear();
        int f0 = builder.Input(ValueKind.Float);
        builder.Op(TraceOpcode.Finish, builder.Op(TraceOpcode.FloatNeg, f0));
        var second = builder.Build();

        Assert.That(TracePrinter.Print(first), Is.EqualTo(Lines("[i0]", "i1 = int_mul(i0, 3)", "finish(i1)")));
        Assert.That(TracePrinter.Print(second), Is.EqualTo(Lines("[f0]", "f1 = float_neg(f0)", "finish(f1)")));
        Assert.That(new TraceInterpreter(first).Run(Int(14)).Values[0].AsInt, Is.EqualTo(42));
    }

    [Test]
    public void Recording_ops_allocates_nothing_once_the_arrays_have_grown()
    {
        var world = new TraceTestWorld();
        var builder = new TraceBuilder();
        long Record()
        {
            builder.Clear();
            int p0 = builder.Input(ValueKind.Ref);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int sum = builder.ConstInt(0);
            for (int i = 0; i < 500; i++)
            {
                int value = builder.Op(TraceOpcode.GetfieldGcI, world.NodeValue, p0);
                sum = builder.Op(TraceOpcode.IntAdd, sum, builder.Op(TraceOpcode.IntMul, value, builder.ConstInt(i % 7)));
                builder.Op(TraceOpcode.SetfieldGc, world.NodeValue, p0, sum);
            }
            builder.Op(TraceOpcode.Finish, sum);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Record();
        Assert.That(Record(), Is.Zero);
        var trace = builder.Build();
        Assert.That(new TraceInterpreter(trace).Run(Ref(new Node { Value = 1 })).Exit, Is.EqualTo(TraceExit.Finished));
    }

    [Test]
    public void The_interpreter_allocates_nothing_per_loop_iteration()
    {
        var interpreter = new TraceInterpreter(new TraceTestWorld().Parse(Lines(
            "[i0, i1, f2]",
            "label(i0, i1, f2, descr=Loop0)",
            "i3 = call_i(i0, i1, descr=max)",
            "f4 = float_add(f2, 0.5)",
            "i5 = int_add(i0, 1)",
            "i6 = int_lt(i5, i1)",
            "guard_true(i6) [i5, f4]",
            "jump(i5, i1, f4, descr=Loop0)")));
        long Allocated(long iterations)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            interpreter.Run(Int(0), Int(iterations), Float(0.0));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(1_000);
        // per iteration, as in the CIL backend's test: one-off runtime bookkeeping on this thread stays far below
        // a byte per iteration, and any allocation per iteration is at least 24 bytes
        const long iterations = 100_000;
        Assert.That(Allocated(iterations) - Allocated(10), Is.LessThan(iterations), "bytes allocated over the run");
    }
}
