// Pass: loop peeling. `label(args) body jump(args')` becomes `label(args) preamble label'(args', invariants)
// body' jump'(...)`: the preamble is the first iteration, unchanged; the peeled body leaves out what is loop
// invariant there (pure ops, elidable calls, reads of fields and items the loop never writes, and guards, all
// on invariant values), whose preamble values become extra label/jump arguments. Guards of the body get copies
// of their FailDescr (Original names the recorded one). Run first by Optimizer, so the others see both copies.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class PeelingPass(TraceRewriter rewriter)
{
    private bool[] _invariant = [];
    private bool[] _used = [];
    private bool[] _skipped = [];
    private readonly List<int> _extraArguments = [];
    private readonly List<int> _labelOperands = [];
    /// <summary>For an invariant value computed again by the same op on the same operands: the first one (else -1).</summary>
    private int[] _alias = [];
    private readonly Dictionary<(TraceOpcode Opcode, int Descr, int Count, int A, int B, int C), int> _computed = [];

    public TraceIr Run(TraceIr input)
    {
        var ops = input.Ops;
        if (ops.Length == 0 || ops[^1].Opcode != TraceOpcode.Jump || FindLoop(input) is not int labelPc)
            return input;
        int jumpPc = ops.Length - 1;
        FindInvariants(input, labelPc, jumpPc);
        var labelArgs = input.OperandsOf(in ops[labelPc]);
        var jumpArgs = input.OperandsOf(in ops[jumpPc]);
        int nextGuardIndex = 0;
        for (int pc = 0; pc < ops.Length; pc++)
            if (input.DescrOf(in ops[pc]) is FailDescr exit)
                nextGuardIndex = Math.Max(nextGuardIndex, exit.Index + 1);

        rewriter.Begin(input);
        for (int pc = 0; pc < jumpPc; pc++)
            rewriter.Copy(pc);

        _labelOperands.Clear();
        foreach (int value in jumpArgs)
            _labelOperands.Add(rewriter.Map(value));
        foreach (int value in _extraArguments)
            _labelOperands.Add(rewriter.Map(value));
        var operands = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_labelOperands);
        var token = new LoopToken(input.DescrOf(in ops[labelPc])!.Name + "Peeled");
        rewriter.EmitLabel(token, operands);
        for (int i = 0; i < labelArgs.Length; i++)
            rewriter.SetResult(labelArgs[i], operands[i]);
        for (int i = 0; i < _extraArguments.Count; i++)
            rewriter.SetResult(_extraArguments[i], operands[labelArgs.Length + i]);
        for (int v = 0; v < _alias.Length; v++)
            if (_alias[v] >= 0 && _used[_alias[v]])
                rewriter.SetResult(v, operands[labelArgs.Length + _extraArguments.IndexOf(_alias[v])]);

        for (int pc = labelPc + 1; pc < jumpPc; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (_skipped[pc])
                continue;
            if (op.Info.IsGuard)
                rewriter.EmitGuard(op.Opcode, rewriter.MapOperands(in op), pc, null,
                    ((FailDescr)input.DescrOf(in op)!).CopyAs(nextGuardIndex++));
            else
                rewriter.Copy(pc);
        }
        _labelOperands.Clear();
        foreach (int value in jumpArgs)
            _labelOperands.Add(rewriter.Map(value));
        for (int i = 0; i < _extraArguments.Count; i++)
            _labelOperands.Add(operands[labelArgs.Length + i]);
        rewriter.Emit(TraceOpcode.Jump, token, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_labelOperands));
        return rewriter.Finish();
    }

    /// <summary>The label of a peeled loop (the final jump's target, after an earlier label), or -1.</summary>
    public static int PeeledLabel(TraceIr input)
    {
        var ops = input.Ops;
        if (ops.Length == 0 || ops[^1].Opcode != TraceOpcode.Jump)
            return -1;
        var token = input.DescrOf(in ops[^1]);
        bool earlierLabel = false;
        for (int pc = 0; pc < ops.Length; pc++)
            if (ops[pc].Opcode == TraceOpcode.Label)
            {
                if (earlierLabel && ReferenceEquals(input.DescrOf(in ops[pc]), token))
                    return pc;
                earlierLabel = true;
            }
        return -1;
    }

    /// <summary>The label the final jump goes to, when it is the trace's only label.</summary>
    private static int? FindLoop(TraceIr input)
    {
        var ops = input.Ops;
        var token = input.DescrOf(in ops[^1]);
        int? found = null;
        for (int pc = 0; pc < ops.Length; pc++)
            if (ops[pc].Opcode == TraceOpcode.Label)
            {
                if (found is not null || !ReferenceEquals(input.DescrOf(in ops[pc]), token))
                    return null;
                found = pc;
            }
        return found;
    }

    /// <summary>
    /// Marks the body's invariant values and the ops the peeled body leaves out, and lists the invariant
    /// values the rest of the body uses (they become extra label arguments).
    /// </summary>
    private void FindInvariants(TraceIr input, int labelPc, int jumpPc)
    {
        var ops = input.Ops;
        _invariant = new bool[input.VariableCount];
        _used = new bool[input.VariableCount];
        _skipped = new bool[ops.Length];
        _alias = new int[input.VariableCount];
        Array.Fill(_alias, -1);
        _computed.Clear();
        _extraArguments.Clear();
        var labelArgs = input.OperandsOf(in ops[labelPc]);
        var jumpArgs = input.OperandsOf(in ops[jumpPc]);
        // Values from before the label never change in the loop; label arguments the jump passes back unchanged neither.
        for (int v = 0; v < input.VariableCount; v++)
            _invariant[v] = v < input.InputCount;
        for (int pc = 0; pc < labelPc; pc++)
            if (ops[pc].Result != TraceValues.None)
                _invariant[ops[pc].Result] = true;
        foreach (int arg in labelArgs)
            _invariant[arg] = false;
        for (int i = 0; i < labelArgs.Length; i++)
            if (jumpArgs[i] == labelArgs[i])
                _invariant[labelArgs[i]] = true;

        // Writes into objects allocated in the same iteration cannot change what invariant reads see: those read
        // objects that existed before the loop.
        var written = new HashSet<TraceDescr>(ReferenceEqualityComparer.Instance);
        var fresh = new bool[input.VariableCount];
        bool writingCall = false;
        for (int pc = labelPc + 1; pc < jumpPc; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Opcode is TraceOpcode.New or TraceOpcode.NewArray)
                fresh[op.Result] = true;
            if (op.Opcode is TraceOpcode.SetfieldGc or TraceOpcode.SetarrayitemGc && !IsFresh(fresh, input.OperandsOf(in op)[0]))
                written.Add(input.DescrOf(in op)!);
            if (op.Info.IsCall && input.DescrOf(in op) is CallDescr { Effects: var effects } && (effects & CallEffects.ReadOnly) == 0)
                writingCall = true;
        }
        for (int pc = labelPc + 1; pc < jumpPc; pc++)
        {
            ref readonly var op = ref ops[pc];
            bool operandsInvariant = op.OperandCount > 0;
            foreach (int operand in input.OperandsOf(in op))
                operandsInvariant &= TraceValues.IsConstant(operand) || _invariant[operand];
            bool hoistable = operandsInvariant && Hoistable(input, in op, written, writingCall);
            if (op.Result != TraceValues.None)
                _invariant[op.Result] = hoistable;
            _skipped[pc] = hoistable;
            // the body reads the same invariant field or computes the same invariant value several times: one
            // extra argument serves them all
            if (hoistable && op.Result != TraceValues.None && op.OperandCount <= 3)
            {
                var operands = input.OperandsOf(in op);
                var key = (op.Opcode, op.Descr, operands.Length, Canonical(operands, 0), Canonical(operands, 1), Canonical(operands, 2));
                if (_computed.TryGetValue(key, out int first))
                    _alias[op.Result] = first;
                else
                    _computed.Add(key, op.Result);
            }
        }
        for (int pc = labelPc + 1; pc <= jumpPc; pc++)
        {
            if (_skipped[pc])
                continue;
            ref readonly var op = ref ops[pc];
            foreach (int operand in input.OperandsOf(in op))
                MarkUsed(operand);
            foreach (int failArg in input.FailArgsOf(in op))
                MarkUsed(failArg);
        }
        var isLabelArg = new bool[input.VariableCount];
        foreach (int arg in labelArgs)
            isLabelArg[arg] = true;
        for (int v = 0; v < input.VariableCount; v++)
            if (_used[v] && _invariant[v] && !isLabelArg[v])
                _extraArguments.Add(v);
    }

    private static bool IsFresh(bool[] fresh, int value) => value >= 0 && fresh[value];

    private void MarkUsed(int value)
    {
        if (TraceValues.IsVariable(value))
            _used[_alias[value] >= 0 ? _alias[value] : value] = true;
    }

    private int Canonical(ReadOnlySpan<int> operands, int i)
    {
        if (i >= operands.Length)
            return TraceValues.None;
        int value = operands[i];
        return TraceValues.IsVariable(value) && _alias[value] >= 0 ? _alias[value] : value;
    }

    /// <summary>Ops whose result (or, for guards, outcome) is the same in every iteration when their operands are.</summary>
    private static bool Hoistable(TraceIr input, in TraceOp op, HashSet<TraceDescr> written, bool writingCall)
    {
        var descr = input.DescrOf(in op);
        return op.Opcode switch
        {
            TraceOpcode.GuardTrue or TraceOpcode.GuardFalse or TraceOpcode.GuardValue or TraceOpcode.GuardClass or
                TraceOpcode.GuardNonnull or TraceOpcode.GuardIsnull or TraceOpcode.GuardNonnullClass => true,
            TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF or TraceOpcode.GetarrayitemGcI or
                TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF => !writingCall && !written.Contains(descr!),
            TraceOpcode.ArraylenGc => true,
            _ => op.Info.IsPure || op.Info.IsCall && descr is CallDescr { IsElidable: true, CanRaise: false } && op.Result != TraceValues.None,
        };
    }
}
