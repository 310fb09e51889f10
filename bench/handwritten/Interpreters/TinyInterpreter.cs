// examples/tiny_interpreter.py written directly in C#: the same three-op bytecode and program (add 3, subtract
// 1, jump back while below the bound). Run by bench/jit through Program.cs; checked by Tests/Bench.
namespace ClrPy.Bench.Handwritten;

public static class TinyInterpreter
{
    private const int Increase = 0, Decrease = 1, JumpBack = 2;

    /// <summary>Same as the example's main(argv), without argv[0]: [BOUND] [REPEAT]; returns the exit code.</summary>
    public static int RunMain<TCounter>(string[] args, TextWriter output, ref TCounter counter) where TCounter : struct, IOpCounter
    {
        long bound = args.Length > 0 ? long.Parse(args[0]) : 10000000;
        long repeat = args.Length > 1 ? long.Parse(args[1]) : 1;
        if (repeat < 1)
        {
            output.Write("usage: tiny_interpreter.py [BOUND] [REPEAT >= 1]\n");
            return 2;
        }
        long[] code = [Increase, 3, Decrease, 1, JumpBack];
        for (long run = 1; run < repeat; run++)
            Interpret(code, bound, ref counter);
        output.Write(Interpret(code, bound, ref counter) + "\n");
        return 0;
    }

    public static long Interpret<TCounter>(long[] code, long bound, ref TCounter counter) where TCounter : struct, IOpCounter
    {
        int pc = 0;
        long acc = 0;
        while (pc < code.Length)
        {
            counter.Dispatched();
            switch (code[pc])
            {
                case Increase:
                    acc += code[pc + 1];
                    pc += 2;
                    break;
                case Decrease:
                    acc -= code[pc + 1];
                    pc += 2;
                    break;
                case JumpBack:
                    pc = acc < bound ? pc - 4 : pc + 1;
                    break;
                default:
                    throw new InvalidOperationException($"bad opcode {code[pc]}");
            }
        }
        return acc;
    }
}
