// The jitcodes of a translated program as the runtime sees them: every jitcode, and the descriptors its 'd'
// operands name, resolved to CLR members of the translated assembly (methods, fields, types). Loaded lazily
// from the data the CIL backend embeds (JitProgramFormat) the first time a driver gets hot; read by the
// tracer and the blackhole interpreter.
using System.Reflection;

namespace ClrPy.Runtime.Jit.Codes;

/// <summary>Everything the JIT knows of a translated program's interpreter.</summary>
public sealed class JitProgram(InstructionSet instructions, JitCode[] codes, JitDriverDescriptor[] drivers)
{
    public InstructionSet Instructions { get; } = instructions;

    /// <summary>The jitcode of every function the JIT may look into; <see cref="JitFunction.JitCode"/> indexes it.</summary>
    public JitCode[] Codes { get; } = codes;

    public JitDriverDescriptor[] Drivers { get; } = drivers;
}

/// <summary>How the JIT treats calls of a function (the codewriter's instruction name says it per call site too).</summary>
[Flags]
public enum JitFunctionFlags : byte
{
    None = 0,
    /// <summary>@elidable: same arguments, same result, no visible effect; folded when the arguments are constant.</summary>
    Elidable = 1,
    /// <summary>@dont_look_inside, or a function with no jitcode: always a residual call.</summary>
    DontLookInside = 2,
    /// <summary>@unroll_safe: its loops may be unrolled into a trace.</summary>
    UnrollSafe = 4,
    /// <summary>It may raise an RPy exception (Pending.Exception set on return).</summary>
    CanRaise = 8,
    /// <summary>A helper made for one typed operation the tracer does not model itself (a residual call).</summary>
    OperationHelper = 16,
    /// <summary>It writes no memory the caller can see (it may read, allocate and raise).</summary>
    ReadOnly = 32,
}

/// <summary>A function of the program: the static method the CIL backend made of it, and its jitcode if any.</summary>
public sealed class JitFunction(string name, MethodInfo method, int jitCode, JitFunctionFlags flags)
{
    public string Name { get; } = name;

    /// <summary>A static method; its parameters are the function's, in order (ints as long/ulong/bool/char).</summary>
    public MethodInfo Method { get; } = method;

    /// <summary>Index in <see cref="JitProgram.Codes"/>, or -1 when the JIT may only call it.</summary>
    public int JitCode { get; } = jitCode;

    public JitFunctionFlags Flags { get; } = flags;

    public bool Has(JitFunctionFlags flag) => (Flags & flag) == flag;

    /// <summary>For an operation helper (named <c>jit$op$NAME$N</c>), the name of the typed operation it performs
    /// (<c>list_getitem</c>); null for every other function.</summary>
    public string? Operation { get; } = (flags & JitFunctionFlags.OperationHelper) != 0 ? OperationOf(name) : null;

    private static string? OperationOf(string name)
    {
        const string prefix = "jit$op$";
        int end = name.LastIndexOf('$');
        return name.StartsWith(prefix, StringComparison.Ordinal) && end > prefix.Length ? name[prefix.Length..end] : null;
    }

    public override string ToString() => Name;
}

[Flags]
public enum JitFieldFlags : byte
{
    None = 0,
    /// <summary>In _immutable_fields_: never written after __init__, so reads from constant objects fold.</summary>
    Immutable = 1,
    /// <summary>In _immutable_fields_ with [*]: the items of the list it holds never change either.</summary>
    ImmutableItems = 2,
    /// <summary>In _virtualizable_: kept in registers while a trace runs.</summary>
    Virtualizable = 4,
    /// <summary>In _virtualizable_ with [*]: the list it holds is the frame's own (a stack, the locals), so the tracer
    /// makes the index of each access to its items a constant (PyPy does the same for virtualizable arrays).</summary>
    VirtualizableItems = 8,
}

/// <summary>A field of an RPy class: the CLR field of the class the CIL backend made.</summary>
public sealed class JitField(string name, FieldInfo field, JitFieldFlags flags)
{
    /// <summary><c>Class.field</c>, as traces print it.</summary>
    public string Name { get; } = name;

    public FieldInfo Field { get; } = field;

    public JitFieldFlags Flags { get; } = flags;

