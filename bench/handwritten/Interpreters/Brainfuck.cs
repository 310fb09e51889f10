// examples/brainfuck.py written directly in C#: the same parser (run-length ADD/MOVE, [-] as CLEAR, matched
// brackets) and the same Mandelbrot program, interpreted by a switch loop over arrays of ops.
// Run by bench/jit through Program.cs; Tests/Bench checks that it prints what the RPy example prints.
using System.Text;

namespace ClrPy.Bench.Handwritten;

public static class Brainfuck
{
    private const byte Add = 0;
    private const byte Move = 1;
    private const byte Open = 2;
    private const byte Close = 3;
    private const byte Output = 4;
    private const byte Input = 5;
    private const byte Clear = 6;
    private const int CellCount = 1000;

    /// <summary>The parsed program: one op per position and its argument (count, partner bracket or 0).</summary>
    public sealed class ParsedProgram(byte[] operations, int[] arguments)
    {
        public readonly byte[] Operations = operations;
        public readonly int[] Arguments = arguments;
    }

    /// <summary>The Mandelbrot program of examples/brainfuck.py (its generated MANDELBROT string).</summary>
    public static string MandelbrotSource()
    {
        var program = new StringBuilder();
        foreach (string line in ExampleSource.LinesBetween(ExampleSource.Read("brainfuck.py"), "# BEGIN GENERATED", "# END GENERATED"))
        {
            int first = line.IndexOf('"'), last = line.LastIndexOf('"');
            if (first >= 0 && last > first)
                program.Append(line, first + 1, last - first - 1);
        }
        return program.ToString();
    }

    /// <summary>Same as the example's main(argv), without argv[0]: [SCALE] [LIMIT] [REPEAT]; returns the exit code.</summary>
    public static int RunMain<TCounter>(string[] args, TextWriter output, ref TCounter counter) where TCounter : struct, IOpCounter
    {
        long scale = args.Length > 0 ? long.Parse(args[0]) : 9;
        long limit = args.Length > 1 ? long.Parse(args[1]) : 16;
        long repeat = args.Length > 2 ? long.Parse(args[2]) : 1;
        if (scale < 1 || limit < 1 || limit > 30 || repeat < 1)
        {
            output.Write("usage: brainfuck.py [SCALE >= 1] [LIMIT 1..30] [REPEAT >= 1]\n");
            return 2;
        }
        var program = Parse(MandelbrotSource());
        var picture = new StringBuilder();
        for (long run = 0; run < repeat; run++)
        {
            picture.Clear();
            Run(program, [scale, limit], picture, ref counter);
        }
        output.Write(picture);
        long checksum = 0;
        for (int i = 0; i < picture.Length; i++)
            checksum = (checksum * 31 + picture[i]) % 1000000007;
        output.Write($"scale {scale}, limit {limit}, {program.Operations.Length} operations, checksum {checksum}\n");
        return 0;
    }

    public static ParsedProgram Parse(string source)
    {
        var operations = new List<byte>();
        var arguments = new List<int>();
        var openBrackets = new Stack<int>();
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            if (c is '+' or '-' or '>' or '<')
            {
                char opposite = c switch { '+' => '-', '-' => '+', '>' => '<', _ => '>' };
                int step = 0;
                int j = i;
                for (; j < source.Length && (source[j] == c || source[j] == opposite); j++)
                    step += source[j] is '+' or '>' ? 1 : -1;
                if (step != 0)
                {
                    operations.Add(c is '+' or '-' ? Add : Move);
                    arguments.Add(step);
                }
                i = j;
                continue;
            }
            if (c == '[' && i + 2 < source.Length && source[i + 1] == '-' && source[i + 2] == ']')
            {
                operations.Add(Clear);
                arguments.Add(0);
                i += 3;
                continue;
            }
            switch (c)
            {
                case '[':
                    openBrackets.Push(operations.Count);
                    operations.Add(Open);
                    arguments.Add(0);
                    break;
                case ']':
                    if (openBrackets.Count == 0)
                        throw new FormatException($"unmatched ] at {i}");
                    int start = openBrackets.Pop();
                    arguments[start] = operations.Count;
                    operations.Add(Close);
                    arguments.Add(start);
                    break;
                case '.':
                    operations.Add(Output);
                    arguments.Add(0);
                    break;
                case ',':
                    operations.Add(Input);
                    arguments.Add(0);
                    break;
            }
            i++;
        }
        if (openBrackets.Count != 0)
            throw new FormatException("unmatched [");
        return new ParsedProgram([.. operations], [.. arguments]);
    }

    /// <summary>Runs <paramref name="program"/> on fresh cells; characters go to <paramref name="output"/>.</summary>
    public static void Run<TCounter>(ParsedProgram program, long[] inputs, StringBuilder output, ref TCounter counter)
        where TCounter : struct, IOpCounter
    {
        byte[] operations = program.Operations;
        int[] arguments = program.Arguments;
        var cells = new long[CellCount];
        int nextInput = 0;
        int pointer = 0;
        for (int pc = 0; pc < operations.Length; pc++)
        {
            counter.Dispatched();
            switch (operations[pc])
            {
                case Add:
                    cells[pointer] += arguments[pc];
                    break;
                case Move:
                    pointer += arguments[pc];
                    break;
                case Open:
                    if (cells[pointer] == 0)
                        pc = arguments[pc];
                    break;
                case Close:
                    if (cells[pointer] != 0)
                        pc = arguments[pc];
                    break;
                case Clear:
                    cells[pointer] = 0;
                    break;
                case Output:
                    // the example's chr(): the picture is ASCII; anything beyond one UTF-16 unit is refused
                    output.Append(checked((char)cells[pointer]));
                    break;
                case Input:
                    cells[pointer] = nextInput < inputs.Length ? inputs[nextInput++] : 0;
                    break;
            }
        }
    }
}
