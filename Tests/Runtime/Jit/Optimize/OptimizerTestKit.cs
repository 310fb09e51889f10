// What every optimizer test uses: optimize a text trace with chosen passes (verifying the IR after each pass)
// and print it; and the property check that runs the original and the optimized trace in the TraceInterpreter
// on the same inputs and compares exits, failing guards, materialized fail arguments and side effects.
using System.Globalization;
using System.Text;
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public static class OptimizerTestKit
{
    public static TraceIr Optimize(TraceTestWorld world, string text, OptimizerPasses passes) =>
        Optimizer.Optimize(world.Parse(text), passes, (pass, trace) => TraceVerifier.Verify(trace, pass.ToString()));

    /// <summary>A fresh world whose registry also knows the optimizer tests' own descriptors (TestFrame).</summary>
    public static TraceTestWorld NewWorld()
    {
        var world = new TraceTestWorld();
        TestFrame.Register(world);
        return world;
    }

    public static string OptimizeToText(string text, OptimizerPasses passes)
    {
        var world = NewWorld();
        return TracePrinter.Print(Optimize(world, text, passes), world.Registry);
    }

    public static void AssertOptimizes(string input, string expected, OptimizerPasses passes)
    {
        Assert.That(OptimizeToText(input, passes), Is.EqualTo(expected));
        var world = NewWorld();
        Assert.That(TracePrinter.Print(world.Parse(expected), world.Registry), Is.EqualTo(expected), "the expected text must print back unchanged");
    }

    /// <summary>
    /// For each input maker: runs the original trace in one fresh world and the optimized trace in another, then
    /// compares how they ended (finish or which guard), the values (fail arguments materialized through the
    /// optimized guard's layout), the exception left pending, the calls recorded and the input objects' state.
    /// </summary>
    public static void AssertSameBehaviour(string text, OptimizerPasses passes, params Func<TraceTestWorld, TraceValue[]>[] inputMakers)
    {
        foreach (var makeInputs in inputMakers)
        {
            var originalWorld = NewWorld();
            var originalInputs = makeInputs(originalWorld);
            var expected = new TraceInterpreter(originalWorld.Parse(text), 10_000).Run(originalInputs);

            var optimizedWorld = NewWorld();
            var optimized = Optimize(optimizedWorld, text, passes);
            var optimizedInputs = makeInputs(optimizedWorld);
            var actual = new TraceInterpreter(optimized, 10_000).Run(optimizedInputs);

            string inputs = Describe(originalInputs);
            Assert.That(actual.Exit, Is.EqualTo(expected.Exit), $"exit, inputs {inputs}");
            Assert.That(actual.Guard?.Original.Index, Is.EqualTo(expected.Guard?.Index), $"failing guard, inputs {inputs}");
            var values = actual.Guard is null ? actual.Values : ResumeMaterializer.Materialize(actual.Guard, actual.Values);
            Assert.That(Describe(values), Is.EqualTo(Describe(expected.Values)), $"values, inputs {inputs}");
            Assert.That(actual.PendingException?.GetType(), Is.EqualTo(expected.PendingException?.GetType()), $"pending exception, inputs {inputs}");
            Assert.That(optimizedWorld.Recorded, Is.EqualTo(originalWorld.Recorded), $"calls recorded, inputs {inputs}");
            Assert.That(Describe(optimizedInputs) + Describe(optimizedWorld.TheNode),
                Is.EqualTo(inputs + Describe(originalWorld.TheNode)), "input objects after the run");
        }
    }

    /// <summary>Input makers for int-only traces: every combination of the given values per input.</summary>
    public static Func<TraceTestWorld, TraceValue[]>[] IntInputs(int inputCount, params long[] values)
    {
        var makers = new List<Func<TraceTestWorld, TraceValue[]>>();
        int combinations = (int)Math.Pow(values.Length, inputCount);
        for (int c = 0; c < combinations; c++)
        {
            var chosen = new TraceValue[inputCount];
            int rest = c;
            for (int i = 0; i < inputCount; i++, rest /= values.Length)
                chosen[i] = TraceValue.FromInt(values[rest % values.Length]);
            makers.Add(_ => chosen);
        }
        return makers.ToArray();
    }

    /// <summary>Values and the objects they reach (a frame's list and its items too), with shared and cyclic objects
    /// numbered (#k).</summary>
    public static string Describe(IEnumerable<TraceValue> values)
    {
        var text = new StringBuilder("[");
        var seen = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var value in values)
        {
            DescribeValue(text, value, seen);
            text.Append(", ");
        }
        return text.Append(']').ToString();
    }

    public static string Describe(object? value) => Describe([TraceValue.FromRef(value)]);

    private static void DescribeValue(StringBuilder text, TraceValue value, Dictionary<object, int> seen)
    {
        if (value.Ref is null)
            text.Append(value.Bits.ToString(CultureInfo.InvariantCulture));
        else
            DescribeObject(text, value.Ref, seen);
    }

    private static void DescribeObject(StringBuilder text, object? value, Dictionary<object, int> seen)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string str:
                text.Append('"').Append(str).Append('"');
                return;
            case ClassDescr cls:
                text.Append(cls.Name);
                return;
        }
        if (seen.TryGetValue(value, out int number))
        {
            text.Append('#').Append(number);
            return;
        }
        seen.Add(value, seen.Count);
        text.Append('#').Append(seen.Count - 1).Append(':');
        switch (value)
        {
            case Node node:
                text.Append("Node(").Append(node.Value).Append(", ").Append(node.Weight.ToString("R", CultureInfo.InvariantCulture)).Append(", ");
                DescribeObject(text, node.Next, seen);
                text.Append(')');
                break;
            case long[] ints:
                text.Append('[').AppendJoin(", ", ints).Append(']');
                break;
            case double[] floats:
                text.Append('[').AppendJoin(", ", floats.Select(f => f.ToString("R", CultureInfo.InvariantCulture))).Append(']');
                break;
            case object?[] refs:
                text.Append('[');
                foreach (object? item in refs)
                {
                    DescribeObject(text, item, seen);
                    text.Append(", ");
                }
                text.Append(']');
                break;
            case TestFrame frame:
                text.Append("Frame(pc=").Append(frame.Pc).Append(", acc=").Append(frame.Acc).Append(", plain=").Append(frame.Plain).Append(", ");
                DescribeObject(text, frame.Stack, seen);
                text.Append(')');
                break;
            case TestCells cells:
                text.Append("Cells(");
                DescribeObject(text, cells.Items, seen);
                text.Append(')');
                break;
            default:
                text.Append(value.GetType().Name);
                break;
        }
    }
}
