// Round trips of the trace text form: a dozen traces that together use every opcode are parsed and printed
// back unchanged; non-canonical names are renumbered; parse errors point at their line and column.
using ClrPy.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Trace;

public sealed class TraceTextTests
{
    public static readonly IReadOnlyDictionary<string, string> Traces = new Dictionary<string, string>
    {
        ["integer arithmetic"] = Lines(
            "[i0, i1]",
            "i2 = int_add(i0, i1)",
            "i3 = int_sub(i2, 1)",
            "i4 = int_mul(i3, -3)",
            "i5 = int_floordiv(i4, 7)",
            "i6 = int_mod(i5, 7)",
            "i7 = int_and(i6, 255)",
            "i8 = int_or(i7, i0)",
            "i9 = int_xor(i8, i1)",
            "i10 = int_lshift(i9, 2)",
            "i11 = int_rshift(i10, 1)",
            "i12 = uint_rshift(i11, 3)",
            "i13 = int_neg(i12)",
            "i14 = int_invert(i13)",
            "finish(i14)"),
        ["integer comparisons"] = Lines(
            "[i0, i1]",
            "i2 = int_lt(i0, i1)",
            "i3 = int_le(i0, i1)",
            "i4 = int_eq(i0, i1)",
            "i5 = int_ne(i0, i1)",
            "i6 = int_gt(i0, i1)",
            "i7 = int_ge(i0, i1)",
            "i8 = uint_lt(i0, i1)",
            "i9 = uint_le(i0, i1)",
            "i10 = uint_gt(i0, i1)",
            "i11 = uint_ge(i0, i1)",
            "i12 = int_is_true(i0)",
            "i13 = int_is_zero(i1)",
            "finish(i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13)"),
        ["overflow checks"] = Lines(
            "[i0, i1]",
            "i2 = int_add_ovf(i0, i1)",
            "guard_no_overflow() [i0, i1]",
            "i3 = int_sub_ovf(i2, i1)",
            "guard_no_overflow() [i0, i2]",
            "i4 = int_mul_ovf(i3, i3)",
            "guard_overflow() [i4]",
            "finish(i4, -9223372036854775808, 9223372036854775807)"),
        ["float arithmetic"] = Lines(
            "[f0, f1]",
            "f2 = float_add(f0, f1)",
            "f3 = float_sub(f2, 0.5)",
            "f4 = float_mul(f3, -2.0)",
            "f5 = float_truediv(f4, 1E+20)",
            "f6 = float_neg(f5)",
            "f7 = float_abs(f6)",
            "i8 = float_lt(f7, f0)",
            "i9 = float_le(f7, nan)",
            "i10 = float_eq(f7, inf)",
            "i11 = float_ne(f7, -inf)",
            "i12 = float_gt(f7, -0.0)",
            "i13 = float_ge(f7, 1E-05)",
            "finish(f7, i8, i9, i10, i11, i12, i13, 0.1)"),
        ["casts and copies"] = Lines(
            "[i0, f1, p2]",
            "f3 = cast_int_to_float(i0)",
            "i4 = cast_float_to_int(f1)",
            "i5 = same_as_i(i4)",
            "p6 = same_as_r(p2)",
            "f7 = same_as_f(f3)",
            "i8 = ptr_eq(p6, ConstPtr(null))",
            "i9 = ptr_ne(p2, ConstPtr(theNode))",
            "finish(i5, p6, f7, i8, i9)"),
        ["guards on values and classes"] = Lines(
            "[i0, p1, p2]",
            "guard_true(i0) [i0]",
            "i3 = int_is_zero(i0)",
            "guard_false(i3) [i0, p1]",
            "guard_value(i0, 42) [i0]",
            "guard_nonnull(p1) [p1]",
            "guard_class(p1, ConstClass(Node)) [p1, p2]",
            "guard_isnull(p2) []",
            "guard_nonnull_class(p1, ConstClass(Node)) [p1]",
            "guard_value(p1, ConstPtr(theNode)) [p1]",
            "finish(p1)"),
        ["fields and allocation"] = Lines(
            "[p0]",
            "i1 = getfield_gc_i(p0, descr=Node.value)",
            "p2 = getfield_gc_r(p0, descr=Node.next)",
            "f3 = getfield_gc_f(p0, descr=Node.weight)",
            "p4 = new(descr=Node)",
            "setfield_gc(p4, i1, descr=Node.value)",
            "setfield_gc(p4, p0, descr=Node.next)",
            "setfield_gc(p4, 1.5, descr=Node.weight)",
            "finish(p4, p2, f3)"),
        ["arrays"] = Lines(
            "[i0]",
            "p1 = new_array(i0, descr=IntArray)",
            "setarrayitem_gc(p1, 0, 7, descr=IntArray)",
            "i2 = getarrayitem_gc_i(p1, 0, descr=IntArray)",
            "i3 = arraylen_gc(p1, descr=IntArray)",
            "p4 = new_array(2, descr=FloatArray)",
            "setarrayitem_gc(p4, 1, 2.5, descr=FloatArray)",
            "f5 = getarrayitem_gc_f(p4, 1, descr=FloatArray)",
            "p6 = new_array(1, descr=RefArray)",
            "setarrayitem_gc(p6, 0, p4, descr=RefArray)",
            "p7 = getarrayitem_gc_r(p6, 0, descr=RefArray)",
            "finish(i2, i3, f5, p7)"),
        ["strings"] = Lines(
            "[p0]",
            "i1 = strlen(p0)",
            "i2 = strgetitem(p0, 0)",
            "i3 = strlen(\"tab\\there \\\"quoted\\\" \\\\ caf\\u00e9\")",
            "finish(i1, i2, i3)"),
        ["calls and exceptions"] = Lines(
            "[i0, i1, f2]",
            "i3 = call_i(i0, i1, descr=max)",
            "i4 = call_i(i3, i1, descr=checked_div)",
            "guard_no_exception() [i0, i1]",
            "f5 = call_f(f2, f2, descr=hypot)",
            "p6 = call_r(i4, descr=make_node)",
            "call_n(i4, descr=record)",
            "i7 = call_i(i0, 0, descr=checked_div)",
            "p8 = guard_exception(ConstClass(TestError)) [i0]",
            "finish(i3, i4, f5, p6, p8)"),
        ["a counting loop"] = Lines(
            "[i0, i1]",
            "label(i0, i1, descr=Loop0)",
            "i2 = int_add(i0, 1)",
            "i3 = int_lt(i2, i1)",
            "guard_true(i3) [i2, i1]",
            "jump(i2, i1, descr=Loop0)"),
        ["a preamble and its loop"] = Lines(
            "[i0, p1]",
            "label(i0, p1, descr=Preamble)",
            "guard_nonnull_class(p1, ConstClass(Node)) [i0, p1]",
            "i2 = getfield_gc_i(p1, descr=Node.value)",
            "label(i0, i2, descr=Loop1)",
            "i3 = int_add(i0, i2)",
            "i4 = int_le(i3, 100)",
            "guard_true(i4) [i3]",
            "jump(i3, i2, descr=Loop1)"),
        ["no inputs and no operands"] = Lines(
            "[]",
            "p0 = new(descr=Leaf)",
            "finish()"),
    };

