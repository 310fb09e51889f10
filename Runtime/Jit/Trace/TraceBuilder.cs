// Appends ops to a trace being recorded, checking each against the opcode table (operand count and kinds,
// descriptor kind), numbering values and interning constants and descriptors. Used by the tracer, the parser
// and tests; grows its arrays by doubling, so recording an op allocates nothing in the steady state.
using System.Diagnostics.CodeAnalysis;

namespace ClrPy.Runtime.Jit.Trace;

/// <summary>An op that does not fit the opcode table (wrong operand count or kind, missing or wrong descriptor).</summary>
public sealed class TraceBuildException(string message) : Exception(message);

public sealed class TraceBuilder
{
    private TraceOp[] _ops = new TraceOp[32];
    /// <summary>Resume layouts by op index; null until a guard with a layout is appended.</summary>
    private ResumeLayout?[]? _layouts;
    private int _opCount;
    private int[] _operands = new int[64];
    private int _operandCount;
    private ValueKind[] _variableKinds = new ValueKind[32];
    private int _variableCount;
    private int _inputCount;
    private TraceValue[] _constants = new TraceValue[16];
    private ValueKind[] _constantKinds = new ValueKind[16];
    private int _constantCount;
    private readonly Dictionary<long, int> _intConstants = [];
    private readonly Dictionary<long, int> _floatConstants = [];
    private readonly Dictionary<object, int> _refConstants = new(ReferenceEqualityComparer.Instance);
    private int _nullConstant = TraceValues.None;
    private readonly List<TraceDescr> _descriptors = [];
    private readonly Dictionary<TraceDescr, int> _descriptorIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TraceDescr, int> _labelOps = new(ReferenceEqualityComparer.Instance);
    private int _guardCount;

    public int OpCount => _opCount;

    public int VariableCount => _variableCount;

    /// <summary>Forgets everything recorded, keeping the arrays for the next trace.</summary>
    public void Clear()
    {
        _opCount = _operandCount = _variableCount = _inputCount = _constantCount = _guardCount = 0;
        _intConstants.Clear();
        _floatConstants.Clear();
        _refConstants.Clear();
        _nullConstant = TraceValues.None;
        _descriptors.Clear();
        _descriptorIndex.Clear();
        _labelOps.Clear();
        if (_layouts is not null)
            Array.Clear(_layouts);
    }

    /// <summary>Adds an input of the trace; inputs come before every op.</summary>
    public int Input(ValueKind kind)
    {
        if (_opCount > 0)
            Fail("inputs must be added before the first op");
        if (kind == ValueKind.Void)
            Fail("an input needs a kind");
        _inputCount++;
        return NewVariable(kind);
    }

    public int ConstInt(long value)
    {
        if (_intConstants.TryGetValue(value, out int existing))
            return existing;
        int constant = NewConstant(TraceValue.FromInt(value), ValueKind.Int);
        _intConstants.Add(value, constant);
        return constant;
    }

    /// <summary>Float constants are interned by bit pattern, so 0.0 and -0.0 (and NaNs) stay distinct.</summary>
    public int ConstFloat(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (_floatConstants.TryGetValue(bits, out int existing))
            return existing;
        int constant = NewConstant(TraceValue.FromFloat(value), ValueKind.Float);
        _floatConstants.Add(bits, constant);
        return constant;
    }

    public int ConstRef(object? value)
    {
        if (value is null)
            return _nullConstant != TraceValues.None ? _nullConstant : _nullConstant = NewConstant(default, ValueKind.Ref);
        if (_refConstants.TryGetValue(value, out int existing))
            return existing;
        int constant = NewConstant(TraceValue.FromRef(value), ValueKind.Ref);
        _refConstants.Add(value, constant);
        return constant;
    }

    public ValueKind KindOf(int value)
    {
        if (value >= 0 && value < _variableCount)
            return _variableKinds[value];
        if (TraceValues.IsConstant(value) && ~value < _constantCount)
            return _constantKinds[~value];
        return ValueKind.Void;
    }

