// Jitcodes: the compact register bytecode the codewriter makes from the typed graphs of an interpreter,
// read by the tracer (which records what each instruction does) and the blackhole interpreter (which
// resumes after a failing guard). Modelled on PyPy's jitcodes: three register files (int, ref, float);
// constants are registers past the variables; an instruction is an opcode of the program's shared
// InstructionSet followed by its operands, as its argument codes say:
//   i r f   one register of that kind          L   a label (offset in Code)
//   d       a descriptor (index in Descriptors) I R F   a list of registers: a count, then the registers
//   >i >r >f   the register receiving the result (always last)
namespace ClrPy.Runtime.Jit.Codes;

public enum RegisterKind : byte { Int, Ref, Float }

/// <summary>What the word in an int register means (type-directed operations such as to_str depend on it).</summary>
public enum IntMeaning : byte { Signed, Unsigned, Bool, Char }

/// <summary>One instruction form, e.g. <c>int_add/ii>i</c>: a name and its argument codes.</summary>
public sealed record JitInstruction(string Name, string ArgCodes)
{
    public string Key => Name + "/" + ArgCodes;

    public override string ToString() => Key;
}

/// <summary>The instruction forms of a program's jitcodes, numbered in the order the codewriter met them.</summary>
public sealed class InstructionSet
{
    private readonly List<JitInstruction> _instructions = [];
    private readonly Dictionary<string, ushort> _numbers = [];

    public IReadOnlyList<JitInstruction> Instructions => _instructions;

    public JitInstruction this[ushort opcode] => _instructions[opcode];

    public ushort Number(string name, string argCodes)
    {
        var instruction = new JitInstruction(name, argCodes);
        if (_numbers.TryGetValue(instruction.Key, out ushort number))
            return number;
        if (_instructions.Count > ushort.MaxValue)
            throw new InvalidOperationException("too many jitcode instruction forms");
        number = (ushort)_instructions.Count;
        _instructions.Add(instruction);
        _numbers[instruction.Key] = number;
        return number;
    }
}

/// <summary>The jitcode of one function.</summary>
public sealed class JitCode(string name, InstructionSet instructions)
{
    public string Name { get; } = name;

    public InstructionSet Instructions { get; } = instructions;

    /// <summary>Opcodes and operands.</summary>
    public ushort[] Code { get; set; } = [];

    /// <summary>Registers holding variables, per kind; registers past them hold the constants.</summary>
    public int[] VariableRegisters { get; } = new int[3];

    public List<long> IntConstants { get; } = [];

    /// <summary>The meaning of every int register, variables then constants.</summary>
    public List<IntMeaning> IntMeanings { get; } = [];

    public List<object?> RefConstants { get; } = [];

    /// <summary>The type of each ref constant as the typed IR names it (prebuilt objects are made from it).</summary>
    public List<object?> RefConstantTypes { get; } = [];

    public List<double> FloatConstants { get; } = [];

    /// <summary>Descriptors named by 'd' operands (fields, functions, classes, ...), as the typed IR has them.</summary>
    public List<object?> Descriptors { get; } = [];

    /// <summary>Registers receiving the arguments, in parameter order.</summary>
    public List<(RegisterKind Kind, ushort Register)> Parameters { get; } = [];

    /// <summary>Source position (text "line:column") of the instruction starting at each offset, when known.</summary>
    public Dictionary<int, string> Positions { get; } = [];

    public int RegisterCount(RegisterKind kind) => VariableRegisters[(int)kind] + kind switch
    {
        RegisterKind.Int => IntConstants.Count,
        RegisterKind.Ref => RefConstants.Count,
        _ => FloatConstants.Count,
    };
}