    public static IEnumerable<TestCaseData> TraceCases() =>
        Traces.Select(pair => new TestCaseData(pair.Value).SetArgDisplayNames(pair.Key));

    [TestCaseSource(nameof(TraceCases))]
    public void Printing_a_parsed_trace_gives_back_its_text(string text)
    {
        var world = new TraceTestWorld();
        Assert.That(TracePrinter.Print(world.Parse(text), world.Registry), Is.EqualTo(text));
    }

    [Test]
    public void The_round_trip_traces_use_every_opcode()
    {
        var world = new TraceTestWorld();
        var unused = new HashSet<TraceOpcode>(Enum.GetValues<TraceOpcode>());
        foreach (string text in Traces.Values)
            foreach (var op in world.Parse(text).Ops.ToArray())
                unused.Remove(op.Opcode);
        Assert.That(unused, Is.Empty);
    }

    [Test]
    public void Every_opcode_has_a_row_whose_name_parses_back_to_it()
    {
        foreach (var opcode in Enum.GetValues<TraceOpcode>())
        {
            ref readonly var info = ref TraceOpcodes.Info(opcode);
            Assert.That(info.Opcode, Is.EqualTo(opcode));
            Assert.That(TraceOpcodes.TryParse(info.Name, out var parsed) && parsed == opcode, info.Name);
        }
        Assert.That(TraceOpcodes.Count, Is.EqualTo(Enum.GetValues<TraceOpcode>().Length));
    }

    [Test]
    public void Value_names_are_renumbered_in_order_of_definition()
    {
        var trace = TraceParser.Parse(Lines("# a comment", "[i5, p9]", "", "i7 = int_add(i5, 1)", "finish(i7, p9)"));
        Assert.That(TracePrinter.Print(trace), Is.EqualTo(Lines("[i0, p1]", "i2 = int_add(i0, 1)", "finish(i2, p1)")));
    }