    /// <summary>The value of a constant made by this builder.</summary>
    public TraceValue ConstantValue(int constant) => _constants[~constant];

    /// <summary>Appends an op without descriptor; returns its result, or <see cref="TraceValues.None"/>.</summary>
    public int Op(TraceOpcode opcode, params ReadOnlySpan<int> operands) => Append(opcode, null, operands, [], false);

    public int Op(TraceOpcode opcode, TraceDescr descr, params ReadOnlySpan<int> operands) =>
        Append(opcode, descr, operands, [], false);

    /// <summary>Appends a guard with the values to save when it fails; it gets the next <see cref="FailDescr"/>.</summary>
    public int Guard(TraceOpcode opcode, ReadOnlySpan<int> operands, ReadOnlySpan<int> failArgs)
    {
        if (!TraceOpcodes.Info(opcode).IsGuard)
            Fail($"{TraceOpcodes.Name(opcode)} is not a guard");
        return Append(opcode, new FailDescr(_guardCount), operands, failArgs, true);
    }

    /// <summary>
    /// Appends a guard that keeps an existing exit (the optimizer re-emitting a recorded guard, so bridges and
    /// resume data attached to <paramref name="exit"/> stay valid).
    /// </summary>
    public int Guard(TraceOpcode opcode, FailDescr exit, ReadOnlySpan<int> operands, ReadOnlySpan<int> failArgs,
        ResumeLayout? layout = null)
    {
        if (!TraceOpcodes.Info(opcode).IsGuard)
            Fail($"{TraceOpcodes.Name(opcode)} is not a guard");
        if (layout is not null)
        {
            if (_layouts is null || _layouts.Length <= _opCount)
                Array.Resize(ref _layouts, Math.Max(_opCount + 1, _ops.Length) * 2);
            _layouts[_opCount] = layout;
        }
        return Append(opcode, exit, operands, failArgs, true);
    }

    /// <summary>Marks item access <paramref name="opIndex"/>, appended so far, <see cref="TraceOpFlags.InBounds"/>.</summary>
    public void MarkInBounds(int opIndex)
    {
        if ((uint)opIndex >= (uint)_opCount)
            Fail($"op {opIndex} is not appended yet");
        if (!TraceOp.IsItemAccess(_ops[opIndex].Opcode))
            Fail($"{TraceOpcodes.Name(_ops[opIndex].Opcode)} is not an array item access: only those are in bounds or not");
        _ops[opIndex] = _ops[opIndex].With(TraceOpFlags.InBounds);
    }

    /// <summary>The operands of op <paramref name="opIndex"/> appended so far (the optimizer looks back at them).</summary>
    public ReadOnlySpan<int> OperandsOf(int opIndex) =>
        _operands.AsSpan(_ops[opIndex].FirstOperand, _ops[opIndex].OperandCount);

    /// <summary>The descriptor of op <paramref name="opIndex"/> appended so far, or null.</summary>
    public TraceDescr? DescrOf(int opIndex) => _ops[opIndex].Descr < 0 ? null : _descriptors[_ops[opIndex].Descr];

    /// <summary>How many guards were appended so far (the index the next recorded guard's FailDescr gets).</summary>
    public int GuardCount => _guardCount;

    /// <summary>The finished trace, in arrays of exactly the recorded size.</summary>
    public TraceIr Build() => new(
        _ops.AsSpan(0, _opCount).ToArray(), _operands.AsSpan(0, _operandCount).ToArray(), _inputCount,
        _variableKinds.AsSpan(0, _variableCount).ToArray(), _constants.AsSpan(0, _constantCount).ToArray(),
        _constantKinds.AsSpan(0, _constantCount).ToArray(), _descriptors.ToArray(),
        _layouts is null ? null : _layouts.AsSpan(0, Math.Min(_opCount, _layouts.Length)).ToArray());

