// Checks a trace's well-formedness after each optimizer pass (tests run it after every pass): operands defined
// before use with the kinds the opcode table wants, descriptors that fit, guards with a FailDescr of their own,
// defined fail arguments and a layout that stays in range, jumps agreeing with their label. Throws on the first fault.
using System.Diagnostics.CodeAnalysis;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

/// <summary>A malformed trace, naming the op and what is wrong (and the pass that produced it, if known).</summary>
public sealed class TraceVerificationException(string message) : Exception(message);

public static class TraceVerifier
{
    public static void Verify(TraceIr trace, string? producedBy = null)
    {
        var defined = new bool[trace.VariableCount];
        for (int i = 0; i < trace.InputCount; i++)
            defined[i] = true;
        var exits = new HashSet<FailDescr>(ReferenceEqualityComparer.Instance);
        var labels = new Dictionary<TraceDescr, int>(ReferenceEqualityComparer.Instance);
        var ops = trace.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            ref readonly var info = ref op.Info;
            var operands = trace.OperandsOf(in op);
            var descr = trace.DescrOf(in op);
            if (!info.IsVariadic && operands.Length != info.Arity)
                Fail(trace, pc, producedBy, $"takes {info.Arity} operand(s), has {operands.Length}");
            for (int i = 0; i < operands.Length; i++)
            {
                CheckDefined(trace, pc, producedBy, defined, operands[i], $"operand {i + 1}");
                ValueKind expected = TraceBuilder.ExpectedOperandKind(in info, descr, trace.KindOf(operands[0]), i);
                if (expected != ValueKind.Void && trace.KindOf(operands[i]) != expected)
                    Fail(trace, pc, producedBy, $"operand {i + 1} is {trace.KindOf(operands[i])}, expected {expected}");
            }
            if (info.IsGuard)
                CheckGuard(trace, pc, producedBy, defined, exits, descr);
            else if (!DescrFits(in info, descr))
                Fail(trace, pc, producedBy, descr is null ? $"needs a {info.Descr} descriptor" : $"descriptor {descr.Name} does not fit");
            if (op.Opcode == TraceOpcode.Label)
                labels[descr!] = pc;
            if (op.Opcode == TraceOpcode.Jump)
                CheckJump(trace, pc, producedBy, labels, descr!, operands);
            if (info.IsFinal && pc != ops.Length - 1 && ops[pc + 1].Opcode != TraceOpcode.Label)
                Fail(trace, pc, producedBy, "ops follow a jump or finish without a label");
            if (op.Result != TraceValues.None)
            {
                if (op.Result < 0 || op.Result >= defined.Length || defined[op.Result])
                    Fail(trace, pc, producedBy, "its result is not a fresh variable");
                if (trace.KindOf(op.Result) != info.Result)
                    Fail(trace, pc, producedBy, $"its result is {trace.KindOf(op.Result)}, the table says {info.Result}");
                defined[op.Result] = true;
            }
        }
        if (ops.Length == 0 || !ops[^1].Info.IsFinal)
            throw new TraceVerificationException(Where(producedBy) + "the trace does not end with jump or finish");
    }

    private static void CheckGuard(TraceIr trace, int pc, string? producedBy, bool[] defined, HashSet<FailDescr> exits,
        TraceDescr? descr)
    {
        if (descr is not FailDescr exit)
        {
            Fail(trace, pc, producedBy, "a guard without FailDescr");
            return;
        }
        if (!exits.Add(exit))
            Fail(trace, pc, producedBy, $"{exit.Name} is the exit of an earlier guard too");
        var failArgs = trace.FailArgsOf(in trace[pc]);
        for (int i = 0; i < failArgs.Length; i++)
        {
            if (!TraceValues.IsVariable(failArgs[i]))
                Fail(trace, pc, producedBy, $"fail argument {i + 1} is not a variable");
            CheckDefined(trace, pc, producedBy, defined, failArgs[i], $"fail argument {i + 1}");
        }
        if (trace.LayoutOf(pc) is not { } layout)
            return;
        foreach (var entry in layout.Slots)
            CheckEntry(trace, pc, producedBy, layout, failArgs.Length, entry);
        foreach (var virtualObject in layout.Virtuals)
        {
            if (virtualObject.Class is null && virtualObject.Array is null)
                Fail(trace, pc, producedBy, $"a virtual of {virtualObject.Descr.Name}, neither a class nor an array");
            if (virtualObject.Class is not null && virtualObject.Fields.Length != virtualObject.Values.Length)
                Fail(trace, pc, producedBy, "a virtual with more fields than values");
            foreach (var entry in virtualObject.Values)
                CheckEntry(trace, pc, producedBy, layout, failArgs.Length, entry);
        }
        foreach (var write in layout.PendingWrites)
        {
            if (write.Field is null && write.Array is null)
                Fail(trace, pc, producedBy, $"a pending write of {write.Descr.Name}, neither a field nor an array");
            CheckEntry(trace, pc, producedBy, layout, failArgs.Length, write.Target);
            if (write.Array is not null)
                CheckEntry(trace, pc, producedBy, layout, failArgs.Length, write.Index);
            CheckEntry(trace, pc, producedBy, layout, failArgs.Length, write.Value);
        }
    }

    private static void CheckEntry(TraceIr trace, int pc, string? producedBy, ResumeLayout layout, int savedCount, ResumeEntry entry)
    {
        int limit = entry.Kind switch
        {
            ResumeEntryKind.Saved => savedCount,
            ResumeEntryKind.Constant => layout.Constants.Length,
            _ => layout.Virtuals.Length,
        };
        if (entry.Index < 0 || entry.Index >= limit)
            Fail(trace, pc, producedBy, $"its layout refers to {entry.Kind} #{entry.Index}, out of range");
    }

    private static void CheckJump(TraceIr trace, int pc, string? producedBy, Dictionary<TraceDescr, int> labels,
        TraceDescr token, ReadOnlySpan<int> operands)
    {
        if (!labels.TryGetValue(token, out int labelPc))
            return;
        var labelArgs = trace.OperandsOf(in trace[labelPc]);
        if (labelArgs.Length != operands.Length)
            Fail(trace, pc, producedBy, $"passes {operands.Length} value(s) to a label taking {labelArgs.Length}");
        for (int i = 0; i < operands.Length; i++)
            if (trace.KindOf(labelArgs[i]) != trace.KindOf(operands[i]))
                Fail(trace, pc, producedBy, $"value {i + 1} is {trace.KindOf(operands[i])}, the label's is {trace.KindOf(labelArgs[i])}");
    }

    private static void CheckDefined(TraceIr trace, int pc, string? producedBy, bool[] defined, int value, string what)
    {
        if (TraceValues.IsConstant(value))
        {
            if (TraceValues.PoolIndex(value) >= trace.ConstantCount)
                Fail(trace, pc, producedBy, $"{what} is a constant outside the pool");
            return;
        }
        if (value < 0 || value >= defined.Length || !defined[value])
            Fail(trace, pc, producedBy, $"{what} is used before it is defined");
    }

    private static bool DescrFits(in OpcodeInfo info, TraceDescr? descr) => info.Descr switch
    {
        DescrKind.None => descr is null,
        DescrKind.Field => descr is FieldDescr,
        DescrKind.Array => descr is ArrayDescr,
        DescrKind.Class => descr is ClassDescr,
        DescrKind.Call => descr is CallDescr,
        _ => descr is LoopToken,
    };

    private static string Where(string? producedBy) => producedBy is null ? "" : $"after {producedBy}: ";

    [DoesNotReturn]
    private static void Fail(TraceIr trace, int pc, string? producedBy, string message) =>
        throw new TraceVerificationException($"{Where(producedBy)}op {pc} ({TracePrinter.PrintOp(trace, pc)}): {message}");
}
