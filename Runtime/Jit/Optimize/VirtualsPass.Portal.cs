// The virtuals pass at a portal call (PyPy's call_assembler): the tracer writes the callee's greens and reds to
// the driver's staging state right before the call. Those writes wait here until the call; if a red is a virtual
// that nothing after the call uses (the callee's new interpreter frame), the call becomes frameless: the staged
// values are described as a resume layout over saved values, the trace writes only the saved values, and the
// engine runs a version of the callee's trace in which the objects stay virtual (JitEngine.CallPortal). Otherwise
// the writes are emitted as recorded, materializing what they store.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class VirtualsPass
{
    /// <summary>The staging writes waiting for their portal call: the input ops' indices.</summary>
    private readonly List<int> _staged = [];
    private readonly ResumeWriter _callWriter = new();
    private readonly HashSet<int> _reachable = [];

    /// <summary>Holds back a write of a portal call's green or red to the staging state.</summary>
    private bool StagePortalWrite(TraceIr input, in TraceOp op, int pc)
    {
        if (op.Opcode != TraceOpcode.SetarrayitemGc || PortalCalls.SlotKindOf(input.DescrOf(in op)) is null
            || !TraceValues.IsConstant(rewriter.Map(input.OperandsOf(in op)[1])))
            return false;
        _staged.Add(pc);
        return true;
    }

    /// <summary>Emits the staging writes held back, as recorded (what they store is materialized).</summary>
    private void FlushStaged()
    {
        foreach (int pc in _staged)
        {
            foreach (int operand in rewriter.Input.OperandsOf(in rewriter.Input[pc]))
                Force(operand);
            rewriter.Copy(pc);
        }
        _staged.Clear();
    }

    /// <summary>A portal call: frameless when a staged red is a virtual dead after it, else as recorded.</summary>
    private bool CallPortal(TraceIr input, in TraceOp op, int pc)
    {
        if (!op.Info.IsCall || !PortalCalls.IsPortalCall(input.DescrOf(in op)))
            return false;
        var operands = input.OperandsOf(in op);
        if (_staged.Count == 0 || !Frameless(input, pc)
            || rewriter.ConstantValue(rewriter.Map(operands[1])).Ref is not PortalTarget)
        {
            FlushStaged();
            foreach (int operand in operands)
                Force(operand);
            rewriter.Copy(pc);
            return true;
        }
        _guardStamp++;
        _callWriter.Begin(rewriter.Output);
        var writes = new (RegisterKind, int)[_staged.Count];
        for (int i = 0; i < _staged.Count; i++)
        {
            ref readonly var write = ref input[_staged[i]];
            var written = input.OperandsOf(in write);
            writes[i] = (PortalCalls.SlotKindOf(input.DescrOf(in write))!.Value, (int)rewriter.IntOf(rewriter.Map(written[1])));
            _callWriter.AddSlot(Describe(written[2], _callWriter));
        }
        var layout = _callWriter.FinishLayout()!;
        var saved = _callWriter.FailArgs;
        var kinds = new ValueKind[saved.Length];
        for (int k = 0; k < kinds.Length; k++)
            kinds[k] = rewriter.KindOf(saved[k]);
        var frameless = new FramelessCall(layout, writes, kinds);
        var output = rewriter.Output;
        for (int k = 0; k < kinds.Length; k++)
            rewriter.Emit(TraceOpcode.SetarrayitemGc, PortalCalls.SlotsOf(kinds[k]), [output.ConstRef(frameless.ArrayOf(kinds[k])), output.ConstInt(k), saved[k]]);
        _staged.Clear();
        int result = rewriter.Emit(op.Opcode, input.DescrOf(in op),
            [rewriter.Map(operands[0]), output.ConstRef(new PortalTarget { Frameless = frameless })]);
        if (op.Result != TraceValues.None)
            rewriter.SetResult(op.Result, result);
        return true;
    }

    /// <summary>
    /// Whether some staged value is a virtual and every virtual reachable from the staged values is dead after the
    /// call at <paramref name="callPc"/>: no later op or guard uses it, and no other virtual in use refers to it.
    /// </summary>
    private bool Frameless(TraceIr input, int callPc)
    {
        _reachable.Clear();
        foreach (int pc in _staged)
            Reach(input.OperandsOf(in input[pc])[2]);
        if (_reachable.Count == 0)
            return false;
        for (int v = 0; v < _virtuals.Count; v++)
        {
            var virtualObject = _virtuals[v];
            if (virtualObject.Forced)
                continue;
            bool usedLater = false;
            foreach (int alias in virtualObject.Aliases)
                usedLater |= _lastUse[alias] > callPc;
            if (_reachable.Contains(v))
            {
                if (usedLater)
                    return false;
            }
            else if (usedLater)
            {
                foreach (int value in virtualObject.Values)
                    if (IsVirtual(value) && _reachable.Contains(_virtualOf[value]))
                        return false;
            }
        }
        return true;
    }

    private void Reach(int oldValue)
    {
        if (!IsVirtual(oldValue) || !_reachable.Add(_virtualOf[oldValue]))
            return;
        foreach (int value in Of(oldValue).Values)
            Reach(value);
    }
}
