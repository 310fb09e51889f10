// Runs jitcodes instead of typed graphs, with the same operation semantics and values: the check that
// the codewriter keeps each program's meaning (registers, link moves, exception dispatch, calls), and
// the model of what the blackhole interpreter will do. Registers hold the interpreter's values; an int
// register's meaning (JitCode.IntMeanings) says whether a word result is kept signed or unsigned.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Interpretation;

public sealed partial class GraphInterpreter
{
    /// <summary>When set, functions run from their jitcodes instead of their typed graphs.</summary>
    public IReadOnlyDictionary<FunctionDescriptor, JitCode>? JitCodes { get; init; }

    private static readonly Dictionary<string, LowOpCode> OperationsByName = LowOps.All.ToDictionary(op => op.Name, op => op.Code)
        .Concat([new(Jit.Codewriter.ResidualCall, LowOpCode.DirectCall), new(Jit.Codewriter.ElidableCall, LowOpCode.DirectCall)])
        .ToDictionary();

    private object? RunJitCode(JitCode code, IReadOnlyList<object?> args)
    {
        var registers = new object?[3][];
        for (int kind = 0; kind < 3; kind++)
            registers[kind] = new object?[code.RegisterCount((RegisterKind)kind)];
        for (int i = 0; i < code.IntConstants.Count; i++)
            registers[0][code.VariableRegisters[0] + i] = Meaning(code.IntConstants[i], code.IntMeanings[code.VariableRegisters[0] + i]);
        for (int i = 0; i < code.RefConstants.Count; i++)
            registers[1][code.VariableRegisters[1] + i] = ConstantValue(code.RefConstants[i], (LowLevelType)code.RefConstantTypes[i]!);
        for (int i = 0; i < code.FloatConstants.Count; i++)
            registers[2][code.VariableRegisters[2] + i] = code.FloatConstants[i];
        for (int i = 0; i < code.Parameters.Count; i++)
            registers[(int)code.Parameters[i].Kind][code.Parameters[i].Register] = args[i];

        var ops = code.Code;
        RpyInstance? caught = null;
        int pc = 0;
        object? Read(char letter) => registers[letter switch { 'i' => 0, 'r' => 1, _ => 2 }][ops[pc++]];
        while (true)
        {
            if (++Steps > MaxSteps)
                throw new StepLimitExceededException(MaxSteps);
            var instruction = code.Instructions[ops[pc++]];
            switch (instruction.Name)
            {
                case "goto":
                    pc = ops[pc];
                    continue;
                case "goto_if_not":
                {
                    bool condition = (bool)Read('i')!;
                    int target = ops[pc++];
                    if (!condition)
                        pc = target;
                    continue;
                }
                case "catch_exception":
                    pc++; // reached only when the operation before it did not raise
                    continue;
                case "goto_if_exception_mismatch":
                {
                    var cls = (ClassDescriptor)code.Descriptors[ops[pc++]]!;
                    int target = ops[pc++];
                    if (!caught!.Class.IsSubclassOf(cls))
                        pc = target;
                    continue;
                }
                case "last_exc_value":
                    registers[1][ops[pc++]] = caught;
                    continue;
                case "reraise":
                    _pending = caught;
                    return null;
                case "raise":
                    _pending = (RpyInstance?)Read('r') ?? throw new InvalidOperationException("raised None");
                    return null;
                case "int_return" or "ref_return" or "float_return":
                    return Read(instruction.ArgCodes[0]);
                case "void_return":
                    return null;
                case "int_copy" or "ref_copy" or "float_copy":
                {
                    var value = Read(instruction.ArgCodes[0]);
                    registers[instruction.ArgCodes[0] switch { 'i' => 0, 'r' => 1, _ => 2 }][ops[pc++]] = value;
                    continue;
                }
            }
            // an operation of the LowOps table
            var codeOf = OperationsByName[instruction.Name];
            object? descriptor = null;
            var values = new List<object?>();
            var lists = new List<object?>[3];
            int? resultRegister = null;
            char resultKind = ' ';
            for (int i = 0; i < instruction.ArgCodes.Length; i++)
            {
                char argCode = instruction.ArgCodes[i];
                switch (argCode)
                {
                    case 'd':
                        descriptor = code.Descriptors[ops[pc++]];
                        break;
                    case 'i' or 'r' or 'f':
                        values.Add(Read(argCode));
                        break;
                    case 'I' or 'R' or 'F':
                    {
                        int count = ops[pc++];
                        var list = new List<object?>(count);
                        for (int k = 0; k < count; k++)
                            list.Add(Read(char.ToLowerInvariant(argCode)));
                        lists[argCode switch { 'I' => 0, 'R' => 1, _ => 2 }] = list;
                        break;
                    }
                    case '>':
                        resultKind = instruction.ArgCodes[++i];
                        resultRegister = ops[pc++];
                        break;
                }
            }
            if (codeOf.Info().IsVariadic)
                values = InOrder(codeOf, descriptor, lists);
            var opDescriptor = codeOf.Info().Descriptor == DescriptorKind.None ? null : descriptor;
            object? result = Apply(codeOf, opDescriptor, [.. values]);
            if (_pending is { } exception)
            {
                if (pc < ops.Length && code.Instructions[ops[pc]].Name == "catch_exception")
                {
                    _pending = null;
                    caught = exception;
                    pc = ops[pc + 1];
                    continue;
                }
                return null;
            }
            if (resultRegister is { } register)
            {
                int kind = resultKind switch { 'i' => 0, 'r' => 1, _ => 2 };
                registers[kind][register] = kind == 0 ? Meaning(result, code.IntMeanings[register]) : result;
            }
        }
    }

    private static object? Meaning(object? value, IntMeaning meaning) => (value, meaning) switch
    {
        (long word, IntMeaning.Unsigned) => unchecked((ulong)word),
        (long word, IntMeaning.Bool) => word != 0,
        (long word, IntMeaning.Char) => (char)word,
        _ => value,
    };

    /// <summary>The operands of a call or allocation in their original order, from its per-kind lists.</summary>
    private static List<object?> InOrder(LowOpCode code, object? descriptor, List<object?>[] lists)
    {
        var taken = new int[3];
        var ordered = new List<object?>();
        void Take(LowLevelType type)
        {
            // a parameter of no representation got a null reference (Codewriter.Operand)
            var kind = Jit.Codewriter.KindOf(type) ?? RegisterKind.Ref;
            ordered.Add(lists[(int)kind][taken[(int)kind]++]);
        }
        switch (code, descriptor)
        {
            case (LowOpCode.DirectCall, FunctionDescriptor function):
                function.Parameters.ToList().ForEach(Take);
                break;
            case (LowOpCode.MethodCall, MethodDescriptor slot):
                slot.Implementation.Parameters.ToList().ForEach(Take);
                break;
            case (LowOpCode.IndirectCall, _):
            {
                var function = (FunctionDescriptor)lists[1][0]!;
                taken[1] = 1;
                ordered.Add(function);
                function.Parameters.ToList().ForEach(Take);
                break;
            }
            case (_, TupleType tuple):
                tuple.Items.ToList().ForEach(Take);
                break;
            case (_, DictType dict):
                while (taken[(int)Jit.Codewriter.KindOf(dict.Key)!] < lists[(int)Jit.Codewriter.KindOf(dict.Key)!].Count)
                {
                    Take(dict.Key);
                    Take(dict.Value);
                }
                break;
            default:
                // lists (and zips of lists): every operand of one kind, in order
                ordered.AddRange(lists.Where(list => list is not null).SelectMany(list => list));
                break;
        }
        return ordered;
    }
}
