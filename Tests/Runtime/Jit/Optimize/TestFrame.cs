// An interpreter frame for the virtualizable tests: two virtualizable fields (pc, acc) and one ordinary field,
// with descriptors the optimizer tests add to each TraceTestWorld's registry (OptimizerTestKit.NewWorld).
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class TestFrame
{
    public long Pc;
    public long Acc;
    public long Plain;

    public static readonly FieldDescr PcField =
        FieldDescr.Int("Frame.pc", o => ((TestFrame)o).Pc, (o, v) => ((TestFrame)o).Pc = v).AsVirtualizable();

    public static readonly FieldDescr AccField =
        FieldDescr.Int("Frame.acc", o => ((TestFrame)o).Acc, (o, v) => ((TestFrame)o).Acc = v).AsVirtualizable();

    public static readonly FieldDescr PlainField =
        FieldDescr.Int("Frame.plain", o => ((TestFrame)o).Plain, (o, v) => ((TestFrame)o).Plain = v);

    public static void Register(TraceTestWorld world) => world.Registry.Add(PcField).Add(AccField).Add(PlainField);

    public override string ToString() => $"Frame(pc={Pc}, acc={Acc}, plain={Plain})";
}
