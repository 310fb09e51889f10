// Pass: allocation removal. A `new` (or `new_array` of small constant length) stays virtual while it does not
// escape: its field and item reads and writes become value moves, guards describe it in their resume layout.
// An op that lets it escape (call, jump, finish, a store into a real object, a label) first materializes it:
// the allocation and its stores are emitted right before that op; around a peeled loop objects stay virtual
// (VirtualsPass.Loop.cs); objects a portal call takes as reds and nothing uses after it stay virtual too
// (VirtualsPass.Portal.cs). Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class VirtualsPass(TraceRewriter rewriter) : IResumeSource
{
    /// <summary>Arrays longer than this are allocated: their items would bloat every guard's layout.</summary>
    public const int LongestVirtualArray = 64;

    private sealed class VirtualObject(TraceDescr descr, int itemCount)
    {
        public readonly TraceDescr Descr = descr;
        public readonly List<FieldDescr> Fields = [];
        /// <summary>
        /// Old value numbers, or output variables plus the input's variable count (fields that came in through a
        /// loop's label); for arrays <see cref="TraceValues.None"/> is a zero item never written.
        /// </summary>
        public readonly List<int> Values = NoneValues(itemCount);
        /// <summary>The old values that are this object (its `new`, and reads that returned it).</summary>
        public readonly List<int> Aliases = [];
        public bool Forced;
        public int DescribedStamp;
        public int DescribedIndex;

        private static List<int> NoneValues(int count)
        {
            var values = new List<int>(count);
            for (int i = 0; i < count; i++)
                values.Add(TraceValues.None);
            return values;
        }
    }

    private readonly List<VirtualObject> _virtuals = [];
    private int[] _virtualOf = [];
    /// <summary>The last op index using each old value (as operand or fail argument), -1 when unused.</summary>
    private int[] _lastUse = [];
    private int _guardStamp;

    public TraceIr Run(TraceIr input)
    {
        _loopLabel = PeelingPass.PeeledLabel(input);
        _keepWhole = new bool[_loopLabel < 0 ? 0 : input[_loopLabel].OperandCount];
        _flat = new bool[_keepWhole.Length];
        // A label argument whose object the jump does not pass back in the same shape has the objects in its fields
        // materialized, then stays an object itself; try again.
        while (true)
        {
            var result = RunOnce(input, out int mismatch);
            if (result is not null)
                return result;
            if (_flat[mismatch])
                _keepWhole[mismatch] = true;
            _flat[mismatch] = true;
        }
    }

    private TraceIr? RunOnce(TraceIr input, out int mismatch)
    {
        mismatch = -1;
        rewriter.Begin(input);
        _virtuals.Clear();
        _staged.Clear();
        _oldCount = input.VariableCount;
        if (_virtualOf.Length < input.VariableCount)
            _virtualOf = new int[input.VariableCount];
        Array.Fill(_virtualOf, -1, 0, input.VariableCount);
        var ops = input.Ops;
        FindLastUses(input);
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (pc == _loopLabel)
            {
                FlushStaged();
                if (!EnterLoop(pc, out mismatch))
                    return null;
                continue;
            }
            if (_loopLabel >= 0 && pc == ops.Length - 1)
            {
                FlushStaged();
                if (!JumpBack(pc, out mismatch))
                    return null;
                continue;
            }
            if (StagePortalWrite(input, in op, pc) || CallPortal(input, in op, pc))
                continue;
            if (op.Info.IsCall || op.Opcode is TraceOpcode.Label or TraceOpcode.Jump or TraceOpcode.Finish)
                FlushStaged();
            if (op.Opcode == TraceOpcode.Label && pc < _loopLabel)
            {
                EnterPreamble(input, in op);
                continue;
            }
            if (!Rewrite(input, in op))
            {
                if (op.Opcode == TraceOpcode.Label)
                    ForceLiveAfter(pc);
                foreach (int operand in input.OperandsOf(in op))
                    Force(operand);
                if (op.Info.IsGuard)
                {
                    _guardStamp++;
                    rewriter.EmitGuard(op.Opcode, rewriter.MapOperands(in op), pc, this);
                }
                else
                    rewriter.Copy(pc);
            }
        }
        return rewriter.Finish();
    }

    /// <summary>Handles an op touching a virtual without materializing it; false when the op is to be copied.</summary>
    private bool Rewrite(TraceIr input, in TraceOp op)
    {
        var operands = input.OperandsOf(in op);
        var descr = input.DescrOf(in op);
        switch (op.Opcode)
        {
            case TraceOpcode.New:
                MakeVirtual(op.Result, descr!, 0);
                return true;
            case TraceOpcode.NewArray when TraceValues.IsConstant(rewriter.Map(operands[0])):
                long length = rewriter.IntOf(rewriter.Map(operands[0]));
                if (length < 0 || length > LongestVirtualArray)
                    return false;
                MakeVirtual(op.Result, descr!, (int)length);
                return true;
            case TraceOpcode.SameAsR when IsVirtual(operands[0]):
                Alias(op.Result, operands[0]);
                return true;
            case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF when IsVirtual(operands[0]):
                int field = Of(operands[0]).Fields.IndexOf((FieldDescr)descr!);
                if (field < 0)
                    return false;
                Alias(op.Result, Of(operands[0]).Values[field]);
                return true;
            case TraceOpcode.SetfieldGc when IsVirtual(operands[0]):
                var target = Of(operands[0]);
                int index = target.Fields.IndexOf((FieldDescr)descr!);
                if (index < 0)
                {
                    target.Fields.Add((FieldDescr)descr!);
                    target.Values.Add(operands[1]);
                }
                else
                    target.Values[index] = operands[1];
                return true;
            case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF
                when IsVirtual(operands[0]) && ConstantItem(operands[0], operands[1]) is int item:
                int value = Of(operands[0]).Values[item];
                if (value == TraceValues.None)
                    rewriter.SetResult(op.Result, Zero(((ArrayDescr)descr!).ItemKind));
                else
                    Alias(op.Result, value);
                return true;
            case TraceOpcode.SetarrayitemGc when IsVirtual(operands[0]) && ConstantItem(operands[0], operands[1]) is int slot:
                Of(operands[0]).Values[slot] = operands[2];
                return true;
            case TraceOpcode.ArraylenGc when IsVirtual(operands[0]):
                rewriter.SetResult(op.Result, rewriter.Output.ConstInt(Of(operands[0]).Values.Count));
                return true;
            case TraceOpcode.GuardNonnull when IsVirtual(operands[0]):
                return true;
            case TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass when IsVirtual(operands[0]):
                // The class operand is always a ConstClass; a virtual of another class makes the guard always fail.
                return ReferenceEquals(Of(operands[0]).Descr, rewriter.ConstantValue(rewriter.Map(operands[1])).Ref);
            case TraceOpcode.PtrEq or TraceOpcode.PtrNe when IsVirtual(operands[0]) || IsVirtual(operands[1]):
                // A virtual has not escaped, so no other value can be the same object.
                bool same = IsVirtual(operands[0]) && IsVirtual(operands[1]) && _virtualOf[operands[0]] == _virtualOf[operands[1]];
                rewriter.SetResult(op.Result, rewriter.Output.ConstInt(same == (op.Opcode == TraceOpcode.PtrEq) ? 1 : 0));
                return true;
        }
        return false;
    }

    public ResumeEntry Describe(int oldValue, ResumeWriter writer)
    {
        if (!IsVirtual(oldValue))
            return writer.Describe(ValueOf(oldValue));
        var virtualObject = Of(oldValue);
        if (virtualObject.DescribedStamp == _guardStamp)
            return new ResumeEntry(ResumeEntryKind.Virtual, virtualObject.DescribedIndex);
        virtualObject.DescribedStamp = _guardStamp;
        virtualObject.DescribedIndex = writer.ReserveVirtual();
        var values = new ResumeEntry[virtualObject.Values.Count];
        var itemKind = (virtualObject.Descr as ArrayDescr)?.ItemKind ?? ValueKind.Void;
        for (int i = 0; i < values.Length; i++)
        {
            int value = virtualObject.Values[i];
            values[i] = value == TraceValues.None ? writer.Describe(Zero(itemKind))
                : Describe(value, writer);
        }
        writer.DefineVirtual(virtualObject.DescribedIndex, new ResumeVirtual(virtualObject.Descr, virtualObject.Fields.ToArray(), values));
        return new ResumeEntry(ResumeEntryKind.Virtual, virtualObject.DescribedIndex);
    }

    public void AddPendingWrites(ResumeWriter writer)
    {
    }

    private void MakeVirtual(int oldResult, TraceDescr descr, int itemCount)
    {
        _virtualOf[oldResult] = _virtuals.Count;
        var virtualObject = new VirtualObject(descr, itemCount);
        virtualObject.Aliases.Add(oldResult);
        _virtuals.Add(virtualObject);
    }

    /// <summary>Old value <paramref name="oldResult"/> is whatever <paramref name="oldSource"/> is (virtual or not).</summary>
    private void Alias(int oldResult, int oldSource)
    {
        if (IsVirtual(oldSource))
        {
            _virtualOf[oldResult] = _virtualOf[oldSource];
            Of(oldSource).Aliases.Add(oldResult);
        }
        else
            rewriter.SetResult(oldResult, ValueOf(oldSource));
    }

    private bool IsVirtual(int oldValue) => oldValue >= 0 && oldValue < _oldCount && _virtualOf[oldValue] >= 0;

    /// <summary>The output value of a virtual's field value (an old value, or an output variable from a loop label).</summary>
    private int ValueOf(int value) => value >= _oldCount ? value - _oldCount : rewriter.Map(value);

    private VirtualObject Of(int oldValue) => _virtuals[_virtualOf[oldValue]];

    private int? ConstantItem(int oldArray, int oldIndex)
    {
        int index = rewriter.Map(oldIndex);
        if (!TraceValues.IsConstant(index))
            return null;
        long item = rewriter.IntOf(index);
        return item >= 0 && item < Of(oldArray).Values.Count ? (int)item : null;
    }

    /// <summary>Whether a virtual's field value is the constant zero of its kind (0, +0.0 or null: all bits zero).</summary>
    private bool IsZero(int value)
    {
        if (value >= _oldCount || IsVirtual(value))
            return false;
        int mapped = rewriter.Map(value);
        if (!TraceValues.IsConstant(mapped))
            return false;
        var constant = rewriter.ConstantValue(mapped);
        return constant.Bits == 0 && constant.Ref is null;
    }

    private int Zero(ValueKind kind) => kind switch
    {
        ValueKind.Int => rewriter.Output.ConstInt(0),
        ValueKind.Float => rewriter.Output.ConstFloat(0.0),
        _ => rewriter.Output.ConstRef(null),
    };

    /// <summary>
    /// The label of a peeled loop's preamble: the trace's own jump goes to the peeled label, so only code outside
    /// jumps here, with values for the label's operands alone. Objects still virtual there can only come from ops
    /// before the label (a frameless entry's, BridgeEntry.Entry, where nothing jumps to the label), so they stay
    /// virtual and are left out of the label.
    /// </summary>
    private void EnterPreamble(TraceIr input, in TraceOp label)
    {
        var old = input.OperandsOf(in label);
        _arguments.Clear();
        foreach (int operand in old)
            if (!IsVirtual(operand))
                _arguments.Add(rewriter.Map(operand));
        var operands = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_arguments);
        rewriter.EmitLabel(input.DescrOf(in label)!, operands);
        int next = 0;
        foreach (int operand in old)
            if (!IsVirtual(operand))
                rewriter.SetResult(operand, operands[next++]);
    }

    /// <summary>
    /// At a label, virtuals used after it are materialized (a jump back would see them changed); the others are
    /// dead and vanish.
    /// </summary>
    private void ForceLiveAfter(int labelPc)
    {
        for (int i = 0; i < _virtuals.Count; i++)
        {
            if (_virtuals[i].Forced)
                continue;
            foreach (int alias in _virtuals[i].Aliases)
                if (_lastUse[alias] >= labelPc)
                {
                    Force(alias);
                    break;
                }
        }
    }

    private void FindLastUses(TraceIr input)
    {
        if (_lastUse.Length < input.VariableCount)
            _lastUse = new int[input.VariableCount];
        input.FillLastUses(_lastUse);
    }

    /// <summary>Materializes the virtual <paramref name="oldValue"/> is (if it is one): allocation, then its stores.</summary>
    private void Force(int oldValue)
    {
        if (!IsVirtual(oldValue))
            return;
        var virtualObject = Of(oldValue);
        virtualObject.Forced = true;
        int allocated = virtualObject.Descr is ArrayDescr
            ? rewriter.Emit(TraceOpcode.NewArray, virtualObject.Descr, [rewriter.Output.ConstInt(virtualObject.Values.Count)])
            : rewriter.Emit(TraceOpcode.New, virtualObject.Descr, []);
        // Every alias stops being virtual before the stores, so that a cycle back to this object stores it.
        foreach (int alias in virtualObject.Aliases)
        {
            _virtualOf[alias] = -1;
            rewriter.SetResult(alias, allocated);
        }
        for (int i = 0; i < virtualObject.Values.Count; i++)
        {
            int value = virtualObject.Values[i];
            // a new array is all zeros: its zero items need no store
            if (value == TraceValues.None || virtualObject.Descr is ArrayDescr && IsZero(value))
                continue;
            Force(value);
            if (virtualObject.Descr is ArrayDescr)
                rewriter.Emit(TraceOpcode.SetarrayitemGc, virtualObject.Descr, [allocated, rewriter.Output.ConstInt(i), ValueOf(value)]);
            else
                rewriter.Emit(TraceOpcode.SetfieldGc, virtualObject.Fields[i], [allocated, ValueOf(value)]);
        }
    }
}
