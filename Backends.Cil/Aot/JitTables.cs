// What a translated program with a JitDriver carries for the JIT: the jitcodes (written with operation helpers)
// of each portal and of every function it can reach through calls, embedded as the manifest resource of
// JitProgramFormat; the static method RpyProgram.JitTable building, at run time, the table of CLR members and
// constants the jitcodes name by index; RpyProgram.LoadJitProgram reading them back; one JitDriverState field and
// one portal resume entry (RpyProgram.jit$resume$N) per driver; and RpyProgram.InstallJit (called by Main before main) handing both to JitInstall. Programs without a
// driver get none of it. Driven by AssemblyTranslator; FunctionEmitter asks it for the portal hooks.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Jit;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

/// <summary>One driver as the portal's hooks need it: its exchange area, its greens then reds, and the portal's
/// resume entry (`jit$resume$N`, taking a JitDriverState: see FunctionEmitter.EmitResumeEntry).</summary>
public sealed record JitDriverHook(IlField State, JitDriverVariable[] GreensThenReds, TypedOperation MergePoint, MethodBuilder ResumeEntry);

public sealed class JitTables
{
    private readonly AssemblyTranslator _translator;
    private readonly Codewriter _codewriter;
    private readonly TypeBuilder _programType;
    private readonly List<(JitDriverInfo Info, FunctionDescriptor Portal, TypedOperation MergePoint)> _drivers = [];
    private readonly Dictionary<FunctionDescriptor, JitDriverHook> _hooks = [];

    private readonly List<Action<IlBuffer, Func<Type, int>>> _entries = [];
    private readonly Dictionary<object, int> _entryOf = [];
    private readonly JitProgramWriter _writer = new();
    private readonly Dictionary<FunctionDescriptor, int> _codeOf = [];
    private readonly Dictionary<object, int> _records = new(ReferenceEqualityComparer.Instance);

    private static readonly MethodInfo MethodFromHandle = typeof(MethodBase).GetMethod(nameof(MethodBase.GetMethodFromHandle), [typeof(RuntimeMethodHandle)])!;
    private static readonly MethodInfo FieldFromHandle = typeof(FieldInfo).GetMethod(nameof(FieldInfo.GetFieldFromHandle), [typeof(RuntimeFieldHandle)])!;
    private static readonly MethodInfo TypeFromHandle = typeof(Type).GetMethod(nameof(Type.GetTypeFromHandle), [typeof(RuntimeTypeHandle)])!;

    private JitTables(AssemblyTranslator translator, Codewriter codewriter, TypeBuilder programType)
    {
        _translator = translator;
        _codewriter = codewriter;
        _programType = programType;
    }

    /// <summary>The jitcodes, once written (null before Emit, and for programs without a driver).</summary>
    public byte[]? Data { get; private set; }

    /// <summary>For a program with a driver: its jitcodes with operation helpers, and the program with the helpers
    /// among its functions (for the backend to emit). Otherwise the program as it is and no codewriter.</summary>
    public static TypedProgram Prepare(TypedProgram program, out Codewriter? codewriter)
    {
        codewriter = null;
        if (!program.Functions.Any(function => function.Graph is { } graph && MergePointOf(graph) is not null))
            return program;
        codewriter = Codewriter.Write(program, operationHelpers: true);
        return codewriter.WithHelpers(program);
    }

    private static TypedOperation? MergePointOf(TypedGraph graph)
    {
        foreach (var block in graph.Blocks())
        {
            foreach (var operation in block.Operations)
            {
                if (operation.Code == LowOpCode.JitMergePoint)
                    return operation;
            }
        }
        return null;
    }

