// Pass: dead code removal. Ops whose result nobody uses (operands, fail arguments, label and jump arguments)
// and that have no effect are dropped: pure ops, reads, allocations. Guards, writes, calls and overflow ops
// (their guard reads the flag they set) always stay. One backward scan for liveness, one forward copy. Run last.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class DeadCodePass(TraceRewriter rewriter)
{
    private bool[] _live = [];
    private bool[] _dead = [];

    public TraceIr Run(TraceIr input)
    {
        var ops = input.Ops;
        if (_live.Length < input.VariableCount)
            _live = new bool[input.VariableCount];
        Array.Clear(_live);
        if (_dead.Length < ops.Length)
            _dead = new bool[ops.Length];
        Array.Clear(_dead);
        for (int pc = ops.Length - 1; pc >= 0; pc--)
        {
            ref readonly var op = ref ops[pc];
            if (Removable(in op) && !_live[op.Result])
            {
                _dead[pc] = true;
                continue;
            }
            foreach (int operand in input.OperandsOf(in op))
                MarkLive(operand);
            foreach (int failArg in input.FailArgsOf(in op))
                MarkLive(failArg);
        }
        rewriter.Begin(input);
        for (int pc = 0; pc < ops.Length; pc++)
            if (!_dead[pc])
                rewriter.Copy(pc);
        return rewriter.Finish();
    }

    private static bool Removable(in TraceOp op) =>
        op.Result != TraceValues.None && !op.Info.IsGuard && !op.Info.IsCall && !op.Info.IsOverflow &&
        (op.Info.Flags & (OpFlags.Pure | OpFlags.NoSideEffect)) != 0;

    private void MarkLive(int value)
    {
        if (TraceValues.IsVariable(value))
            _live[value] = true;
    }
}
