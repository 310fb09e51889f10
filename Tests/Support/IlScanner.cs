// Reads the IL of every method body of a saved assembly (System.Reflection.Metadata, independent of the
// emitter and its validator) and decodes it instruction by instruction, so tests can look for opcodes
// such as the `tail.` prefix without mistaking operand bytes for them.
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ClrPy.Tests.Support;

public static class IlScanner
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(op => op.Value);

    /// <summary>Each method of the assembly with the opcodes of its body, in order.</summary>
    public static IEnumerable<(string Method, List<OpCode> Code)> Methods(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var result = new List<(string, List<OpCode>)>();
        foreach (var handle in metadata.MethodDefinitions)
        {
            var definition = metadata.GetMethodDefinition(handle);
            if (definition.RelativeVirtualAddress == 0)
                continue;
            var type = metadata.GetTypeDefinition(definition.GetDeclaringType());
            string name = metadata.GetString(type.Name) + "::" + metadata.GetString(definition.Name);
            var body = pe.GetMethodBody(definition.RelativeVirtualAddress);
            result.Add((name, Decode(body.GetILBytes()!)));
        }
        return result;
    }

    public static List<OpCode> Decode(byte[] il)
    {
        var code = new List<OpCode>();
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            if (!ByValue.TryGetValue(value, out var op))
                throw new InvalidDataException($"unknown opcode 0x{value:X} at IL offset {position}");
            code.Add(op);
            position += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
                _ => 4,
            };
        }
        return code;
    }
}
