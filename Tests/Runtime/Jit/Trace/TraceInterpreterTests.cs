// The trace interpreter as the reference semantics: loops following jumps, every guard kind passing and
// failing with its fail arguments, overflow flags, fields, arrays, strings, calls with exceptions, floats.
using ClrPy.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Trace;

public sealed class TraceInterpreterTests
{
    private static long[] Ints(TraceOutcome outcome) => outcome.Values.Select(value => value.AsInt).ToArray();

    private static void AssertGuardFailed(TraceOutcome outcome, int guardIndex)
    {
        Assert.That(outcome.Exit, Is.EqualTo(TraceExit.GuardFailed));
        Assert.That(outcome.Guard!.Index, Is.EqualTo(guardIndex));
    }

    [Test]
    public void A_loop_counting_to_ten_leaves_through_its_guard_with_ten()
    {
        var outcome = new TraceTestWorld().Run(Lines(
            "[i0]",
            "label(i0, descr=Loop0)",
            "i1 = int_add(i0, 1)",
            "i2 = int_lt(i1, 10)",
            "guard_true(i2) [i1]",
            "jump(i1, descr=Loop0)"), Int(0));
        AssertGuardFailed(outcome, 0);
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 10 }));
        Assert.That(outcome.Jumps, Is.EqualTo(9));
        Assert.That(outcome.OpIndex, Is.EqualTo(3));
    }

    [Test]
    public void A_straight_trace_finishes_with_its_values()
    {
        var outcome = new TraceTestWorld().Run(Lines("[i0, i1]", "i2 = int_mul(i0, i1)", "finish(i2, 7)"), Int(6), Int(7));
        Assert.That(outcome.Exit, Is.EqualTo(TraceExit.Finished));
        Assert.That(outcome.Guard, Is.Null);
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 42, 7 }));
    }

    [Test]
    public void Jump_values_reach_the_label_all_at_once_so_fibonacci_can_swap()
    {
        var outcome = new TraceTestWorld().Run(Lines(
            "[i0, i1, i2]",
            "label(i0, i1, i2, descr=Loop0)",
            "i3 = int_sub(i2, 1)",
            "guard_true(i3) [i0, i1]",
            "i4 = int_add(i0, i1)",
            "jump(i1, i4, i3, descr=Loop0)"), Int(0), Int(1), Int(30));
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 514229, 832040 }));
    }

    [Test]
    public void A_jump_to_the_second_label_skips_the_preamble()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(TraceTextTests.Traces["a preamble and its loop"], Int(1), Ref(new Node { Value = 7 }));
        AssertGuardFailed(outcome, 1);
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 106 }));
        Assert.That(outcome.Jumps, Is.EqualTo(14));
    }

    [Test]
    public void Integer_ops_wrap_and_divide_like_python()
    {
        var outcome = new TraceTestWorld().Run(Lines(
            "[i0, i1]",
            "i2 = int_floordiv(i0, i1)",
            "i3 = int_mod(i0, i1)",
            "i4 = int_floordiv(i0, -2)",
            "i5 = int_mod(i0, -2)",
            "i6 = int_add(9223372036854775807, 1)",
            "i7 = int_floordiv(-9223372036854775808, -1)",
            "i8 = int_lshift(1, 63)",
            "i9 = int_rshift(-16, 2)",
            "i10 = uint_rshift(-16, 60)",
            "i11 = int_rshift(-1, 100)",
            "i12 = int_lshift(1, 64)",
            "i13 = int_invert(i0)",
            "i14 = int_neg(i0)",
            "i15 = int_xor(i0, 5)",
            "i16 = int_and(i0, 6)",
            "i17 = int_or(i0, 8)",
            "finish(i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14, i15, i16, i17)"), Int(-7), Int(2));
        Assert.That(Ints(outcome), Is.EqualTo(new long[]
        {
            -4, 1, 3, -1, long.MinValue, long.MinValue, long.MinValue, -4, 15, -1, 0, 6, 7, -4, 0, -7,
        }));
    }

    [Test]
    public void Comparisons_give_zero_or_one_and_unsigned_ones_see_negative_numbers_as_large()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(TraceTextTests.Traces["integer comparisons"], Int(-1), Int(3));
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0 }));
    }

    [TestCase("guard_true(i0) [i0]", 1, 0)]
    [TestCase("guard_false(i0) [i0]", 0, 1)]
    [TestCase("guard_value(i0, 42) [i0]", 42, 41)]
    public void An_integer_guard_passes_or_fails_with_its_fail_args(string guard, long passing, long failing)
    {
        var world = new TraceTestWorld();
        string text = Lines("[i0]", guard, "finish(100)");
        Assert.That(Ints(world.Run(text, Int(passing))), Is.EqualTo(new long[] { 100 }));
        var failed = world.Run(text, Int(failing));
        AssertGuardFailed(failed, 0);
        Assert.That(Ints(failed), Is.EqualTo(new[] { failing }));
    }

    public static IEnumerable<TestCaseData> RefGuards()
    {
        var node = new Node();
        var leaf = new Leaf();
        yield return new TestCaseData("guard_nonnull(p0) [p0]", node, null).SetArgDisplayNames("guard_nonnull");
        yield return new TestCaseData("guard_isnull(p0) [p0]", null, node).SetArgDisplayNames("guard_isnull");
        yield return new TestCaseData("guard_class(p0, ConstClass(Node)) [p0]", node, leaf).SetArgDisplayNames("guard_class");
        yield return new TestCaseData("guard_nonnull_class(p0, ConstClass(Node)) [p0]", node, null).SetArgDisplayNames("guard_nonnull_class on null");
        yield return new TestCaseData("guard_nonnull_class(p0, ConstClass(Leaf)) [p0]", leaf, node).SetArgDisplayNames("guard_nonnull_class on another class");
    }

    [TestCaseSource(nameof(RefGuards))]
    public void A_reference_guard_passes_or_fails_with_its_fail_args(string guard, object? passing, object? failing)
    {
        var world = new TraceTestWorld();
        string text = Lines("[p0]", guard, "finish(1)");
        Assert.That(world.Run(text, Ref(passing)).Exit, Is.EqualTo(TraceExit.Finished));
        var failed = world.Run(text, Ref(failing));
        AssertGuardFailed(failed, 0);
        Assert.That(failed.Values[0].AsRef, Is.SameAs(failing));
    }

    [Test]
    public void Guard_value_on_a_reference_compares_identity()
    {
        var world = new TraceTestWorld();
        string text = Lines("[p0]", "guard_value(p0, ConstPtr(theNode)) []", "finish(1)");
        Assert.That(world.Run(text, Ref(world.TheNode)).Exit, Is.EqualTo(TraceExit.Finished));
        Assert.That(world.Run(text, Ref(new Node { Value = 42, Weight = 0.25 })).Exit, Is.EqualTo(TraceExit.GuardFailed));
    }

    [Test]
    public void The_second_guard_to_fail_reports_its_own_descriptor_and_values()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(TraceTextTests.Traces["guards on values and classes"], Int(42), Ref(new Node()), Ref(null));
        AssertGuardFailed(outcome, 7);
        Assert.That(world.Run(TraceTextTests.Traces["guards on values and classes"], Int(42), Ref(world.TheNode), Ref(null)).Exit,
            Is.EqualTo(TraceExit.Finished));
        var early = world.Run(TraceTextTests.Traces["guards on values and classes"], Int(42), Ref(new Leaf()), Ref(null));
        AssertGuardFailed(early, 4);
        Assert.That(early.Values.Length, Is.EqualTo(2));
    }

    [TestCase("int_add_ovf", long.MaxValue, 1, true, long.MinValue)]
    [TestCase("int_add_ovf", long.MaxValue, -1, false, long.MaxValue - 1)]
    [TestCase("int_sub_ovf", long.MinValue, 1, true, long.MaxValue)]
    [TestCase("int_sub_ovf", -1, long.MaxValue, false, long.MinValue)]
    [TestCase("int_sub_ovf", -2, long.MaxValue, true, long.MaxValue)]
    [TestCase("int_mul_ovf", 1L << 32, 1L << 31, true, long.MinValue)]
    [TestCase("int_mul_ovf", -(1L << 32), 1L << 31, false, long.MinValue)]
    [TestCase("int_mul_ovf", 3037000500, 3037000500, true, -9223372036709301616)]
    public void Overflow_ops_set_the_flag_the_next_guard_reads(string op, long a, long b, bool overflows, long wrapped)
    {
        var world = new TraceTestWorld();
        var noOverflow = world.Run(Lines("[i0, i1]", $"i2 = {op}(i0, i1)", "guard_no_overflow() [i2]", "finish(i2)"), Int(a), Int(b));
        var overflow = world.Run(Lines("[i0, i1]", $"i2 = {op}(i0, i1)", "guard_overflow() [i2]", "finish(i2)"), Int(a), Int(b));
        Assert.That(noOverflow.Exit, Is.EqualTo(overflows ? TraceExit.GuardFailed : TraceExit.Finished));
        Assert.That(overflow.Exit, Is.EqualTo(overflows ? TraceExit.Finished : TraceExit.GuardFailed));
        Assert.That(Ints(noOverflow), Is.EqualTo(new[] { wrapped }));
        Assert.That(Ints(overflow), Is.EqualTo(new[] { wrapped }));
    }

    [Test]
    public void Fields_are_read_and_written_on_real_objects()
    {
        var world = new TraceTestWorld();
        var next = new Node { Value = 1 };
        var node = new Node { Value = 5, Next = next, Weight = 2.5 };
        var outcome = world.Run(TraceTextTests.Traces["fields and allocation"], Ref(node));
        var made = (Node)outcome.Values[0].AsRef!;
        Assert.That((made.Value, made.Next, made.Weight), Is.EqualTo((5L, node, 1.5)));
        Assert.That(outcome.Values[1].AsRef, Is.SameAs(next));
        Assert.That(outcome.Values[2].AsFloat, Is.EqualTo(2.5));
    }

    [Test]
    public void A_loop_summing_a_linked_list_follows_next_until_null()
    {
        var list = new Node { Value = 1, Next = new Node { Value = 20, Next = new Node { Value = 300 } } };
        var outcome = new TraceTestWorld().Run(Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Loop0)",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "i3 = int_add(i0, i2)",
            "p4 = getfield_gc_r(p1, descr=Node.next)",
            "guard_nonnull(p4) [i3]",
            "jump(i3, p4, descr=Loop0)"), Int(0), Ref(list));
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 321 }));
    }

    [Test]
    public void Arrays_are_made_filled_read_and_measured()
    {
        var outcome = new TraceTestWorld().Run(TraceTextTests.Traces["arrays"], Int(3));
        Assert.That(outcome.Values[0].AsInt, Is.EqualTo(7));
        Assert.That(outcome.Values[1].AsInt, Is.EqualTo(3));
        Assert.That(outcome.Values[2].AsFloat, Is.EqualTo(2.5));
        Assert.That(outcome.Values[3].AsRef, Is.EqualTo(new[] { 0.0, 2.5 }));
    }

    [Test]
    public void A_loop_summing_an_array_stops_at_its_length()
    {
        var outcome = new TraceTestWorld().Run(Lines(
            "[i0, i1, p2]",
            "label(i0, i1, p2, descr=Loop0)",
            "i3 = arraylen_gc(p2, descr=IntArray)",
            "i4 = int_lt(i1, i3)",
            "guard_true(i4) [i0]",
            "i5 = getarrayitem_gc_i(p2, i1, descr=IntArray)",
            "i6 = int_add(i0, i5)",
            "setarrayitem_gc(p2, i1, i6, descr=IntArray)",
            "i7 = int_add(i1, 1)",
            "jump(i6, i7, p2, descr=Loop0)"), Int(0), Int(0), Ref(new long[] { 1, 2, 3, 4 }));
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 10 }));
    }

    [Test]
    public void Strings_give_their_length_and_character_codes()
    {
        var outcome = new TraceTestWorld().Run(TraceTextTests.Traces["strings"], Ref("Zebra"));
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { 5, 'Z', "tab\there \"quoted\" \\ café".Length }));
    }

    [Test]
    public void Calls_run_their_targets_and_guard_exception_catches_what_they_raise()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(TraceTextTests.Traces["calls and exceptions"], Int(9), Int(4), Float(3.0));
        Assert.That(outcome.Exit, Is.EqualTo(TraceExit.Finished));
        Assert.That(outcome.Values[0].AsInt, Is.EqualTo(9));
        Assert.That(outcome.Values[1].AsInt, Is.EqualTo(2));
        Assert.That(outcome.Values[2].AsFloat, Is.EqualTo(Math.Sqrt(18.0)));
        Assert.That(((Node)outcome.Values[3].AsRef!).Value, Is.EqualTo(2));
        Assert.That(((TestError)outcome.Values[4].AsRef!).Message, Is.EqualTo("division by zero"));
        Assert.That(outcome.PendingException, Is.Null);
        Assert.That(world.Recorded, Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void A_raising_call_fails_guard_no_exception_and_the_exception_stays_pending()
    {
        var world = new TraceTestWorld();
        var outcome = world.Run(TraceTextTests.Traces["calls and exceptions"], Int(-3), Int(0), Float(1.0));
        AssertGuardFailed(outcome, 0);
        Assert.That(Ints(outcome), Is.EqualTo(new long[] { -3, 0 }));
        Assert.That(outcome.PendingException, Is.InstanceOf<TestError>());
        Assert.That(world.Recorded, Is.Empty);
    }

    [Test]
    public void Guard_exception_fails_when_nothing_or_another_class_was_raised()
    {
        var world = new TraceTestWorld();
        string text = Lines("[i0, i1]", "i2 = call_i(i0, i1, descr=checked_div)", "p3 = guard_exception(ConstClass(OtherError)) [i0]", "finish(p3)");
        var wrongClass = world.Run(text, Int(1), Int(0));
        AssertGuardFailed(wrongClass, 0);
        Assert.That(wrongClass.PendingException, Is.InstanceOf<TestError>());
        var nothing = world.Run(text, Int(1), Int(1));
        AssertGuardFailed(nothing, 0);
        Assert.That(nothing.PendingException, Is.Null);
    }

    [Test]
    public void Newtons_square_root_in_floats_converges_to_the_root_of_two()
    {
        var outcome = new TraceTestWorld().Run(Lines(
            "[f0, f1]",
            "label(f0, f1, descr=Loop0)",
            "f2 = float_truediv(f0, f1)",
            "f3 = float_add(f1, f2)",
            "f4 = float_mul(f3, 0.5)",
            "f5 = float_sub(f4, f1)",
            "f6 = float_abs(f5)",
            "i7 = float_gt(f6, 1E-15)",
            "guard_true(i7) [f4]",
            "jump(f0, f4, descr=Loop0)"), Float(2.0), Float(1.0));
        Assert.That(outcome.Values[0].AsFloat, Is.EqualTo(Math.Sqrt(2.0)).Within(1e-15));
        Assert.That(outcome.Jumps, Is.InRange(3, 6));
    }

    [Test]
    public void Float_ops_follow_ieee_and_casts_truncate()
    {
        var world = new TraceTestWorld();
        var floats = world.Run(TraceTextTests.Traces["float arithmetic"], Float(1.0), Float(2.0));
        Assert.That(floats.Values[0].AsFloat, Is.EqualTo(5e-20));
        Assert.That(floats.Values.Skip(1).Take(6).Select(value => value.AsInt), Is.EqualTo(new long[] { 1, 0, 0, 1, 1, 0 }));
        var casts = world.Run(TraceTextTests.Traces["casts and copies"], Int(-3), Float(-2.75), Ref(world.TheNode));
        Assert.That(casts.Values[0].AsInt, Is.EqualTo(-2));
        Assert.That(casts.Values[1].AsRef, Is.SameAs(world.TheNode));
        Assert.That(casts.Values[2].AsFloat, Is.EqualTo(-3.0));
        Assert.That((casts.Values[3].AsInt, casts.Values[4].AsInt), Is.EqualTo((0L, 0L)));
        var division = world.Run(Lines("[f0]", "f1 = float_truediv(f0, 0.0)", "f2 = float_neg(f1)", "finish(f1, f2)"), Float(1.0));
        Assert.That((division.Values[0].AsFloat, division.Values[1].AsFloat), Is.EqualTo((double.PositiveInfinity, double.NegativeInfinity)));
    }

    [Test]
    public void A_trace_that_cannot_run_names_the_op()
    {
        var world = new TraceTestWorld();
        var division = Assert.Throws<TraceExecutionException>(() =>
            world.Run(Lines("[i0]", "i1 = int_floordiv(10, i0)", "finish(i1)"), Int(0)))!;
        Assert.That(division.Message, Is.EqualTo("op 0 (i1 = int_floordiv(10, i0)): integer division by zero"));
        var nullField = Assert.Throws<TraceExecutionException>(() =>
            world.Run(Lines("[p0]", "i1 = getfield_gc_i(p0, descr=Node.value)", "finish(i1)"), Ref(null)))!;
        Assert.That(nullField.Message, Is.EqualTo("op 0 (i1 = getfield_gc_i(p0, descr=Node.value)): null object"));
        var index = Assert.Throws<TraceExecutionException>(() =>
            world.Run(TraceTextTests.Traces["arrays"], Int(0)))!;
        Assert.That(index.Message, Does.StartWith("op 1 (setarrayitem_gc(p1, 0, 7, descr=IntArray)): "));
        Assert.That(index.InnerException, Is.InstanceOf<IndexOutOfRangeException>());
    }

    [Test]
    public void An_endless_loop_stops_at_the_jump_limit()
    {
        var trace = new TraceTestWorld().Parse(Lines("[i0]", "label(i0, descr=Loop0)", "jump(i0, descr=Loop0)"));
        var error = Assert.Throws<TraceExecutionException>(() => new TraceInterpreter(trace, jumpLimit: 1000).Run(Int(0)))!;
        Assert.That(error.Message, Does.Contain("still looping after 1000 jumps"));
    }

    [Test]
    public void An_interpreter_can_run_its_trace_again_from_fresh_inputs()
    {
        var interpreter = new TraceInterpreter(new TraceTestWorld().Parse(TraceTextTests.Traces["a counting loop"]));
        Assert.That(Ints(interpreter.Run(Int(0), Int(5))), Is.EqualTo(new long[] { 5, 5 }));
        Assert.That(Ints(interpreter.Run(Int(10), Int(3))), Is.EqualTo(new long[] { 11, 3 }));
    }
}
