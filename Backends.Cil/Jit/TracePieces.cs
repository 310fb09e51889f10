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
        var live = LiveAcross(trace, cuts);
        var pieces = new TracePiece[cuts.Count + 1];
        for (int p = 0; p < pieces.Length; p++)
        {
            int first = p == 0 ? 0 : cuts[p - 1];
            int end = p == cuts.Count ? ops.Length : cuts[p];
            pieces[p] = new TracePiece(Copy(trace, first, end, p == 0 ? null : live[p - 1], p == cuts.Count ? null : live[p]), first, end < ops.Length);
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
        var definedAt = DefinedAt(trace);
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

    /// <summary>
    /// Ops [first, end) as a trace: its inputs are the original inputs (<paramref name="inputs"/> null) or
    /// <paramref name="inputs"/>; it ends, when <paramref name="outputs"/> is not null, in a finish of them (the
    /// next piece's inputs).
    /// </summary>
    private static TraceIr Copy(TraceIr trace, int first, int end, int[]? inputs, int[]? outputs)
    {
        var ops = trace.Ops;
        var builder = new TraceBuilder();
        var map = new int[trace.VariableCount];
        Array.Fill(map, TraceValues.None);
        if (inputs is null)
        {
            for (int v = 0; v < trace.InputCount; v++)
                map[v] = builder.Input(trace.KindOf(v));
        }
        else
        {
            foreach (int v in inputs)
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
        if (outputs is not null)
            builder.Op(TraceOpcode.Finish, Mapped(outputs));
        return builder.Build();
    }

    /// <summary>For each cut (an op index), the variables defined before it (inputs included) and used at or after
    /// it, in the order of their numbers: what the piece ending there hands on to the next.</summary>
    private static int[][] LiveAcross(TraceIr trace, List<int> cuts)
    {
        var ops = trace.Ops;
        var lastUse = new int[trace.VariableCount];
        trace.FillLastUses(lastUse);
        var definedAt = DefinedAt(trace);
        var live = new int[cuts.Count][];
        var values = new List<int>();
        for (int c = 0; c < cuts.Count; c++)
        {
            values.Clear();
            for (int v = 0; v < trace.VariableCount; v++)
                if (definedAt[v] < cuts[c] && lastUse[v] >= cuts[c])
                    values.Add(v);
            live[c] = [.. values];
        }
        return live;
    }

    /// <summary>The op defining each variable; -1 for the trace's inputs.</summary>
    private static int[] DefinedAt(TraceIr trace)
    {
        var ops = trace.Ops;
        var definedAt = new int[trace.VariableCount];
        Array.Fill(definedAt, -1);
        for (int i = 0; i < ops.Length; i++)
            if (ops[i].Result >= 0)
                definedAt[ops[i].Result] = i;
        return definedAt;
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