    /// <summary>Finds the drivers and defines their JitDriverState fields (before any function body is emitted).</summary>
    public static JitTables Define(AssemblyTranslator translator, Codewriter codewriter, TypeBuilder programType)
    {
        var tables = new JitTables(translator, codewriter, programType);
        foreach (var function in translator.Program.Functions)
        {
            if (function.Graph is not { } graph || MergePointOf(graph) is not { } merge)
                continue;
            var info = (JitDriverInfo)merge.Descriptor!;
            var names = info.Greens.Concat(info.Reds).ToArray();
            var variables = names.Select((name, i) => new JitDriverVariable(name, Codewriter.KindOf(merge.Args[i].Type) ?? RegisterKind.Ref)).ToArray();
            var field = programType.DefineField("jit$driver" + tables._drivers.Count, typeof(JitDriverState), FieldAttributes.Public | FieldAttributes.Static);
            var resume = programType.DefineMethod("jit$resume$" + tables._drivers.Count, MethodAttributes.Public | MethodAttributes.Static,
                translator.Types.ReturnOf(function.Result), [typeof(JitDriverState)]);
            tables._hooks[function] = new JitDriverHook(new IlField(field, typeof(JitDriverState), programType), variables, merge, resume);
            tables._drivers.Add((info, function, merge));
        }
        return tables;
    }

    /// <summary>The index of a driver's JitDriverState (JitDriverDescriptor.Index at run time); -1 for a driver without
    /// a merge point, which has none.</summary>
    public int IndexOf(JitDriverInfo driver) => _drivers.FindIndex(entry => entry.Info.Driver == driver.Driver);

    /// <summary>The hook data of a portal, or null for any other function.</summary>
    public JitDriverHook? HookOf(FunctionDescriptor function) => _hooks.GetValueOrDefault(function);

