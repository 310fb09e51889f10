// Bridges of guards whose fail arguments were optimized: the bridge recorded from the original fail arguments
// is rewritten to start from the saved values, rebuilding the virtuals first; optimizing it removes them again.
// A loop's frameless entry is made the same way from the loop's recorded trace and a layout of its reds; one of a
// loop jumping back to its label keeps the label, and optimized keeps the frame and what it points to virtual.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class BridgeEntryTests
{
    private static readonly string Loop = Lines(
        "[i0, p1]",
        "p2 = new(descr=Node)",
        "setfield_gc(p2, i0, descr=Node.value)",
        "setfield_gc(p2, p1, descr=Node.next)",
        "guard_true(i0) [p2, i0, p1]",
        "finish(p2)");

    private static readonly string Bridge = Lines(
        "[p0, i1, p2]",
        "i3 = getfield_gc_i(p0, descr=Node.value)",
        "p4 = getfield_gc_r(p0, descr=Node.next)",
        "i5 = int_add(i3, 7)",
        "finish(i5, p4, p0)");

    private static (TraceIr Optimized, FailDescr Guard, ValueKind[] SavedKinds) OptimizedLoop(TraceTestWorld world)
    {
        var optimized = Optimizer.Optimize(world.Parse(Loop));
        int guardOp = 0;
        while (!optimized[guardOp].Info.IsGuard)
            guardOp++;
        var failArgs = optimized.FailArgsOf(in optimized[guardOp]);
        var kinds = new ValueKind[failArgs.Length];
        for (int i = 0; i < kinds.Length; i++)
            kinds[i] = optimized.KindOf(failArgs[i]);
        return (optimized, (FailDescr)optimized.DescrOf(in optimized[guardOp])!, kinds);
    }

    [Test]
    public void The_bridge_starts_by_rebuilding_the_virtual_from_the_saved_values()
    {
        var world = NewWorld();
        var (_, guard, savedKinds) = OptimizedLoop(world);
        Assert.That(ResumeMaterializer.OriginalKinds(guard, savedKinds), Is.EqualTo(new[] { ValueKind.Ref, ValueKind.Int, ValueKind.Ref }));
        var entered = BridgeEntry.Prepend(world.Parse(Bridge), guard, savedKinds);
        Assert.That(TracePrinter.Print(entered, world.Registry), Is.EqualTo(Lines(
            "[i0, p1]",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i0, descr=Node.value)",
            "setfield_gc(p2, p1, descr=Node.next)",
            "i3 = getfield_gc_i(p2, descr=Node.value)",
            "p4 = getfield_gc_r(p2, descr=Node.next)",
            "i5 = int_add(i3, 7)",
            "finish(i5, p4, p2)")));
        Assert.That(TracePrinter.Print(Optimizer.Optimize(entered), world.Registry), Is.EqualTo(Lines(
            "[i0, p1]",
            "i2 = int_add(i0, 7)",
            "p3 = new(descr=Node)",
            "setfield_gc(p3, i0, descr=Node.value)",
            "setfield_gc(p3, p1, descr=Node.next)",
            "finish(i2, p1, p3)")));
    }

    [Test]
    public void Running_the_entered_bridge_on_saved_values_equals_running_the_bridge_on_materialized_ones()
    {
        var world = NewWorld();
        var (optimized, guard, savedKinds) = OptimizedLoop(world);
        var failed = new TraceInterpreter(optimized).Run(Int(0), Ref(world.TheNode));
        Assert.That(failed.Guard, Is.SameAs(guard));

        var direct = new TraceInterpreter(world.Parse(Bridge)).Run(ResumeMaterializer.Materialize(guard, failed.Values));
        var entered = Optimizer.Optimize(BridgeEntry.Prepend(world.Parse(Bridge), guard, savedKinds));
        var viaEntry = new TraceInterpreter(entered).Run(failed.Values);
        Assert.That(Describe(viaEntry.Values), Is.EqualTo(Describe(direct.Values)));
    }

    [Test]
    public void A_guard_without_layout_keeps_its_bridge_as_it_is()
    {
        var world = NewWorld();
        var trace = world.Parse(Lines("[i0]", "guard_true(i0) [i0]", "finish()"));
        var bridge = world.Parse(Lines("[i0]", "finish(i0)"));
        Assert.That(BridgeEntry.Prepend(bridge, (FailDescr)trace.DescrOf(in trace[0])!, [ValueKind.Int]), Is.SameAs(bridge));
    }

    /// <summary>A callee's recorded trace from its start: a counter n and its frame, a Node whose value it adds n to.</summary>
    private static readonly string Callee = Lines(
        "[i0, p1]",
        "label(i0, p1, descr=Loop)",
        "i2 = getfield_gc_i(p1, descr=Node.value)",
        "i3 = int_add(i2, i0)",
        "i4 = int_lt(i3, 10)",
        "guard_true(i4) [i0, p1]",
        "setfield_gc(p1, i3, descr=Node.value)",
        "finish(i3)");

    /// <summary>The callee's reds as a frameless call describes them: n saved, the frame a virtual Node whose value
    /// is the second saved value.</summary>
    private static ResumeLayout FrameReds(TraceTestWorld world) => new(
        [ResumeEntry.Saved(0), new ResumeEntry(ResumeEntryKind.Virtual, 0)],
        [new ResumeVirtual(world.NodeClass, [world.NodeValue], [ResumeEntry.Saved(1)])], [], [], []);

    [Test]
    public void A_frameless_entry_takes_the_saved_values_builds_the_frame_and_goes_on_after_the_label()
    {
        var world = NewWorld();
        var loop = world.Parse(Callee);
        var entry = BridgeEntry.Entry(loop, FrameReds(world), [ValueKind.Int, ValueKind.Int], new LoopToken("Entry"));
        Assert.That(TracePrinter.Print(entry, world.Registry), Is.EqualTo(Lines(
            "[i0, i1]",
            "p2 = new(descr=Node)",
            "setfield_gc(p2, i1, descr=Node.value)",
            "i3 = getfield_gc_i(p2, descr=Node.value)",
            "i4 = int_add(i3, i0)",
            "i5 = int_lt(i4, 10)",
            "guard_true(i5) [i0, p2]",
            "setfield_gc(p2, i4, descr=Node.value)",
            "finish(i4)")));

        var loopGuard = (FailDescr)loop.DescrOf(in loop[4])!;
        var entryGuard = (FailDescr)entry.DescrOf(in entry[5])!;
        Assert.That(entryGuard, Is.Not.SameAs(loopGuard), "the entry shares the loop's guard");
        Assert.That(entryGuard.Original, Is.SameAs(loopGuard));
        Assert.That(entryGuard.Index, Is.EqualTo(loopGuard.Index));
    }

    [Test]
    public void The_optimized_frameless_entry_allocates_no_frame_and_ends_as_the_loop_does_on_the_built_frame()
    {
        foreach (var (n, value) in new[] { (3L, 4L), (3L, 9L) })
        {
            var world = NewWorld();
            var loop = world.Parse(Callee);
            var entry = Optimizer.Optimize(BridgeEntry.Entry(loop, FrameReds(world), [ValueKind.Int, ValueKind.Int], new LoopToken("Entry")));
            Assert.That(TracePrinter.Print(entry, world.Registry), Does.Not.Contain("new(descr=Node)"));
            var viaEntry = new TraceInterpreter(entry).Run(Int(n), Int(value));
            var direct = new TraceInterpreter(loop).Run(Int(n), Ref(new Node { Value = value }));
            Assert.That(viaEntry.Exit, Is.EqualTo(direct.Exit), $"n={n}, value={value}");
            Assert.That(viaEntry.Guard?.Original, Is.SameAs(direct.Guard), $"n={n}, value={value}");
            var values = viaEntry.Guard is null ? viaEntry.Values : ResumeMaterializer.Materialize(viaEntry.Guard, viaEntry.Values);
            Assert.That(Describe(values), Is.EqualTo(Describe(direct.Values)), $"n={n}, value={value}");
        }
    }

    /// <summary>A callee's recorded loop on its frame (p1): adds n to item 0 of the frame's list and counts
    /// iterations in acc, jumping back to its label with the same frame.</summary>
    private static readonly string FrameLoop = Lines(
        "[i0, p1]",
        "label(i0, p1, descr=Loop)",
        "p2 = getfield_gc_r(p1, descr=Frame.stack)",
        "p3 = getfield_gc_r(p2, descr=Cells.items)",
        "i4 = getarrayitem_gc_i(p3, 0, descr=IntArray)",
        "i5 = int_add(i4, i0)",
        "setarrayitem_gc(p3, 0, i5, descr=IntArray)",
        "i6 = getfield_gc_i(p1, descr=Frame.acc)",
        "i7 = int_add(i6, 1)",
        "setfield_gc(p1, i7, descr=Frame.acc)",
        "i8 = int_lt(i5, 20)",
        "guard_true(i8) [i0, p1]",
        "jump(i0, p1, descr=Loop)");

    /// <summary>The frame loop's reds as a frameless call describes them: n saved, the frame virtual (acc saved),
    /// its list virtual, the list's array virtual with its two items saved.</summary>
    private static ResumeLayout NestedFrameReds(TraceTestWorld world) => new(
        [ResumeEntry.Saved(0), new ResumeEntry(ResumeEntryKind.Virtual, 0)],
        [
            new ResumeVirtual(TestFrame.Class, [TestFrame.AccField, TestFrame.StackField], [ResumeEntry.Saved(1), new ResumeEntry(ResumeEntryKind.Virtual, 1)]),
            new ResumeVirtual(TestCells.Class, [TestCells.ItemsField], [new ResumeEntry(ResumeEntryKind.Virtual, 2)]),
            new ResumeVirtual(world.IntArray, [], [ResumeEntry.Saved(2), ResumeEntry.Saved(3)]),
        ], [], [], []);

    private static readonly ValueKind[] NestedFrameSavedKinds = [ValueKind.Int, ValueKind.Int, ValueKind.Int, ValueKind.Int];

    [Test]
    public void A_frameless_entry_of_a_loop_jumping_back_to_its_label_keeps_the_label_under_the_entry_s_token()
    {
        var world = NewWorld();
        var loop = world.Parse(FrameLoop);
        var token = new LoopToken("Entry");
        var entry = BridgeEntry.Entry(loop, NestedFrameReds(world), NestedFrameSavedKinds, token);
        Assert.That(TracePrinter.Print(entry, world.Registry), Is.EqualTo(Lines(
            "[i0, i1, i2, i3]",
            "p4 = new(descr=Frame)",
            "p5 = new(descr=Cells)",
            "p6 = new_array(2, descr=IntArray)",
            "setfield_gc(p4, i1, descr=Frame.acc)",
            "setfield_gc(p4, p5, descr=Frame.stack)",
            "setfield_gc(p5, p6, descr=Cells.items)",
            "setarrayitem_gc(p6, 0, i2, descr=IntArray)",
            "setarrayitem_gc(p6, 1, i3, descr=IntArray)",
            "label(i0, p4, descr=Entry)",
            "p7 = getfield_gc_r(p4, descr=Frame.stack)",
            "p8 = getfield_gc_r(p7, descr=Cells.items)",
            "i9 = getarrayitem_gc_i(p8, 0, descr=IntArray)",
            "i10 = int_add(i9, i0)",
            "setarrayitem_gc(p8, 0, i10, descr=IntArray)",
            "i11 = getfield_gc_i(p4, descr=Frame.acc)",
            "i12 = int_add(i11, 1)",
            "setfield_gc(p4, i12, descr=Frame.acc)",
            "i13 = int_lt(i10, 20)",
            "guard_true(i13) [i0, p4]",
            "jump(i0, p4, descr=Entry)")));
        int labels = 0;
        foreach (ref readonly var op in entry.Ops)
            if (op.Opcode == TraceOpcode.Label)
            {
                labels++;
                Assert.That(entry.DescrOf(in op), Is.SameAs(token), "the label is not the entry's token");
            }
        Assert.That(labels, Is.EqualTo(1));
        Assert.That(entry.DescrOf(in entry[entry.Ops.Length - 1]), Is.SameAs(token), "the jump does not go to the entry's label");
    }

    [Test]
    public void The_optimized_frameless_entry_of_a_loop_allocates_no_frame_list_or_array_and_runs_as_the_loop_on_the_built_frame()
    {
        foreach (var (n, acc, item) in new[] { (5L, 0L, 30L), (5L, 0L, 12L), (3L, 2L, 4L), (1L, 7L, -2L) })
        {
            var world = NewWorld();
            var loop = world.Parse(FrameLoop);
            var entry = Optimizer.Optimize(BridgeEntry.Entry(loop, NestedFrameReds(world), NestedFrameSavedKinds, new LoopToken("Entry")));
            string text = TracePrinter.Print(entry, world.Registry);
            Assert.That(text, Does.Not.Contain("= new(").And.Not.Contain("= new_array("), text);
            Assert.That(text, Does.EndWith("descr=EntryPeeled)\n"), "the optimized entry does not end jumping to its own loop\n" + text);
            var viaEntry = new TraceInterpreter(entry).Run(Int(n), Int(acc), Int(item), Int(-1));
            var frame = new TestFrame { Acc = acc, Stack = new TestCells { Items = [item, -1] } };
            var direct = new TraceInterpreter(loop).Run(Int(n), Ref(frame));
            string inputs = $"n={n}, acc={acc}, item={item}";
            Assert.That(viaEntry.Exit, Is.EqualTo(direct.Exit), inputs);
            Assert.That(viaEntry.Guard?.Original, Is.SameAs(direct.Guard), inputs);
            var values = viaEntry.Guard is null ? viaEntry.Values : ResumeMaterializer.Materialize(viaEntry.Guard, viaEntry.Values);
            Assert.That(Describe(values), Is.EqualTo(Describe(direct.Values)), inputs);
        }
    }

    [Test]
    public void A_frameless_entry_is_made_only_from_a_trace_starting_with_its_label()
    {
        var world = NewWorld();
        var function = world.Parse(Lines("[i0, p1]", "i2 = int_add(i0, 1)", "finish(i2)"));
        Assert.Throws<ArgumentException>(() => BridgeEntry.Entry(function, FrameReds(world), [ValueKind.Int, ValueKind.Int], new LoopToken("Entry")));
    }
}
