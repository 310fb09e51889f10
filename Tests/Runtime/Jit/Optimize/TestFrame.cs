// An interpreter frame for the virtualizable tests: two virtualizable fields (pc, acc), one ordinary field and a
// virtualizable list (stack[*]: a TestCells holding its items in an IntArray), with descriptors the optimizer
// tests add to each TraceTestWorld's registry (OptimizerTestKit.NewWorld); the classes (Frame, Cells) let traces
// allocate them, as an interpreter's new frame and its lists.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class TestFrame
{
    public long Pc;
    public long Acc;
    public long Plain;
    public TestCells Stack = new();

    public static readonly FieldDescr PcField =
        FieldDescr.Int("Frame.pc", o => ((TestFrame)o).Pc, (o, v) => ((TestFrame)o).Pc = v).AsVirtualizable();

    public static readonly FieldDescr AccField =
        FieldDescr.Int("Frame.acc", o => ((TestFrame)o).Acc, (o, v) => ((TestFrame)o).Acc = v).AsVirtualizable();

    public static readonly FieldDescr PlainField =
        FieldDescr.Int("Frame.plain", o => ((TestFrame)o).Plain, (o, v) => ((TestFrame)o).Plain = v);

    public static readonly FieldDescr StackField =
        FieldDescr.Ref("Frame.stack", o => ((TestFrame)o).Stack, (o, v) => ((TestFrame)o).Stack = (TestCells)v!).AsVirtualizable(items: true);

    public static readonly ClassDescr Class = new("Frame", typeof(TestFrame), () => new TestFrame());

    public static void Register(TraceTestWorld world) =>
        world.Registry.Add(PcField).Add(AccField).Add(PlainField).Add(StackField).Add(TestCells.ItemsField).Add(Class).Add(TestCells.Class);

    public override string ToString() => $"Frame(pc={Pc}, acc={Acc}, plain={Plain}, stack=[{string.Join(", ", Stack.Items)}])";
}

/// <summary>A list as the frame's stack: its items are an IntArray (long[]), reached through <see cref="ItemsField"/>.</summary>
public sealed class TestCells
{
    public long[] Items = new long[4];

    public static readonly ClassDescr Class = new("Cells", typeof(TestCells), () => new TestCells());

    public static readonly FieldDescr ItemsField =
        FieldDescr.Ref("Cells.items", o => ((TestCells)o).Items, (o, v) => ((TestCells)o).Items = (long[])v!);
}
