// `clrpy translate --backend=cil`: a typed program as a saved .NET assembly (PersistedAssemblyBuilder).
// Classes first (ClassEmitter), then one static method per function (FunctionEmitter, each checked by
// IlValidator), the prebuilt constants' Init, and Main, which runs main(argv) through ProgramHost (after
// installing the JIT data of a program with a driver: JitTables). The output folder gets NAME.dll,
// NAME.runtimeconfig.json and the runtime assembly it links against.
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

/// <summary>What one translation emitted (for the command's summary).</summary>
public sealed record AssemblyStatistics(int Functions, int Classes, int Blocks, int Operations, int IlInstructions);

public sealed class AssemblyTranslator
{
    private readonly Dictionary<FunctionDescriptor, IlMethod> _methods = [];
    private readonly HashSet<string> _methodNames = [];
    private readonly PersistedAssemblyBuilder _assembly;
    private readonly ModuleBuilder _module;
    private readonly TypeBuilder _programType;
    private int _ilInstructions;

    private AssemblyTranslator(TypedProgram program, string assemblyName)
    {
        Program = JitTables.Prepare(program, out _codewriter);
        _assembly = new PersistedAssemblyBuilder(new AssemblyName(assemblyName), typeof(object).Assembly);
        _module = _assembly.DefineDynamicModule(assemblyName);
        Types = new ClrTypes();
        Classes = new ClassEmitter(_module, Types);
        Helpers = new HelperMethods(Types);
        _programType = _module.DefineType("RpyProgram", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        var constantsType = _module.DefineType("RpyConstants", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        ConstantsType = constantsType;
        Constants = new ConstantPool(this, constantsType);
        Raises = null!;
    }

    public TypedProgram Program { get; }

    public ClrTypes Types { get; }

    public ClassEmitter Classes { get; }

    public HelperMethods Helpers { get; }

    public ConstantPool Constants { get; }

    public RaiseAnalysis Raises { get; private set; }

    /// <summary>The JIT data of a program with a driver (null otherwise).</summary>
    public JitTables? Jit { get; private set; }

    private readonly Translator.Jit.Codewriter? _codewriter;

    private TypeBuilder ConstantsType { get; }

    public IlMethod MethodOf(FunctionDescriptor function) =>
        _methods.TryGetValue(function, out var method) ? method : throw new InvalidOperationException($"function {function.Name} was not translated");

    /// <summary>The IL of every translated function, as text (`clrpy translate --dump=il`); nothing is written.</summary>
    public static string DumpIl(TypedProgram program, string name)
    {
        var translator = new AssemblyTranslator(program, name) { _ilText = new System.Text.StringBuilder() };
        translator.EmitAll(name);
        return translator._ilText.ToString();
    }

    private System.Text.StringBuilder? _ilText;

    /// <summary>Translates the program and writes OUTPUT/NAME.dll with what it needs to run; returns what was emitted.</summary>
    public static AssemblyStatistics Translate(TypedProgram program, string outputDirectory, string name)
    {
        var translator = new AssemblyTranslator(program, name);
        var main = translator.EmitAll(name);
        Directory.CreateDirectory(outputDirectory);
        translator.Save(Path.Combine(outputDirectory, name + ".dll"), main);
        WriteRuntimeFiles(outputDirectory, name, withJit: translator.Jit is not null);
        var functions = program.Functions.Where(f => f.Graph is not null).ToList();
        var blocks = functions.Sum(f => f.Graph!.Blocks().Count);
        var operations = functions.Sum(f => f.Graph!.Blocks().Sum(b => b.Operations.Count));
        return new AssemblyStatistics(functions.Count, translator.Classes.Classes.Count(), blocks, operations, translator._ilInstructions);
    }

    private MethodBuilder EmitAll(string name)
    {
        var functions = Program.Functions.Where(f => f.Graph is not null).ToList();
        Classes.DefineClasses(CollectClasses(functions));
        var builders = new Dictionary<FunctionDescriptor, (MethodBuilder Method, Type[] Parameters)>();
        foreach (var function in functions)
        {
            var parameters = function.Parameters.Select(p => p.Kind == TypeKind.Void ? typeof(object) : Types.Of(p)).ToArray();
            var returns = Types.ReturnOf(function.Result);
            var method = _programType.DefineMethod(UniqueMethodName(function.Name), MethodAttributes.Public | MethodAttributes.Static, returns, parameters);
            if (IsSmallLeaf(function))
                method.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
            builders[function] = (method, parameters);
            _methods[function] = new IlMethod(method, parameters, returns, null);
        }
        Classes.DefineMethodSlots(MethodOf);
        Raises = new RaiseAnalysis(functions, Classes.Classes);
        if (_codewriter is not null)
            Jit = JitTables.Define(this, _codewriter, _programType);
        foreach (var function in functions)
        {
            var (method, parameters) = builders[function];
            WriteBody(method, new FunctionEmitter(this, function).Emit(parameters));
            // a portal's second entry, at its merge point: the same emission with another prologue
            if (Jit?.HookOf(function) is { } hook)
                WriteBody(hook.ResumeEntry, new FunctionEmitter(this, function).EmitResumeEntry(hook));
        }
        // the JIT table may name prebuilt objects: before Init, which makes them
        var installJit = Jit?.Emit();
        var init = EmitValidated(ConstantsType, "Init", [], typeof(void), (il, newLocal) =>
        {
            Constants.EmitInit(il, newLocal);
            il.Emit(OpCodes.Ret);
        });
        var entry = EmitValidated(_programType, "Entry", [typeof(RList<string>)], typeof(long), (il, _) =>
        {
            var main = MethodOf(Program.Main);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, main);
            if (main.ReturnType == typeof(void))
                il.Emit(OpCodes.Ldc_I8, 0L);
            else if (main.ReturnType == typeof(bool))
                il.Emit(OpCodes.Conv_U8);
            else if (main.ReturnType != typeof(long))
                throw new NotSupportedException($"main returns {Program.Main.Result}; it must return an int or None");
            il.Emit(OpCodes.Ret);
        });
        var run = typeof(ProgramHost).GetMethod(nameof(ProgramHost.Run))!;
        var mainType = typeof(Func<RList<string>, long>);
        var entryPoint = EmitValidated(_programType, "Main", [typeof(string[])], typeof(int), (il, _) =>
        {
            il.Emit(OpCodes.Call, new IlMethod(init, [], typeof(void), null));
            if (installJit is not null)
                il.Emit(OpCodes.Call, installJit);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldftn, new IlMethod(entry, [typeof(RList<string>)], typeof(long), null));
            il.Emit(OpCodes.Newobj, mainType.GetConstructor([typeof(object), typeof(IntPtr)])!);
            il.Emit(OpCodes.Ldstr, name + ".py");
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Call, run);
            il.Emit(OpCodes.Ret);
        });
        Classes.CreateTypes();
        _programType.CreateType();
        ConstantsType.CreateType();
        return entryPoint;
    }

    private void WriteBody(MethodBuilder method, (IlBuffer Code, List<Type> Locals) body)
    {
        var (code, locals) = body;
        _ilInstructions += code.Instructions.Count;
        if (_ilText is not null)
        {
            _ilText.Append("method ").Append(method.Name).Append(" locals ").AppendJoin(", ", locals.Select((t, i) => i + ":" + t.Name)).Append('\n');
            foreach (var instruction in code.Instructions)
                _ilText.Append(instruction.IsLabelMark ? "  " : "    ").Append(instruction).Append('\n');
            _ilText.Append('\n');
        }
        code.WriteTo(method.GetILGenerator(), locals);
    }

    /// <summary>Small loop-free functions that do not call themselves are inlined into their callers by the CLR
    /// JIT (as PyPy's backend inlines small helpers): accessors and arithmetic helpers cost nothing per call.
    /// Functions with loops stay calls: inlined, their loops share the caller's registers and ran slower.</summary>
    private static bool IsSmallLeaf(FunctionDescriptor function)
    {
        var blocks = function.Graph!.Blocks();
        return blocks.Sum(b => b.Operations.Count) <= 16 && !HasLoop(function.Graph!)
            && !blocks.SelectMany(b => b.Operations).Any(op => op.Code == LowOpCode.DirectCall && op.Descriptor == function);
    }

    internal static bool HasLoop(TypedGraph graph)
    {
        var state = new Dictionary<TypedBlock, bool>();
        bool Visit(TypedBlock block)
        {
            if (state.TryGetValue(block, out bool onPath))
                return onPath;
            state[block] = true;
            foreach (var link in block.Links)
            {
                if (Visit(link.Target))
                    return true;
            }
            state[block] = false;
            return false;
        }
        return Visit(graph.StartBlock);
    }

    /// <summary>A method whose body is built in an IlBuffer and checked before it is written.</summary>
    internal MethodBuilder EmitValidated(TypeBuilder owner, string name, Type[] parameters, Type returns, Action<IlBuffer, Func<Type, int>> body)
    {
        var method = owner.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static, returns, parameters);
        var il = new IlBuffer();
        var locals = new List<Type>();
        body(il, type =>
        {
            locals.Add(type);
            return locals.Count - 1;
        });
        IlValidator.Validate(new IlMethodShape(name, parameters, returns, locals), il.Instructions, Types.IsAssignable);
        _ilInstructions += il.Instructions.Count;
        il.WriteTo(method.GetILGenerator(), locals);
        return method;
    }

    private string UniqueMethodName(string name)
    {
        string candidate = name;
        for (int i = 2; !_methodNames.Add(candidate); i++)
            candidate = name + "`" + i;
        return candidate;
    }

    /// <summary>Every class the program's values, operations and handlers mention, and the program's user classes.</summary>
    private IEnumerable<ClassDescriptor> CollectClasses(List<FunctionDescriptor> functions)
    {
        var found = new HashSet<ClassDescriptor>(Program.ClassesByDesc.Values);
        void Walk(LowLevelType type)
        {
            switch (type)
            {
                case InstanceType instance: found.Add(instance.Class); break;
                case ListType list: Walk(list.Item); break;
                case DictType dict: Walk(dict.Key); Walk(dict.Value); break;
                case TupleType tuple: foreach (var item in tuple.Items) Walk(item); break;
                case IteratorType iterator: Walk(iterator.Item); break;
                case FunctionType function: foreach (var p in function.Parameters) Walk(p); Walk(function.Result); break;
            }
        }
        foreach (var function in functions)
        {
            foreach (var p in function.Parameters)
                Walk(p);
            Walk(function.Result);
            foreach (var block in function.Graph!.Blocks())
            {
                foreach (var input in block.Inputs)
                    Walk(input.Type);
                foreach (var operation in block.Operations)
                {
                    Walk(operation.Result.Type);
                    foreach (var arg in operation.Args)
                        Walk(arg.Type);
                    switch (operation.Descriptor)
                    {
                        case ClassDescriptor cls: found.Add(cls); break;
                        case FieldDescriptor field: found.Add(field.Owner); Walk(field.Type); break;
                        case MethodDescriptor method: found.Add(method.Owner); break;
                    }
                }
                foreach (var link in block.Links)
                {
                    if (link.Catches is { } caught)
                        found.Add(caught);
                }
            }
        }
        return found;
    }

    private void Save(string path, MethodBuilder entryPoint)
    {
        var metadata = _assembly.GenerateMetadata(out var ilStream, out var fieldData);
        BlobBuilder? resources = null;
        if (Jit?.Data is { } jitcodes)
        {
            // one manifest resource at offset 0 of the resources blob: its length, then its bytes
            resources = new BlobBuilder();
            resources.WriteInt32(jitcodes.Length);
            resources.WriteBytes(jitcodes);
            metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(Runtime.Jit.Codes.JitProgramFormat.ResourceName),
                default, 0);
        }
        var header = PEHeaderBuilder.CreateExecutableHeader();
        var builder = new ManagedPEBuilder(header, new MetadataRootBuilder(metadata), ilStream, fieldData, managedResources: resources,
            entryPoint: MetadataTokens.MethodDefinitionHandle(entryPoint.MetadataToken));
        var blob = new BlobBuilder();
        builder.Serialize(blob);
        // written beside and then moved, so a failure never leaves a truncated assembly behind
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            blob.WriteContentTo(stream);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The runtime, and for a program with a JitDriver this backend's assembly, whose JIT compiles its traces
    /// (only its Jit and Validation parts load at run time: nothing of the translator).</summary>
    private static void WriteRuntimeFiles(string outputDirectory, string name, bool withJit)
    {
        string[] assemblies = withJit ? [typeof(ProgramHost).Assembly.Location, typeof(AssemblyTranslator).Assembly.Location]
            : [typeof(ProgramHost).Assembly.Location];
        foreach (string assembly in assemblies)
            File.Copy(assembly, Path.Combine(outputDirectory, Path.GetFileName(assembly)), overwrite: true);
        string version = Environment.Version.ToString(2) + ".0";
        File.WriteAllText(Path.Combine(outputDirectory, name + ".runtimeconfig.json"),
            "{\n  \"runtimeOptions\": {\n    \"tfm\": \"net" + Environment.Version.ToString(2) + "\",\n"
            + "    \"framework\": { \"name\": \"Microsoft.NETCore.App\", \"version\": \"" + version + "\" },\n"
            + "    \"configProperties\": { \"System.GC.Concurrent\": false, \"System.Runtime.TieredPGO\": true }\n  }\n}\n");
    }
}
