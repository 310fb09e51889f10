// Operation helpers the tracer records as trace ops instead of residual calls, so that the optimizer sees what
// they do and compiled code makes no call. Lists: reading an item, writing an item or taking the length of an
// RList become its count and items fields, one bounds guard and the array item. Integer division and modulo
// become int_floordiv/int_mod after a guard that the divisor is not zero. The helper still runs while tracing;
// a guard that fails later (an index out of range, a negative index that stops being negative, a zero divisor)
// resumes at the helper call, which then runs for real and raises as the interpreter would.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Tracing;

public sealed partial class MetaInterpreter
{
    private enum ListOperation : byte { None, GetItem, SetItem, Len }

    private static ListOperation ListOperationOf(JitFunction function) => function.Operation switch
    {
        "list_getitem" => ListOperation.GetItem,
        "list_setitem" => ListOperation.SetItem,
        "list_len" => ListOperation.Len,
        _ => ListOperation.None,
    };

    /// <summary>The operands a helper recorded here takes. A call passing fewer is left a call: an operand of
    /// NoneType is not passed (list_repeat of None, list_setitem storing None), so the others would be misread.</summary>
    private static int OperandsOf(string operation) => operation switch
    {
        "list_len" => 1,
        "list_setitem" => 3,
        _ => 2,
    };

    /// <summary>Records a helper call that returned normally as trace ops, if the tracer knows how; false otherwise.</summary>
    private bool TryRecordHelper(int at, JitFunction target, int argumentCount, TraceValue result, out int resultBox) =>
        target.Operation is not { } operation || argumentCount != OperandsOf(operation) ? NotRecorded(out resultBox)
            : operation switch
            {
                "int_floordiv" => RecordDivision(at, TraceOpcode.IntFloorDiv, result, out resultBox),
                "int_mod" => RecordDivision(at, TraceOpcode.IntMod, result, out resultBox),
                "list_repeat" => RecordRepeat(at, result, out resultBox),
                _ => TryRecordList(at, target, result, out resultBox),
            };

    private static bool NotRecorded(out int resultBox)
    {
        resultBox = TraceValues.None;
        return false;
    }

    /// <summary>a // b or a % b (Python's rounding) after a guard that b is not zero.</summary>
    private bool RecordDivision(int at, TraceOpcode opcode, TraceValue result, out int resultBox)
    {
        int divisor = _argumentBoxes[1];
        GuardTrueAt(RecordPure(TraceOpcode.IntNe, TraceValue.FromInt(1), divisor, _trace!.ConstInt(0)), at);
        resultBox = RecordPure(opcode, result, _argumentBoxes[0], divisor);
        return true;
    }

    /// <summary>
    /// Records a list helper call that returned normally (the call at <paramref name="at"/>) as direct accesses;
    /// false when <paramref name="target"/> is not such a helper, or its list is a constant with immutable items
    /// (then the call folds to a constant instead).
    /// </summary>
    private bool TryRecordList(int at, JitFunction target, TraceValue result, out int resultBox)
    {
        resultBox = TraceValues.None;
        var operation = ListOperationOf(target);
        if (operation == ListOperation.None || _arguments[0].AsRef is not { } list || !IsRList(list.GetType()))
            return false;
        int listBox = _argumentBoxes[0];
        if (TraceValues.IsConstant(listBox) && ImmutableContainers.TryGetValue(list, out _) && operation != ListOperation.SetItem)
            return false;
        var descrs = _descrs.List(list.GetType());
        long count = descrs.Count.Read(list).AsInt;
        int countBox = _trace!.Op(TraceOpcode.GetfieldGcI, descrs.Count, listBox);
        if (operation == ListOperation.Len)
        {
            resultBox = countBox;
            return true;
        }
        long index = _arguments[1].AsInt;
        int position = _argumentBoxes[1];
        if (_virtualizableLists.Contains(listBox) && !TraceValues.IsConstant(position))
        {
            // a frame's own stack or locals: the index (a stack depth, a local's number) is the same each time the
            // interpreter is at this point of the user's program, and as a constant it lets the optimizer keep items
            // in registers
            int constant = _trace.ConstInt(index);
            Guard(TraceOpcode.GuardValue, [position, constant], at);
            position = constant;
        }
        if (index < 0)
        {
            GuardTrueAt(RecordPure(TraceOpcode.IntLt, TraceValue.FromInt(1), position, _trace.ConstInt(0)), at);
            index += count;
            position = RecordPure(TraceOpcode.IntAdd, TraceValue.FromInt(index), position, countBox);
        }
        // one unsigned comparison checks 0 <= position < count
        GuardTrueAt(RecordPure(TraceOpcode.UintLt, TraceValue.FromInt(1), position, countBox), at);
        int items = _trace.Op(TraceOpcode.GetfieldGcR, descrs.Items, listBox);
        if (operation == ListOperation.SetItem)
        {
            _trace.Op(TraceOpcode.SetarrayitemGc, descrs.Array, items, position, _argumentBoxes[2]);
            return true;
        }
        var opcode = descrs.Array.ItemKind switch
        {
            ValueKind.Int => TraceOpcode.GetarrayitemGcI,
            ValueKind.Float => TraceOpcode.GetarrayitemGcF,
            _ => TraceOpcode.GetarrayitemGcR,
        };
        resultBox = _trace.Op(opcode, descrs.Array, items, position);
        return true;
    }

