// Pass: heap caching. A field read after a read or write of the same field of the same object reuses the value
// (and a write of the value already there goes); a write forgets that field of every object that may be the
// same one; calls forget everything unless their CallDescr is ReadOnly or Elidable. Array items are cached the
// same way, by index: a constant, or a value plus a constant (x, x + 1, x - 2 are known to be different items,
// x and y may be the same one); array lengths are cached for good (arrays never change length). Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class HeapPass(TraceRewriter rewriter)
{
    /// <summary>A field of an object (Base None, Offset 0), or an item at index Base + Offset (Base None: a constant index).</summary>
    private readonly record struct Slot(int Object, int Base, long Offset);

    /// <summary>Values this pass copied as x + constant: x and the constant.</summary>
    private readonly Dictionary<int, (int Base, long Offset)> _offsets = [];

    /// <summary>Indexed by the input trace's descriptor index: object (and item index) to the value known there.</summary>
    private Dictionary<Slot, int>?[] _known = [];
    private readonly Dictionary<int, int> _arrayLengths = [];
    private readonly List<Slot> _forget = [];
    private bool[] _fresh = new bool[64];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        if (_known.Length < input.Descriptors.Length)
            _known = new Dictionary<Slot, int>?[input.Descriptors.Length];
        ForgetAll();
        _arrayLengths.Clear();
        _offsets.Clear();
        Array.Clear(_fresh);
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            switch (op.Opcode)
            {
                case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF:
                    Read(pc, new Slot(rewriter.Map(input.OperandsOf(in op)[0]), TraceValues.None, 0));
                    break;
                case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF:
                    var itemOperands = rewriter.MapOperands(in op);
                    Read(pc, Item(itemOperands[0], itemOperands[1]));
                    break;
                case TraceOpcode.SetfieldGc:
                    var fieldOperands = rewriter.MapOperands(in op);
                    Write(pc, new Slot(fieldOperands[0], TraceValues.None, 0), fieldOperands[1]);
                    break;
                case TraceOpcode.SetarrayitemGc:
                    var setOperands = rewriter.MapOperands(in op);
                    Write(pc, Item(setOperands[0], setOperands[1]), setOperands[2]);
                    break;
                case TraceOpcode.IntAdd or TraceOpcode.IntSub:
                    NoteOffset(in op, rewriter.Copy(pc));
                    break;
                case TraceOpcode.ArraylenGc:
                    int array = rewriter.Map(input.OperandsOf(in op)[0]);
                    if (_arrayLengths.TryGetValue(array, out int length))
                        rewriter.SetResult(op.Result, length);
                    else
                        _arrayLengths[array] = rewriter.Copy(pc);
                    break;
                case TraceOpcode.New:
                    MarkFresh(rewriter.Copy(pc));
                    break;
                case TraceOpcode.NewArray:
                    int allocated = rewriter.Copy(pc);
                    MarkFresh(allocated);
                    _arrayLengths[allocated] = rewriter.Map(input.OperandsOf(in op)[0]);
                    break;
                case TraceOpcode.Label:
                    ForgetAll();
                    _arrayLengths.Clear();
                    rewriter.Copy(pc);
                    break;
                default:
                    if (op.Info.IsCall && input.DescrOf(in op) is CallDescr { Effects: var effects } &&
                        (effects & CallEffects.ReadOnly) == 0)
                        ForgetAll();
                    rewriter.Copy(pc);
                    break;
            }
        }
        return rewriter.Finish();
    }

    private void Read(int pc, Slot slot)
    {
        ref readonly var op = ref rewriter.Input[pc];
        var known = Known(op.Descr);
        if (known.TryGetValue(slot, out int value))
        {
            rewriter.SetResult(op.Result, value);
            return;
        }
        known[slot] = rewriter.Copy(pc);
    }

    /// <summary>The slot of an array's item at an index (a constant, or a value with the constant added to it).</summary>
    private Slot Item(int array, int index)
    {
        if (TraceValues.IsConstant(index))
            return new Slot(array, TraceValues.None, rewriter.IntOf(index));
        return _offsets.TryGetValue(index, out var sum) ? new Slot(array, sum.Base, sum.Offset) : new Slot(array, index, 0);
    }

    /// <summary>Remembers a copied int_add/int_sub of a value and a constant as that value plus an offset.</summary>
    private void NoteOffset(in TraceOp op, int result)
    {
        if (TraceValues.IsConstant(result))
            return;
        var operands = rewriter.MapOperands(in op);
        int value;
        long offset;
        if (TraceValues.IsConstant(operands[1]) && !TraceValues.IsConstant(operands[0]))
            (value, offset) = (operands[0], op.Opcode == TraceOpcode.IntAdd ? rewriter.IntOf(operands[1]) : unchecked(-rewriter.IntOf(operands[1])));
        else if (op.Opcode == TraceOpcode.IntAdd && TraceValues.IsConstant(operands[0]) && !TraceValues.IsConstant(operands[1]))
            (value, offset) = (operands[1], rewriter.IntOf(operands[0]));
        else
            return;
        if (_offsets.TryGetValue(value, out var inner))
            (value, offset) = (inner.Base, unchecked(inner.Offset + offset));
        _offsets[result] = (value, offset);
    }

    /// <summary>
    /// A write: forgets what may be the same slot (an object that may be this one, at the same offset from the same
    /// base, or at any index from another base), then knows the value written.
    /// </summary>
    private void Write(int pc, Slot slot, int value)
    {
        ref readonly var op = ref rewriter.Input[pc];
        var known = Known(op.Descr);
        if (known.TryGetValue(slot, out int current) && current == value)
            return;
        _forget.Clear();
        foreach (var entry in known.Keys)
            if ((entry.Base != slot.Base || entry.Offset == slot.Offset) && MayAlias(entry.Object, slot.Object))
                _forget.Add(entry);
        foreach (var entry in _forget)
            known.Remove(entry);
        rewriter.Copy(pc);
        known[slot] = value;
    }

    /// <summary>
    /// Two objects may be one unless they are different constants, come from different allocations here, or one
    /// was allocated here and the other existed before (a constant, or a value defined before the allocation:
    /// values are numbered in order of definition).
    /// </summary>
    private bool MayAlias(int a, int b)
    {
        if (a == b)
            return true;
        if (IsFresh(a) || IsFresh(b))
        {
            (int fresh, int other) = IsFresh(a) ? (a, b) : (b, a);
            return !IsFresh(other) && other > fresh;
        }
        return !(TraceValues.IsConstant(a) && TraceValues.IsConstant(b));
    }

    private bool IsFresh(int value) => value >= 0 && value < _fresh.Length && _fresh[value];

    private void MarkFresh(int value)
    {
        if (value >= _fresh.Length)
            Array.Resize(ref _fresh, Math.Max(value + 1, _fresh.Length * 2));
        _fresh[value] = true;
    }

    private Dictionary<Slot, int> Known(int descr) => _known[descr] ??= [];

    private void ForgetAll()
    {
        foreach (var known in _known)
            known?.Clear();
    }
}
