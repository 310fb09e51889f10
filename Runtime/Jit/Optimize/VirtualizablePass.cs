// Pass: virtualizable frame fields. Fields marked IsVirtualizable of a trace input (the interpreter's frame)
// are read once and then kept as values; writes are delayed to the end (jump, finish), to before a call that
// may write memory, and, at a guard failure, replayed from the guard's layout (pending writes). Around a peeled
// loop (its label is not the trace's first) the values travel as extra label/jump arguments instead of through
// memory. Assumes, as PyPy's virtualizables do, that nothing but the trace touches these fields meanwhile
// (ReadOnly calls do not read them; other calls see them written back and may change them). Run by Optimizer.
//
// The items of a frame's `[*]` lists (FieldDescr.HasVirtualizableItems: a stack, the locals) read and written at
// constant indexes are kept in values the same way: the list is the field's value, its array the one field of the
// list the trace reads before an item access (an RList's items), and an item is known by (list, index). Their
// writes become pending writes of array items. An array access the pass cannot place (another array of the same
// item kind, which may be the same one, or a non-constant index) first writes the delayed items back, and a store
// there also forgets them; so does a store into the list's fields. A ReadOnly call given a frame, one of its lists
// or arrays sees their items written back first.
using System.Runtime.InteropServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class VirtualizablePass(TraceRewriter rewriter) : IResumeSource
{
    /// <summary>A field of a frame (an input's OLD value number) and the output value it has now.</summary>
    private record struct Entry(int Frame, FieldDescr Field, int Value, bool Dirty);

    /// <summary>
    /// A frame's `[*]` list: the field holding it, its value now (output), and once read, the field of the list
    /// holding its array and the array's value (output; None before), and the arrays' descriptor once an item was accessed.
    /// </summary>
    private record struct FrameList(int Frame, FieldDescr Field, int List, FieldDescr? ArrayField, int Array, ArrayDescr? Items)
    {
        /// <summary>In the peeled loop, the label argument that is also the list (the peeling pass passes the
        /// preamble's read of the field as a loop invariant), or None.</summary>
        public int Alias { get; init; } = TraceValues.None;
    }

    /// <summary>An item at a constant index of the list <see cref="List"/> (an index in _lists) and its value now.</summary>
    private record struct Item(int List, long Index, int Value, bool Dirty);

    /// <summary>
    /// A list's array or an item carried around the peeled loop, by its frame and field (the list's slot in _lists
    /// changes). An array the peeling pass already passes as a loop invariant (label operand <see cref="Operand"/>,
    /// else -1) takes no argument of its own; <see cref="ListOperand"/> is the label operand that is also its list, or -1.
    /// </summary>
    private record struct CarriedItem(int Frame, FieldDescr Field, FieldDescr ArrayField, ArrayDescr Items, long Index,
        int Operand = -1, int ListOperand = -1);

    private readonly List<Entry> _entries = [];
    private readonly List<Entry> _carried = [];
    private readonly List<FrameList> _lists = [];
    private readonly List<Item> _items = [];
    private readonly List<CarriedItem> _carriedArrays = [];
    private readonly List<CarriedItem> _carriedItems = [];
    private readonly List<int> _arguments = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        _entries.Clear();
        _carried.Clear();
        ForgetLists();
        _carriedArrays.Clear();
        _carriedItems.Clear();
        var ops = input.Ops;
        int loopLabel = PeelingPass.PeeledLabel(input);
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            var descr = input.DescrOf(in op);
            if (descr is FieldDescr { IsVirtualizable: true } field && IsFrame(input, input.OperandsOf(in op)[0]))
            {
                FrameField(pc, field);
                continue;
            }
            if (TryListAccess(pc, descr))
                continue;
            if (pc == loopLabel)
            {
                EnterLoop(pc);
                continue;
            }
            if (op.Opcode == TraceOpcode.Jump && loopLabel >= 0 && pc == ops.Length - 1)
            {
                JumpBack(pc);
                continue;
            }
            bool writesMemory = op.Info.IsCall && descr is CallDescr { Effects: var effects } && (effects & CallEffects.ReadOnly) == 0;
            if (writesMemory || op.Info.IsFinal || op.Opcode == TraceOpcode.Label)
            {
                WriteBack(carriedToo: true);
                // After a call that may write, or at a loop header, the fields are read again when needed.
                _entries.Clear();
                ForgetLists();
            }
            else if (op.Info.IsCall)
                WriteBackItemsSeenBy(input.OperandsOf(in op));
            if (op.Info.IsGuard)
                rewriter.EmitGuard(op.Opcode, rewriter.MapOperands(in op), pc, this);
            else
                rewriter.Copy(pc);
        }
        return rewriter.Finish();
    }

    public ResumeEntry Describe(int oldValue, ResumeWriter writer) => writer.Describe(rewriter.Map(oldValue));

    public void AddPendingWrites(ResumeWriter writer)
    {
        foreach (var entry in _entries)
            if (entry.Dirty)
                writer.AddPendingWrite(ResumePendingWrite.ToField(writer.Describe(rewriter.Map(entry.Frame)), entry.Field,
                    writer.Describe(entry.Value)));
        foreach (var item in _items)
            if (item.Dirty)
            {
                var list = _lists[item.List];
                writer.AddPendingWrite(ResumePendingWrite.ToItem(writer.Describe(list.Array), list.Items!,
                    writer.Describe(rewriter.Output.ConstInt(item.Index)), writer.Describe(item.Value)));
            }
    }

    /// <summary>A read or write of a virtualizable field of an input frame: served from, or kept in, its entry.</summary>
    private void FrameField(int pc, FieldDescr field)
    {
        var input = rewriter.Input;
        ref readonly var op = ref input.Ops[pc];
        int frame = input.OperandsOf(in op)[0];
        int found = Find(frame, field);
        int value;
        if (op.Opcode == TraceOpcode.SetfieldGc)
        {
            value = rewriter.Map(input.OperandsOf(in op)[1]);
            var entry = new Entry(frame, field, value, true);
            if (found < 0)
                _entries.Add(entry);
            else
                _entries[found] = entry;
        }
        else if (found >= 0)
            rewriter.SetResult(op.Result, value = _entries[found].Value);
        else
            _entries.Add(new Entry(frame, field, value = rewriter.Copy(pc), false));
        if (!field.HasVirtualizableItems)
            return;
        var known = new FrameList(frame, field, value, null, TraceValues.None, null);
        int list = FindList(frame, field);
        if (list < 0)
            _lists.Add(known);
        else if (_lists[list].List != value)
        {
            DropList(list);
            _lists[list] = known;
        }
    }

    /// <summary>
    /// An op touching a frame list's array or items: the array read once, items at constant indexes kept in values
    /// (true: handled). Any other array access first writes back the delayed items it may see (false: copy it).
    /// </summary>
    private bool TryListAccess(int pc, TraceDescr? descr)
    {
        var input = rewriter.Input;
        ref readonly var op = ref input.Ops[pc];
        switch (op.Opcode)
        {
            case TraceOpcode.GetfieldGcR when descr is FieldDescr arrayField:
            {
                int list = ListOf(rewriter.Map(input.OperandsOf(in op)[0]));
                if (list < 0)
                    return false;
                var state = _lists[list];
                if (state.Array != TraceValues.None && ReferenceEquals(state.ArrayField, arrayField))
                {
                    rewriter.SetResult(op.Result, state.Array);
                    return true;
                }
                if (state.Array != TraceValues.None)
                    return false;
                _lists[list] = state with { ArrayField = arrayField, Array = rewriter.Copy(pc) };
                return true;
            }
            case TraceOpcode.SetfieldGc:
            {
                // a store into the list's fields (a new array, a new length) ends what is known of its items
                int list = ListOf(rewriter.Map(input.OperandsOf(in op)[0]));
                if (list >= 0)
                    DropList(list);
                return false;
            }
            case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF or TraceOpcode.SetarrayitemGc
                when descr is ArrayDescr items:
            {
                var operands = input.OperandsOf(in op);
                int array = rewriter.Map(operands[0]), index = rewriter.Map(operands[1]);
                int list = ArrayOf(array);
                bool store = op.Opcode == TraceOpcode.SetarrayitemGc;
                if (list < 0 || !rewriter.IsConstant(index) || (_lists[list].Items is { } known && !ReferenceEquals(known, items)))
                {
                    WriteBackItemsOfKind(items.ItemKind, forget: store);
                    return false;
                }
                _lists[list] = _lists[list] with { Items = items };
                long at = rewriter.IntOf(index);
                int found = FindItem(list, at);
                if (store)
                {
                    var item = new Item(list, at, rewriter.Map(operands[2]), true);
                    if (found < 0)
                        _items.Add(item);
                    else
                        _items[found] = item;
                }
                else if (found >= 0)
                    rewriter.SetResult(op.Result, _items[found].Value);
                else
                    _items.Add(new Item(list, at, rewriter.Copy(pc), false));
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>The loop's label takes the known frame fields, lists' arrays and items as extra arguments; in the loop memory is stale.</summary>
    private void EnterLoop(int pc)
    {
        var label = rewriter.Input[pc];
        var oldOperands = rewriter.Input.OperandsOf(in label);
        _arguments.Clear();
        foreach (int operand in oldOperands)
            _arguments.Add(rewriter.Map(operand));
        foreach (var entry in _entries)
            _arguments.Add(entry.Value);
        _carriedArrays.Clear();
        foreach (var list in _lists)
            if (list.Array != TraceValues.None && list.Items is { } items)
            {
                int operand = _arguments.IndexOf(list.Array, 0, oldOperands.Length);
                if (operand < 0)
                    _arguments.Add(list.Array);
                _carriedArrays.Add(new CarriedItem(list.Frame, list.Field, list.ArrayField!, items, 0, operand,
                    _arguments.IndexOf(list.List, 0, oldOperands.Length)));
            }
        _carriedItems.Clear();
        foreach (var item in _items)
        {
            _arguments.Add(item.Value);
            var list = _lists[item.List];
            _carriedItems.Add(new CarriedItem(list.Frame, list.Field, list.ArrayField!, list.Items!, item.Index));
        }
        var operands = CollectionsMarshal.AsSpan(_arguments);
        rewriter.EmitLabel(rewriter.Input.DescrOf(in label)!, operands);
        for (int i = 0; i < oldOperands.Length; i++)
            rewriter.SetResult(oldOperands[i], operands[i]);
        int next = oldOperands.Length;
        _carried.Clear();
        for (int i = 0; i < _entries.Count; i++)
        {
            _entries[i] = _entries[i] with { Value = operands[next++], Dirty = true };
            _carried.Add(_entries[i]);
        }
        // the lists are the carried fields' new values; only those with a carried array stay known
        ForgetLists();
        foreach (var carried in _carriedArrays)
        {
            int entry = Find(carried.Frame, carried.Field);
            int array = carried.Operand >= 0 ? operands[carried.Operand] : operands[next++];
            _lists.Add(new FrameList(carried.Frame, carried.Field, _entries[entry].Value, carried.ArrayField, array, carried.Items)
            {
                Alias = carried.ListOperand >= 0 ? operands[carried.ListOperand] : TraceValues.None,
            });
        }
        foreach (var carried in _carriedItems)
            _items.Add(new Item(FindList(carried.Frame, carried.Field), carried.Index, operands[next++], true));
    }

    /// <summary>The jump passes the carried fields', arrays' and items' current values (read again if a call made them forgotten).</summary>
    private void JumpBack(int pc)
    {
        var jump = rewriter.Input[pc];
        WriteBack(carriedToo: false);
        _arguments.Clear();
        foreach (int operand in rewriter.Input.OperandsOf(in jump))
            _arguments.Add(rewriter.Map(operand));
        foreach (var carried in _carried)
            _arguments.Add(FieldNow(carried.Frame, carried.Field));
        var jumpOperands = rewriter.Input.OperandsOf(in jump);
        foreach (var carried in _carriedArrays)
            if (carried.Operand < 0)
                _arguments.Add(ArrayNow(carried, jumpOperands));
        foreach (var carried in _carriedItems)
        {
            int list = FindList(carried.Frame, carried.Field);
            int found = list >= 0 ? FindItem(list, carried.Index) : -1;
            _arguments.Add(found >= 0 ? _items[found].Value
                : rewriter.Emit(TraceOpcodes.ItemRead(carried.Items.ItemKind), carried.Items,
                    [ArrayNow(CarriedArray(carried), jumpOperands), rewriter.Output.ConstInt(carried.Index)]));
        }
        rewriter.Emit(TraceOpcode.Jump, rewriter.Input.DescrOf(in jump), CollectionsMarshal.AsSpan(_arguments));
    }

    private int FieldNow(int frame, FieldDescr field)
    {
        int found = Find(frame, field);
        return found >= 0 ? _entries[found].Value : rewriter.Emit(TraceOpcodes.FieldRead(field.Kind), field, [rewriter.Map(frame)]);
    }

    private CarriedItem CarriedArray(CarriedItem item) =>
        _carriedArrays.Find(array => array.Frame == item.Frame && ReferenceEquals(array.Field, item.Field));

    /// <summary>A carried array's value at the jump: known, the loop invariant the jump passes, or read again.</summary>
    private int ArrayNow(CarriedItem carried, ReadOnlySpan<int> jumpOperands)
    {
        int list = FindList(carried.Frame, carried.Field);
        if (list >= 0 && _lists[list].Array != TraceValues.None && ReferenceEquals(_lists[list].ArrayField, carried.ArrayField))
            return _lists[list].Array;
        if (carried.Operand >= 0)
            return rewriter.Map(jumpOperands[carried.Operand]);
        int array = rewriter.Emit(TraceOpcode.GetfieldGcR, carried.ArrayField, [FieldNow(carried.Frame, carried.Field)]);
        if (list >= 0)
            _lists[list] = _lists[list] with { ArrayField = carried.ArrayField, Array = array, Items = carried.Items };
        return array;
    }

    private static bool IsFrame(TraceIr input, int oldObject) => oldObject >= 0 && oldObject < input.InputCount;

    private int Find(int frame, FieldDescr field)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (_entries[i].Frame == frame && ReferenceEquals(_entries[i].Field, field))
                return i;
        return -1;
    }

    private int FindList(int frame, FieldDescr field)
    {
        for (int i = 0; i < _lists.Count; i++)
            if (_lists[i].Frame == frame && ReferenceEquals(_lists[i].Field, field))
                return i;
        return -1;
    }

    /// <summary>The frame list whose value is <paramref name="value"/> (output), or -1.</summary>
    private int ListOf(int value)
    {
        for (int i = 0; i < _lists.Count; i++)
            if (_lists[i].List == value || _lists[i].Alias == value)
                return i;
        return -1;
    }

    /// <summary>The frame list whose array is <paramref name="value"/> (output), or -1.</summary>
    private int ArrayOf(int value)
    {
        for (int i = 0; i < _lists.Count; i++)
            if (_lists[i].Array == value)
                return i;
        return -1;
    }

    private int FindItem(int list, long index)
    {
        for (int i = 0; i < _items.Count; i++)
            if (_items[i].List == list && _items[i].Index == index)
                return i;
        return -1;
    }

    /// <summary>Writes the delayed fields and items to memory (all of them, or those the loop's jump does not carry).</summary>
    private void WriteBack(bool carriedToo)
    {
        foreach (var entry in _entries)
            if (entry.Dirty && (carriedToo || !IsCarried(entry)))
                rewriter.Emit(TraceOpcode.SetfieldGc, entry.Field, [rewriter.Map(entry.Frame), entry.Value]);
        for (int i = 0; i < _items.Count; i++)
            if (_items[i].Dirty && (carriedToo || !IsCarried(_items[i])))
                WriteBackItem(i);
    }

    private void WriteBackItem(int i)
    {
        var item = _items[i];
        var list = _lists[item.List];
        rewriter.Emit(TraceOpcode.SetarrayitemGc, list.Items, [list.Array, rewriter.Output.ConstInt(item.Index), item.Value]);
        _items[i] = item with { Dirty = false };
    }

    /// <summary>Before an access to an array that may be a frame list's: its delayed items of that kind are written
    /// back, and forgotten when the access is a store.</summary>
    private void WriteBackItemsOfKind(ValueKind kind, bool forget)
    {
        for (int i = 0; i < _items.Count; i++)
            if (_lists[_items[i].List].Items!.ItemKind == kind && _items[i].Dirty)
                WriteBackItem(i);
        if (forget)
            _items.RemoveAll(item => _lists[item.List].Items!.ItemKind == kind);
    }

    /// <summary>Before a call that only reads: the items of any frame, list or array among its arguments are written back.</summary>
    private void WriteBackItemsSeenBy(ReadOnlySpan<int> oldOperands)
    {
        if (_items.Count == 0)
            return;
        foreach (int oldOperand in oldOperands)
        {
            int value = rewriter.Map(oldOperand);
            for (int i = 0; i < _items.Count; i++)
            {
                var list = _lists[_items[i].List];
                if (_items[i].Dirty && (list.List == value || list.Array == value || rewriter.Map(list.Frame) == value))
                    WriteBackItem(i);
            }
        }
    }

    /// <summary>A list stops being known (its field got another list, or the list's fields were written): its
    /// delayed items are written back first.</summary>
    private void DropList(int list)
    {
        for (int i = 0; i < _items.Count; i++)
            if (_items[i].List == list && _items[i].Dirty)
                WriteBackItem(i);
        _items.RemoveAll(item => item.List == list);
        _lists[list] = _lists[list] with { List = TraceValues.None, Alias = TraceValues.None, Array = TraceValues.None, Items = null, ArrayField = null };
    }

    private void ForgetLists()
    {
        _lists.Clear();
        _items.Clear();
    }

    private bool IsCarried(Entry entry)
    {
        foreach (var carried in _carried)
            if (carried.Frame == entry.Frame && ReferenceEquals(carried.Field, entry.Field))
                return true;
        return false;
    }

    private bool IsCarried(Item item)
    {
        var list = _lists[item.List];
        foreach (var carried in _carriedItems)
            if (carried.Frame == list.Frame && ReferenceEquals(carried.Field, list.Field) && carried.Index == item.Index)
                return true;
        return false;
    }
}
