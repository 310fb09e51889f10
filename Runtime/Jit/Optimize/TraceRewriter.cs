// The emit-as-you-go core every pass shares: walks an input trace, maps old value numbers to values of a new
// TraceBuilder (int arrays, no per-op dictionaries), remembers which op defined each new value, and re-emits
// guards with their original FailDescr and a composed resume layout. Each pass owns one and drives it.
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class TraceRewriter
{
    private int[] _map = new int[64];
    private int[] _replacement = new int[64];
    private TraceOpcode[] _defOpcode = new TraceOpcode[64];
    private int[] _defOp = new int[64];
    private int[] _operandScratch = new int[16];
    private int[] _oldVirtualIndex = new int[16];
    private readonly ResumeWriter _resume = new();

    public TraceIr Input { get; private set; } = null!;

    public TraceBuilder Output { get; private set; } = new();

    /// <summary>The builder the previous pass wrote into: its trace is built (copied out), so it is reused next.</summary>
    private TraceBuilder _spare = new();

    /// <summary>Starts rewriting <paramref name="input"/>: its inputs become the output's inputs, one for one.</summary>
    public void Begin(TraceIr input)
    {
        BeginEmpty(input);
        for (int i = 0; i < input.InputCount; i++)
            _map[i] = AddInput(input.KindOf(i));
    }

    /// <summary>Starts rewriting <paramref name="input"/> into a trace with no inputs yet: the caller adds them and maps the old ones.</summary>
    public void BeginEmpty(TraceIr input)
    {
        Input = input;
        (Output, _spare) = (_spare, Output);
        Output.Clear();
        EnsureOld(input.VariableCount);
    }

    public int AddInput(ValueKind kind)
    {
        int value = Output.Input(kind);
        NoteDefinition(value, TraceOpcode.Label, -1);
        return value;
    }

    public TraceIr Finish() => Output.Build();

    /// <summary>The output value standing for input value <paramref name="oldValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Map(int oldValue) => oldValue >= 0 ? Resolve(_map[oldValue]) : CopyConstant(oldValue);

    /// <summary>From now on the old value <paramref name="oldResult"/> is <paramref name="newValue"/>.</summary>
    public void SetResult(int oldResult, int newValue) => _map[oldResult] = newValue;

    /// <summary>Every later use of output variable <paramref name="newVariable"/> becomes <paramref name="newValue"/> (after guard_value).</summary>
    public void ReplaceNew(int newVariable, int newValue)
    {
        if (TraceValues.IsVariable(newVariable))
            _replacement[newVariable] = Resolve(newValue);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Resolve(int newValue) => newValue >= 0 ? _replacement[newValue] : newValue;

    /// <summary>The operands of an input op, mapped; valid until the next call.</summary>
    public Span<int> MapOperands(in TraceOp op)
    {
        var operands = Input.OperandsOf(in op);
        if (operands.Length > _operandScratch.Length)
            Array.Resize(ref _operandScratch, Math.Max(operands.Length, _operandScratch.Length * 2));
        for (int i = 0; i < operands.Length; i++)
            _operandScratch[i] = Map(operands[i]);
        return _operandScratch.AsSpan(0, operands.Length);
    }

    /// <summary>Appends a non-guard op to the output and notes which op defined its result.</summary>
    public int Emit(TraceOpcode opcode, TraceDescr? descr, ReadOnlySpan<int> operands)
    {
        int opIndex = Output.OpCount;
        int result = descr is null ? Output.Op(opcode, operands) : Output.Op(opcode, descr, operands);
        if (result != TraceValues.None)
            NoteDefinition(result, opcode, opIndex);
        return result;
    }

    /// <summary>Re-emits input op <paramref name="opIndex"/> with mapped operands (guards keep their exit).</summary>
    public int Copy(int opIndex, IResumeSource? source = null)
    {
        ref readonly var op = ref Input[opIndex];
        if (op.Opcode == TraceOpcode.Label)
            return EmitLabel(in op);
        var operands = MapOperands(in op);
        int result = op.Info.IsGuard
            ? EmitGuard(op.Opcode, operands, opIndex, source)
            : Emit(op.Opcode, Input.DescrOf(in op), operands);
        // the mapped operands are the same values, so what was proved of the op still holds
        if (op.InBounds)
            Output.MarkInBounds(Output.OpCount - 1);
        if (op.Result != TraceValues.None)
            _map[op.Result] = result;
        return result;
    }

    /// <summary>
    /// Re-emits a label. Its operands must be distinct variables, so one that became a constant or the same as
    /// another is first copied with same_as. What passes learnt about values (replacements) ends here: a jump
    /// brings new values to the label; after it, the old operands are the label's.
    /// </summary>
    private int EmitLabel(in TraceOp label)
    {
        var oldOperands = Input.OperandsOf(in label);
        var operands = MapOperands(in label);
        EmitLabel(Input.DescrOf(in label)!, operands);
        for (int i = 0; i < oldOperands.Length; i++)
            _map[oldOperands[i]] = operands[i];
        return TraceValues.None;
    }

    /// <summary>Emits label(<paramref name="operands"/>), first replacing in place those that are constants or repeats.</summary>
    public void EmitLabel(TraceDescr token, Span<int> operands)
    {
        for (int i = 0; i < operands.Length; i++)
            if (TraceValues.IsConstant(operands[i]) || operands[..i].Contains(operands[i]))
                operands[i] = Emit(SameAs(KindOf(operands[i])), null, [operands[i]]);
        Emit(TraceOpcode.Label, token, operands);
        for (int v = 0; v < Output.VariableCount && v < _replacement.Length; v++)
            _replacement[v] = v;
        // A jump rebinds the label's operands: what defined them before the label says nothing about them after it.
        foreach (int operand in operands)
            _defOp[operand] = -1;
    }

    public static TraceOpcode SameAs(ValueKind kind) => kind switch
    {
        ValueKind.Int => TraceOpcode.SameAsI,
        ValueKind.Float => TraceOpcode.SameAsF,
        _ => TraceOpcode.SameAsR,
    };

    /// <summary>
    /// Emits a guard as <paramref name="opcode"/>(<paramref name="operands"/>) in place of input guard
    /// <paramref name="oldOpIndex"/>: same FailDescr, its fail arguments mapped (constants and, through
    /// <paramref name="source"/>, removed values move into the layout), the layout composed with the old one.
    /// </summary>
    public int EmitGuard(TraceOpcode opcode, ReadOnlySpan<int> operands, int oldOpIndex, IResumeSource? source = null)
    {
        var exit = (FailDescr)Input.DescrOf(in Input[oldOpIndex])!;
        return EmitGuard(opcode, operands, oldOpIndex, source, exit);
    }

    /// <summary>Emits a guard with exit <paramref name="exit"/> (a copy of the input guard's, when a pass duplicates guards).</summary>
    public int EmitGuard(TraceOpcode opcode, ReadOnlySpan<int> operands, int oldOpIndex, IResumeSource? source, FailDescr exit)
    {
        ref readonly var old = ref Input[oldOpIndex];
        var oldFailArgs = Input.FailArgsOf(in old);
        var oldLayout = Input.LayoutOf(oldOpIndex);
        _resume.Begin(Output);
        if (oldLayout is null)
            for (int i = 0; i < oldFailArgs.Length; i++)
                _resume.AddSlot(DescribeOld(oldFailArgs[i], source));
        else
        {
            if (_oldVirtualIndex.Length < oldLayout.Virtuals.Length)
                _oldVirtualIndex = new int[oldLayout.Virtuals.Length * 2];
            Array.Fill(_oldVirtualIndex, -1, 0, oldLayout.Virtuals.Length);
            foreach (var entry in oldLayout.Slots)
                _resume.AddSlot(Convert(entry, oldLayout, oldFailArgs, source));
            foreach (var write in oldLayout.PendingWrites)
            {
                var target = Convert(write.Target, oldLayout, oldFailArgs, source);
                var index = write.Array is null ? write.Index : Convert(write.Index, oldLayout, oldFailArgs, source);
                _resume.AddPendingWrite(write with
                {
                    Target = target,
                    Index = index,
                    Value = Convert(write.Value, oldLayout, oldFailArgs, source),
                });
            }
        }
        source?.AddPendingWrites(_resume);
        var layout = _resume.FinishLayout();
        int opIndex = Output.OpCount;
        int result = Output.Guard(opcode, exit, operands, _resume.FailArgs, layout);
        if (result != TraceValues.None)
        {
            NoteDefinition(result, opcode, opIndex);
            if (old.Result != TraceValues.None)
                _map[old.Result] = result;
        }
        return result;
    }

    /// <summary>The entry for an old value: the source's description, or the mapped value.</summary>
    public ResumeEntry DescribeOld(int oldValue, IResumeSource? source) =>
        source is not null && TraceValues.IsVariable(oldValue) ? source.Describe(oldValue, _resume) : _resume.Describe(Map(oldValue));

    private ResumeEntry Convert(ResumeEntry entry, ResumeLayout oldLayout, ReadOnlySpan<int> oldFailArgs, IResumeSource? source)
    {
        switch (entry.Kind)
        {
            case ResumeEntryKind.Saved:
                return DescribeOld(oldFailArgs[entry.Index], source);
            case ResumeEntryKind.Constant:
                return _resume.Constant(oldLayout.Constants[entry.Index], oldLayout.ConstantKinds[entry.Index]);
        }
        if (_oldVirtualIndex[entry.Index] >= 0)
            return new ResumeEntry(ResumeEntryKind.Virtual, _oldVirtualIndex[entry.Index]);
        int index = _resume.ReserveVirtual();
        _oldVirtualIndex[entry.Index] = index;
        var oldVirtual = oldLayout.Virtuals[entry.Index];
        var values = new ResumeEntry[oldVirtual.Values.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = Convert(oldVirtual.Values[i], oldLayout, oldFailArgs, source);
        _resume.DefineVirtual(index, new ResumeVirtual(oldVirtual.Descr, oldVirtual.Fields, values));
        return new ResumeEntry(ResumeEntryKind.Virtual, index);
    }

    /// <summary>The opcode that defined output variable <paramref name="newValue"/> and its op index (-1 for inputs).</summary>
    public bool TryGetDefinition(int newValue, out TraceOpcode opcode, out int opIndex)
    {
        if (newValue < 0 || _defOp[newValue] < 0)
        {
            opcode = default;
            opIndex = -1;
            return false;
        }
        opcode = _defOpcode[newValue];
        opIndex = _defOp[newValue];
        return true;
    }

    /// <summary>The operands of an op already emitted to the output.</summary>
    public ReadOnlySpan<int> OutputOperands(int outputOpIndex) => Output.OperandsOf(outputOpIndex);

    public bool IsConstant(int newValue) => TraceValues.IsConstant(newValue);

    public TraceValue ConstantValue(int newValue) => Output.ConstantValue(newValue);

    public long IntOf(int newConstant) => Output.ConstantValue(newConstant).AsInt;

    public ValueKind KindOf(int newValue) => Output.KindOf(newValue);

    public TraceDescr? DescrOf(in TraceOp oldOp) => Input.DescrOf(in oldOp);

    private int CopyConstant(int oldConstant)
    {
        var value = Input.ConstantValue(oldConstant);
        return Input.KindOf(oldConstant) switch
        {
            ValueKind.Int => Output.ConstInt(value.AsInt),
            ValueKind.Float => Output.ConstFloat(value.AsFloat),
            _ => Output.ConstRef(value.AsRef),
        };
    }

    private void NoteDefinition(int newValue, TraceOpcode opcode, int opIndex)
    {
        if (newValue >= _defOp.Length)
        {
            int size = Math.Max(_defOp.Length * 2, newValue + 1);
            Array.Resize(ref _defOp, size);
            Array.Resize(ref _defOpcode, size);
            Array.Resize(ref _replacement, size);
        }
        _defOp[newValue] = opIndex;
        _defOpcode[newValue] = opcode;
        _replacement[newValue] = newValue;
    }

    private void EnsureOld(int count)
    {
        if (_map.Length < count)
            _map = new int[Math.Max(count, _map.Length * 2)];
    }
}
