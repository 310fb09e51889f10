// The conformance suite's traces: every opcode, every guard kind passing and failing, descriptors with real
// CLR members, calls that raise, bridges back into their loop, bridges of bridges, and loops jumping to other
// loops. Each case is run by the trace interpreter and by the backend (ConformanceTests), which must agree.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public static class ConformanceCases
{
    public static readonly IReadOnlyList<(string Name, TraceSet Set)> All = Build();

    // Case() shares its input values between the two runs, so its inputs are never objects a trace changes;
    // WorldCase() makes them anew for each run.

    private static TraceValue[] Values(params TraceValue[] values) => values;

    private static List<(string, TraceSet)> Build()
    {
        var cases = new List<(string, TraceSet)>();
        void Case(string name, string text, params TraceValue[][] inputSets)
        {
            for (int i = 0; i < inputSets.Length; i++)
            {
                var inputs = inputSets[i];
                cases.Add(($"{name} #{i}", TraceSet.Loop(text, _ => inputs)));
            }
        }
        void WorldCase(string name, string text, Func<TraceTestWorld, TraceValue[]> inputs) => cases.Add((name, TraceSet.Loop(text, inputs)));
        void SetCase(string name, TraceSet set) => cases.Add((name, set));

        Case("integer arithmetic", Lines(
            "[i0, i1]",
            "i2 = int_add(i0, i1)", "i3 = int_sub(i0, i1)", "i4 = int_mul(i0, i1)",
            "i5 = int_floordiv(i0, i1)", "i6 = int_mod(i0, i1)", "i7 = int_floordiv(i0, -3)", "i8 = int_mod(i0, 3)",
            "i9 = int_and(i0, i1)", "i10 = int_or(i0, i1)", "i11 = int_xor(i0, i1)",
            "i12 = int_neg(i0)", "i13 = int_invert(i1)",
            "finish(i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13)"),
            Values(Int(-7), Int(2)), Values(Int(13), Int(-4)), Values(Int(long.MinValue), Int(-1)), Values(Int(long.MaxValue), Int(long.MaxValue)));
        Case("shifts by constant and variable counts", Lines(
            "[i0, i1]",
            "i2 = int_lshift(i0, i1)", "i3 = int_rshift(i0, i1)", "i4 = uint_rshift(i0, i1)",
            "i5 = int_lshift(i0, 3)", "i6 = int_rshift(i0, 70)", "i7 = uint_rshift(i0, 64)", "i8 = int_lshift(i0, 64)",
            "i9 = uint_rshift(i0, 60)", "i10 = int_rshift(i0, 1)",
            "finish(i2, i3, i4, i5, i6, i7, i8, i9, i10)"),
            Values(Int(-16), Int(2)), Values(Int(12345), Int(63)), Values(Int(-1), Int(64)), Values(Int(1), Int(100)));
        Case("integer comparisons", Lines(
            "[i0, i1]",
            "i2 = int_lt(i0, i1)", "i3 = int_le(i0, i1)", "i4 = int_eq(i0, i1)", "i5 = int_ne(i0, i1)",
            "i6 = int_gt(i0, i1)", "i7 = int_ge(i0, i1)", "i8 = uint_lt(i0, i1)", "i9 = uint_le(i0, i1)",
            "i10 = uint_gt(i0, i1)", "i11 = uint_ge(i0, i1)", "i12 = int_is_true(i0)", "i13 = int_is_zero(i1)",
            "finish(i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13)"),
            Values(Int(-1), Int(3)), Values(Int(3), Int(3)), Values(Int(0), Int(0)), Values(Int(long.MinValue), Int(long.MaxValue)));
        foreach (string op in new[] { "int_add_ovf", "int_sub_ovf", "int_mul_ovf" })
            foreach (string guard in new[] { "guard_no_overflow", "guard_overflow" })
                Case($"{op} then {guard}", Lines("[i0, i1]", $"i2 = {op}(i0, i1)", $"{guard}() [i2, i0]", "finish(i2)"),
                    Values(Int(long.MaxValue), Int(1)), Values(Int(long.MinValue), Int(1)), Values(Int(-2), Int(long.MaxValue)),
                    Values(Int(3037000500), Int(3037000500)), Values(Int(-(1L << 32)), Int(1L << 31)), Values(Int(40), Int(2)));
        Case("float arithmetic and comparisons", Lines(
            "[f0, f1]",
            "f2 = float_add(f0, f1)", "f3 = float_sub(f0, f1)", "f4 = float_mul(f0, f1)", "f5 = float_truediv(f0, f1)",
            "f6 = float_neg(f0)", "f7 = float_abs(f1)",
            "i8 = float_lt(f0, f1)", "i9 = float_le(f0, f1)", "i10 = float_eq(f0, f1)", "i11 = float_ne(f0, f1)",
            "i12 = float_gt(f0, f1)", "i13 = float_ge(f0, f1)",
            "finish(f2, f3, f4, f5, f6, f7, i8, i9, i10, i11, i12, i13)"),
            Values(Float(1.5), Float(-2.25)), Values(Float(2.0), Float(2.0)), Values(Float(double.NaN), Float(1.0)),
            Values(Float(-0.0), Float(0.0)), Values(Float(1.0), Float(double.NegativeInfinity)));
        Case("casts and copies", Lines(
            "[i0, f1, p2]",
            "f3 = cast_int_to_float(i0)", "i4 = cast_float_to_int(f1)", "i5 = same_as_i(i0)", "f6 = same_as_f(f1)",
            "p7 = same_as_r(p2)", "i8 = ptr_eq(p2, p7)", "i9 = ptr_ne(p2, ConstPtr(theNode))", "i10 = ptr_eq(p2, ConstPtr(null))",
            "finish(f3, i4, i5, f6, p7, i8, i9, i10)"),
            Values(Int(-3), Float(-2.75), Ref(null)), Values(Int(long.MaxValue), Float(1e300), Ref("text")),
            Values(Int(7), Float(double.NaN), Ref(new Leaf())), Values(Int(0), Float(-1e300), Ref(new Node())));
        WorldCase("ptr_eq sees the same constant object", Lines(
            "[p0]", "i1 = ptr_eq(p0, ConstPtr(theNode))", "i2 = ptr_ne(p0, ConstPtr(theNode))", "finish(i1, i2)"),
            world => Values(Ref(world.TheNode)));

        foreach (var (guard, passing, failing) in new (string, long, long)[]
                 { ("guard_true(i0) [i0]", 5, 0), ("guard_false(i0) [i0]", 0, -1), ("guard_value(i0, 42) [i0]", 42, 43) })
            Case(guard, Lines("[i0]", guard, "finish(100)"), Values(Int(passing)), Values(Int(failing)));
        Case("guard_value on floats compares bits", Lines("[f0]", "guard_value(f0, 0.0) [f0]", "finish(1)"),
            Values(Float(0.0)), Values(Float(-0.0)), Values(Float(1.0)));
        WorldCase("guard_value on a reference passes", Lines("[p0]", "guard_value(p0, ConstPtr(theNode)) [p0]", "finish(1)"),
            world => Values(Ref(world.TheNode)));
        WorldCase("guard_value on a reference fails", Lines("[p0]", "guard_value(p0, ConstPtr(theNode)) [p0]", "finish(1)"),
            _ => Values(Ref(new Node { Value = 42 })));
        foreach (var (guard, passing, failing) in new (string, Func<object?>, Func<object?>)[]
                 {
                     ("guard_nonnull(p0) [p0]", () => new Node(), () => null),
                     ("guard_isnull(p0) [p0]", () => null, () => new Leaf()),
                     ("guard_class(p0, ConstClass(Node)) [p0]", () => new Node(), () => new Leaf()),
                     ("guard_nonnull_class(p0, ConstClass(Leaf)) [p0]", () => new Leaf(), () => null),
                     ("guard_nonnull_class(p0, ConstClass(Node)) [p0]", () => new Node(), () => new Leaf()),
                 })
        {
            WorldCase(guard + " passes", Lines("[p0]", guard, "finish(1)"), _ => Values(Ref(passing())));
            WorldCase(guard + " fails", Lines("[p0]", guard, "finish(1)"), _ => Values(Ref(failing())));
        }

        string calls = Lines(
            "[i0, i1, f2]",
            "i3 = call_i(i0, i1, descr=max)",
            "i4 = call_i(i0, i1, descr=checked_div)",
            "guard_no_exception() [i0, i1]",
            "f5 = call_f(f2, f2, descr=hypot)",
            "p6 = call_r(i4, descr=make_node)",
            "call_n(i4, descr=record)",
            "i7 = call_i(i0, 0, descr=checked_div)",
            "p8 = guard_exception(ConstClass(TestError)) [i3]",
            "finish(i3, i4, f5, p6, p8)");
        Case("delegate calls, raising and caught", calls, Values(Int(9), Int(4), Float(3.0)), Values(Int(-3), Int(0), Float(1.0)));
        Case("guard_exception fails on another class or on nothing", Lines(
            "[i0, i1]", "i2 = call_i(i0, i1, descr=checked_div)", "p3 = guard_exception(ConstClass(OtherError)) [i0]", "finish(p3)"),
            Values(Int(1), Int(0)), Values(Int(1), Int(1)));
        Case("static method calls raise through Pending", Lines(
            "[i0, i1, f2]",
            "f3 = call_f(i0, f2, descr=m.Scale)",
            "i4 = call_i(i0, i1, descr=m.Divide)",
            "guard_no_exception() [i0, i1, f3]",
            "i5 = call_i(i0, 0, descr=m.Divide)",
            "p6 = guard_exception(ConstClass(ZeroDivisionError)) [i4]",
            "finish(f3, i4, i5, p6)"),
            Values(Int(7), Int(2), Float(0.5)), Values(Int(7), Int(0), Float(0.5)));
        WorldCase("static methods convert narrow parameters and results", Lines(
            "[i0, i1, i2, p3]",
            "i4 = call_i(i0, i1, i2, descr=m.Pack)",
            "p5 = call_r(p3, i0, descr=m.Wrap)",
            "i6 = call_i(i0, descr=m.Truncate)",
            "i7 = call_i(i2, descr=m.Upper)",
            "i8 = call_i(i0, descr=m.IsOdd)",
            "p9 = new(descr=Cell)",
            "call_n(p9, i0, descr=m.Touch)",
            "i10 = getfield_gc_i(p9, descr=Cell.Octet)",
            "finish(i4, p5, i6, i7, i8, i10)"),
            world => Values(Int(0x1_0000_0007), Int(-3), Int(0x10061), Ref(world.TheNode)));
        WorldCase("the ConstClass of guard_exception names a ZeroDivisionError", Lines(
            "[i0]", "i1 = call_i(i0, 0, descr=m.Divide)", "p2 = guard_exception(ConstClass(ZeroDivisionError)) [i0]", "finish(p2)"),
            _ => Values(Int(1)));

        WorldCase("fields through delegates", Lines(
            "[p0, p1]",
            "i2 = getfield_gc_i(p0, descr=Node.value)", "p3 = getfield_gc_r(p0, descr=Node.next)", "f4 = getfield_gc_f(p0, descr=Node.weight)",
            "i5 = int_add(i2, 1)", "setfield_gc(p1, i5, descr=Node.value)", "setfield_gc(p1, p0, descr=Node.next)",
            "f6 = float_mul(f4, 2.0)", "setfield_gc(p1, f6, descr=Node.weight)", "finish(i2, p3, f4)"),
            _ => Values(Ref(new Node { Value = 5, Weight = 1.25, Next = new Node { Value = 9 } }), Ref(new Node())));
        WorldCase("real fields, narrow ones converting like the interpreter", Lines(
            "[p0, p1, i2]",
            "i3 = getfield_gc_i(p0, descr=Node.Value)", "p4 = getfield_gc_r(p0, descr=Node.Next)", "f5 = getfield_gc_f(p0, descr=Node.Weight)",
            "setfield_gc(p0, i2, descr=Node.Value)", "setfield_gc(p0, p0, descr=Node.Next)", "setfield_gc(p0, 2.5, descr=Node.Weight)",
            "setfield_gc(p1, i2, descr=Cell.Small)", "setfield_gc(p1, i2, descr=Cell.Flag)", "setfield_gc(p1, i2, descr=Cell.Letter)",
            "setfield_gc(p1, i2, descr=Cell.Octet)", "setfield_gc(p1, p0, descr=Cell.Node)",
            "i6 = getfield_gc_i(p1, descr=Cell.Small)", "i7 = getfield_gc_i(p1, descr=Cell.Flag)", "i8 = getfield_gc_i(p1, descr=Cell.Letter)",
            "i9 = getfield_gc_i(p1, descr=Cell.Octet)", "p10 = getfield_gc_r(p1, descr=Cell.Node)",
            "finish(i3, p4, f5, i6, i7, i8, i9, p10)"),
            _ => Values(Ref(new Node { Value = 3, Weight = 0.5, Next = new Node() }), Ref(new Cell()), Int(-0x1_2345_6789_ABCD)));
        WorldCase("new through a delegate and through a constructor", Lines(
            "[i0]", "p1 = new(descr=Node)", "setfield_gc(p1, i0, descr=Node.value)", "p2 = new(descr=Cell)",
            "setfield_gc(p2, p1, descr=Cell.Node)", "guard_class(p2, ConstClass(Cell)) [p2]", "finish(p1, p2)"),
            _ => Values(Int(11)));
        Case("arrays of longs, floats and references", Lines(
            "[i0]",
            "p1 = new_array(i0, descr=IntArray)", "setarrayitem_gc(p1, 0, 7, descr=IntArray)", "i2 = getarrayitem_gc_i(p1, 0, descr=IntArray)",
            "i3 = arraylen_gc(p1, descr=IntArray)", "p4 = new_array(2, descr=FloatArray)", "setarrayitem_gc(p4, 1, 2.5, descr=FloatArray)",
            "f5 = getarrayitem_gc_f(p4, 1, descr=FloatArray)", "p6 = new_array(i0, descr=RefArray)", "setarrayitem_gc(p6, 1, p4, descr=RefArray)",
            "p7 = getarrayitem_gc_r(p6, 1, descr=RefArray)", "i8 = arraylen_gc(p6, descr=RefArray)", "finish(i2, i3, f5, p7, i8, p1, p6)"),
            Values(Int(3)), Values(Int(2)));
        Case("arrays of narrow items and of a class", Lines(
            "[i0, i1]",
            "p2 = new_array(i0, descr=BoolArray)", "setarrayitem_gc(p2, 1, i1, descr=BoolArray)", "i3 = getarrayitem_gc_i(p2, 1, descr=BoolArray)",
            "p4 = new_array(i0, descr=CharArray)", "setarrayitem_gc(p4, 0, i1, descr=CharArray)", "i5 = getarrayitem_gc_i(p4, 0, descr=CharArray)",
            "p6 = new_array(i0, descr=Int32Array)", "setarrayitem_gc(p6, 2, i1, descr=Int32Array)", "i7 = getarrayitem_gc_i(p6, 2, descr=Int32Array)",
            "p8 = new_array(i0, descr=ByteArray)", "setarrayitem_gc(p8, 0, i1, descr=ByteArray)", "i9 = getarrayitem_gc_i(p8, 0, descr=ByteArray)",
            "p10 = new_array(i0, descr=NodeArray)", "p11 = new(descr=Node)", "setarrayitem_gc(p10, 0, p11, descr=NodeArray)",
            "p12 = getarrayitem_gc_r(p10, 0, descr=NodeArray)", "i13 = arraylen_gc(p10, descr=NodeArray)", "i14 = arraylen_gc(p4, descr=CharArray)",
            "finish(i3, i5, i7, i9, p12, i13, i14, p2, p4, p6, p8)"),
            Values(Int(3), Int(0x1_0004_0061)), Values(Int(4), Int(-1)), Values(Int(3), Int(0)));
        Case("strings", Lines(
            "[p0, i1]", "i2 = strlen(p0)", "i3 = strgetitem(p0, i1)", "i4 = strlen(\"caf\\u00e9\")", "i5 = strgetitem(\"caf\\u00e9\", 3)", "finish(i2, i3, i4, i5)"),
            Values(Ref("Zebra"), Int(0)), Values(Ref("\u263a!"), Int(1)));

        Case("a counting loop leaves through its guard", Lines(
            "[i0, i1]", "label(i0, i1, descr=Loop0)", "i2 = int_add(i0, 1)", "i3 = int_lt(i2, i1)", "guard_true(i3) [i2, i1]", "jump(i2, i1, descr=Loop0)"),
            Values(Int(0), Int(100)), Values(Int(5), Int(3)));
        Case("jump values reach the label all at once", Lines(
            "[i0, i1, i2]", "label(i0, i1, i2, descr=Loop0)", "i3 = int_sub(i2, 1)", "guard_true(i3) [i0, i1]", "i4 = int_add(i0, i1)",
            "jump(i1, i4, i3, descr=Loop0)"), Values(Int(0), Int(1), Int(30)));
        Case("a preamble and its loop", Lines(
            "[i0, f1]", "f2 = cast_int_to_float(i0)", "label(i0, f1, f2, descr=Pre)", "i3 = int_add(i0, 1)", "label(i3, f1, f2, descr=Body)",
            "f4 = float_add(f1, f2)", "i5 = int_add(i3, 1)", "i6 = int_lt(i5, 50)", "guard_true(i6) [i5, f4]", "jump(i5, f4, f2, descr=Body)"),
            Values(Int(2), Float(0.5)));
        WorldCase("a loop over a linked list with overflow checks", Lines(
            "[i0, p1]", "label(i0, p1, descr=Loop0)", "i2 = getfield_gc_i(p1, descr=Node.Value)", "i3 = int_mul_ovf(i0, i2)",
            "guard_no_overflow() [i0, p1]", "p4 = getfield_gc_r(p1, descr=Node.next)", "guard_nonnull(p4) [i3]", "jump(i3, p4, descr=Loop0)"),
            _ => Values(Int(1), Ref(new Node { Value = 1 << 20, Next = new Node { Value = 1 << 20, Next = new Node { Value = 1 << 30, Next = new Node { Value = 3 } } } })));
        WorldCase("a loop summing an array", Lines(
            "[i0, i1, p2]", "label(i0, i1, p2, descr=Loop0)", "i3 = arraylen_gc(p2, descr=IntArray)", "i4 = int_lt(i1, i3)", "guard_true(i4) [i0]",
            "i5 = getarrayitem_gc_i(p2, i1, descr=IntArray)", "i6 = int_add(i0, i5)", "setarrayitem_gc(p2, i1, i6, descr=IntArray)", "i7 = int_add(i1, 1)",
            "jump(i6, i7, p2, descr=Loop0)"), _ => Values(Int(0), Int(0), Ref(new long[] { 1, 2, 3, 4 })));

        string countingLoop = Lines(
            "[i0, i1]", "label(i0, i1, descr=Loop0)", "i2 = int_and(i0, 3)", "i3 = int_is_zero(i2)", "guard_false(i3) [i0, i1]",
            "i4 = int_add(i1, i0)", "i5 = int_add(i0, 1)", "i6 = int_lt(i5, 40)", "guard_true(i6) [i4]", "jump(i5, i4, descr=Loop0)");
        SetCase("a bridge jumps back into its loop", new TraceSet([countingLoop],
            [new BridgeText(0, 0, Lines("[i0, i1]", "i2 = int_mul(i0, 100)", "i3 = int_add(i1, i2)", "i4 = int_add(i0, 1)", "jump(i4, i3, descr=Loop0)"))],
            _ => Values(Int(1), Int(0))));
        SetCase("a bridge of a bridge finishes", new TraceSet([countingLoop],
            [
                new BridgeText(0, 0, Lines("[i0, i1]", "i2 = int_lt(i0, 20)", "guard_true(i2) [i0, i1]", "i3 = int_add(i0, 1)", "jump(i3, i1, descr=Loop0)")),
                new BridgeText(1, 0, Lines("[i0, i1]", "i2 = int_sub(i1, i0)", "finish(i2, i0)")),
            ], _ => Values(Int(1), Int(0))));
        SetCase("a raising call's pending exception reaches the bridge", new TraceSet([Lines(
                "[i0, i1]", "label(i0, i1, descr=Loop0)", "i2 = call_i(100, i0, descr=checked_div)", "guard_no_exception() [i0, i1]",
                "i3 = int_add(i1, i2)", "i4 = int_sub(i0, 1)", "jump(i4, i3, descr=Loop0)")],
            [new BridgeText(0, 0, Lines("[i0, i1]", "p2 = guard_exception(ConstClass(TestError)) [i0]", "finish(i1, p2)"))],
            _ => Values(Int(5), Int(0))));
        string pingLoop = Lines(
            "[i0, i1]", "label(i0, i1, descr=Ping)", "i2 = int_add(i1, 1)", "i3 = int_lt(i0, 30)", "guard_true(i3) [i0, i2]",
            "i4 = int_add(i0, 1)", "jump(i4, i2, descr=Pong)");
        string pongLoop = Lines(
            "[i0, i1]", "label(i0, i1, descr=Pong)", "i2 = int_mul(i1, 3)", "i3 = int_mod(i2, 1000003)", "jump(i0, i3, descr=Ping)");
        SetCase("two loops jump to each other through the trampoline", new TraceSet([pingLoop, pongLoop], [], _ => Values(Int(0), Int(1))));
        SetCase("a bridge jumps to another loop's second label", new TraceSet([
                Lines("[i0]", "label(i0, descr=Outer)", "i1 = int_lt(i0, 10)", "guard_true(i1) [i0]", "i2 = int_add(i0, 2)", "jump(i2, descr=Outer)"),
                Lines("[i0, f1]", "label(i0, f1, descr=Head)", "f2 = float_mul(f1, 1.5)", "label(i0, f2, descr=Inner)", "i3 = int_sub(i0, 1)",
                    "i4 = int_gt(i3, 0)", "guard_true(i4) [i3, f2]", "f5 = float_add(f2, 0.25)", "jump(i3, f5, descr=Inner)")],
            [new BridgeText(0, 0, Lines("[i0]", "f1 = cast_int_to_float(i0)", "jump(i0, f1, descr=Inner)"))],
            _ => Values(Int(1))));
        return cases;
    }
}
