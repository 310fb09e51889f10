// Pass: heap caching. A field read after a read or write of the same field of the same object reuses the value
// (and a write of the value already there goes); a write forgets that field of every object that may be the
// same one; calls forget everything unless their CallDescr is ReadOnly or Elidable. Array items are cached the
// same way, by index: a constant, or a value plus a constant (x, x + 1, x - 2 are known to be different items,
// x and y may be the same one); array lengths are cached for good (arrays never change length). Run by Optimizer.
// Around a peeled loop (HeapPass.Loop.cs) the values the loop body reads from memory the preamble already knew
// are carried in label arguments instead, so the body reads them from registers.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class HeapPass(TraceRewriter rewriter)
{
    /// <summary>A field of an object (Base None, Offset 0), or an item at index Base + Offset (Base None: a constant index).</summary>
    private readonly record struct Slot(int Object, int Base, long Offset);

    /// <summary>Indexed by the input trace's descriptor index: object (and item index) to the value known there.</summary>
    private Dictionary<Slot, int>?[] _known = [];
    private readonly Dictionary<int, int> _arrayLengths = [];
    private readonly List<Slot> _forget = [];
    private readonly MemoryLocations _locations = new(rewriter.IntOf);

    /// <summary>
    /// Per operand of the label at <paramref name="labelPc"/>: whether every jump to it passes that operand itself
    /// back (the trace's last op is its only jump: a peeled loop's). Empty when that is not known.
    /// </summary>
    private static bool[] PassedBackUnchanged(TraceIr input, int labelPc)
    {
        var ops = input.Ops;
        ref readonly var jump = ref ops[^1];
        if (jump.Opcode != TraceOpcode.Jump || !ReferenceEquals(input.DescrOf(in jump), input.DescrOf(in ops[labelPc])))
            return [];
        var labelOperands = input.OperandsOf(in ops[labelPc]);
        var jumpOperands = input.OperandsOf(in jump);
        if (jumpOperands.Length != labelOperands.Length)
            return [];
        var unchanged = new bool[labelOperands.Length];
        for (int k = 0; k < unchanged.Length; k++)
            unchanged[k] = jumpOperands[k] == labelOperands[k];
        return unchanged;
    }

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        if (_known.Length < input.Descriptors.Length)
            _known = new Dictionary<Slot, int>?[input.Descriptors.Length];
        ForgetAll();
        _arrayLengths.Clear();
        _locations.Clear();
        _carried.Clear();
        int peeledLabel = PeelingPass.PeeledLabel(input);
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
                    int sum = rewriter.Copy(pc);
                    var sumOperands = rewriter.MapOperands(in op);
                    _locations.NoteSum(op.Opcode, sum, sumOperands[0], sumOperands[1]);
                    break;
                case TraceOpcode.ArraylenGc:
                    int array = rewriter.Map(input.OperandsOf(in op)[0]);
                    if (_arrayLengths.TryGetValue(array, out int length))
                        rewriter.SetResult(op.Result, length);
                    else
                        _arrayLengths[array] = rewriter.Copy(pc);
                    break;
                case TraceOpcode.New:
                    _locations.MarkFresh(rewriter.Copy(pc));
                    break;
                case TraceOpcode.NewArray:
                    int allocated = rewriter.Copy(pc);
                    _locations.MarkFresh(allocated);
                    _arrayLengths[allocated] = rewriter.Map(input.OperandsOf(in op)[0]);
                    break;
                case TraceOpcode.Label when pc == peeledLabel:
                    EnterLoop(pc);
                    break;
                case TraceOpcode.Jump when pc == ops.Length - 1 && _carried.Count > 0:
                    LeaveLoop(pc);
                    break;
                case TraceOpcode.Label:
                    ForgetAll();
                    _arrayLengths.Clear();
                    rewriter.Copy(pc);
                    _locations.NoteLabel(rewriter.MapOperands(in op), PassedBackUnchanged(input, pc));
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
        var (indexBase, offset) = _locations.Index(index);
        return new Slot(array, indexBase, offset);
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
            if (MemoryLocations.MayBeEqual((entry.Base, entry.Offset), (slot.Base, slot.Offset)) &&
                _locations.MayAlias(entry.Object, slot.Object))
                _forget.Add(entry);
        foreach (var entry in _forget)
            known.Remove(entry);
        rewriter.Copy(pc);
        known[slot] = value;
    }

    private Dictionary<Slot, int> Known(int descr) => _known[descr] ??= [];

    private void ForgetAll()
    {
        foreach (var known in _known)
            known?.Clear();
    }
}
