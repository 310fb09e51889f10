// examples/stack_vm.py written directly in C#: the same instruction set (opcode and operand slots), the same
// assembler and the same program (read from the example's SOURCE), one recursive Execute per call with a
// fresh frame, as the example does. Run by bench/jit through Program.cs; checked by Tests/Bench.
namespace ClrPy.Bench.Handwritten;

public static class StackVm
{
    private const int Push = 0, Load = 1, Store = 2, Add = 3, Sub = 4, Mul = 5, Mod = 6, Less = 7, Equal = 8,
        Jump = 9, JumpIfZero = 10, Call = 11, Return = 12, Pop = 13, Dup = 14;
    private static readonly string[] Names =
        ["push", "load", "store", "add", "sub", "mul", "mod", "less", "equal", "jump", "jump_if_zero", "call", "return", "pop", "dup"];
    private const int StackSize = 16;

    public sealed class Function(string name, long[] code, int argumentCount, int localCount, List<Function> functions)
    {
        public readonly string Name = name;
        public readonly long[] Code = code;
        public readonly int ArgumentCount = argumentCount;
        public readonly int LocalCount = localCount;
        /// <summary>Every function of the program, shared: CALL's operand indexes it.</summary>
        public readonly List<Function> Functions = functions;
    }

    private sealed class Frame(Function function)
    {
        public readonly long[] Stack = new long[StackSize];
        public int Depth;
        public readonly long[] Locals = new long[function.LocalCount];

        public void Push(long value) => Stack[Depth++] = value;

        public long Pop() => Stack[--Depth];
    }

    public sealed class AssemblyException(string message) : Exception(message);

    /// <summary>Same as the example's main(argv), without argv[0]: [SIZE] [REPEAT]; returns the exit code.</summary>
    public static int RunMain<TCounter>(string[] args, TextWriter output, ref TCounter counter) where TCounter : struct, IOpCounter
    {
        long size = args.Length > 0 ? long.Parse(args[0]) : 10;
        long repeat = args.Length > 1 ? long.Parse(args[1]) : 1;
        if (repeat < 1)
        {
            output.Write("usage: stack_vm.py [SIZE] [REPEAT >= 1]\n");
            return 2;
        }
        List<Function> functions;
        try
        {
            functions = Assemble(string.Join('\n', ExampleSource.LinesBetween(ExampleSource.Read("stack_vm.py"), "SOURCE = \"\"\"", "\"\"\"")));
        }
        catch (AssemblyException error)
        {
            output.Write("assembly error: " + error.Message + "\n");
            return 1;
        }
        for (long run = 1; run < repeat; run++)
        {
            CallByName(functions, "fib", size + 12, ref counter);
            CallByName(functions, "sum_squares", size * 20000, ref counter);
            CallByName(functions, "count_primes", size * 2000, ref counter);
        }
        output.Write($"fib({size + 12}) = {CallByName(functions, "fib", size + 12, ref counter)}\n");
        output.Write($"sum_squares({size * 20000}) = {CallByName(functions, "sum_squares", size * 20000, ref counter)}\n");
        output.Write($"count_primes({size * 2000}) = {CallByName(functions, "count_primes", size * 2000, ref counter)}\n");
        return 0;
    }

    private static long CallByName<TCounter>(List<Function> functions, string name, long argument, ref TCounter counter)
        where TCounter : struct, IOpCounter
    {
        foreach (var function in functions)
        {
            if (function.Name == name)
            {
                var frame = new Frame(function);
                frame.Locals[0] = argument;
                return Execute(function, frame, ref counter);
            }
        }
        throw new AssemblyException($"no function '{name}'");
    }

