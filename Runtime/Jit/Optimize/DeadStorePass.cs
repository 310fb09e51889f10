// Pass: dead store elimination. A setfield_gc or setarrayitem_gc goes when a later store writes the same location
// (the same object value, the same descr and, for items, the same index: one value, or one value plus the same
// constant) and nothing between them can see the first: a read of that descr that may be the same location, a
// call (no CallDescr says a call reads nothing), a guard (the interpreter resumes from memory), a label, jump or
// finish. Other stores between them do not see it. An object escaping in between needs no care of its own: what
// could read it through another reference is one of those ops. Run by Optimizer after Cse (indices computed twice
// are one value by then) and before DeadCode (which drops what computed only the stored values). Its own pass,
// not part of HeapPass: HeapPass emits as it goes, while whether a store is dead depends on what comes after it,
// found by one backward scan here.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class DeadStorePass(TraceRewriter rewriter)
{
    /// <summary>A field of an object (Base None, Offset 0), or an array item at index Base + Offset (Base None: a constant index).</summary>
    private readonly record struct Location(int Descr, int Object, int Base, long Offset);

    /// <summary>Locations a later store writes with nothing seeing them before: a store to one of them is dead.</summary>
    private readonly List<Location> _overwritten = [];
    private readonly MemoryLocations _locations = new(constant => rewriter.Input.ConstantValue(constant).AsInt);
    private bool[] _dead = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        FindDeadStores(input);
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
            if (!_dead[pc])
                rewriter.Copy(pc);
        return rewriter.Finish();
    }

    private void FindDeadStores(TraceIr input)
    {
        var ops = input.Ops;
        if (_dead.Length < ops.Length)
            _dead = new bool[ops.Length];
        Array.Clear(_dead);
        NoteLocations(input);
        _overwritten.Clear();
        for (int pc = ops.Length - 1; pc >= 0; pc--)
        {
            ref readonly var op = ref ops[pc];
            switch (op.Opcode)
            {
                case TraceOpcode.SetfieldGc or TraceOpcode.SetarrayitemGc:
                    var written = LocationOf(input, in op);
                    _dead[pc] = _overwritten.Contains(written);
                    if (!_dead[pc])
                        _overwritten.Add(written);
                    break;
                case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF or
                    TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF:
                    var read = LocationOf(input, in op);
                    for (int i = _overwritten.Count - 1; i >= 0; i--)
                        if (MaySee(read, _overwritten[i]))
                            _overwritten.RemoveAt(i);
                    break;
                default:
                    if (op.Info.IsGuard || op.Info.IsCall || op.Info.IsFinal || op.Opcode == TraceOpcode.Label)
                        _overwritten.Clear();
                    break;
            }
        }
    }

    /// <summary>What the backward scan asks about values: which are sums of a value and a constant, which are allocations.</summary>
    private void NoteLocations(TraceIr input)
    {
        _locations.Clear();
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            var operands = input.OperandsOf(in op);
            switch (op.Opcode)
            {
                case TraceOpcode.IntAdd or TraceOpcode.IntSub:
                    _locations.NoteSum(op.Opcode, op.Result, operands[0], operands[1]);
                    break;
                case TraceOpcode.New or TraceOpcode.NewArray:
                    _locations.MarkFresh(op.Result);
                    break;
                case TraceOpcode.Label:
                    _locations.NoteLabel(operands);
                    break;
            }
        }
    }

    private Location LocationOf(TraceIr input, in TraceOp op)
    {
        var operands = input.OperandsOf(in op);
        if (op.Info.Descr == DescrKind.Field)
            return new Location(op.Descr, operands[0], TraceValues.None, 0);
        var (indexBase, offset) = _locations.Index(operands[1]);
        return new Location(op.Descr, operands[0], indexBase, offset);
    }

    private bool MaySee(Location read, Location written) =>
        read.Descr == written.Descr && _locations.MayAlias(read.Object, written.Object) &&
        MemoryLocations.MayBeEqual((read.Base, read.Offset), (written.Base, written.Offset));
}
