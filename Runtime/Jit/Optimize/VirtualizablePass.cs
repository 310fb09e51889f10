// Pass: virtualizable frame fields. Fields marked IsVirtualizable of a trace input (the interpreter's frame)
// are read once and then kept as values; writes are delayed to the end (jump, finish, label), to before a call
// that may write memory, and, at a guard failure, replayed from the guard's layout (pending writes). Assumes,
// as PyPy's virtualizables do, that nothing but the trace touches these fields meanwhile (calls that are
// ReadOnly do not read them; other calls see them written back and are assumed to change them). Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class VirtualizablePass(TraceRewriter rewriter) : IResumeSource
{
    private struct Entry(int frame, FieldDescr field, int value, bool dirty)
    {
        public readonly int Frame = frame;
        public readonly FieldDescr Field = field;
        public int Value = value;
        public bool Dirty = dirty;
    }

    private readonly List<Entry> _entries = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        _entries.Clear();
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            var descr = input.DescrOf(in op);
            if (descr is FieldDescr { IsVirtualizable: true } field && IsFrame(input, input.OperandsOf(in op)[0]))
            {
                int frame = rewriter.Map(input.OperandsOf(in op)[0]);
                int found = Find(frame, field);
                if (op.Opcode == TraceOpcode.SetfieldGc)
                {
                    int value = rewriter.Map(input.OperandsOf(in op)[1]);
                    if (found < 0)
                        _entries.Add(new Entry(frame, field, value, true));
                    else
                        _entries[found] = new Entry(frame, field, value, true);
                }
                else if (found >= 0)
                    rewriter.SetResult(op.Result, _entries[found].Value);
                else
                    _entries.Add(new Entry(frame, field, rewriter.Copy(pc), false));
                continue;
            }
            bool writesMemory = op.Info.IsCall && descr is CallDescr { Effects: var effects } && (effects & CallEffects.ReadOnly) == 0;
            if (writesMemory || op.Info.IsFinal || op.Opcode == TraceOpcode.Label)
            {
                WriteBack();
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
                writer.AddPendingWrite(new ResumePendingWrite(writer.Describe(entry.Frame), entry.Field, writer.Describe(entry.Value)));
    }

    private static bool IsFrame(TraceIr input, int oldObject) => oldObject >= 0 && oldObject < input.InputCount;

    private int Find(int frame, FieldDescr field)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (_entries[i].Frame == frame && ReferenceEquals(_entries[i].Field, field))
                return i;
        return -1;
    }

    private void WriteBack()
    {
        foreach (var entry in _entries)
            if (entry.Dirty)
                rewriter.Emit(TraceOpcode.SetfieldGc, entry.Field, [entry.Frame, entry.Value]);
    }
}
