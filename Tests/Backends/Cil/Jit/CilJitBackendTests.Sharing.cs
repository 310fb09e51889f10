// What the traces of one method share (LoopMethodEmitter.cs): locals for values that do not outlive their stretch of
// trace, so a guard's values go into its bridge's inputs all at once even when the two use the same locals in
// another order; and one exit's code for guards storing the same locals, each guard still leaving as itself.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed partial class CilJitBackendTests
{
    /// <summary>The locals a method declares, read from its ILGenerator.</summary>
    private static int LocalCountOf(JitLoopCode code) => (int)GeneratorField(code, "m_localCount");

    /// <summary>A loop counting i0 up to 10 and i1 down; its guard passes its inputs swapped to a bridge that finishes.</summary>
    private static TraceSet SwappingBridge(long start) => new(
        [Lines(
            "[i0, i1]",
            "label(i0, i1, descr=Loop0)",
            "i2 = int_add(i0, 1)",
            "i3 = int_sub(i1, 1)",
            "i4 = int_lt(i2, 10)",
            "guard_true(i4) [i1, i0]",
            "jump(i2, i3, descr=Loop0)")],
        [new BridgeText(0, 0, Lines(
            "[i0, i1]",
            "i2 = int_mul(i0, 100)",
            "i3 = int_add(i2, i1)",
            "finish(i3, i0, i1)"))],
        _ => [Int(start), Int(50)]);

    [Test]
    public void A_bridge_taking_its_guards_values_in_another_order_gets_each_of_them()
    {
        // the bridge's inputs and the loop's values share locals: storing the inputs one at a time would overwrite
        // the second value before it is read
        foreach (long start in new long[] { 0, 7, 12 })
            BackendHarness.AssertAgree(SwappingBridge(start), $"swapped fail arguments from {start}");
    }

    [Test]
    public void Traces_of_one_method_share_the_locals_of_values_that_end_in_their_stretch()
    {
        var traces = BackendHarness.Parse(SwappingBridge(0));
        var backend = new CilJitBackend();
        var alone = backend.CompileLoop(traces[0]);
        int loopLocals = LocalCountOf(alone.Current.Code);
        var bridgeAlone = backend.CompileLoop(traces[1]);
        int bridgeLocals = LocalCountOf(bridgeAlone.Current.Code);
        backend.AttachBridge(alone, (FailDescr)traces[0].Descriptors.ToArray().First(d => d is FailDescr), traces[1]);
        // each method has the pending exception and the overflow flag; the bridge's values fit in the loop's locals
        Assert.That(LocalCountOf(alone.Current.Code), Is.LessThan(loopLocals + bridgeLocals - 2));
        Assert.That(LocalCountOf(alone.Current.Code), Is.LessThanOrEqualTo(loopLocals + 1));
    }

    /// <summary>Three guards leaving with the same values (i0, i1), a fourth with others.</summary>
    private static TraceSet ThreeGuardsOneExit(long start, long sum = 0) => TraceSet.Loop(Lines(
        "[i0, i1]",
        "label(i0, i1, descr=Loop0)",
        "i2 = int_add(i0, 1)",
        "i3 = int_ne(i2, 5)",
        "guard_true(i3) [i2, i1]",
        "i4 = int_ne(i2, 9)",
        "guard_true(i4) [i2, i1]",
        "i5 = int_add(i1, i2)",
        "i6 = int_lt(i5, 1000)",
        "guard_true(i6) [i2, i1]",
        "i7 = int_ne(i2, 30)",
        "guard_true(i7) [i5, i2, i1]",
        "jump(i2, i5, descr=Loop0)"), _ => [Int(start), Int(sum)]);

    [Test]
    public void Guards_leaving_with_the_same_values_share_one_exit_and_each_leaves_as_itself()
    {
        // from 0 the first guard fails (i2 = 5), from 6 the second (9), from 10 with a sum of 990 the third (the sum
        // passes 1000), from 25 the fourth (30)
        var exits = new List<string>();
        foreach (var (start, sum) in new (long, long)[] { (0, 0), (6, 0), (10, 990), (25, 0) })
            exits.Add(BackendHarness.AssertAgree(ThreeGuardsOneExit(start, sum), $"from {start}").Text.Split('\n')[0]);
        Assert.That(exits.Distinct().Count(), Is.EqualTo(4), string.Join("; ", exits));
        var code = OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(ThreeGuardsOneExit(0))[0]));
        // the shared exit stores 2 ints once, the fourth guard's 3: not 2 for each of the three
        Assert.That(code.Count(op => op == OpCodes.Stelem_I8), Is.EqualTo(2 + 3));
        Assert.That(code.Count(op => op == OpCodes.Ret), Is.EqualTo(2 + 1), "the shared exit, the fourth guard's, the warm-up entry's");
    }
}