    private static long Execute<TCounter>(Function function, Frame frame, ref TCounter counter) where TCounter : struct, IOpCounter
    {
        long[] code = function.Code;
        int pc = 0;
        while (true)
        {
            counter.Dispatched();
            long opcode = code[pc];
            long operand = code[pc + 1];
            pc += 2;
            long right;
            switch (opcode)
            {
                case Push:
                    frame.Push(operand);
                    break;
                case Load:
                    frame.Push(frame.Locals[operand]);
                    break;
                case Store:
                    frame.Locals[operand] = frame.Pop();
                    break;
                case Add:
                    right = frame.Pop();
                    frame.Push(frame.Pop() + right);
                    break;
                case Sub:
                    right = frame.Pop();
                    frame.Push(frame.Pop() - right);
                    break;
                case Mul:
                    right = frame.Pop();
                    frame.Push(frame.Pop() * right);
                    break;
                case Mod:
                    right = frame.Pop();
                    frame.Push(FloorMod(frame.Pop(), right));
                    break;
                case Less:
                    right = frame.Pop();
                    frame.Push(frame.Pop() < right ? 1 : 0);
                    break;
                case Equal:
                    right = frame.Pop();
                    frame.Push(frame.Pop() == right ? 1 : 0);
                    break;
                case Jump:
                    pc = (int)operand;
                    break;
                case JumpIfZero:
                    if (frame.Pop() == 0)
                        pc = (int)operand;
                    break;
                case Call:
                    var callee = function.Functions[(int)operand];
                    var calleeFrame = new Frame(callee);
                    for (int i = callee.ArgumentCount - 1; i >= 0; i--)
                        calleeFrame.Locals[i] = frame.Pop();
                    frame.Push(Execute(callee, calleeFrame, ref counter));
                    break;
                case Return:
                    return frame.Pop();
                case Pop:
                    frame.Pop();
                    break;
                case Dup:
                    long value = frame.Pop();
                    frame.Push(value);
                    frame.Push(value);
                    break;
                default:
                    throw new AssemblyException($"bad opcode {opcode} in {function.Name}");
            }
        }
    }

    /// <summary>Python's %: the result has the sign of the divisor.</summary>
    private static long FloorMod(long left, long right)
    {
        long remainder = left % right;
        return remainder != 0 && (remainder ^ right) < 0 ? remainder + right : remainder;
    }

    /// <summary>Assembles every function of <paramref name="source"/>, in order of appearance.</summary>
    public static List<Function> Assemble(string source)
    {
        var lines = ParseLines(source);
        var indexes = new Dictionary<string, int>();
        foreach (var words in lines)
        {
            if (words[0] == "function")
                indexes[words[1]] = indexes.Count;
        }
        var functions = new List<Function>();
        int start = 0;
        while (start < lines.Count)
        {
            var header = lines[start];
            if (header[0] != "function" || header.Length != 4)
                throw new AssemblyException($"expected 'function NAME ARGUMENTS LOCALS', got '{string.Join(' ', header)}'");
            int end = start + 1;
            while (end < lines.Count && lines[end][0] != "function")
                end++;
            var code = AssembleBody(lines, start + 1, end, indexes);
            functions.Add(new Function(header[1], code, int.Parse(header[2]), int.Parse(header[3]), functions));
            start = end;
        }
        return functions;
    }

    /// <summary>The significant lines of <paramref name="source"/> as words (comments and blank lines dropped).</summary>
    private static List<string[]> ParseLines(string source)
    {
        var result = new List<string[]>();
        foreach (string rawLine in source.Split('\n'))
        {
            int hashAt = rawLine.IndexOf('#');
            string line = hashAt >= 0 ? rawLine[..hashAt] : rawLine;
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
                result.Add(words);
        }
        return result;
    }

    private static long[] AssembleBody(List<string[]> lines, int start, int end, Dictionary<string, int> indexes)
    {
        var labels = new Dictionary<string, long>();
        long position = 0;
        for (int i = start; i < end; i++)
        {
            if (lines[i][0].EndsWith(':'))
                labels[lines[i][0][..^1]] = position;
            else
                position += 2;
        }
        var code = new List<long>();
        for (int i = start; i < end; i++)
        {
            var words = lines[i];
            if (words[0].EndsWith(':'))
                continue;
            int opcode = Array.IndexOf(Names, words[0]);
            if (opcode < 0)
                throw new AssemblyException($"unknown instruction '{words[0]}'");
            long operand = 0;
            if (words.Length > 1)
            {
                if (opcode is Jump or JumpIfZero)
                    operand = labels.TryGetValue(words[1], out long label) ? label : throw new AssemblyException($"unknown label '{words[1]}'");
                else if (opcode == Call)
                    operand = indexes.TryGetValue(words[1], out int index) ? index : throw new AssemblyException($"unknown function '{words[1]}'");
                else
                    operand = long.Parse(words[1]);
            }
            code.Add(opcode);
            code.Add(operand);
        }
        return [.. code];
    }
}