    public bool Has(JitFieldFlags flag) => (Flags & flag) == flag;

    public override string ToString() => Name;
}

/// <summary>An RPy class (user or builtin exception class): its CLR type, and how to make an instance.</summary>
public sealed class JitClass(string name, Type type, ConstructorInfo? constructor)
{
    public string Name { get; } = name;

    public Type Type { get; } = type;

    /// <summary>The constructor `new` runs (no arguments, or one str message for exception classes); null for abstract ones.</summary>
    public ConstructorInfo? Constructor { get; } = constructor;

    public override string ToString() => Name;
}

/// <summary>A method slot: which function runs for a receiver of each exact class that can reach the call.</summary>
public sealed class JitMethodSlot(string name, (Type Class, JitFunction Implementation)[] implementations)
{
    public string Name { get; } = name;

    public (Type Class, JitFunction Implementation)[] Implementations { get; } = implementations;

    /// <summary>The implementation for a receiver's exact type, or null when none is known.</summary>
    public JitFunction? ImplementationFor(Type receiver)
    {
        foreach (var (cls, implementation) in Implementations)
        {
            if (cls == receiver)
                return implementation;
        }
        return null;
    }

    public override string ToString() => Name;
}

/// <summary>One green or red of a driver: its name and the register kind holding it.</summary>
public readonly record struct JitDriverVariable(string Name, RegisterKind Kind);

/// <summary>
/// A JitDriver: its greens and reds in declared order, the portal (the function holding its jit_merge_point)
/// and the offset of the merge point in the portal's jitcode, get_printable_location (a static method
/// taking the greens and returning a str) when given, and the portal's resume entry when the backend made one.
/// </summary>
public sealed class JitDriverDescriptor(int index, JitDriverVariable[] greens, JitDriverVariable[] reds, JitFunction portal,
    int mergePointOffset, MethodInfo? printableLocation, MethodInfo? resumeEntry = null)
{
    public int Index { get; } = index;

    public JitDriverVariable[] Greens { get; } = greens;

    public JitDriverVariable[] Reds { get; } = reds;

    public JitFunction Portal { get; } = portal;

    public int MergePointOffset { get; } = mergePointOffset;

    public MethodInfo? PrintableLocation { get; } = printableLocation;

    /// <summary>The portal entered at its merge point: a static method taking a JitDriverState of this driver's shape
    /// (greens and reds in their slots) and returning what the portal returns, raising as the portal does (Pending).
    /// The blackhole interpreter hands an inner portal frame to it instead of interpreting the frame's jitcode.</summary>
    public MethodInfo? ResumeEntry { get; } = resumeEntry;

    /// <summary>The greens, then the reds.</summary>
    public JitDriverVariable[] Variables { get; } = [.. greens, .. reds];

    /// <summary>By position in <see cref="Variables"/>: the slot in the JitDriverState array of its kind.</summary>
    public int[] Slots => _slots ??= SlotsOf(Variables);

    private int[]? _slots;

    /// <summary>How many slots of a kind a JitDriverState of this driver has.</summary>
    public int SlotCount(RegisterKind kind)
    {
        int count = 0;
        foreach (var variable in Variables)
        {
            if (variable.Kind == kind)
                count++;
        }
        return count;
    }

    /// <summary>A fresh exchange area of this driver's shape.</summary>
    public Engine.JitDriverState NewState() =>
        new(Index, SlotCount(RegisterKind.Int), SlotCount(RegisterKind.Ref), SlotCount(RegisterKind.Float));

    private static int[] SlotsOf(JitDriverVariable[] variables)
    {
        var slots = new int[variables.Length];
        for (int i = 0; i < slots.Length; i++)
            slots[i] = JitDriverLayout.SlotOf(variables, i);
        return slots;
    }
}

public static class JitDriverLayout
{
    /// <summary>The slot of greens-then-reds variable <paramref name="position"/> in the JitDriverState array of its kind.</summary>
    public static int SlotOf(ReadOnlySpan<JitDriverVariable> greensThenReds, int position)
    {
        int slot = 0;
        for (int i = 0; i < position; i++)
        {
            if (greensThenReds[i].Kind == greensThenReds[position].Kind)
                slot++;
        }
        return slot;
    }
}
