// The binary form of a JitProgram as the CIL backend embeds it in a translated assembly (manifest resource
// "clrpy.jitcodes"), and its reader. CLR members and objects are not in the bytes: they are entries of a
// table the translated program builds at run time (an emitted static method returning object?[]: ldtoken
// for methods, fields, types and constructors, the constant pool's statics for prebuilt objects, ldstr for
// strs), named here by entry index. Written by JitProgramWriter (called by Backends.Cil/Aot/JitTables), read
// by JitProgramFormat.Read (called, through JitInstall's loader, the first time the JIT needs the program).
//
// Layout (little-endian; "n" is a 7-bit encoded int, "e" an entry index + 1 with 0 for none, "s" a
// length-prefixed UTF-8 string; lists are a count n, then the items):
//   u32 magic 'CPJC', u16 version 2, n table size
//   instructions: (s name, s argcodes)*              in opcode order
//   functions:    (s name, e method, n jitcode + 1, u8 JitFunctionFlags)*
//   fields:       (s name, e FieldInfo, u8 JitFieldFlags)*
//   classes:      (s name, e Type, e ConstructorInfo)*
//   slots:        (s name, (e Type, n function)*)*
//   drivers:      ((s name, u8 kind)* greens, (s name, u8 kind)* reds, n portal function, n merge offset, e printable location,
//                  e resume entry)*
//   codes:        (s name, (u16 word)*, n n n variable registers, (i64)* int constants, (u8 meaning)* int meanings,
//                  (e)* ref constants, (f64)* float constants, (u8 kind, i64 index)* descriptors,
//                  (u8 kind, u16 register)* parameters, (n offset, s text)* positions)*
// A descriptor kind is a JitDescriptorKind; its index names a function, field, class, slot or driver record
// above, or is the value itself for Int.
using System.Reflection;

namespace ClrPy.Runtime.Jit.Codes;

/// <summary>What a jitcode descriptor is, in the embedded form.</summary>
public enum JitDescriptorKind : byte { None, Function, Field, Class, MethodSlot, Driver, Int }

public static class JitProgramFormat
{
    public const uint Magic = 0x434A5043; // "CPJC"
    public const ushort Version = 2;
    public const string ResourceName = "clrpy.jitcodes";

