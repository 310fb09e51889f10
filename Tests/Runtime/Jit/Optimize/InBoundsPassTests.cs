// InBoundsPass: an RList item access is marked in bounds only when the items array was read after a count the
// index was checked below (directly, or between two checked offsets of its base), with no write of a list's
// fields between count and items, and across a loop's label only for values its jump passes back unchanged.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Jit.Tracing;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class InBoundsPassTests
{
    /// <summary>A world whose registry also knows RList&lt;long&gt;'s descriptors (list&lt;int64&gt;.count, .items, []).</summary>
    internal static TraceTestWorld ListWorld()
    {
        var world = OptimizerTestKit.NewWorld();
        var descrs = new ClrDescrs();
        var list = descrs.List(typeof(RList<long>));
        world.Registry.Add(list.Count).Add(list.Items).Add(list.Array);
        return world;
    }

    private static string Mark(string text)
    {
        var world = ListWorld();
        return TracePrinter.Print(new InBoundsPass().Run(world.Parse(text)), world.Registry);
    }

    /// <summary>The lines of <paramref name="text"/> that the pass marked, without the marker.</summary>
    private static string[] Marked(string text) =>
        [.. Mark(text).Split('\n').Where(line => line.EndsWith(" inbounds", StringComparison.Ordinal)).Select(line => line[..^" inbounds".Length])];

    private static readonly string CheckedRead = Lines(
        "[p0, i1]",
        "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
        "i3 = uint_lt(i1, i2)",
        "guard_true(i3) [i1]",
        "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
        "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
        "setarrayitem_gc(p4, i1, 7, descr=list<int64>[])",
        "finish(i5)");

    [Test]
    public void An_index_checked_below_the_count_read_before_the_items_is_in_bounds()
    {
        Assert.That(Marked(CheckedRead), Is.EqualTo(new[]
        {
            "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "setarrayitem_gc(p4, i1, 7, descr=list<int64>[])",
        }));
    }

    [Test]
    public void The_marked_trace_prints_and_parses_back_and_still_runs_in_the_interpreter()
    {
        string marked = Mark(CheckedRead);
        var world = ListWorld();
        Assert.That(TracePrinter.Print(world.Parse(marked), world.Registry), Is.EqualTo(marked));
        var list = new RList<long>([10, 20, 30]);
        var outcome = new TraceInterpreter(world.Parse(marked)).Run(Ref(list), Int(2));
        Assert.That(outcome.Values[0].AsInt, Is.EqualTo(30));
        Assert.That(list.GetItem(2), Is.EqualTo(7));
    }

    [Test]
    public void Items_read_before_the_count_prove_nothing()
    {
        // the list may have grown between the two reads: the old array can be shorter than the new count
        Assert.That(Marked(Lines(
            "[p0, i1]",
            "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = uint_lt(i1, i2)",
            "guard_true(i3) [i1]",
            "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "finish(i5)")), Is.Empty);
    }

    [Test]
    public void An_unchecked_index_a_signed_check_or_another_lists_count_prove_nothing()
    {
        Assert.That(Marked(Lines(
            "[p0, p1, i1]",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = getfield_gc_i(p1, descr=list<int64>.count)",
            "i4 = uint_lt(i1, i3)",
            "guard_true(i4) [i1]",
            "i5 = int_lt(i1, i2)",
            "guard_true(i5) [i1]",
            "p6 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i7 = getarrayitem_gc_i(p6, i1, descr=list<int64>[])",
            "i8 = int_add(i1, 1)",
            "i9 = getarrayitem_gc_i(p6, i8, descr=list<int64>[])",
            "finish(i7)")), Is.Empty);
    }

    [Test]
    public void A_failing_check_proves_the_index_only_where_the_guard_says_it_holds()
    {
        // guard_false(uint_ge(i, n)) is the same check; guard_true(uint_ge(i, n)) is the opposite one
        Assert.That(Marked(Lines(
            "[p0, i1, i2]",
            "i3 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i4 = uint_ge(i1, i3)",
            "guard_false(i4) [i1]",
            "i5 = uint_ge(i2, i3)",
            "guard_true(i5) [i1]",
            "p6 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i7 = getarrayitem_gc_i(p6, i1, descr=list<int64>[])",
            "i8 = getarrayitem_gc_i(p6, i2, descr=list<int64>[])",
            "finish(i7)")), Is.EqualTo(new[] { "i7 = getarrayitem_gc_i(p6, i1, descr=list<int64>[])" }));
    }

    [Test]
    public void Offsets_between_two_checked_offsets_of_one_base_are_in_bounds_and_those_outside_are_not()
    {
        Assert.That(Marked(Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = int_sub(i1, 2)",
            "i4 = uint_lt(i3, i2)",
            "guard_true(i4) [i1]",
            "i5 = int_add(i1, 5)",
            "i6 = uint_lt(i5, i2)",
            "guard_true(i6) [i1]",
            "p7 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i8 = getarrayitem_gc_i(p7, i1, descr=list<int64>[])",
            "i9 = int_add(i1, 3)",
            "i10 = getarrayitem_gc_i(p7, i9, descr=list<int64>[])",
            "i11 = int_add(i1, 6)",
            "i12 = getarrayitem_gc_i(p7, i11, descr=list<int64>[])",
            "i13 = int_sub(i1, 3)",
            "i14 = getarrayitem_gc_i(p7, i13, descr=list<int64>[])",
            "i15 = getarrayitem_gc_i(p7, 4, descr=list<int64>[])",
            "finish(i8)")), Is.EqualTo(new[]
        {
            "i8 = getarrayitem_gc_i(p7, i1, descr=list<int64>[])",
            "i10 = getarrayitem_gc_i(p7, i9, descr=list<int64>[])",
        }));
    }

    [Test]
    public void Constant_indices_between_two_checked_constants_are_in_bounds()
    {
        Assert.That(Marked(Lines(
            "[p0]",
            "i1 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i2 = uint_lt(1, i1)",
            "guard_true(i2) []",
            "i3 = uint_lt(4, i1)",
            "guard_true(i3) []",
            "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i5 = getarrayitem_gc_i(p4, 3, descr=list<int64>[])",
            "i6 = getarrayitem_gc_i(p4, 5, descr=list<int64>[])",
            "i7 = getarrayitem_gc_i(p4, 0, descr=list<int64>[])",
            "finish(i5)")), Is.EqualTo(new[] { "i5 = getarrayitem_gc_i(p4, 3, descr=list<int64>[])" }));
    }

    [Test]
    public void A_write_of_a_lists_fields_between_the_count_and_the_items_proves_nothing()
    {
        // a list the trace makes gets its items here: a count read before says nothing of the array read after
        Assert.That(Marked(Lines(
            "[p0, i1, p2]",
            "i3 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i4 = uint_lt(i1, i3)",
            "guard_true(i4) [i1]",
            "setfield_gc(p0, p2, descr=list<int64>.items)",
            "p5 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i6 = getarrayitem_gc_i(p5, i1, descr=list<int64>[])",
            "finish(i6)")), Is.Empty);
    }

    [Test]
    public void A_call_between_the_count_and_the_items_changes_nothing()
    {
        // whatever a call does to the list, its array only ever gets longer
        Assert.That(Marked(Lines(
            "[p0, i1]",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i3 = uint_lt(i1, i2)",
            "guard_true(i3) [i1]",
            "call_n(i1, descr=record)",
            "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i5 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "finish(i5)")), Has.Length.EqualTo(1));
    }

    private static string PeeledLoop(string jumpIndex) => Lines(
        "[p0, i1]",
        "label(p0, i1, descr=Loop)",
        "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
        "i3 = uint_lt(i1, i2)",
        "guard_true(i3) [i1]",
        "p4 = getfield_gc_r(p0, descr=list<int64>.items)",
        "i5 = int_add(i1, 1)",
        "i6 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
        "label(p0, i1, i2, p4, i5, descr=LoopPeeled)",
        "i7 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
        "i8 = int_add(i1, 1)",
        "i9 = uint_lt(i5, i2)",
        "guard_true(i9) [i1]",
        "i10 = getarrayitem_gc_i(p4, i5, descr=list<int64>[])",
        $"jump(p0, {jumpIndex}, i2, p4, i8, descr=LoopPeeled)");

    [Test]
    public void Facts_about_values_the_jump_passes_back_unchanged_hold_in_the_loop_body()
    {
        Assert.That(Marked(PeeledLoop("i1")), Is.EqualTo(new[]
        {
            "i6 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "i7 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "i10 = getarrayitem_gc_i(p4, i5, descr=list<int64>[])",
        }));
    }

    [Test]
    public void Facts_about_a_label_operand_the_jump_changes_end_at_the_label()
    {
        // i1 comes back as i8: the preamble's check of i1 says nothing about the next iteration's i1; i5 (changing
        // too) is checked in the body itself
        Assert.That(Marked(PeeledLoop("i8")), Is.EqualTo(new[]
        {
            "i6 = getarrayitem_gc_i(p4, i1, descr=list<int64>[])",
            "i10 = getarrayitem_gc_i(p4, i5, descr=list<int64>[])",
        }));
    }

    [Test]
    public void A_value_computed_before_the_label_from_a_changing_operand_is_not_an_offset_of_it_in_the_body()
    {
        // i4 = i1 + 1 was computed from the first iteration's i1; in the body i1 + 0 and i1 + 2 are checked for the
        // current i1, which says nothing of i4
        Assert.That(Marked(Lines(
            "[p0, i1]",
            "label(p0, i1, descr=Loop)",
            "i2 = getfield_gc_i(p0, descr=list<int64>.count)",
            "p3 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i4 = int_add(i1, 1)",
            "label(p0, i1, i2, p3, descr=LoopPeeled)",
            "i5 = uint_lt(i1, i2)",
            "guard_true(i5) [i1]",
            "i6 = int_add(i1, 2)",
            "i7 = uint_lt(i6, i2)",
            "guard_true(i7) [i1]",
            "i8 = getarrayitem_gc_i(p3, i4, descr=list<int64>[])",
            "jump(p0, i6, i2, p3, descr=LoopPeeled)")), Is.Empty);
    }

    [Test]
    public void Only_array_item_accesses_parse_as_inbounds()
    {
        var world = ListWorld();
        Assert.That(() => world.Parse(Lines("[p0]", "i1 = getfield_gc_i(p0, descr=list<int64>.count) inbounds", "finish(i1)")),
            Throws.TypeOf<TraceParseException>().With.Message.Contains("only an array item access is 'inbounds'"));
        Assert.That(() => world.Parse(Lines("[p0]", "i1 = getarrayitem_gc_i(p0, 0, descr=list<int64>[]) inbound", "finish(i1)")),
            Throws.TypeOf<TraceParseException>().With.Message.Contains("unexpected 'inbound'"));
    }

    [Test]
    public void The_optimizer_marks_a_recorded_list_loop_and_keeps_its_behaviour()
    {
        // as the tracer records cells[i] += 1; i += 1 while i < n: each access checked below the count, re-read each time
        string loop = Lines(
            "[p0, i1, i2]",
            "label(p0, i1, i2, descr=Loop)",
            "i3 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i4 = uint_lt(i1, i3)",
            "guard_true(i4) [p0, i1, i2]",
            "p5 = getfield_gc_r(p0, descr=list<int64>.items)",
            "i6 = getarrayitem_gc_i(p5, i1, descr=list<int64>[])",
            "i7 = int_add(i6, 1)",
            "i8 = getfield_gc_i(p0, descr=list<int64>.count)",
            "i9 = uint_lt(i1, i8)",
            "guard_true(i9) [p0, i1, i2]",
            "p10 = getfield_gc_r(p0, descr=list<int64>.items)",
            "setarrayitem_gc(p10, i1, i7, descr=list<int64>[])",
            "i11 = int_add(i1, 1)",
            "i12 = int_lt(i11, i2)",
            "guard_true(i12) [p0, i11, i2]",
            "jump(p0, i11, i2, descr=Loop)");
        var world = ListWorld();
        var optimized = Optimizer.Optimize(world.Parse(loop), OptimizerPasses.All, (pass, trace) => TraceVerifier.Verify(trace, pass.ToString()));
        var accesses = optimized.Ops.ToArray().Where(op => TraceOp.IsItemAccess(op.Opcode)).ToList();
        Assert.That(accesses, Is.Not.Empty);
        Assert.That(accesses.All(op => op.InBounds), TracePrinter.Print(optimized, world.Registry));
        foreach (long start in new long[] { 0, 2, 3 })
        {
            var list = new RList<long>([1, 2, 3]);
            var outcome = new TraceInterpreter(optimized, 1000).Run(Ref(list), Int(start), Int(10));
            Assert.That(outcome.Guard, Is.Not.Null);
            Assert.That(string.Join(",", list.Items.ToArray()), Is.EqualTo(start switch { 0 => "2,3,4", 2 => "1,2,4", _ => "1,2,3" }));
        }
    }
}
