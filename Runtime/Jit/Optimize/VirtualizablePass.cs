// Pass: virtualizable frame fields. Fields marked IsVirtualizable of a trace input (the interpreter's frame)
// are read once and then kept as values; writes are delayed to the end (jump, finish), to before a call that
// may write memory, and, at a guard failure, replayed from the guard's layout (pending writes). Around a peeled
// loop (its label is not the trace's first) the values travel as extra label/jump arguments instead of through
// memory. Assumes, as PyPy's virtualizables do, that nothing but the trace touches these fields meanwhile
// (ReadOnly calls do not read them; other calls see them written back and may change them). Run by Optimizer.
using System.Runtime.InteropServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class VirtualizablePass(TraceRewriter rewriter) : IResumeSource
{
    /// <summary>A field of a frame (an input's OLD value number) and the output value it has now.</summary>
    private record struct Entry(int Frame, FieldDescr Field, int Value, bool Dirty);

    private readonly List<Entry> _entries = [];
    private readonly List<Entry> _carried = [];
    private readonly List<int> _arguments = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        _entries.Clear();
        _carried.Clear();
        var ops = input.Ops;
        int loopLabel = PeelingPass.PeeledLabel(input);
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            var descr = input.DescrOf(in op);
            if (descr is FieldDescr { IsVirtualizable: true } field && IsFrame(input, input.OperandsOf(in op)[0]))
            {
                int frame = input.OperandsOf(in op)[0];
                int found = Find(frame, field);
                if (op.Opcode == TraceOpcode.SetfieldGc)
                {
                    var entry = new Entry(frame, field, rewriter.Map(input.OperandsOf(in op)[1]), true);
                    if (found < 0)
                        _entries.Add(entry);
                    else
                        _entries[found] = entry;
                }
                else if (found >= 0)
                    rewriter.SetResult(op.Result, _entries[found].Value);
                else
                    _entries.Add(new Entry(frame, field, rewriter.Copy(pc), false));
                continue;
            }
            if (pc == loopLabel)
            {
                EnterLoop(pc);
                continue;
            }
            if (op.Opcode == TraceOpcode.Jump && loopLabel >= 0 && pc == ops.Length - 1)
            {
                JumpBack(pc);
                continue;
            }
            bool writesMemory = op.Info.IsCall && descr is CallDescr { Effects: var effects } && (effects & CallEffects.ReadOnly) == 0;
            if (writesMemory || op.Info.IsFinal || op.Opcode == TraceOpcode.Label)
            {
                WriteBack(carriedToo: true);
                // After a call that may write, or at a loop header, the fields are read again when needed.
                _entries.Clear();
            }
            if (op.Info.IsGuard)
                rewriter.EmitGuard(op.Opcode, rewriter.MapOperands(in op), pc, this);
            else
                rewriter.Copy(pc);
        }
        return rewriter.Finish();
    }

    public ResumeEntry Describe(int oldValue, ResumeWriter writer) => writer.Describe(rewriter.Map(oldValue));

    public void AddPendingWrites(ResumeWriter writer)
    {
        foreach (var entry in _entries)
            if (entry.Dirty)
                writer.AddPendingWrite(new ResumePendingWrite(writer.Describe(rewriter.Map(entry.Frame)), entry.Field,
                    writer.Describe(entry.Value)));
    }

    /// <summary>The loop's label takes the known frame fields as extra arguments; in the loop memory is stale.</summary>
    private void EnterLoop(int pc)
    {
        var label = rewriter.Input[pc];
        var oldOperands = rewriter.Input.OperandsOf(in label);
        _arguments.Clear();
        foreach (int operand in oldOperands)
            _arguments.Add(rewriter.Map(operand));
        foreach (var entry in _entries)
            _arguments.Add(entry.Value);
        var operands = CollectionsMarshal.AsSpan(_arguments);
        rewriter.EmitLabel(rewriter.Input.DescrOf(in label)!, operands);
        for (int i = 0; i < oldOperands.Length; i++)
            rewriter.SetResult(oldOperands[i], operands[i]);
        _carried.Clear();
        for (int i = 0; i < _entries.Count; i++)
        {
            _entries[i] = _entries[i] with { Value = operands[oldOperands.Length + i], Dirty = true };
            _carried.Add(_entries[i]);
        }
    }

    /// <summary>The jump passes the carried fields' current values (read again if a call made them forgotten).</summary>
    private void JumpBack(int pc)
    {
        var jump = rewriter.Input[pc];
        WriteBack(carriedToo: false);
        _arguments.Clear();
        foreach (int operand in rewriter.Input.OperandsOf(in jump))
            _arguments.Add(rewriter.Map(operand));
        foreach (var carried in _carried)
        {
            int found = Find(carried.Frame, carried.Field);
            _arguments.Add(found >= 0 ? _entries[found].Value
                : rewriter.Emit(Read(carried.Field.Kind), carried.Field, [rewriter.Map(carried.Frame)]));
        }
        rewriter.Emit(TraceOpcode.Jump, rewriter.Input.DescrOf(in jump), CollectionsMarshal.AsSpan(_arguments));
    }

    private static TraceOpcode Read(ValueKind kind) => kind switch
    {
        ValueKind.Int => TraceOpcode.GetfieldGcI,
        ValueKind.Float => TraceOpcode.GetfieldGcF,
        _ => TraceOpcode.GetfieldGcR,
    };

    private static bool IsFrame(TraceIr input, int oldObject) => oldObject >= 0 && oldObject < input.InputCount;

    private int Find(int frame, FieldDescr field)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (_entries[i].Frame == frame && ReferenceEquals(_entries[i].Field, field))
                return i;
        return -1;
    }

    /// <summary>Writes the delayed fields to memory (all of them, or those the loop's jump does not carry).</summary>
    private void WriteBack(bool carriedToo)
    {
        foreach (var entry in _entries)
            if (entry.Dirty && (carriedToo || !IsCarried(entry)))
                rewriter.Emit(TraceOpcode.SetfieldGc, entry.Field, [rewriter.Map(entry.Frame), entry.Value]);
    }

    private bool IsCarried(Entry entry)
    {
        foreach (var carried in _carried)
            if (carried.Frame == entry.Frame && ReferenceEquals(carried.Field, entry.Field))
                return true;
        return false;
    }
}