    [Test]
    public void Floats_print_in_a_form_that_reads_back_as_the_same_bits()
    {
        double[] values = [0.1, -0.0, 1e300, 5e-324, 123456789.0, 1.0 / 3, double.NaN, double.NegativeInfinity];
        foreach (double value in values)
        {
            string text = TracePrinter.FormatFloat(value);
            var trace = TraceParser.Parse(Lines("[]", $"finish({text})"));
            double back = trace.ConstantValue(trace.OperandsOf(in trace[0])[0]).AsFloat;
            Assert.That(BitConverter.DoubleToInt64Bits(back), Is.EqualTo(BitConverter.DoubleToInt64Bits(value)), text);
        }
    }

    [Test]
    public void Guards_are_numbered_in_order_and_descriptors_shared()
    {
        var world = new TraceTestWorld();
        var trace = world.Parse(Traces["guards on values and classes"]);
        var guardIndices = new List<int>();
        foreach (var op in trace.Ops.ToArray())
            if (op.Info.IsGuard)
                guardIndices.Add(((FailDescr)trace.DescrOf(in op)!).Index);
        Assert.That(guardIndices, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }));

        var fields = world.Parse(Traces["fields and allocation"]);
        Assert.That(fields.DescrOf(in fields[0]), Is.SameAs(world.NodeValue));
        Assert.That(fields.DescrOf(in fields[4]), Is.SameAs(world.NodeValue));
        Assert.That(fields.Descriptors.Length, Is.EqualTo(4));
    }

    [TestCase("[i0]\ni1 = int_frobnicate(i0)\n", 2, 6, "unknown operation 'int_frobnicate'")]
    [TestCase("[i0]\ni1 = int_add(i0, i2)\n", 2, 18, "undefined value i2")]
    [TestCase("[i0]\nf1 = int_add(i0, 1)\n", 2, 1, "the result of int_add is Int: its name starts with 'i'")]
    [TestCase("[i0]\nint_add(i0, 1)\n", 2, 1, "int_add has a result: write it as 'iN = int_add(...)'")]
    [TestCase("[i0]\ni1 = int_add(i0)\n", 2, 6, "int_add takes 2 operand(s), not 1")]
    [TestCase("[i0]\ni1 = int_add(i0, 1.5)\n", 2, 6, "int_add: operand 2 (constant 1.5) is Float, expected Int")]
    [TestCase("[p0]\ni1 = getfield_gc_i(p0, descr=Node.colour)\n", 2, 30, "unknown descriptor 'Node.colour'")]
    [TestCase("[p0]\nf1 = getfield_gc_f(p0, descr=Node.value)\n", 2, 6, "getfield_gc_f: descriptor Node.value (FieldDescr) does not fit")]
    [TestCase("[i0]\ni1 = int_add(i0, 1\n", 2, 19, "expected ',' or ')' at the end of the line")]
    [TestCase("[i0]\nguard_true(i0) [i0, i9]\n", 2, 21, "undefined value i9")]
    [TestCase("[i0]\ni0 = int_add(i0, 1)\n", 2, 1, "i0 is already defined")]
    [TestCase("[x0]\n", 1, 2, "'x0': value names start with i, p or f")]
    [TestCase("[i0]\njump(i0, descr=Nowhere)\n", 2, 16, "unknown descriptor 'Nowhere'")]
    [TestCase("[i0, i1]\nlabel(i0, descr=L)\njump(i0, i1, descr=L)\n", 3, 1, "jump to L passes 2 value(s), its label takes 1")]
    [TestCase("[i0]\ni1 = call_i(i0, descr=max)\n", 2, 6, "call_i: max takes 2 argument(s), not 1")]
    [TestCase("[p0]\nguard_class(p0, ConstPtr(theNode)) []\n", 2, 1, "guard_class: the class operand must be a ConstClass constant")]
    [TestCase("[i0]\ni1 = strlen(\"abc)\n", 2, 13, "unterminated string constant")]
    [TestCase("[i0]\nfinish(i0) trailing\n", 2, 12, "unexpected 'trailing' after the op")]
    [TestCase("[i0]\nguard_true(i0, descr=max) []\n", 2, 16, "guard_true takes no descr=: guards are numbered in order and get their fail descriptor from the builder")]
    [TestCase("\n\n", 3, 1, "empty trace: expected the inputs line, e.g. [i0, p1]")]
    public void A_bad_trace_is_reported_at_its_line_and_column(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<TraceParseException>(() => new TraceTestWorld().Parse(text))!;
        Assert.That((error.Line, error.Column, error.Reason), Is.EqualTo((line, column, reason)));
    }

    [Test]
    public void A_parse_error_message_shows_the_line_and_a_caret()
    {
        var error = Assert.Throws<TraceParseException>(() => TraceParser.Parse("[i0]\ni1 = int_add(i0, i2)\n"))!;
        Assert.That(error.Message, Is.EqualTo("trace:2:18: error: undefined value i2\n  i1 = int_add(i0, i2)\n                   ^"));
    }
}
