// Item accesses the optimizer proved in bounds (TraceOpFlags.InBounds, InBoundsPass) reach the item through the
// array's data without the CLR's bounds check: the same results as the interpreter, no ldelem/stelem/ldelema left for them.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Managed;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed partial class CilJitBackendTests
{
    /// <summary>Adds p0[i1] to p0[i1 + 2] (read twice), then p0[i1] = p0[i1] * 10, on an RList&lt;long&gt;'s items.</summary>
    private static string ListUpdate(string marker) => Lines(
        "[p0, i1]",
        "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
        "i3 = uint_lt(i1, i2)",
        "guard_true(i3) [p0, i1]",
        "i4 = int_add(i1, 2)",
        "i5 = uint_lt(i4, i2)",
        "guard_true(i5) [p0, i1]",
        "p6 = getfield_gc_r(p0, descr=list<int64>.items)",
        $"i7 = getarrayitem_gc_i(p6, i1, descr=list<int64>[]){marker}",
        $"i8 = getarrayitem_gc_i(p6, i4, descr=list<int64>[]){marker}",
        "i9 = int_add(i8, i7)",
        $"setarrayitem_gc(p6, i4, i9, descr=list<int64>[]){marker}",
        "i10 = int_mul(i7, 10)",
        $"setarrayitem_gc(p6, i1, i10, descr=list<int64>[]){marker}",
        "finish(i9)");

    private static TraceSet ListUpdateSet(string marker) => TraceSet.Loop(ListUpdate(marker), _ =>
        [Ref(new RList<long>([1, 2, 3, 4, 5])), Int(1)]);

    /// <summary>The CLR's checked array accesses of a compiled trace (its exits' frame stores and its entry's loads
    /// have some too).</summary>
    private static int CheckedAccessesOf(TraceSet set) => OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(set)[0]))
        .Count(op => op == OpCodes.Ldelem_I8 || op == OpCodes.Stelem_I8 || op == OpCodes.Ldelema);

    [Test]
    public void Accesses_proved_in_bounds_skip_the_clrs_bounds_check_and_agree_with_the_interpreter()
    {
        var run = BackendHarness.AssertAgree(ListUpdateSet(" inbounds"), "in-bounds accesses");
        Assert.That(run.ExitKind, Is.EqualTo(JitExitKind.Finished));
        BackendHarness.AssertAgree(ListUpdateSet(""), "checked accesses");
        // each item is read and then written: unproved, its first access takes its address with ldelema; proved,
        // without a check; both then read and write through the address
        Assert.That(CheckedAccessesOf(ListUpdateSet(" inbounds")), Is.EqualTo(CheckedAccessesOf(ListUpdateSet("")) - 2));
        foreach (string marker in new[] { "", " inbounds" })
        {
            var code = OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(ListUpdateSet(marker))[0]));
            Assert.That(code.Count(op => op == OpCodes.Ldind_I8) + code.Count(op => op == OpCodes.Stind_I8), Is.EqualTo(4), marker);
        }
    }

    [Test]
    public void A_lone_access_proved_in_bounds_reads_through_an_address_without_the_check()
    {
        string read = Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = uint_lt(i1, i2)",
            "guard_true(i3) [p0, i1]",
            "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[]){0}",
            "finish(i5)");
        TraceSet Set(string marker) => TraceSet.Loop(string.Format(read, marker), _ => [Ref(new RList<long>([4, 5, 6])), Int(2)]);
        Assert.That(BackendHarness.AssertAgree(Set(" inbounds"), "a lone in-bounds read").ExitKind, Is.EqualTo(JitExitKind.Finished));
        Assert.That(CheckedAccessesOf(Set(" inbounds")), Is.EqualTo(CheckedAccessesOf(Set("")) - 1));
        Assert.That(OpcodesOf(new CilJitBackend().CompileLoop(BackendHarness.Parse(Set(" inbounds"))[0])), Has.Member(OpCodes.Ldind_I8));
    }

    [Test]
    public void A_guard_below_the_count_leaves_before_an_in_bounds_access_past_the_end()
    {
        // i1 + 2 is past the end: the guard leaves, as in the interpreter, and nothing is read or written
        var list = new RList<long>([1, 2, 3]);
        var set = TraceSet.Loop(ListUpdate(" inbounds"), _ => [Ref(list), Int(1)]);
        var run = BackendHarness.AssertAgree(set, "in-bounds accesses behind a failing guard");
        Assert.That(run.ExitKind, Is.EqualTo(JitExitKind.GuardFailed));
    }
}
