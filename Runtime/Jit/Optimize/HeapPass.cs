// Pass: heap caching. A field read after a read or write of the same field of the same object reuses the value
// (and a write of the value already there goes); a write forgets that field of every object that may be the
// same one; calls forget everything unless their CallDescr is ReadOnly or Elidable. Array items at constant
// indices are cached the same way, array lengths for good (arrays never change length). Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class HeapPass(TraceRewriter rewriter)
{
    private readonly record struct Slot(int Object, long Index);

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
        Array.Clear(_fresh);
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            switch (op.Opcode)
            {
                case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF:
                    Read(pc, new Slot(rewriter.Map(input.OperandsOf(in op)[0]), 0));
                    break;
                case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF:
                    var itemOperands = rewriter.MapOperands(in op);
                    if (TraceValues.IsConstant(itemOperands[1]))
                        Read(pc, new Slot(itemOperands[0], rewriter.IntOf(itemOperands[1])));
                    else
                        rewriter.Copy(pc);
                    break;
                case TraceOpcode.SetfieldGc:
                    var fieldOperands = rewriter.MapOperands(in op);
                    Write(pc, new Slot(fieldOperands[0], 0), fieldOperands[1], true);
                    break;
                case TraceOpcode.SetarrayitemGc:
                    var setOperands = rewriter.MapOperands(in op);
                    bool constantIndex = TraceValues.IsConstant(setOperands[1]);
                    Write(pc, new Slot(setOperands[0], constantIndex ? rewriter.IntOf(setOperands[1]) : 0), setOperands[2], constantIndex);
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

    /// <summary>A write (at a known slot unless <paramref name="exact"/> is false, an item at a variable index).</summary>
    private void Write(int pc, Slot slot, int value, bool exact)
    {
        ref readonly var op = ref rewriter.Input[pc];
        var known = Known(op.Descr);
        if (exact && known.TryGetValue(slot, out int current) && current == value)
            return;
        _forget.Clear();
        foreach (var entry in known.Keys)
            if ((!exact || entry.Index == slot.Index) && MayAlias(entry.Object, slot.Object))
                _forget.Add(entry);
        foreach (var entry in _forget)
            known.Remove(entry);
        rewriter.Copy(pc);
        if (exact)
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
