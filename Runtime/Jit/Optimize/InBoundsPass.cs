// Pass: list item accesses proved in bounds. An RList's count never exceeds its items array's length, and the
// array is only ever replaced by a longer one, so an items array read after the count has at least count items
// (nothing the list does in between can make it shorter). An index a guard checked below that count, unsigned,
// is then an index of the array: the access is marked InBounds, and backends skip their own bounds check (the
// CLR's, on top of the trace's). Checks of base + c1 and base + c2 below the same count also cover base + c for
// c1 <= c <= c2 (BoundsPass drops those checks; brainfuck's cells). Runs last, on the optimized trace (Optimizer,
// with the Bounds pass); it only adds flags.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class InBoundsPass
{
    /// <summary>The largest offset (either sign) <see cref="Linear"/> takes off a variable base: two such offsets differ
    /// by less than 2^41, so base + c between two checked values below 2^31 cannot wrap.</summary>
    private const long MaxOffset = 1L << 40;

    /// <summary>Per list value: the count values read from it (in trace order), until a trace writes a list's fields.</summary>
    private readonly Dictionary<int, List<int>> _countsOf = [];

    /// <summary>Per array value: count values its length is at least (it is an items array read after them).</summary>
    private readonly Dictionary<int, List<int>> _longerThan = [];

    /// <summary>Per (base, count): offsets c whose base + c a guard checked below the count (unsigned). A constant
    /// index has base <see cref="TraceValues.None"/>.</summary>
    private readonly Dictionary<(int Base, int Count), List<long>> _checked = [];

    /// <summary>The op defining each variable, -1 for inputs and label operands a jump changes.</summary>
    private int[] _definition = [];

    private readonly List<int> _inBounds = [];

    public TraceIr Run(TraceIr trace)
    {
        _countsOf.Clear();
        _longerThan.Clear();
        _checked.Clear();
        _inBounds.Clear();
        _definition = new int[trace.VariableCount];
        Array.Fill(_definition, -1);
        var ops = trace.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            var operands = trace.OperandsOf(in op);
            switch (op.Opcode)
            {
                case TraceOpcode.Label when pc > 0:
                    ForgetChanging(trace, pc);
                    break;
                case TraceOpcode.GetfieldGcI when IsListCount(trace.DescrOf(in op)) == true:
                    (_countsOf.TryGetValue(operands[0], out var counts) ? counts : _countsOf[operands[0]] = []).Add(op.Result);
                    break;
                case TraceOpcode.GetfieldGcR when IsListCount(trace.DescrOf(in op)) == false
                                                  && _countsOf.TryGetValue(operands[0], out var countsBefore):
                    _longerThan[op.Result] = [.. countsBefore];
                    break;
                case TraceOpcode.SetfieldGc when IsListCount(trace.DescrOf(in op)) is not null:
                    // a list made by the trace gets its fields here: no count read before says anything about any list
                    _countsOf.Clear();
                    break;
                case TraceOpcode.GuardTrue or TraceOpcode.GuardFalse:
                    NoteCheck(trace, operands[0], op.Opcode == TraceOpcode.GuardTrue);
                    break;
                case var _ when TraceOp.IsItemAccess(op.Opcode) && !op.InBounds && IsInBounds(trace, operands[0], operands[1]):
                    _inBounds.Add(pc);
                    break;
            }
            if (op.Result != TraceValues.None)
                _definition[op.Result] = pc;
        }
        return _inBounds.Count == 0 ? trace : trace.WithInBounds(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_inBounds));
    }

    /// <summary>Whether <paramref name="descr"/> is an RList's count (true) or its items (false); null for anything else.</summary>
    internal static bool? IsListCount(TraceDescr? descr) =>
        descr is FieldDescr { Field: { DeclaringType: { IsGenericType: true } owner } field }
        && owner.GetGenericTypeDefinition() == typeof(RList<>) && field.Name is RList<int>.CountFieldName or RList<int>.ItemsFieldName
            ? field.Name == RList<int>.CountFieldName
            : null;

    /// <summary>What a guard on <paramref name="condition"/> being <paramref name="holds"/> checked: index &lt; count, unsigned.</summary>
    private void NoteCheck(TraceIr trace, int condition, bool holds)
    {
        if (!TraceValues.IsVariable(condition) || _definition[condition] < 0)
            return;
        ref readonly var compare = ref trace[_definition[condition]];
        var operands = trace.OperandsOf(in compare);
        (int index, int count) = (compare.Opcode, holds) switch
        {
            (TraceOpcode.UintLt, true) or (TraceOpcode.UintGe, false) => (operands[0], operands[1]),
            (TraceOpcode.UintGt, true) or (TraceOpcode.UintLe, false) => (operands[1], operands[0]),
            _ => (TraceValues.None, TraceValues.None),
        };
        if (!TraceValues.IsVariable(count))
            return;
        var (start, offset) = Linear(trace, index);
        if (!_checked.TryGetValue((start, count), out var offsets))
            _checked[(start, count)] = offsets = [];
        offsets.Add(offset);
    }

    /// <summary>
    /// Whether <paramref name="array"/>[<paramref name="index"/>] is within the array: the array is at least as long
    /// as a count n, and the index lies between two offsets of its base checked below n. Those checked values are
    /// below n &lt;= 2^31 - 1 as unsigned, so 0 or more, and with a variable base the index differs from the lower
    /// one by less than 2^41 (<see cref="Linear"/> takes offsets below 2^40): no wrap-around, so it lies between
    /// the two, below n. Constant indices (no base) compare directly.
    /// </summary>
    private bool IsInBounds(TraceIr trace, int array, int index)
    {
        if (!_longerThan.TryGetValue(array, out var counts))
            return false;
        var (start, offset) = Linear(trace, index);
        foreach (int count in counts)
        {
            if (!_checked.TryGetValue((start, count), out var offsets))
                continue;
            bool below = false, above = false;
            foreach (long known in offsets)
            {
                below |= known <= offset;
                above |= known >= offset;
            }
            if (below && above)
                return true;
        }
        return false;
    }

    /// <summary>A value as base + constant offset: int_add or int_sub of a variable and a small constant; a constant
    /// as (None, itself); else itself + 0.</summary>
    private (int Base, long Offset) Linear(TraceIr trace, int value)
    {
        if (TraceValues.IsConstant(value))
            return (TraceValues.None, trace.ConstantValue(value).AsInt);
        if (value == TraceValues.None || _definition[value] < 0)
            return (value, 0);
        ref readonly var op = ref trace[_definition[value]];
        if (op.Opcode is not (TraceOpcode.IntAdd or TraceOpcode.IntSub))
            return (value, 0);
        var operands = trace.OperandsOf(in op);
        bool Small(int operand, out long constant)
        {
            constant = TraceValues.IsConstant(operand) ? trace.ConstantValue(operand).AsInt : 0;
            return TraceValues.IsConstant(operand) && constant > -MaxOffset && constant < MaxOffset;
        }
        if (TraceValues.IsVariable(operands[0]) && Small(operands[1], out long right))
            return (operands[0], op.Opcode == TraceOpcode.IntAdd ? right : -right);
        if (op.Opcode == TraceOpcode.IntAdd && TraceValues.IsVariable(operands[1]) && Small(operands[0], out long left))
            return (operands[1], left);
        return (value, 0);
    }

    /// <summary>
    /// At a loop's label (not the trace's first op): the jumps back to it give its operands new values, except those
    /// they pass back unchanged. Facts about a changing operand end here; the rest hold in every iteration. Only
    /// this trace jumps to such a label (the peeled loop's, made by PeelingPass): other traces enter a loop at its
    /// first label.
    /// </summary>
    private void ForgetChanging(TraceIr trace, int labelPc)
    {
        var token = trace.DescrOf(in trace[labelPc]);
        var labelOperands = trace.OperandsOf(in trace[labelPc]);
        var changing = new HashSet<int>();
        var ops = trace.Ops;
        for (int pc = labelPc + 1; pc < ops.Length; pc++)
        {
            if (ops[pc].Opcode != TraceOpcode.Jump || !ReferenceEquals(trace.DescrOf(in ops[pc]), token))
                continue;
            var passed = trace.OperandsOf(in ops[pc]);
            for (int k = 0; k < labelOperands.Length; k++)
                if (passed[k] != labelOperands[k])
                    changing.Add(labelOperands[k]);
        }
        if (changing.Count == 0)
            return;
        // a value computed before the label from a changing operand keeps the old operand's value: its definition
        // no longer says how it relates to the operand
        var changed = changing.ToArray();
        for (int value = 0; value < _definition.Length; value++)
            if (_definition[value] >= 0 && _definition[value] < labelPc
                && trace.OperandsOf(in trace[_definition[value]]).ContainsAny(changed))
                _definition[value] = -1;
        foreach (int value in changing)
        {
            _definition[value] = -1;
            _countsOf.Remove(value);
            _longerThan.Remove(value);
        }
        foreach (var counts in _countsOf.Values)
            counts.RemoveAll(changing.Contains);
        foreach (var counts in _longerThan.Values)
            counts.RemoveAll(changing.Contains);
        foreach (var key in _checked.Keys.Where(key => changing.Contains(key.Base) || changing.Contains(key.Count)).ToList())
            _checked.Remove(key);
    }
}