    /// <summary>Reads the program embedded as <see cref="ResourceName"/> in <paramref name="assembly"/>.</summary>
    public static JitProgram ReadResource(Assembly assembly, object?[] table)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} embeds no jitcodes");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Read(bytes, table);
    }

    /// <summary>The constructor of <paramref name="type"/> taking <paramref name="parameters"/> arguments (table
    /// entries for constructors are made with it: ldtoken cannot name a constructor of a type being built).</summary>
    public static ConstructorInfo? ConstructorOf(Type type, int parameters)
    {
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (constructor.GetParameters().Length == parameters)
                return constructor;
        }
        return null;
    }

    public static JitProgram Read(byte[] data, object?[] table)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false));
        if (reader.ReadUInt32() != Magic || reader.ReadUInt16() != Version)
            throw new InvalidDataException("not ClrPy jitcodes of version " + Version);
        if (reader.Read7BitEncodedInt() != table.Length)
            throw new InvalidDataException("the jitcodes do not match the program's table");
        T? Entry<T>() where T : class
        {
            int entry = reader.Read7BitEncodedInt() - 1;
            return entry < 0 ? null : table[entry] as T ?? throw new InvalidDataException($"table entry {entry} is not a {typeof(T).Name}");
        }
        var instructions = new InstructionSet();
        int count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            instructions.Number(reader.ReadString(), reader.ReadString());
        var functions = new JitFunction[reader.Read7BitEncodedInt()];
        for (int i = 0; i < functions.Length; i++)
            functions[i] = new JitFunction(reader.ReadString(), Entry<MethodInfo>()!, reader.Read7BitEncodedInt() - 1, (JitFunctionFlags)reader.ReadByte());
        var fields = new JitField[reader.Read7BitEncodedInt()];
        for (int i = 0; i < fields.Length; i++)
            fields[i] = new JitField(reader.ReadString(), Entry<FieldInfo>()!, (JitFieldFlags)reader.ReadByte());
        var classes = new JitClass[reader.Read7BitEncodedInt()];
        for (int i = 0; i < classes.Length; i++)
            classes[i] = new JitClass(reader.ReadString(), Entry<Type>()!, Entry<ConstructorInfo>());
        var slots = new JitMethodSlot[reader.Read7BitEncodedInt()];
        for (int i = 0; i < slots.Length; i++)
        {
            string name = reader.ReadString();
            var implementations = new (Type, JitFunction)[reader.Read7BitEncodedInt()];
            for (int k = 0; k < implementations.Length; k++)
                implementations[k] = (Entry<Type>()!, functions[reader.Read7BitEncodedInt()]);
            slots[i] = new JitMethodSlot(name, implementations);
        }
        var drivers = new JitDriverDescriptor[reader.Read7BitEncodedInt()];
        for (int i = 0; i < drivers.Length; i++)
        {
            var greens = ReadVariables(reader);
            var reds = ReadVariables(reader);
            drivers[i] = new JitDriverDescriptor(i, greens, reds, functions[reader.Read7BitEncodedInt()], reader.Read7BitEncodedInt(), Entry<MethodInfo>(),
                Entry<MethodInfo>());
        }
        var codes = new JitCode[reader.Read7BitEncodedInt()];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = ReadCode(reader, instructions, table, functions, fields, classes, slots, drivers);
        return new JitProgram(instructions, codes, drivers);
    }

    private static JitDriverVariable[] ReadVariables(BinaryReader reader)
    {
        var variables = new JitDriverVariable[reader.Read7BitEncodedInt()];
        for (int i = 0; i < variables.Length; i++)
            variables[i] = new JitDriverVariable(reader.ReadString(), (RegisterKind)reader.ReadByte());
        return variables;
    }

    private static JitCode ReadCode(BinaryReader reader, InstructionSet instructions, object?[] table, JitFunction[] functions, JitField[] fields,
        JitClass[] classes, JitMethodSlot[] slots, JitDriverDescriptor[] drivers)
    {
        var code = new JitCode(reader.ReadString(), instructions);
        var words = new ushort[reader.Read7BitEncodedInt()];
        for (int i = 0; i < words.Length; i++)
            words[i] = reader.ReadUInt16();
        code.Code = words;
        for (int kind = 0; kind < 3; kind++)
            code.VariableRegisters[kind] = reader.Read7BitEncodedInt();
        int count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            code.IntConstants.Add(reader.ReadInt64());
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            code.IntMeanings.Add((IntMeaning)reader.ReadByte());
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
        {
            int entry = reader.Read7BitEncodedInt() - 1;
            code.RefConstants.Add(entry < 0 ? null : table[entry]);
            code.RefConstantTypes.Add(null);
        }
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            code.FloatConstants.Add(reader.ReadDouble());
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
        {
            var kind = (JitDescriptorKind)reader.ReadByte();
            long index = reader.ReadInt64();
            code.Descriptors.Add(kind switch
            {
                JitDescriptorKind.None => null,
                JitDescriptorKind.Function => functions[index],
                JitDescriptorKind.Field => fields[index],
                JitDescriptorKind.Class => classes[index],
                JitDescriptorKind.MethodSlot => slots[index],
                JitDescriptorKind.Driver => drivers[index],
                JitDescriptorKind.Int => index,
                _ => throw new InvalidDataException("unknown descriptor kind " + kind),
            });
        }
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            code.Parameters.Add(((RegisterKind)reader.ReadByte(), reader.ReadUInt16()));
        count = reader.Read7BitEncodedInt();
        for (int i = 0; i < count; i++)
            code.Positions[reader.Read7BitEncodedInt()] = reader.ReadString();
        return code;
    }
}

/// <summary>Builds the embedded form: records first (each Add returns the record's index), then the codes.</summary>
public sealed class JitProgramWriter
{
    private readonly MemoryStream _functions = new(), _fields = new(), _classes = new(), _slots = new(), _drivers = new(), _codes = new();
    private readonly BinaryWriter _function, _field, _class, _slot, _driver, _code;
    private int _functionCount, _fieldCount, _classCount, _slotCount, _driverCount, _codeCount;

    public JitProgramWriter()
    {
        (_function, _field, _class, _slot, _driver, _code) =
            (new(_functions), new(_fields), new(_classes), new(_slots), new(_drivers), new(_codes));
    }

    private static void Entry(BinaryWriter writer, int entry) => writer.Write7BitEncodedInt(entry + 1);

    public int AddFunction(string name, int methodEntry, int jitCode, JitFunctionFlags flags)
    {
        _function.Write(name);
        Entry(_function, methodEntry);
        _function.Write7BitEncodedInt(jitCode + 1);
        _function.Write((byte)flags);
        return _functionCount++;
    }

