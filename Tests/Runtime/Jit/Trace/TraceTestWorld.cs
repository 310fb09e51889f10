// The objects, classes and functions the trace tests run against (a small linked-node class, exceptions,
// arrays and call targets), and the registry naming them for the parser. Used by every test in this folder.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Tests.Runtime.Jit.Trace;

public sealed class Node
{
    public long Value;
    public Node? Next;
    public double Weight;
}

public sealed class Leaf;

public sealed class TestError(string message)
{
    public string Message { get; } = message;
}

public sealed class OtherError;

/// <summary>A fresh world per test: its descriptors, a named constant node, and a log of call_n side effects.</summary>
public sealed class TraceTestWorld
{
    public readonly TraceDescrRegistry Registry = new();
    public readonly Node TheNode = new() { Value = 42, Weight = 0.25 };
    public readonly List<long> Recorded = [];

    public readonly FieldDescr NodeValue = FieldDescr.Int("Node.value", o => ((Node)o).Value, (o, v) => ((Node)o).Value = v);
    public readonly FieldDescr NodeNext = FieldDescr.Ref("Node.next", o => ((Node)o).Next, (o, v) => ((Node)o).Next = (Node?)v);
    public readonly FieldDescr NodeWeight = FieldDescr.Float("Node.weight", o => ((Node)o).Weight, (o, v) => ((Node)o).Weight = v);
    public readonly ClassDescr NodeClass = new("Node", typeof(Node), () => new Node());
    public readonly ClassDescr LeafClass = new("Leaf", typeof(Leaf), () => new Leaf());
    public readonly ClassDescr TestErrorClass = new("TestError", typeof(TestError));
    public readonly ClassDescr OtherErrorClass = new("OtherError", typeof(OtherError));
    public readonly ArrayDescr IntArray = new("IntArray", ValueKind.Int);
    public readonly ArrayDescr FloatArray = new("FloatArray", ValueKind.Float);
    public readonly ArrayDescr RefArray = new("RefArray", ValueKind.Ref);
    public readonly CallDescr Max;
    public readonly CallDescr CheckedDiv;
    public readonly CallDescr Hypot;
    public readonly CallDescr MakeNode;
    public readonly CallDescr Record;

    private const ValueKind I = ValueKind.Int, R = ValueKind.Ref, F = ValueKind.Float;

    public TraceTestWorld()
    {
        Max = new CallDescr("max", I, [I, I], CallEffects.Elidable,
            (ReadOnlySpan<TraceValue> args, ref object? raised) => TraceValue.FromInt(Math.Max(args[0].AsInt, args[1].AsInt)));
        CheckedDiv = new CallDescr("checked_div", I, [I, I], CallEffects.Elidable | CallEffects.CanRaise,
            (ReadOnlySpan<TraceValue> args, ref object? raised) =>
            {
                if (args[1].AsInt == 0)
                {
                    raised = new TestError("division by zero");
                    return default;
                }
                return TraceValue.FromInt(args[0].AsInt / args[1].AsInt);
            });
        Hypot = new CallDescr("hypot", F, [F, F], CallEffects.Elidable,
            (ReadOnlySpan<TraceValue> args, ref object? raised) =>
                TraceValue.FromFloat(Math.Sqrt(args[0].AsFloat * args[0].AsFloat + args[1].AsFloat * args[1].AsFloat)));
        MakeNode = new CallDescr("make_node", R, [I], CallEffects.None,
            (ReadOnlySpan<TraceValue> args, ref object? raised) => TraceValue.FromRef(new Node { Value = args[0].AsInt }));
        Record = new CallDescr("record", ValueKind.Void, [I], CallEffects.None,
            (ReadOnlySpan<TraceValue> args, ref object? raised) =>
            {
                Recorded.Add(args[0].AsInt);
                return default;
            });

        foreach (TraceDescr descr in (TraceDescr[])[NodeValue, NodeNext, NodeWeight, NodeClass, LeafClass, TestErrorClass,
                     OtherErrorClass, IntArray, FloatArray, RefArray, Max, CheckedDiv, Hypot, MakeNode, Record])
            Registry.Add(descr);
        Registry.AddConstant("theNode", TheNode);
    }

    public TraceIr Parse(string text) => TraceParser.Parse(text, Registry);

    public TraceOutcome Run(string text, params TraceValue[] inputs) => new TraceInterpreter(Parse(text)).Run(inputs);

    public static TraceValue Int(long value) => TraceValue.FromInt(value);

    public static TraceValue Float(double value) => TraceValue.FromFloat(value);

    public static TraceValue Ref(object? value) => TraceValue.FromRef(value);

    /// <summary>Traces are written in tests as verbatim strings; lines are joined with '\n' like the printer's.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
