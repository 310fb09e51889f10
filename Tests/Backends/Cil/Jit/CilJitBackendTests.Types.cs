// Typed locals (LoopMethodEmitter.Types.cs): refs from ops whose CLR type is known are used without a cast, an
// object-typed value is cast once per label, and a place reached by values of different classes gets their
// common base (a cast to one of them would throw).
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed partial class CilJitBackendTests
{
    private static int CastsIn(CompiledLoop loop) => OpcodesOf(loop).Count(op => op == OpCodes.Castclass);

    [Test]
    public void Refs_read_from_typed_fields_and_arrays_are_used_without_a_cast_and_an_input_is_cast_once()
    {
        // p0 (an input, an object) is used as a Cell three times: one cast. p2 comes from Cell.Node (a Node) and
        // p6 from a Node array: used as such with no cast at all.
        var set = TraceSet.Loop(Lines(
            "[p0, i1]",
            "label(p0, i1, descr=Loop0)",
            "p2 = getfield_gc_r(p0, descr=Cell.Node)",
            "i3 = getfield_gc_i(p2, descr=Node.Value)",
            "i4 = getfield_gc_i(p0, descr=Cell.Small)",
            "p5 = new_array(2, descr=NodeArray)",
            "setarrayitem_gc(p5, 1, p2, descr=NodeArray)",
            "p6 = getarrayitem_gc_r(p5, 1, descr=NodeArray)",
            "i7 = getfield_gc_i(p6, descr=Node.Value)",
            "i8 = int_add(i1, i3)",
            "i9 = int_add(i8, i7)",
            "i10 = int_add(i9, i4)",
            "setfield_gc(p0, i10, descr=Cell.Small)",
            "i11 = int_lt(i10, 1000)",
            "guard_true(i11) [p0, i10]",
            "jump(p0, i10, descr=Loop0)"),
            _ => [Ref(new Cell { Node = new Node { Value = 3 }, Small = 1 }), Int(0)]);
        BackendHarness.AssertAgree(set, "typed refs");
        var loop = new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0]);
        Assert.That(CastsIn(loop), Is.EqualTo(1), "one castclass: p0 to Cell, once after the label");
    }

    [Test]
    public void A_label_argument_reached_by_a_square_and_by_a_circle_is_typed_as_their_base()
    {
        // the label's p1 is a Square on entry and a Circle after each iteration: a local typed Square would fail
        var set = TraceSet.Loop(Lines(
            "[i0]",
            "label(i0, descr=Loop0)",
            "p1 = new(descr=Square)",
            "setfield_gc(p1, i0, descr=Shape.Size)",
            "label(i0, p1, descr=Loop0Peeled)",
            "i2 = getfield_gc_i(p1, descr=Shape.Size)",
            "i3 = int_add(i2, 1)",
            "p4 = new(descr=Circle)",
            "setfield_gc(p4, i3, descr=Shape.Size)",
            "i5 = int_lt(i3, 10)",
            "guard_true(i5) [i3, p4]",
            "jump(i3, p4, descr=Loop0Peeled)"),
            _ => [Int(0)]);
        var run = BackendHarness.AssertAgree(set, "two classes at one label");
        Assert.That(run.ExitKind, Is.EqualTo(JitExitKind.GuardFailed));
        var loop = new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0]);
        Assert.That(CastsIn(loop), Is.EqualTo(1), "one castclass, where the engine enters at the peeled label (p1 from the frame): Shape.Size is read from the label's Shape without one");
    }

    [Test]
    public void A_bridge_takes_its_guards_typed_values_and_a_jump_from_it_joins_the_label_types()
    {
        // the bridge gets p2 (a Node, from Cell.Node) as its input and jumps back to the peeled label with a Circle
        // where the loop passes a Square
        var set = new TraceSet(
            [Lines(
                "[p0, i1]",
                "label(p0, i1, descr=Loop0)",
                "p2 = getfield_gc_r(p0, descr=Cell.Node)",
                "p3 = new(descr=Square)",
                "label(p0, i1, p2, p3, descr=Loop0Peeled)",
                "i4 = getfield_gc_i(p2, descr=Node.Value)",
                "i5 = int_add(i1, i4)",
                "setfield_gc(p3, i5, descr=Shape.Size)",
                "i6 = int_and(i5, 7)",
                "guard_true(i6) [p0, i5, p2, p3]",
                "i7 = int_lt(i5, 500)",
                "guard_true(i7) [p0, i5, p3]",
                "p8 = new(descr=Square)",
                "jump(p0, i5, p2, p8, descr=Loop0Peeled)")],
            [new BridgeText(0, 0, Lines(
                "[p0, i1, p2, p3]",
                "i4 = getfield_gc_i(p2, descr=Node.Value)",
                "i5 = int_add(i1, i4)",
                "i6 = getfield_gc_i(p3, descr=Shape.Size)",
                "i7 = int_add(i5, i6)",
                "p8 = new(descr=Circle)",
                "jump(p0, i7, p2, p8, descr=Loop0Peeled)"))],
            _ => [Ref(new Cell { Node = new Node { Value = 3 } }), Int(1)]);
        BackendHarness.AssertAgree(set, "a bridge with typed inputs");
    }
}
