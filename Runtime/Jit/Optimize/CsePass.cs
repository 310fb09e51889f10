// Pass: common subexpression elimination of pure ops (same opcode, same operands after replacement, same descr;
// commutative ops with their operands in either order), strlen/strgetitem, and calls whose CallDescr is
// elidable (a repeated raising call that did not raise also drops its guard_no_exception), and repeated
// guard_true/guard_false on one condition. Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class CsePass(TraceRewriter rewriter)
{
    private readonly record struct Key(TraceOpcode Opcode, int Descr, int Count, int A, int B, int C);

    private const int WidestCall = 3;

    private readonly Dictionary<Key, int> _available = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        _available.Clear();
        var ops = input.Ops;
        bool dropNoException = false;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Opcode == TraceOpcode.GuardNoException && dropNoException)
            {
                dropNoException = false;
                continue;
            }
            dropNoException = false;
            if (op.Opcode == TraceOpcode.Label)
                _available.Clear();
            if (op.Opcode is TraceOpcode.GuardTrue or TraceOpcode.GuardFalse)
            {
                // a condition already guarded the same way since the label holds again
                var guarded = new Key(op.Opcode, 0, 1, rewriter.Map(input.OperandsOf(in op)[0]), TraceValues.None, TraceValues.None);
                if (!_available.TryAdd(guarded, 0))
                    continue;
            }
            if (!TryKey(input, pc, out var key))
            {
                rewriter.Copy(pc);
                continue;
            }
            if (_available.TryGetValue(key, out int earlier))
            {
                rewriter.SetResult(op.Result, earlier);
                dropNoException = op.Info.IsCall;
                continue;
            }
            int result = rewriter.Copy(pc);
            // A raising call is known to give its result only once the guard after it says it did not raise.
            bool raises = input.DescrOf(in op) is CallDescr { CanRaise: true };
            if (!raises || pc + 1 < ops.Length && ops[pc + 1].Opcode == TraceOpcode.GuardNoException)
                _available[key] = result;
        }
        return rewriter.Finish();
    }

    private bool TryKey(TraceIr input, int pc, out Key key)
    {
        ref readonly var op = ref input[pc];
        key = default;
        bool elidableCall = op.Info.IsCall && input.DescrOf(in op) is CallDescr { IsElidable: true } &&
            op.OperandCount <= WidestCall && op.Result != TraceValues.None;
        if (!op.Info.IsPure && !elidableCall)
            return false;
        var operands = rewriter.MapOperands(in op);
        int a = operands.Length > 0 ? operands[0] : TraceValues.None;
        int b = operands.Length > 1 ? operands[1] : TraceValues.None;
        int c = operands.Length > 2 ? operands[2] : TraceValues.None;
        if (FoldRules.For(op.Opcode) is { Commutative: true } && a > b)
            (a, b) = (b, a);
        key = new Key(op.Opcode, op.Descr, operands.Length, a, b, c);
        return true;
    }
}