    public int AddField(string name, int fieldEntry, JitFieldFlags flags)
    {
        _field.Write(name);
        Entry(_field, fieldEntry);
        _field.Write((byte)flags);
        return _fieldCount++;
    }

    public int AddClass(string name, int typeEntry, int constructorEntry)
    {
        _class.Write(name);
        Entry(_class, typeEntry);
        Entry(_class, constructorEntry);
        return _classCount++;
    }

    public int AddSlot(string name, IReadOnlyList<(int TypeEntry, int Function)> implementations)
    {
        _slot.Write(name);
        _slot.Write7BitEncodedInt(implementations.Count);
        foreach (var (typeEntry, function) in implementations)
        {
            Entry(_slot, typeEntry);
            _slot.Write7BitEncodedInt(function);
        }
        return _slotCount++;
    }

    public int AddDriver(IReadOnlyList<JitDriverVariable> greens, IReadOnlyList<JitDriverVariable> reds, int portalFunction, int mergePointOffset,
        int printableLocationEntry, int resumeEntry = -1)
    {
        foreach (var variables in new[] { greens, reds })
        {
            _driver.Write7BitEncodedInt(variables.Count);
            foreach (var variable in variables)
            {
                _driver.Write(variable.Name);
                _driver.Write((byte)variable.Kind);
            }
        }
        _driver.Write7BitEncodedInt(portalFunction);
        _driver.Write7BitEncodedInt(mergePointOffset);
        Entry(_driver, printableLocationEntry);
        Entry(_driver, resumeEntry);
        return _driverCount++;
    }

    /// <summary>Adds a jitcode; its ref constants are table entries (-1 for None) and its descriptors records.</summary>
    public int AddCode(JitCode code, IReadOnlyList<int> refConstantEntries, IReadOnlyList<(JitDescriptorKind Kind, long Index)> descriptors)
    {
        var w = _code;
        w.Write(code.Name);
        w.Write7BitEncodedInt(code.Code.Length);
        foreach (ushort word in code.Code)
            w.Write(word);
        foreach (int registers in code.VariableRegisters)
            w.Write7BitEncodedInt(registers);
        w.Write7BitEncodedInt(code.IntConstants.Count);
        foreach (long constant in code.IntConstants)
            w.Write(constant);
        w.Write7BitEncodedInt(code.IntMeanings.Count);
        foreach (var meaning in code.IntMeanings)
            w.Write((byte)meaning);
        w.Write7BitEncodedInt(refConstantEntries.Count);
        foreach (int entry in refConstantEntries)
            Entry(w, entry);
        w.Write7BitEncodedInt(code.FloatConstants.Count);
        foreach (double constant in code.FloatConstants)
            w.Write(constant);
        w.Write7BitEncodedInt(descriptors.Count);
        foreach (var (kind, index) in descriptors)
        {
            w.Write((byte)kind);
            w.Write(index);
        }
        w.Write7BitEncodedInt(code.Parameters.Count);
        foreach (var (kind, register) in code.Parameters)
        {
            w.Write((byte)kind);
            w.Write(register);
        }
        w.Write7BitEncodedInt(code.Positions.Count);
        foreach (var (offset, text) in code.Positions.OrderBy(pair => pair.Key))
        {
            w.Write7BitEncodedInt(offset);
            w.Write(text);
        }
        return _codeCount++;
    }

    public byte[] ToArray(InstructionSet instructions, int tableSize)
    {
        var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write(JitProgramFormat.Magic);
        writer.Write(JitProgramFormat.Version);
        writer.Write7BitEncodedInt(tableSize);
        writer.Write7BitEncodedInt(instructions.Instructions.Count);
        foreach (var instruction in instructions.Instructions)
        {
            writer.Write(instruction.Name);
            writer.Write(instruction.ArgCodes);
        }
        foreach (var (records, count, recordWriter) in new[] { (_functions, _functionCount, _function), (_fields, _fieldCount, _field),
                     (_classes, _classCount, _class), (_slots, _slotCount, _slot), (_drivers, _driverCount, _driver), (_codes, _codeCount, _code) })
        {
            recordWriter.Flush();
            writer.Write7BitEncodedInt(count);
            writer.Write(records.GetBuffer(), 0, (int)records.Length);
        }
        writer.Flush();
        return output.ToArray();
    }
}