    /// <summary>The longest [x] * n recorded as allocations (a longer one is a call of the helper).</summary>
    private const long MaxRecordedRepeat = 1 << 16;

    /// <summary>The longest [x] * n of an item other than zero recorded as allocations and one store per item.</summary>
    private const long MaxFilledRepeat = 32;

    /// <summary>
    /// [item] * n (list_repeat, at <paramref name="at"/>) recorded as what it does: a new list, a new array of n
    /// items, the item stored into each when it is not zero, so that the optimizer can keep the list virtual
    /// (stack_vm's frames make their stacks so on every call). A variable n is guarded to be at most
    /// MaxRecordedRepeat (unsigned, so at least 0); false, to record the call, for an item other than a zero
    /// constant unless n is a small constant.
    /// </summary>
    private bool RecordRepeat(int at, TraceValue result, out int resultBox)
    {
        resultBox = TraceValues.None;
        if (result.AsRef is not { } list || !IsRList(list.GetType()))
            return false;
        var descrs = _descrs.List(list.GetType());
        long times = _arguments[1].AsInt;
        int timesBox = _argumentBoxes[1];
        int itemBox = _argumentBoxes[0];
        var item = _arguments[0];
        bool zero = TraceValues.IsConstant(itemBox) && descrs.Array.ItemKind switch
        {
            ValueKind.Int => item.AsInt == 0,
            ValueKind.Float => BitConverter.DoubleToInt64Bits(item.AsFloat) == 0,
            _ => item.AsRef is null,
        };
        bool constantTimes = TraceValues.IsConstant(timesBox);
        if (times < 0 || times > MaxRecordedRepeat || !zero && !(constantTimes && times <= MaxFilledRepeat))
            return false;
        if (!constantTimes)
            GuardTrueAt(RecordPure(TraceOpcode.UintLt, TraceValue.FromInt(1), timesBox, _trace!.ConstInt(MaxRecordedRepeat + 1)), at);
        int listBox = _trace!.Op(TraceOpcode.New, _descrs.Class(list.GetType()));
        _knownClasses[listBox] = list.GetType();
        int items = _trace.Op(TraceOpcode.NewArray, descrs.Array, timesBox);
        if (!zero)
        {
            for (int i = 0; i < times; i++)
                _trace.Op(TraceOpcode.SetarrayitemGc, descrs.Array, items, _trace.ConstInt(i), itemBox);
        }
        _trace.Op(TraceOpcode.SetfieldGc, descrs.Items, listBox, items);
        _trace.Op(TraceOpcode.SetfieldGc, descrs.Count, listBox, timesBox);
        resultBox = listBox;
        return true;
    }

    private static bool IsRList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RList<>);

    /// <summary>A guard that its (true) condition stays true, resuming at <paramref name="resumePc"/>; none for a constant.</summary>
    private void GuardTrueAt(int condition, int resumePc)
    {
        if (!TraceValues.IsConstant(condition))
            Guard(TraceOpcode.GuardTrue, [condition], resumePc);
    }
}
