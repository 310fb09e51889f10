// Resume layouts: their text form after a guard's fail arguments parses back, and ResumeMaterializer rebuilds
// the original fail arguments from the saved ones (constants, virtual objects pointing at each other, arrays,
// pending writes of fields and items replayed on real objects). Layouts built apart compare equal when they
// describe the same values (frameless portal calls share a callee's entry by it).
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Resume;

public sealed class ResumeMaterializerTests
{
    private static readonly string GuardWithVirtuals = Lines(
        "[i0, p1]",
        "guard_true(i0) [i0, p1] {i0, v0, 7, v1; v0=new(Node) Node.value=i0 Node.next=v0; v1=new_array(RefArray) [v0, p1, ConstPtr(null)]; setfield(p1, 99, descr=Node.value); setarrayitem(v1, 2, v0, descr=RefArray)}",
        "finish(i0)");

    [Test]
    public void A_layout_prints_back_as_it_was_written()
    {
        var world = new TraceTestWorld();
        Assert.That(TracePrinter.Print(world.Parse(GuardWithVirtuals), world.Registry), Is.EqualTo(GuardWithVirtuals));
    }

    [Test]
    public void Materializing_allocates_the_virtuals_links_their_cycle_and_replays_the_pending_writes()
    {
        var world = new TraceTestWorld();
        var trace = world.Parse(GuardWithVirtuals);
        var real = new Node { Value = 1 };
        var outcome = new TraceInterpreter(trace).Run(Int(0), Ref(real));
        Assert.That(outcome.Exit, Is.EqualTo(TraceExit.GuardFailed));

        var values = ResumeMaterializer.Materialize(outcome.Guard!, outcome.Values);
        Assert.That(values, Has.Length.EqualTo(4));
        Assert.That(values[0].AsInt, Is.EqualTo(0));
        var node = (Node)values[1].Ref!;
        Assert.That(node.Value, Is.EqualTo(0));
        Assert.That(node.Next, Is.SameAs(node));
        Assert.That(values[2].AsInt, Is.EqualTo(7));
        var array = (object?[])values[3].Ref!;
        Assert.That(array, Is.EqualTo(new object?[] { node, real, node }));
        Assert.That(real.Value, Is.EqualTo(99));
    }

    [Test]
    public void Without_a_layout_the_saved_values_are_the_fail_arguments()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(Lines("[i0, i1]", "guard_true(i0) [i1, i0]", "finish()"), Int(0), Int(5));
        Assert.That(outcome.Guard!.Layout, Is.Null);
        Assert.That(ResumeMaterializer.Materialize(outcome.Guard, outcome.Values), Is.EqualTo(new[] { Int(5), Int(0) }));
    }

    [TestCase("guard_true(i0) [i0] {i0; v1=new(Node)}", 26, "expected v0=new(...), v0=new_array(...), setfield(...) or setarrayitem(...)")]
    [TestCase("guard_true(i0) [i0] {i0, v3}", 26, "v3 is not described in this layout")]
    [TestCase("guard_true(i0) [i0] {p1}", 22, "p1 is not one of the guard's fail arguments")]
    [TestCase("guard_true(i0) [i0] {v0; v0=new(Nowhere)}", 33, "unknown class 'Nowhere'")]
    [TestCase("guard_true(i0) [i0] {v0; v0=new(Node) Node.colour=1}", 39, "unknown field 'Node.colour'")]
    [TestCase("guard_true(i0) [i0, p1] {i0; setarrayitem(p1, 0, i0, descr=Node.value)}", 54, "unknown array descriptor 'Node.value'")]
    [TestCase("guard_true(i0) [i0, p1] {i0; setfield(p1, i0, descr=IntArray)}", 47, "unknown field 'IntArray'")]
    public void A_bad_layout_is_reported_at_its_column(string guard, int column, string reason)
    {
        var error = Assert.Throws<TraceParseException>(() => new TraceTestWorld().Parse(Lines("[i0, p1]", guard, "finish()")))!;
        Assert.That((error.Line, error.Column, error.Reason), Is.EqualTo((2, column, reason)));
    }

    /// <summary>A callee's frame as a frameless call describes it: saved value 0, a virtual Node (value saved 1, next
    /// the named node), the constant 7; <paramref name="differing"/> names the one thing made different.</summary>
    private static ResumeLayout FrameLayout(TraceTestWorld world, string differing = "") => new(
        [ResumeEntry.Saved(differing == "slot" ? 1 : 0), new ResumeEntry(ResumeEntryKind.Virtual, 0), new ResumeEntry(ResumeEntryKind.Constant, 0)],
        [new ResumeVirtual(differing == "class" ? world.LeafClass : world.NodeClass,
            [differing == "field" ? world.NodeWeight : world.NodeValue, world.NodeNext],
            [ResumeEntry.Saved(differing == "field value" ? 0 : 1), new ResumeEntry(ResumeEntryKind.Constant, 1)])],
        [Int(differing == "constant" ? 8 : 7), Ref(differing == "constant object" ? new Node { Value = 42, Weight = 0.25 } : world.TheNode)],
        [ValueKind.Int, ValueKind.Ref],
        differing == "write" ? [ResumePendingWrite.ToField(new ResumeEntry(ResumeEntryKind.Constant, 1), world.NodeValue, ResumeEntry.Saved(1))] : []);

    [Test]
    public void Layouts_built_apart_describing_the_same_values_are_the_same()
    {
        var world = new TraceTestWorld();
        Assert.That(FrameLayout(world).SameAs(FrameLayout(world)), Is.True);
    }

    [TestCase("slot")]
    [TestCase("constant")]
    [TestCase("constant object")]
    [TestCase("class")]
    [TestCase("field")]
    [TestCase("field value")]
    [TestCase("write")]
    public void Layouts_differing_in_one_part_are_not_the_same(string differing)
    {
        var world = new TraceTestWorld();
        Assert.That(FrameLayout(world).SameAs(FrameLayout(world, differing)), Is.False);
        Assert.That(FrameLayout(world, differing).SameAs(FrameLayout(world)), Is.False);
    }

    [Test]
    public void Materializing_a_layout_alone_builds_its_slots_values_from_the_saved_ones()
    {
        var world = new TraceTestWorld();
        var values = ResumeMaterializer.Materialize(FrameLayout(world), [Int(3), Int(5)]);
        Assert.That(values, Has.Length.EqualTo(3));
        Assert.That(values[0].AsInt, Is.EqualTo(3));
        var frame = (Node)values[1].Ref!;
        Assert.That((frame.Value, frame.Next), Is.EqualTo((5L, world.TheNode)));
        Assert.That(values[2].AsInt, Is.EqualTo(7));
    }
}