    /// <summary>Serializes the jitcodes and emits JitTable, LoadJitProgram and InstallJit; returns InstallJit.</summary>
    public IlMethod Emit()
    {
        var codes = Reachable();
        var ordered = codes.Select(function => (function, _codewriter.Codes[function])).ToList();
        for (int i = 0; i < ordered.Count; i++)
            _codeOf[ordered[i].function] = i;
        // driver records first, in the order of the JitDriverState array (JitDriverDescriptor.Index)
        foreach (var (info, _, _) in _drivers)
            DriverRecord(info);
        foreach (var (_, code) in ordered)
        {
            var refs = code.RefConstants.Select((value, i) => RefEntry(value, (LowLevelType)code.RefConstantTypes[i]!)).ToList();
            var descriptors = code.Descriptors.Select(DescriptorRecord).ToList();
            _writer.AddCode(code, refs, descriptors);
        }
        Data = _writer.ToArray(_codewriter.Instructions, _entries.Count);
        var table = _translator.EmitValidated(_programType, "JitTable", [], typeof(object[]), (il, newLocal) =>
        {
            il.Emit(OpCodes.Ldc_I4, _entries.Count);
            il.Emit(OpCodes.Newarr, typeof(object));
            for (int i = 0; i < _entries.Count; i++)
            {
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, i);
                _entries[i](il, newLocal);
                il.Emit(OpCodes.Stelem_Ref);
            }
            il.Emit(OpCodes.Ret);
        });
        var readResource = typeof(JitProgramFormat).GetMethod(nameof(JitProgramFormat.ReadResource))!;
        var load = _translator.EmitValidated(_programType, "LoadJitProgram", [], typeof(JitProgram), (il, _) =>
        {
            il.Emit(OpCodes.Ldtoken, _programType);
            il.Emit(OpCodes.Call, TypeFromHandle);
            il.Emit(OpCodes.Callvirt, typeof(Type).GetProperty(nameof(Type.Assembly))!.GetMethod!);
            il.Emit(OpCodes.Call, new IlMethod(table, [], typeof(object[]), null));
            il.Emit(OpCodes.Call, readResource);
            il.Emit(OpCodes.Ret);
        });
        var install = _translator.EmitValidated(_programType, "InstallJit", [], typeof(void), (il, _) =>
        {
            for (int i = 0; i < _drivers.Count; i++)
            {
                var variables = _hooks[_drivers[i].Portal].GreensThenReds;
                il.Emit(OpCodes.Ldc_I4, i);
                foreach (var kind in new[] { RegisterKind.Int, RegisterKind.Ref, RegisterKind.Float })
                    il.Emit(OpCodes.Ldc_I4, variables.Count(variable => variable.Kind == kind));
                il.Emit(OpCodes.Newobj, typeof(JitDriverState).GetConstructor([typeof(int), typeof(int), typeof(int), typeof(int)])!);
                il.Emit(OpCodes.Stsfld, _hooks[_drivers[i].Portal].State);
            }
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldftn, new IlMethod(load, [], typeof(JitProgram), null));
            il.Emit(OpCodes.Newobj, typeof(Func<JitProgram>).GetConstructor([typeof(object), typeof(IntPtr)])!);
            il.Emit(OpCodes.Ldc_I4, _drivers.Count);
            il.Emit(OpCodes.Newarr, typeof(JitDriverState));
            for (int i = 0; i < _drivers.Count; i++)
            {
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldsfld, _hooks[_drivers[i].Portal].State);
                il.Emit(OpCodes.Stelem_Ref);
            }
            il.Emit(OpCodes.Call, typeof(JitInstall).GetMethod(nameof(JitInstall.Install))!);
            il.Emit(OpCodes.Ret);
        });
        return new IlMethod(install, [], typeof(void), null);
    }

    /// <summary>The portals, then every function they reach through direct, method and indirect calls (not into
    /// @dont_look_inside functions or operation helpers, which are only called), each with a jitcode.</summary>
    private List<FunctionDescriptor> Reachable()
    {
        var found = new List<FunctionDescriptor>();
        var seen = new HashSet<FunctionDescriptor>();
        var work = new Queue<FunctionDescriptor>();
        void Reach(FunctionDescriptor function)
        {
            if (_codewriter.Codes.ContainsKey(function) && !_codewriter.HintsOf(function).HasFlag(FunctionHints.DontLookInside) && seen.Add(function))
                work.Enqueue(function);
        }
        foreach (var (_, portal, _) in _drivers)
            Reach(portal);
        List<FunctionDescriptor>? functionValues = null;
        while (work.Count > 0)
        {
            var function = work.Dequeue();
            found.Add(function);
            foreach (var block in function.Graph!.Blocks())
            {
                foreach (var operation in block.Operations)
                {
                    switch (operation.Code)
                    {
                        case LowOpCode.DirectCall:
                            Reach((FunctionDescriptor)operation.Descriptor!);
                            break;
                        case LowOpCode.MethodCall:
                            foreach (var (_, implementation) in Implementations((MethodDescriptor)operation.Descriptor!))
                                Reach(implementation);
                            break;
                        case LowOpCode.IndirectCall:
                            functionValues ??= FunctionValues();
                            string signature = operation.Args[0].Type.ToString();
                            foreach (var candidate in functionValues.Where(value => value.Type.ToString() == signature))
                                Reach(candidate);
                            break;
                    }
                }
            }
        }
        return found;
    }

    /// <summary>Every function the program uses as a value (the possible targets of indirect calls).</summary>
    private List<FunctionDescriptor> FunctionValues()
    {
        var values = new HashSet<FunctionDescriptor>();
        foreach (var function in _translator.Program.Functions.Where(f => f.Graph is not null))
        {
            foreach (var block in function.Graph!.Blocks())
            {
                foreach (var arg in block.Operations.SelectMany(operation => operation.Args).Concat(block.Links.SelectMany(link => link.Args)))
                {
                    if (arg is TypedConstant { Value: FunctionDescriptor value })
                        values.Add(value);
                }
            }
        }
        // functions held by prebuilt constants (dispatch tables) are values too
        values.UnionWith(_translator.Program.FunctionsByDesc.Values.Where(f => f.Graph is not null));
        return [.. values];
    }

    /// <summary>The implementation run for a receiver of each translated class that has the slot.</summary>
    private List<(ClassDescriptor Class, FunctionDescriptor Implementation)> Implementations(MethodDescriptor slot) =>
        [.. _translator.Classes.Classes.Where(cls => cls.IsSubclassOf(slot.Owner))
            .Select(cls => (cls, cls.ResolveMethod(slot.Name)?.Implementation))
            .Where(pair => pair.Item2 is not null).Select(pair => (pair.cls, pair.Item2!))];

    private (JitDescriptorKind Kind, long Index) DescriptorRecord(object? descriptor) => descriptor switch
    {
        null => (JitDescriptorKind.None, 0),
        FunctionDescriptor function => (JitDescriptorKind.Function, FunctionRecord(function)),
        FieldDescriptor field => (JitDescriptorKind.Field, FieldRecord(field)),
        ClassDescriptor cls => (JitDescriptorKind.Class, ClassRecord(cls)),
        MethodDescriptor slot => (JitDescriptorKind.MethodSlot, SlotRecord(slot)),
        JitDriverInfo driver => (JitDescriptorKind.Driver, DriverRecord(driver)),
        int index => (JitDescriptorKind.Int, index),
        long index => (JitDescriptorKind.Int, index),
        Enum value => (JitDescriptorKind.Int, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"no embedded form for the jitcode descriptor {descriptor} ({descriptor.GetType().Name})"),
    };

    private int Record(object key, Func<int> make)
    {
        if (!_records.TryGetValue(key, out int record))
            _records[key] = record = make();
        return record;
    }

    private int FunctionRecord(FunctionDescriptor function) => Record(function, () =>
    {
        var hints = _codewriter.HintsOf(function);
        int code = _codeOf.TryGetValue(function, out int index) ? index : -1;
        var flags = JitFunctionFlags.None;
        if (hints.HasFlag(FunctionHints.Elidable))
            flags |= JitFunctionFlags.Elidable;
        if (hints.HasFlag(FunctionHints.DontLookInside) || code < 0)
            flags |= JitFunctionFlags.DontLookInside;
        if (hints.HasFlag(FunctionHints.UnrollSafe))
            flags |= JitFunctionFlags.UnrollSafe;
        if (_translator.Raises.CanRaise(function))
            flags |= JitFunctionFlags.CanRaise;
        if (_codewriter.Helpers is { } helpers && helpers.IsHelper(function))
        {
            flags |= JitFunctionFlags.OperationHelper;
            // a pure operation (str and arithmetic ones, allocating or raising included) is elidable; one that only
            // reads (list_getitem, len, ...) writes nothing the trace has in hand
            var effects = helpers.EffectsOf(function);
            if (effects.HasFlag(OpEffects.Pure))
                flags |= JitFunctionFlags.Elidable;
            else if ((effects & (OpEffects.WritesHeap | OpEffects.Calls | OpEffects.External)) == 0)
                flags |= JitFunctionFlags.ReadOnly;
        }
        return _writer.AddFunction(function.Name, MemberEntry(_translator.MethodOf(function).Method), code, flags);
    });

    private int FieldRecord(FieldDescriptor field) => Record(field, () =>
    {
        var flags = JitFieldFlags.None;
        var classes = _translator.Program.ClassesByDesc;
        for (var owner = classes.FirstOrDefault(pair => pair.Value == field.Owner).Key; owner is not null; owner = owner.Base)
        {
            if (owner.ImmutableFields.Contains(field.Name))
                flags |= JitFieldFlags.Immutable;
            if (owner.ImmutableFields.Contains(field.Name + "[*]"))
                flags |= JitFieldFlags.Immutable | JitFieldFlags.ImmutableItems;
            bool items = owner.VirtualizableFields.Contains(field.Name + "[*]");
            if (items || owner.VirtualizableFields.Contains(field.Name))
                flags |= JitFieldFlags.Virtualizable;
            if (items)
                flags |= JitFieldFlags.VirtualizableItems;
        }
        return _writer.AddField(field.ToString(), MemberEntry(_translator.Classes.FieldOf(field).Field), flags);
    });

    private int ClassRecord(ClassDescriptor cls) => Record(cls, () =>
    {
        int constructor = _translator.Classes.Classes.Contains(cls) ? ConstructorEntry(cls) : -1;
        return _writer.AddClass(cls.Name, MemberEntry(_translator.Types.ClassOf(cls)), constructor);
    });

    private int SlotRecord(MethodDescriptor slot) => Record(slot, () =>
    {
        var implementations = Implementations(slot)
            .Select(pair => (MemberEntry(_translator.Types.ClassOf(pair.Class)), FunctionRecord(pair.Implementation))).ToList();
        return _writer.AddSlot(slot.ToString(), implementations);
    });

    private int DriverRecord(JitDriverInfo info) => Record(info, () =>
    {
        var (_, portal, _) = _drivers.First(driver => driver.Info == info);
        var hook = _hooks[portal];
        var variables = hook.GreensThenReds;
        var printable = info.PrintableLocation is { } location
            ? MemberEntry(_translator.MethodOf(_translator.Program.FunctionsByDesc[location]).Method) : -1;
        return _writer.AddDriver(variables[..info.Greens.Length], variables[info.Greens.Length..], FunctionRecord(portal),
            MergePointOffset(_codewriter.Codes[portal]), printable, MemberEntry(hook.ResumeEntry));
    });

    /// <summary>The offset of the jit_merge_point instruction in the portal's jitcode.</summary>
    private static int MergePointOffset(JitCode code)
    {
        for (int pc = 0; pc < code.Code.Length;)
        {
            var instruction = code.Instructions[code.Code[pc]];
            if (instruction.Name == "jit_merge_point")
                return pc;
            pc++;
            foreach (char argCode in instruction.ArgCodes)
            {
                if (argCode is 'I' or 'R' or 'F')
                    pc += 1 + code.Code[pc];
                else if (argCode != '>')
                    pc++;
            }
        }
        throw new InvalidOperationException($"the portal {code.Name} has no jit_merge_point");
    }

    /// <summary>The table entry of a method, constructor, field or type (made by ldtoken at run time).</summary>
    private int MemberEntry(MemberInfo member)
    {
        if (_entryOf.TryGetValue(member, out int entry))
            return entry;
        var fromHandle = member switch
        {
            MethodBase => MethodFromHandle,
            FieldInfo => FieldFromHandle,
            _ => TypeFromHandle,
        };
        _entries.Add((il, _) =>
        {
            il.Emit(OpCodes.Ldtoken, member);
            il.Emit(OpCodes.Call, fromHandle);
        });
        return _entryOf[member] = _entries.Count - 1;
    }

    /// <summary>The table entry of a class's constructor: found from its type at run time (ldtoken cannot name a
    /// constructor being built).</summary>
    private int ConstructorEntry(ClassDescriptor cls)
    {
        var constructor = _translator.Classes.ConstructorOf(cls);
        if (_entryOf.TryGetValue(constructor, out int entry))
            return entry;
        var type = _translator.Types.ClassOf(cls);
        _entries.Add((il, _) =>
        {
            il.Emit(OpCodes.Ldtoken, type);
            il.Emit(OpCodes.Call, TypeFromHandle);
            il.Emit(OpCodes.Ldc_I4, constructor.Parameters.Count);
            il.Emit(OpCodes.Call, typeof(JitProgramFormat).GetMethod(nameof(JitProgramFormat.ConstructorOf))!);
        });
        return _entryOf[constructor] = _entries.Count - 1;
    }

    /// <summary>The table entry of a ref constant: the object the emitted code itself loads for it; -1 for None.</summary>
    private int RefEntry(object? value, LowLevelType type)
    {
        if (value is null || type.Kind is TypeKind.Void or TypeKind.NoneType)
            return -1;
        var key = (value, type.ToString());
        if (_entryOf.TryGetValue(key, out int entry))
            return entry;
        var target = _translator.Types.Of(type);
        _entries.Add((il, newLocal) =>
        {
            _translator.Constants.Load(il, value, type, target, newLocal);
            if (target.IsValueType)
                il.Emit(OpCodes.Box, target);
        });
        return _entryOf[key] = _entries.Count - 1;
    }
}
