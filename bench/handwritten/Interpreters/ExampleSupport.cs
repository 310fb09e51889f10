// What the hand-written baselines share: op counting compiled away when unused (bench/jit asks for the
// number of interpreted ops to turn time differences into a cost per op), and reading the programs the
// RPy examples run out of the examples' own source files, embedded as resources.
namespace ClrPy.Bench.Handwritten;

/// <summary>
/// Counts interpreter dispatches (one per jit_merge_point of the RPy example). Interpreters take it as a
/// struct type argument, so with <see cref="NoOpCount"/> the JIT removes the counting entirely.
/// </summary>
public interface IOpCounter
{
    void Dispatched();
}

public struct NoOpCount : IOpCounter
{
    public readonly void Dispatched()
    {
    }
}

public struct OpCount : IOpCounter
{
    public long Ops;

    public void Dispatched() => Ops++;
}

/// <summary>Reads parts of examples/*.py, embedded into this assembly under "examples/NAME.py".</summary>
public static class ExampleSource
{
    public static string Read(string exampleFile)
    {
        string name = "examples/" + exampleFile;
        using var stream = typeof(ExampleSource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource '{name}' is not embedded in {typeof(ExampleSource).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The text between the first pair of lines that start with <paramref name="startLine"/> and <paramref name="endLine"/>.</summary>
    public static IEnumerable<string> LinesBetween(string source, string startLine, string endLine)
    {
        bool inside = false;
        foreach (string line in source.Split('\n'))
        {
            if (!inside)
            {
                inside = line.StartsWith(startLine, StringComparison.Ordinal);
                continue;
            }
            if (line.StartsWith(endLine, StringComparison.Ordinal))
                yield break;
            yield return line;
        }
        throw new InvalidOperationException($"no lines between '{startLine}' and '{endLine}'");
    }
}

/// <summary>The baselines by the name of their example (examples/NAME.py).</summary>
public static class Baselines
{
    public static readonly string[] Names = ["brainfuck", "stack_vm", "tiny_interpreter"];

    /// <summary>Runs example <paramref name="name"/>'s main with <paramref name="args"/> (no argv[0]); null for an unknown name.</summary>
    public static int? Run<TCounter>(string name, string[] args, TextWriter output, ref TCounter counter) where TCounter : struct, IOpCounter =>
        name switch
        {
            "brainfuck" => Brainfuck.RunMain(args, output, ref counter),
            "stack_vm" => StackVm.RunMain(args, output, ref counter),
            "tiny_interpreter" => TinyInterpreter.RunMain(args, output, ref counter),
            _ => null,
        };
}
