// Heap values carried around a peeled loop (PyPy keeps them in its short preamble). At the peeled label the
// preamble knows what some fields and array items hold; when the loop body reads one of them and its object (and
// index) are the same in every iteration, the value becomes a label argument: the preamble passes the value it
// knows, the loop's jump the value known at its end (read again just before the jump when the body forgot it), and
// the body's read is that argument. brainfuck's `[->>+<<]` loops then count in registers, where each iteration used
// to wait for the store of the last one to reach its load. Part of HeapPass.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class HeapPass
{
    /// <summary>The slots carried around the peeled loop: descriptor (input index), slot, the index value of an item.</summary>
    private readonly List<(int Descr, Slot Slot, int Index)> _carried = [];

    /// <summary>Per carried slot, in order: the label argument it is in the body.</summary>
    private readonly List<int> _carriedArguments = [];

    /// <summary>
    /// The peeled label: the slots the body reads and the preamble knows, of objects (and at indices) the same in
    /// every iteration, become extra label arguments (copies of the values known, so that no value before the label
    /// is rebound), and the body starts knowing them.
    /// </summary>
    private void EnterLoop(int labelPc)
    {
        var input = rewriter.Input;
        var ops = input.Ops;
        var labelOperands = input.OperandsOf(in ops[labelPc]);
        var unchanged = PassedBackUnchanged(input, labelPc);
        var invariant = InvariantsAt(input, labelPc, labelOperands, unchanged, out var definedBefore);
        bool IsInvariant(int value) => value == TraceValues.None || TraceValues.IsConstant(value) || value < invariant.Length && invariant[value];

        _carried.Clear();
        _carriedArguments.Clear();
        var seen = new HashSet<(int, Slot)>();
        for (int pc = labelPc + 1; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Opcode is not (TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF
                or TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF))
                continue;
            var operands = input.OperandsOf(in op);
            bool before = true;
            foreach (int operand in operands)
                before &= TraceValues.IsConstant(operand) || definedBefore[operand];
            if (!before)
                continue;
            int obj = rewriter.Map(operands[0]);
            int index = operands.Length > 1 ? rewriter.Map(operands[1]) : TraceValues.None;
            var slot = index == TraceValues.None ? new Slot(obj, TraceValues.None, 0) : Item(obj, index);
            if (!IsInvariant(slot.Object) || !IsInvariant(slot.Base) || !seen.Add((op.Descr, slot))
                || _known[op.Descr] is not { } known || !known.TryGetValue(slot, out _))
                continue;
            _carried.Add((op.Descr, slot, index));
        }

        Span<int> extended = new int[labelOperands.Length + _carried.Count];
        rewriter.MapOperands(in ops[labelPc]).CopyTo(extended);
        // an operand the label copies first (a constant, or one passed twice) gets a new name after it: the slots
        // found above would not be the body's, so nothing is carried then
        for (int i = 0; i < labelOperands.Length; i++)
            if (TraceValues.IsConstant(extended[i]) || extended[..i].Contains(extended[i]))
            {
                _carried.Clear();
                extended = extended[..labelOperands.Length];
                break;
            }
        for (int k = 0; k < _carried.Count; k++)
        {
            int value = _known[_carried[k].Descr]![_carried[k].Slot];
            extended[labelOperands.Length + k] = rewriter.Emit(TraceRewriter.SameAs(rewriter.KindOf(value)), null, [value]);
        }
        rewriter.EmitLabel(input.DescrOf(in ops[labelPc])!, extended);
        for (int i = 0; i < labelOperands.Length; i++)
            rewriter.SetResult(labelOperands[i], extended[i]);
        ForgetAll();
        _arrayLengths.Clear();
        var allUnchanged = new bool[extended.Length];
        unchanged.AsSpan().CopyTo(allUnchanged);
        _locations.NoteLabel(extended, unchanged.Length == 0 ? default : allUnchanged);
        for (int k = 0; k < _carried.Count; k++)
        {
            Known(_carried[k].Descr)[_carried[k].Slot] = extended[labelOperands.Length + k];
            _carriedArguments.Add(extended[labelOperands.Length + k]);
        }
    }

    /// <summary>The loop's jump passes, after its own values, each carried slot's value: known here, or read again.</summary>
    private void LeaveLoop(int jumpPc)
    {
        var input = rewriter.Input;
        ref readonly var jump = ref input[jumpPc];
        var mapped = rewriter.MapOperands(in jump);
        var operands = new int[mapped.Length + _carried.Count];
        mapped.CopyTo(operands);
        for (int k = 0; k < _carried.Count; k++)
        {
            var (descr, slot, index) = _carried[k];
            if (!Known(descr).TryGetValue(slot, out int value))
            {
                var descriptor = input.Descriptors[descr];
                var kind = rewriter.KindOf(_carriedArguments[k]);
                value = index == TraceValues.None
                    ? rewriter.Emit(TraceOpcodes.FieldRead(kind), descriptor, [slot.Object])
                    : rewriter.Emit(TraceOpcodes.ItemRead(kind), descriptor, [slot.Object, index]);
            }
            operands[mapped.Length + k] = value;
        }
        rewriter.Emit(TraceOpcode.Jump, input.DescrOf(in jump), operands);
    }

    /// <summary>Values the same in every iteration of the loop at <paramref name="labelPc"/> (indexed by output value):
    /// defined before it and not its operands, or operands every jump passes back unchanged. <paramref name="definedBefore"/>:
    /// the input values defined before the label (the only ones the rewriter has mapped yet).</summary>
    private bool[] InvariantsAt(TraceIr input, int labelPc, ReadOnlySpan<int> labelOperands, bool[] unchanged, out bool[] definedBefore)
    {
        var invariant = new bool[rewriter.Output.VariableCount];
        var defined = definedBefore = new bool[input.VariableCount];
        var ops = input.Ops;
        void Mark(int inputValue, bool value)
        {
            if (!TraceValues.IsVariable(inputValue))
                return;
            defined[inputValue] = true;
            int mapped = rewriter.Map(inputValue);
            if (TraceValues.IsVariable(mapped) && mapped < invariant.Length)
                invariant[mapped] = value;
        }
        for (int v = 0; v < input.InputCount; v++)
            Mark(v, true);
        for (int pc = 0; pc < labelPc; pc++)
        {
            if (ops[pc].Result != TraceValues.None)
                Mark(ops[pc].Result, true);
            if (ops[pc].Opcode == TraceOpcode.Label)
                foreach (int operand in input.OperandsOf(in ops[pc]))
                    Mark(operand, true);
        }
        for (int k = 0; k < labelOperands.Length; k++)
            Mark(labelOperands[k], unchanged.Length > 0 && unchanged[k]);
        return invariant;
    }
}
