// Pass: loop constants, the peeling pass's follow-up (run at the end of the pipeline when Peeling is on). A peeled
// loop's label argument that enters the loop as a constant C (the preamble passes same_as(C)) and that the jump
// passes as the same C is C on every iteration, by induction: its uses in the loop become C, and the Fold and
// DeadCode passes then run again, so that guards on it fold. Example: stack_vm's stack depth at sum_squares' loop
// header, which the tracer guards to its value (guard_value(depth, 0)) and which is 0 each time round. The label
// and the jump keep the argument (nothing reads it in the loop).
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class LoopConstantsPass(TraceRewriter rewriter)
{
    private readonly List<(int Operand, int Constant)> _constants = [];

    /// <summary>The trace with such label arguments replaced by their constant in the loop, or null when it has none.</summary>
    public TraceIr? Run(TraceIr input)
    {
        int label = PeelingPass.PeeledLabel(input);
        if (label < 0)
            return null;
        var labelOperands = input.OperandsOf(in input.Ops[label]);
        var jumpOperands = input.OperandsOf(in input.Ops[^1]);
        _constants.Clear();
        for (int k = 0; k < labelOperands.Length && k < jumpOperands.Length; k++)
            if (TraceValues.IsConstant(jumpOperands[k]) && EntersAs(input, label, labelOperands[k], jumpOperands[k]))
                _constants.Add((labelOperands[k], jumpOperands[k]));
        if (_constants.Count == 0)
            return null;
        rewriter.Begin(input);
        for (int pc = 0; pc < input.Ops.Length; pc++)
        {
            rewriter.Copy(pc);
            if (pc == label)
                foreach (var (operand, constant) in _constants)
                    rewriter.SetResult(operand, rewriter.Map(constant));
        }
        return rewriter.Finish();
    }

    /// <summary>Whether <paramref name="operand"/> is defined before the label as same_as(<paramref name="constant"/>'s value).</summary>
    private static bool EntersAs(TraceIr input, int label, int operand, int constant)
    {
        for (int pc = 0; pc < label; pc++)
        {
            ref readonly var op = ref input.Ops[pc];
            if (op.Result != operand)
                continue;
            if (op.Opcode is not (TraceOpcode.SameAsI or TraceOpcode.SameAsR or TraceOpcode.SameAsF))
                return false;
            int entering = input.OperandsOf(in op)[0];
            return TraceValues.IsConstant(entering) && input.KindOf(entering) == input.KindOf(constant)
                && input.ConstantValue(entering).Equals(input.ConstantValue(constant));
        }
        return false;
    }
}
