// The IL of one method as the emitters build it: instructions with their operands and labels, held
// until IlValidator has checked them, then written to an ILGenerator (a MethodBuilder's or a
// DynamicMethod's). ILGenerator cannot be read back, so checking happens here, before emission.
using System.Reflection;
using System.Reflection.Emit;

namespace ClrPy.Backends.Cil.Validation;

/// <summary>A branch target inside an IlBuffer.</summary>
public readonly record struct IlLabel(int Id);

/// <summary>One instruction: an opcode and its operand (int, long, double, string, Type, MethodBase,
/// FieldInfo, IlLabel, or a local/argument index), or a label marking the next instruction.</summary>
public sealed record IlInstruction(OpCode OpCode, object? Operand, IlLabel? Marks = null)
{
    public bool IsLabelMark => Marks is not null;

    public override string ToString() => IsLabelMark ? $"L{Marks!.Value.Id}:" : Operand is null ? OpCode.Name! : $"{OpCode.Name} {Describe(Operand)}";

    private static string Describe(object operand) => operand switch
    {
        IlLabel label => "L" + label.Id,
        MethodBase method => method.DeclaringType?.Name + "::" + method.Name,
        IlSignature signature => "(" + string.Join(", ", signature.Parameters.Select(p => p.Name)) + ") -> " + signature.ReturnType.Name,
        FieldInfo field => field.DeclaringType?.Name + "::" + field.Name,
        Type type => type.Name,
        string text => "\"" + text + "\"",
        _ => operand.ToString() ?? "",
    };
}

/// <summary>A call target with its signature spelled out: Reflection.Emit cannot report the parameters of
/// methods on types being built or instantiated over them, so the emitter states them. Receiver is the
/// type of `this` (null for a static method); for a constructor, the type it makes.</summary>
public sealed record IlMethod(MethodBase Method, IReadOnlyList<Type> Parameters, Type ReturnType, Type? Receiver)
{
    public override string ToString() => Receiver?.Name + "::" + Method.Name;
}

/// <summary>A field with its type and owner spelled out (for the same reason as IlMethod).</summary>
public sealed record IlField(FieldInfo Field, Type FieldType, Type Owner)
{
    public override string ToString() => Owner.Name + "::" + Field.Name;
}

/// <summary>The signature of a calli (an indirect call through a function pointer).</summary>
public sealed record IlSignature(IReadOnlyList<Type> Parameters, Type ReturnType);

/// <summary>A method's signature and locals as the validator needs them.</summary>
public sealed record IlMethodShape(string Name, IReadOnlyList<Type> Parameters, Type ReturnType, IReadOnlyList<Type> Locals);

public sealed class IlBuffer
{
    private int _labels;

    public List<IlInstruction> Instructions { get; } = [];

    public IlLabel DefineLabel() => new(_labels++);

    public void MarkLabel(IlLabel label) => Instructions.Add(new IlInstruction(OpCodes.Nop, null, label));

    public void Emit(OpCode opCode, object? operand = null) => Instructions.Add(new IlInstruction(opCode, operand));

    /// <summary>
    /// The short form of a local access or an int constant, which means the same (ldloc 2 is ldloc.2, ldc.i4 100 is
    /// ldc.i4.s 100): a method's IL shrinks by about a quarter, which counts against the CLR's limit of 60,000 bytes
    /// past which it compiles a method without optimizing.
    /// </summary>
    private static readonly OpCode[] NumberedLdloc = [OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3];
    private static readonly OpCode[] NumberedStloc = [OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3];
    private static readonly OpCode[] NumberedLdarg = [OpCodes.Ldarg_0, OpCodes.Ldarg_1, OpCodes.Ldarg_2, OpCodes.Ldarg_3];
    private static readonly OpCode[] SmallConstants = [OpCodes.Ldc_I4_M1, OpCodes.Ldc_I4_0, OpCodes.Ldc_I4_1, OpCodes.Ldc_I4_2,
        OpCodes.Ldc_I4_3, OpCodes.Ldc_I4_4, OpCodes.Ldc_I4_5, OpCodes.Ldc_I4_6, OpCodes.Ldc_I4_7, OpCodes.Ldc_I4_8];