    private int Append(TraceOpcode opcode, TraceDescr? descr, ReadOnlySpan<int> operands, ReadOnlySpan<int> failArgs,
        bool viaGuard)
    {
        ref readonly var info = ref TraceOpcodes.Info(opcode);
        if (info.IsGuard && !viaGuard)
            Fail($"{info.Name} is a guard: record it with Guard(), which gives it its fail descriptor and fail arguments");
        CheckOperands(in info, descr, operands);
        foreach (int value in failArgs)
            if (!TraceValues.IsVariable(value) || value >= _variableCount)
                Fail($"{info.Name}: fail argument {Show(value)} is not a value defined before the guard");

        int firstOperand = _operandCount;
        AppendOperands(operands);
        int firstFailArg = _operandCount;
        AppendOperands(failArgs);
        int descrIndex = descr is null ? -1 : InternDescr(descr);
        if (info.IsGuard)
            _guardCount++;
        if (opcode == TraceOpcode.Label)
            _labelOps[descr!] = _opCount;
        int result = info.Result == ValueKind.Void ? TraceValues.None : NewVariable(info.Result);
        if (_opCount == _ops.Length)
            Array.Resize(ref _ops, _ops.Length * 2);
        _ops[_opCount++] = new TraceOp(opcode, result, firstOperand, operands.Length, descrIndex, firstFailArg,
            failArgs.Length);
        return result;
    }

    private void CheckOperands(in OpcodeInfo info, TraceDescr? descr, ReadOnlySpan<int> operands)
    {
        CheckDescr(in info, descr);
        if (!info.IsVariadic && operands.Length != info.Arity)
            Fail($"{info.Name} takes {info.Arity} operand(s), not {operands.Length}");
        if (descr is CallDescr call && operands.Length != call.ArgumentKinds.Length)
            Fail($"{info.Name}: {call.Name} takes {call.ArgumentKinds.Length} argument(s), not {operands.Length}");
        for (int i = 0; i < operands.Length; i++)
        {
            ValueKind actual = KindOf(operands[i]);
            if (actual == ValueKind.Void)
                Fail($"{info.Name}: operand {i + 1} ({Show(operands[i])}) is not a value of this trace");
            ValueKind expected = ExpectedKind(in info, descr, operands, i);
            if (expected != ValueKind.Void && actual != expected)
                Fail($"{info.Name}: operand {i + 1} ({Show(operands[i])}) is {actual}, expected {expected}");
        }
        switch (info.Opcode)
        {
            case TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass or TraceOpcode.GuardException:
                int classOperand = operands[^1];
                if (!TraceValues.IsConstant(classOperand) || ConstantValue(classOperand).Ref is not ClassDescr)
                    Fail($"{info.Name}: the class operand must be a ConstClass constant");
                break;
            case TraceOpcode.Label:
                for (int i = 0; i < operands.Length; i++)
                    if (!TraceValues.IsVariable(operands[i]) || operands[..i].Contains(operands[i]))
                        Fail($"label: operand {i + 1} ({Show(operands[i])}) must be a variable, different from the others");
                break;
            case TraceOpcode.Jump:
                if (_labelOps.TryGetValue(descr!, out int labelOp))
                    CheckJumpMatchesLabel(in _ops[labelOp], descr!, operands);
                break;
        }
    }

    private void CheckDescr(in OpcodeInfo info, TraceDescr? descr)
    {
        if (info.IsGuard)
            return;
        bool fits = info.Descr switch
        {
            DescrKind.None => descr is null,
            DescrKind.Field => descr is FieldDescr field && (info.Result == ValueKind.Void || field.Kind == info.Result),
            DescrKind.Array => descr is ArrayDescr array && (info.Result == ValueKind.Void || info.Opcode is
                TraceOpcode.ArraylenGc or TraceOpcode.NewArray || array.ItemKind == info.Result),
            DescrKind.Class => descr is ClassDescr,
            DescrKind.Call => descr is CallDescr call && call.ResultKind == info.Result,
            _ => descr is LoopToken,
        };
        if (!fits)
            Fail(descr is null
                ? $"{info.Name} needs a {info.Descr} descriptor"
                : info.Descr == DescrKind.None
                    ? $"{info.Name} takes no descriptor, got {descr.Name}"
                    : $"{info.Name}: descriptor {descr.Name} ({descr.GetType().Name}) does not fit");
    }

