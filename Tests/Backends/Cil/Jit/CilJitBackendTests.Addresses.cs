// Item addresses computed at a loop's entry (LoopMethodEmitter.Addresses.cs): a body reading and writing items at
// an array and index its jump passes back unchanged uses them instead of bounds-checked accesses, an item out of
// bounds on entry (which a guard keeps the body from reaching) does not throw, and a label another trace jumps to
// (with another index) keeps its checked accesses.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Support;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed partial class CilJitBackendTests
{
    private static List<OpCode> OpcodesOf(CompiledLoop loop) => IlScanner.Decode(IlBytesOf(loop.Current.Code));

    /// <summary>Counts down p0[i1] and up p0[i1 + 1] and p0[2] (also an Int32Array's item 0) until p0[i1] is 0.</summary>
    private static string CountingDown => Lines(
        "[p0, i1, p2]",
        "label(p0, i1, p2, descr=Loop0)",
        "i3 = int_add(i1, 1)",
        "label(p0, i1, p2, i3, descr=Loop0Peeled)",
        "i4 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
        "i5 = int_sub(i4, 1)",
        "setarrayitem_gc(p0, i1, i5, descr=IntArray)",
        "i6 = getarrayitem_gc_i(p0, i3, descr=IntArray)",
        "i7 = int_add(i6, 1)",
        "setarrayitem_gc(p0, i3, i7, descr=IntArray)",
        "i8 = getarrayitem_gc_i(p0, 2, descr=IntArray)",
        "i9 = int_add(i8, i5)",
        "setarrayitem_gc(p0, 2, i9, descr=IntArray)",
        "i10 = getarrayitem_gc_i(p2, 0, descr=Int32Array)",
        "i11 = int_add(i10, 3)",
        "setarrayitem_gc(p2, 0, i11, descr=Int32Array)",
        "i12 = int_ne(i5, 0)",
        "guard_true(i12) [p0, i1, p2]",
        "jump(p0, i1, p2, i3, descr=Loop0Peeled)");

    [Test]
    public void A_loop_reaches_items_at_unchanged_indices_through_addresses_computed_at_its_entry()
    {
        var set = TraceSet.Loop(CountingDown, _ => [Ref(new long[] { 5, 1, 0, 9 }), Int(0), Ref(new int[] { 100 })]);
        BackendHarness.AssertAgree(set, "items through addresses");
        var code = OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0]));
        // every read and write of the body, 3 of each in the long array and 1 in the int array, through an address
        Assert.That(code.Count(op => op == OpCodes.Ldind_I8), Is.EqualTo(3));
        Assert.That(code.Count(op => op == OpCodes.Stind_I8), Is.EqualTo(3));
        Assert.That(code.Count(op => op == OpCodes.Ldind_I4) + code.Count(op => op == OpCodes.Stind_I4), Is.EqualTo(2));
        Assert.That(code.Count(op => op == OpCodes.Ldelem_I4) + code.Count(op => op == OpCodes.Stelem_I4), Is.Zero, "the int array is not reached otherwise");
    }

    [Test]
    public void An_item_out_of_bounds_at_the_entry_of_a_loop_a_guard_leaves_first_does_not_throw()
    {
        // i1 is 7, outside the array: the guard on i2 leaves before the body's first access, as in the interpreter
        var set = TraceSet.Loop(Lines(
            "[p0, i1, i2]",
            "label(p0, i1, i2, descr=Loop0)",
            "i3 = int_lt(i2, 3)",
            "guard_true(i3) [p0, i1, i2]",
            "i4 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i5 = int_add(i4, 1)",
            "setarrayitem_gc(p0, i1, i5, descr=IntArray)",
            "i6 = int_add(i2, 1)",
            "jump(p0, i1, i6, descr=Loop0)"), _ => [Ref(new long[] { 1, 2 }), Int(7), Int(5)]);
        var run = BackendHarness.AssertAgree(set, "an item out of bounds, never reached");
        Assert.That(run.ExitKind, Is.EqualTo(JitExitKind.GuardFailed));
        Assert.That(OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0])), Has.Member(OpCodes.Ldind_I8), "the item is reached through its address");
    }

    [Test]
    public void A_label_a_bridge_jumps_to_with_another_index_keeps_its_checked_accesses()
    {
        // the bridge enters the loop body with i1 + 1: an address computed for the old index would hit the wrong item
        var set = new TraceSet(
            [Lines(
                "[p0, i1, i2]",
                "label(p0, i1, i2, descr=Loop0)",
                "label(p0, i1, i2, descr=Loop0Peeled)",
                "i3 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
                "i4 = int_add(i3, 10)",
                "setarrayitem_gc(p0, i1, i4, descr=IntArray)",
                "i5 = int_sub(i2, 1)",
                "i6 = int_and(i5, 3)",
                "guard_true(i6) [p0, i1, i5]",
                "i7 = int_gt(i5, 0)",
                "guard_true(i7) [p0, i1, i5]",
                "jump(p0, i1, i5, descr=Loop0Peeled)")],
            [new BridgeText(0, 0, Lines(
                "[p0, i1, i2]",
                "i3 = int_add(i1, 1)",
                "i4 = int_lt(i3, 4)",
                "guard_true(i4) [p0, i3, i2]",
                "jump(p0, i3, i2, descr=Loop0Peeled)"))],
            _ => [Ref(new long[] { 0, 0, 0, 0 }), Int(0), Int(13)]);
        BackendHarness.AssertAgree(set, "a bridge entering a loop body at another index");
        var traces = BackendHarness.Parse(set);
        var backend = new CilJitBackend();
        var loop = backend.CompileLoop(traces[0]);
        // an address computed at the entry calls Unsafe.NullRef for the out-of-bounds case; nothing else here calls
        Assert.That(OpcodesOf(loop), Has.Member(OpCodes.Call), "alone, the loop's body uses an address computed at its entry");
        backend.AttachBridge(loop, (FailDescr)traces[0].Descriptors.ToArray().First(d => d is FailDescr), traces[1]);
        Assert.That(OpcodesOf(loop), Has.No.Member(OpCodes.Call), "with the bridge in its method, it does not");
    }

    [Test]
    public void An_item_read_and_written_in_one_stretch_is_bounds_checked_once()
    {
        // a bridge-like trace (no label): p0[i1] read, written, read again, written again; p0[i2] once
        var set = TraceSet.Loop(Lines(
            "[p0, i1, i2]",
            "i3 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i4 = int_add(i3, 5)",
            "setarrayitem_gc(p0, i1, i4, descr=IntArray)",
            "i5 = int_lt(i4, 100)",
            "guard_true(i5) [p0, i1, i4]",
            "i6 = getarrayitem_gc_i(p0, i1, descr=IntArray)",
            "i7 = int_mul(i6, 2)",
            "setarrayitem_gc(p0, i1, i7, descr=IntArray)",
            "i8 = getarrayitem_gc_i(p0, i2, descr=IntArray)",
            "finish(i7, i8)"), _ => [Ref(new long[] { 1, 2, 3 }), Int(1), Int(2)]);
        BackendHarness.AssertAgree(set, "an item reached four times");
        var code = OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0]));
        Assert.That((code.Count(op => op == OpCodes.Ldind_I8), code.Count(op => op == OpCodes.Stind_I8)), Is.EqualTo((2, 2)),
            "p0[i1]'s four accesses through the address its first access took");
        Assert.That(code.Count(op => op == OpCodes.Ldelem_I8), Is.EqualTo(1 + 2), "p0[i2] read as before; the two int inputs from the frame");
    }
}
