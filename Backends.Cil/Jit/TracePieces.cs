// Cuts a long trace into pieces the CLR compiles quickly. The CLR's optimizing compiler costs more per IL
// instruction the bigger the method (measured: ~30 µs per trace op at 50 ops, ~150 at 1,000), so a long trace is
// compiled as several methods of at most about PieceOps ops each: piece k ends in a finish passing the values the
// later ops still use, and piece k + 1 takes them as its inputs. SegmentedVersion chains the pieces at run time.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

/// <summary>
/// One piece of a trace: a trace of its own whose op j is op <see cref="FirstOp"/> + j of the original, except,
/// when <see cref="Continues"/>, its last op: a finish handing the live values to the next piece as its inputs.
/// </summary>
internal sealed record TracePiece(TraceIr Trace, int FirstOp, bool Continues);

internal static class TracePieces
{
    /// <summary>
    /// The pieces of <paramref name="trace"/>, each of about <paramref name="pieceOps"/> ops (the last up to 1.5
    /// times that); the trace itself, as one piece, when it is short or cannot be cut (see <see cref="CanCut"/>).
    /// Pieces are cut only before an op that is not a guard, so an op and the guard reading its overflow flag or
    /// its exception stay together.
    /// </summary>
    public static TracePiece[] Split(TraceIr trace, int pieceOps)
    {
        var ops = trace.Ops;
        if (pieceOps <= 0 || ops.Length <= pieceOps + pieceOps / 2 || !CanCut(trace))
            return [new TracePiece(trace, 0, false)];
        var cuts = new List<int>();
        int start = 0;
        while (true)
        {
            int cut = start + pieceOps;
            while (cut < ops.Length - 1 && (ops[cut].Info.IsGuard || ops[cut].Info.IsFinal))
                cut++;
            if (cut >= ops.Length - 1 || ops.Length - cut <= pieceOps / 2)
                break;
            cuts.Add(cut);
            start = cut;
        }
        if (cuts.Count == 0)
            return [new TracePiece(trace, 0, false)];
        var lastUse = LastUses(trace);
        var pieces = new TracePiece[cuts.Count + 1];
        for (int p = 0; p < pieces.Length; p++)
        {
            int first = p == 0 ? 0 : cuts[p - 1];
            int end = p == cuts.Count ? ops.Length : cuts[p];
            pieces[p] = new TracePiece(Copy(trace, first, end, lastUse), first, end < ops.Length);
        }
        return pieces;
    }

    /// <summary>
    /// Whether every value a label's ops use is the label's argument or defined after it. A value defined before a
    /// label and used after it reaches the label's later entries only through the locals of one method, so a trace
    /// using one is kept whole.
    /// </summary>
    private static bool CanCut(TraceIr trace)
    {
        var ops = trace.Ops;
        var definedAt = new int[trace.VariableCount];
        Array.Fill(definedAt, -1);
        for (int i = 0; i < ops.Length; i++)
            if (ops[i].Result >= 0)
                definedAt[ops[i].Result] = i;
        var rebound = new bool[trace.VariableCount];
        for (int i = 0; i < ops.Length; i++)
        {
            ref readonly var op = ref ops[i];
            if (op.Opcode == TraceOpcode.Label)
            {
                Array.Clear(rebound);
                foreach (int argument in trace.OperandsOf(in op))
                    rebound[argument] = true;
                for (int j = i + 1; j < ops.Length; j++)
                {
                    if (ops[j].Opcode == TraceOpcode.Label)
                        break;
                    foreach (int value in trace.OperandsOf(in ops[j]))
                        if (value >= 0 && definedAt[value] < i && !rebound[value])
                            return false;
                    foreach (int value in trace.FailArgsOf(in ops[j]))
                        if (value >= 0 && definedAt[value] < i && !rebound[value])
                            return false;
                }
            }
        }
        return true;
    }

    /// <summary>The last op using each variable (as an operand or fail argument), or -1.</summary>
    private static int[] LastUses(TraceIr trace)
    {
        var lastUse = new int[trace.VariableCount];
        Array.Fill(lastUse, -1);
        var ops = trace.Ops;
        for (int i = 0; i < ops.Length; i++)
        {
            foreach (int value in trace.OperandsOf(in ops[i]))
                if (value >= 0)
                    lastUse[value] = i;
            foreach (int value in trace.FailArgsOf(in ops[i]))
                if (value >= 0)
                    lastUse[value] = i;
        }
        return lastUse;
    }

    /// <summary>
    /// Ops [first, end) as a trace: its inputs are the original inputs (first 0) or the variables defined before
    /// <paramref name="first"/> and used from there on, in the order of their numbers; it ends, when
    /// <paramref name="end"/> is not the trace's end, in a finish of the variables defined before
    /// <paramref name="end"/> and used from there on (the next piece's inputs, in the same order).
    /// </summary>
    private static TraceIr Copy(TraceIr trace, int first, int end, int[] lastUse)
    {
        var ops = trace.Ops;
        var builder = new TraceBuilder();
        var map = new int[trace.VariableCount];
        Array.Fill(map, TraceValues.None);
        if (first == 0)
        {
            for (int v = 0; v < trace.InputCount; v++)
                map[v] = builder.Input(trace.KindOf(v));
        }
        else
        {
            foreach (int v in LiveAcross(trace, first, lastUse))
                map[v] = builder.Input(trace.KindOf(v));
        }
        int[] Mapped(ReadOnlySpan<int> values)
        {
            var result = new int[values.Length];
            for (int k = 0; k < values.Length; k++)
                result[k] = Map(trace, builder, map, values[k]);
            return result;
        }
        for (int i = first; i < end; i++)
        {
            ref readonly var op = ref ops[i];
            var mapped = Mapped(trace.OperandsOf(in op));
            var descr = trace.DescrOf(in op);
            int result;
            if (op.Info.IsGuard)
                result = builder.Guard(op.Opcode, (FailDescr)descr!, mapped, Mapped(trace.FailArgsOf(in op)));
            else if (descr is null)
                result = builder.Op(op.Opcode, mapped);
            else
                result = builder.Op(op.Opcode, descr, mapped);
            if (op.Result >= 0)
                map[op.Result] = result;
        }
        if (end < ops.Length)
            builder.Op(TraceOpcode.Finish, Mapped(LiveAcross(trace, end, lastUse)));
        return builder.Build();
    }

    /// <summary>The variables defined before op <paramref name="cut"/> (inputs included) and used at or after it.</summary>
    private static int[] LiveAcross(TraceIr trace, int cut, int[] lastUse)
    {
        var ops = trace.Ops;
        var defined = new bool[trace.VariableCount];
        for (int v = 0; v < trace.InputCount; v++)
            defined[v] = true;
        for (int i = 0; i < cut; i++)
            if (ops[i].Result >= 0)
                defined[ops[i].Result] = true;
        var live = new List<int>();
        for (int v = 0; v < trace.VariableCount; v++)
            if (defined[v] && lastUse[v] >= cut)
                live.Add(v);
        return [.. live];
    }

    private static int Map(TraceIr trace, TraceBuilder builder, int[] map, int value)
    {
        if (TraceValues.IsVariable(value))
            return map[value] != TraceValues.None ? map[value]
                : throw new JitCompileException($"internal error: cutting the trace lost variable {value}");
        var constant = trace.ConstantValue(value);
        return trace.KindOf(value) switch
        {
            ValueKind.Int => builder.ConstInt(constant.AsInt),
            ValueKind.Float => builder.ConstFloat(constant.AsFloat),
            _ => builder.ConstRef(constant.AsRef),
        };
    }
}