    private ValueKind ExpectedKind(in OpcodeInfo info, TraceDescr? descr, ReadOnlySpan<int> operands, int position) =>
        ExpectedOperandKind(in info, descr, KindOf(operands[0]), position);

    /// <summary>
    /// The kind operand <paramref name="position"/> of an op must have (Void: any), given its descriptor and the
    /// kind of its first operand. Shared with the optimizer's verifier.
    /// </summary>
    public static ValueKind ExpectedOperandKind(in OpcodeInfo info, TraceDescr? descr, ValueKind firstOperandKind, int position)
    {
        if (info.IsVariadic)
            return descr is CallDescr call && position < call.ArgumentKinds.Length ? call.ArgumentKinds[position] : ValueKind.Void;
        return info.OperandKinds[position] switch
        {
            'i' => ValueKind.Int,
            'r' => ValueKind.Ref,
            'f' => ValueKind.Float,
            _ => descr switch
            {
                FieldDescr field => field.Kind,
                ArrayDescr array => array.ItemKind,
                _ => position == 0 ? ValueKind.Void : firstOperandKind,
            },
        };
    }

    private void CheckJumpMatchesLabel(in TraceOp label, TraceDescr token, ReadOnlySpan<int> operands)
    {
        if (label.OperandCount != operands.Length)
            Fail($"jump to {token.Name} passes {operands.Length} value(s), its label takes {label.OperandCount}");
        for (int i = 0; i < operands.Length; i++)
        {
            ValueKind expected = _variableKinds[_operands[label.FirstOperand + i]];
            if (KindOf(operands[i]) != expected)
                Fail($"jump to {token.Name}: value {i + 1} ({Show(operands[i])}) is {KindOf(operands[i])}, the label's is {expected}");
        }
    }

    private int InternDescr(TraceDescr descr)
    {
        if (_descriptorIndex.TryGetValue(descr, out int index))
            return index;
        index = _descriptors.Count;
        _descriptors.Add(descr);
        _descriptorIndex.Add(descr, index);
        return index;
    }

    private void AppendOperands(ReadOnlySpan<int> values)
    {
        if (_operandCount + values.Length > _operands.Length)
            Array.Resize(ref _operands, Math.Max(_operands.Length * 2, _operandCount + values.Length));
        values.CopyTo(_operands.AsSpan(_operandCount));
        _operandCount += values.Length;
    }

    private int NewVariable(ValueKind kind)
    {
        if (_variableCount == _variableKinds.Length)
            Array.Resize(ref _variableKinds, _variableKinds.Length * 2);
        _variableKinds[_variableCount] = kind;
        return _variableCount++;
    }

    private int NewConstant(TraceValue value, ValueKind kind)
    {
        if (_constantCount == _constants.Length)
        {
            Array.Resize(ref _constants, _constants.Length * 2);
            Array.Resize(ref _constantKinds, _constantKinds.Length * 2);
        }
        _constants[_constantCount] = value;
        _constantKinds[_constantCount] = kind;
        return TraceValues.Constant(_constantCount++);
    }

    private string Show(int value) => value == TraceValues.None ? "no value"
        : TraceValues.IsConstant(value) ? (~value < _constantCount ? "constant " + ShowConstant(value) : $"constant #{~value}")
        : value < _variableCount ? $"{TraceOpcodes.KindLetter(_variableKinds[value])}{value}" : $"undefined value {value}";

    private string ShowConstant(int constant) => _constantKinds[~constant] switch
    {
        ValueKind.Int => ConstantValue(constant).AsInt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.Float => TracePrinter.FormatFloat(ConstantValue(constant).AsFloat),
        _ => ConstantValue(constant).AsRef?.ToString() ?? "null",
    };

    [DoesNotReturn]
    private static void Fail(string message) => throw new TraceBuildException(message);
}