    private static IlInstruction Shortened(IlInstruction instruction)
    {
        if (instruction.Operand is not int n)
            return instruction;
        var op = instruction.OpCode;
        var numbered = op == OpCodes.Ldloc ? NumberedLdloc : op == OpCodes.Stloc ? NumberedStloc : op == OpCodes.Ldarg ? NumberedLdarg : null;
        if (numbered is not null && n is >= 0 and <= 3)
            return new IlInstruction(numbered[n], null);
        if (n is >= 0 and <= 255)
        {
            var shortForm = op == OpCodes.Ldloc ? OpCodes.Ldloc_S : op == OpCodes.Stloc ? OpCodes.Stloc_S : op == OpCodes.Ldloca ? OpCodes.Ldloca_S
                : op == OpCodes.Ldarg ? OpCodes.Ldarg_S : op == OpCodes.Starg ? OpCodes.Starg_S : op == OpCodes.Ldarga ? OpCodes.Ldarga_S : (OpCode?)null;
            if (shortForm is { } found)
                return new IlInstruction(found, n);
        }
        if (op == OpCodes.Ldc_I4)
        {
            if (n is >= -1 and <= 8)
                return new IlInstruction(SmallConstants[n + 1], null);
            if (n is >= sbyte.MinValue and <= sbyte.MaxValue)
                return new IlInstruction(OpCodes.Ldc_I4_S, n);
        }
        return instruction;
    }

    /// <summary>Replays the checked instructions into a real generator.</summary>
    public void WriteTo(ILGenerator il, IReadOnlyList<Type> locals)
    {
        foreach (var local in locals)
            il.DeclareLocal(local);
        var labels = new Dictionary<IlLabel, Label>();
        Label LabelOf(IlLabel label) => labels.TryGetValue(label, out var made) ? made : labels[label] = il.DefineLabel();
        foreach (var checkedInstruction in Instructions)
        {
            if (checkedInstruction.Marks is { } mark)
            {
                il.MarkLabel(LabelOf(mark));
                continue;
            }
            var instruction = Shortened(checkedInstruction);
            switch (instruction.Operand)
            {
                case null: il.Emit(instruction.OpCode); break;
                case IlLabel label: il.Emit(instruction.OpCode, LabelOf(label)); break;
                case IlLabel[] targets: il.Emit(instruction.OpCode, [.. targets.Select(LabelOf)]); break;
                case int value when instruction.OpCode.OperandType == OperandType.ShortInlineVar || instruction.OpCode.OperandType == OperandType.ShortInlineI:
                    il.Emit(instruction.OpCode, (byte)value); break;
                case int value when instruction.OpCode.OperandType == OperandType.InlineVar: il.Emit(instruction.OpCode, (short)value); break;
                case int value: il.Emit(instruction.OpCode, value); break;
                case long value: il.Emit(instruction.OpCode, value); break;
                case double value: il.Emit(instruction.OpCode, value); break;
                case string value: il.Emit(instruction.OpCode, value); break;
                case Type type: il.Emit(instruction.OpCode, type); break;
                case ConstructorInfo constructor: il.Emit(instruction.OpCode, constructor); break;
                case MethodInfo method: il.Emit(instruction.OpCode, method); break;
                case FieldInfo field: il.Emit(instruction.OpCode, field); break;
                case IlMethod { Method: ConstructorInfo constructor }: il.Emit(instruction.OpCode, constructor); break;
                case IlMethod { Method: MethodInfo method }: il.Emit(instruction.OpCode, method); break;
                case IlField field: il.Emit(instruction.OpCode, field.Field); break;
                case IlSignature signature:
                    il.EmitCalli(instruction.OpCode, CallingConventions.Standard, signature.ReturnType, [.. signature.Parameters], null);
                    break;
                default: throw new InvalidOperationException($"unsupported operand {instruction.Operand.GetType().Name}");
            }
        }
    }
}
