// The JIT data of translated programs read back in-process: the examples' assemblies carry the codewriter's
// jitcodes (code words, constants, meanings, positions) with descriptors resolved to the right CLR members,
// the portal hooks obey a fake engine (jump to the merge point with other values, return for the portal), and
// the portal's resume entry goes on from the merge point with the values of the state it is given.
// Programs without a driver embed nothing.
using System.Reflection;
using System.Runtime.Loader;
using ClrPy.Backends.Cil.Aot;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Support;
using ClrPy.Translator;
using ClrPy.Translator.Jit;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Backends.Cil.Aot;

[NonParallelizable]
public sealed class JitEmbeddingTests
{
    private static readonly string OutputRoot = Path.Combine(Path.GetTempPath(), "clrpy-tests-jitembed-" + Environment.ProcessId);

    [OneTimeTearDown]
    public void RemoveOutputs()
    {
        if (Directory.Exists(OutputRoot))
            Directory.Delete(OutputRoot, recursive: true);
    }

    [TearDown]
    public void LeaveTheJitOut()
    {
        JitDriverState.Engine = null;
        JitInstall.EngineFactory = null;
    }

    private static TypedProgram Lower(string path)
    {
        var (source, error) = SourceLoader.Load(path);
        Assert.That(source, Is.Not.Null, error?.Headline);
        var parsed = PythonParser.Parse(source!);
        Assert.That(parsed.Succeeded, Is.True);
        return Pipeline.Load(parsed.Module!).Lower();
    }

    /// <summary>Translates a program and loads its assembly in a collectible context.</summary>
    private static Assembly TranslateAndLoad(TypedProgram program, string name)
    {
        string directory = Path.Combine(OutputRoot, name);
        AssemblyTranslator.Translate(program, directory, name);
        var context = new AssemblyLoadContext(name + "-" + Guid.NewGuid(), isCollectible: true);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(directory, name + ".dll"));
        Assert.That(assembly.GetType("RpyProgram")!.Assembly.GetReferencedAssemblies().Any(r => r.Name == "ClrPy.Runtime"));
        Invoke(assembly, "RpyConstants", "Init");
        return assembly;
    }

    private static object? Invoke(Assembly assembly, string type, string method, params object?[] args) =>
        assembly.GetType(type)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);

    private static string Example(string name) => Repository.PathOf(Path.Combine("examples", name + ".py"));

    [TestCase("tiny_interpreter", "interpret", new[] { "pc", "program" }, new[] { "acc", "bound" })]
    [TestCase("brainfuck", "run", new[] { "pc", "program" }, new[] { "pointer", "machine" })]
    [TestCase("stack_vm", "execute", new[] { "pc", "function" }, new[] { "frame" })]
    public void The_embedded_jitcodes_are_the_codewriters_with_descriptors_resolved(string example, string portal, string[] greens, string[] reds)
    {
        var typed = Lower(Example(example));
        var expected = Codewriter.Write(typed, operationHelpers: true);
        var program = (JitProgram)Invoke(TranslateAndLoad(typed, example), "RpyProgram", "LoadJitProgram")!;

        Assert.That(program.Instructions.Instructions.Select(i => i.Key), Is.EqualTo(expected.Instructions.Instructions.Select(i => i.Key)));
        Assert.That(program.Drivers, Has.Length.EqualTo(1));
        var driver = program.Drivers[0];
        Assert.That(driver.Greens.Select(v => v.Name), Is.EqualTo(greens));
        Assert.That(driver.Reds.Select(v => v.Name), Is.EqualTo(reds));
        Assert.That(driver.Portal.Name, Is.EqualTo(portal));
        Assert.That(program.Codes[driver.Portal.JitCode].Name, Is.EqualTo(portal));
        var portalCode = program.Codes[driver.Portal.JitCode];
        Assert.That(portalCode.Instructions[portalCode.Code[driver.MergePointOffset]].Name, Is.EqualTo("jit_merge_point"));
        Assert.That(driver.Portal.Method.Name, Is.EqualTo(portal));
        Assert.That(driver.Portal.Method.DeclaringType!.Name, Is.EqualTo("RpyProgram"));
        var resume = driver.ResumeEntry!;
        Assert.That((resume.Name, resume.IsStatic, resume.DeclaringType!.Name), Is.EqualTo(("jit$resume$0", true, "RpyProgram")));
        Assert.That(resume.GetParameters().Select(p => p.ParameterType), Is.EqualTo(new[] { typeof(JitDriverState) }));
        Assert.That(resume.ReturnType, Is.EqualTo(driver.Portal.Method.ReturnType));

        var byName = expected.Codes.GroupBy(pair => pair.Value.Name).ToDictionary(group => group.Key, group => group.Select(pair => pair).ToList());
        foreach (var code in program.Codes)
        {
            Assert.That(byName.ContainsKey(code.Name), code.Name);
            var original = byName[code.Name].Single(candidate => candidate.Value.Code.SequenceEqual(code.Code)).Value;
            Assert.That(code.VariableRegisters, Is.EqualTo(original.VariableRegisters), code.Name);
            Assert.That(code.IntConstants, Is.EqualTo(original.IntConstants), code.Name);
            Assert.That(code.IntMeanings, Is.EqualTo(original.IntMeanings), code.Name);
            Assert.That(code.FloatConstants.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(original.FloatConstants.Select(BitConverter.DoubleToInt64Bits)));
            Assert.That(code.Parameters, Is.EqualTo(original.Parameters), code.Name);
            Assert.That(code.Positions, Is.EquivalentTo(original.Positions), code.Name);
            Assert.That(code.RefConstants, Has.Count.EqualTo(original.RefConstants.Count));
            for (int i = 0; i < code.RefConstants.Count; i++)
            {
                if (original.RefConstants[i] is string text && original.RefConstantTypes[i] is LowLevelType { Kind: TypeKind.Str })
                    Assert.That(code.RefConstants[i], Is.EqualTo(text));
                else if (original.RefConstants[i] is not null && original.RefConstantTypes[i] is LowLevelType { Kind: not TypeKind.NoneType })
                    Assert.That(code.RefConstants[i], Is.Not.Null, $"{code.Name} ref constant {i}: {original.RefConstants[i]}");
            }
            Assert.That(code.Descriptors, Has.Count.EqualTo(original.Descriptors.Count));
            for (int i = 0; i < code.Descriptors.Count; i++)
                AssertResolved(original.Descriptors[i], code.Descriptors[i], program);
        }
    }

    private static void AssertResolved(object? original, object? resolved, JitProgram program)
    {
        switch (original)
        {
            case FunctionDescriptor function:
                var jitFunction = (JitFunction)resolved!;
                Assert.That(jitFunction.Name, Is.EqualTo(function.Name));
                Assert.That(jitFunction.Method.Name, Does.StartWith(function.Name));
                Assert.That(jitFunction.Method.GetParameters(), Has.Length.EqualTo(function.Parameters.Length));
                if (function.Name.StartsWith("jit$op$", StringComparison.Ordinal))
                    Assert.That(jitFunction.Has(JitFunctionFlags.OperationHelper | JitFunctionFlags.DontLookInside) && jitFunction.JitCode < 0, function.Name);
                else if (jitFunction.JitCode >= 0)
                    Assert.That(program.Codes[jitFunction.JitCode].Name, Is.EqualTo(function.Name));
                break;
            case FieldDescriptor field:
                var jitField = (JitField)resolved!;
                Assert.That(jitField.Name, Is.EqualTo(field.ToString()));
                Assert.That(jitField.Field.Name, Is.EqualTo(field.Name).IgnoreCase, "builtin exception fields are the runtime's (Message)");
                break;
            case ClassDescriptor cls:
                var jitClass = (JitClass)resolved!;
                Assert.That(jitClass.Name, Is.EqualTo(cls.Name));
                Assert.That(jitClass.Type.Name, Does.Contain(cls.Name));
                Assert.That(jitClass.Constructor?.DeclaringType, Is.EqualTo(jitClass.Type));
                break;
            case MethodDescriptor slot:
                var jitSlot = (JitMethodSlot)resolved!;
                Assert.That(jitSlot.Name, Is.EqualTo(slot.ToString()));
                Assert.That(jitSlot.Implementations, Is.Not.Empty);
                break;
            case JitDriverInfo:
                Assert.That(resolved, Is.SameAs(program.Drivers[0]));
                break;
            default:
                Assert.That(resolved, Is.EqualTo(original));
                break;
        }
    }

    [Test]
    public void Field_flags_come_from_immutable_fields_and_virtualizable()
    {
        var typed = Lower(Example("stack_vm"));
        var program = (JitProgram)Invoke(TranslateAndLoad(typed, "stack_vm_fields"), "RpyProgram", "LoadJitProgram")!;
        var fields = program.Codes.SelectMany(code => code.Descriptors).OfType<JitField>().DistinctBy(field => field.Name).ToDictionary(field => field.Name);
        Assert.That(fields["Function.code"].Flags, Is.EqualTo(JitFieldFlags.Immutable | JitFieldFlags.ImmutableItems));
        Assert.That(fields["Frame.depth"].Flags, Is.EqualTo(JitFieldFlags.Virtualizable));
        Assert.That(fields["Frame.stack"].Has(JitFieldFlags.Virtualizable));
        var raising = program.Codes.SelectMany(code => code.Descriptors).OfType<JitFunction>().Where(f => f.Has(JitFunctionFlags.CanRaise)).Select(f => f.Name);
        Assert.That(raising, Has.Some.StartsWith("jit$op$list_getitem$"), "list indexing raises IndexError");
    }

    /// <summary>An engine that answers from a function of the call count and the driver's state.</summary>
    private sealed class FakeEngine(Func<int, JitDriverState, JitEntry> answer) : IJitEngine
    {
        public int Calls { get; private set; }

        public JitEntry CanEnterJit(JitDriverState driver) => answer(++Calls, driver);
    }

    /// <summary>Runs tiny_interpreter in-process with BOUND and the engine; returns its stdout.</summary>
    private static string RunTiny(Assembly assembly, IJitEngine? engine, string bound)
    {
        Invoke(assembly, "RpyConstants", "Init");
        JitInstall.EngineFactory = () => engine;
        Invoke(assembly, "RpyProgram", "InstallJit");
        var entry = assembly.GetType("RpyProgram")!.GetMethod("Entry")!.CreateDelegate<Func<RList<string>, long>>();
        var stdout = new StringWriter();
        int exit = ProgramHost.Run(entry, "tiny_interpreter.py", [bound], stdout, new StringWriter());
        Assert.That(exit, Is.EqualTo(0));
        return stdout.ToString();
    }

    [Test]
    public void Without_an_engine_or_when_the_engine_never_enters_the_output_is_unchanged()
    {
        var assembly = TranslateAndLoad(Lower(Example("tiny_interpreter")), "tiny_plain");
        Assert.That(RunTiny(assembly, null, "100"), Is.EqualTo("100\n"));
        var engine = new FakeEngine((_, _) => JitEntry.NotEntered);
        Assert.That(RunTiny(assembly, engine, "100"), Is.EqualTo("100\n"));
        Assert.That(engine.Calls, Is.EqualTo(49), "one can_enter_jit per backward jump");
        Assert.That(JitInstall.Drivers, Has.Length.EqualTo(1));
        Assert.That(JitInstall.Program.Drivers[0].Portal.Name, Is.EqualTo("interpret"), "the installed loader reads the program");
    }

    [Test]
    public void At_merge_point_the_portal_continues_with_the_values_the_engine_left()
    {
        var assembly = TranslateAndLoad(Lower(Example("tiny_interpreter")), "tiny_merge");
        var seen = new List<(long Pc, long Acc, long Bound, object? Program)>();
        var engine = new FakeEngine((call, state) =>
        {
            // greens pc (int slot 0), program (ref slot 0); reds acc (int slot 1), bound (int slot 2)
            seen.Add((state.Ints[0], state.Ints[1], state.Ints[2], state.Refs[0]));
            if (call != 3)
                return JitEntry.NotEntered;
            state.Ints[1] = 1001;
            return JitEntry.AtMergePoint;
        });
        // from the merge point at pc 0 with acc 1001: +3, -1, then acc >= bound ends the loop
        Assert.That(RunTiny(assembly, engine, "100"), Is.EqualTo("1003\n"));
        Assert.That(engine.Calls, Is.EqualTo(3));
        Assert.That(seen.Select(s => (s.Pc, s.Acc, s.Bound)), Is.EqualTo(new[] { (0L, 2L, 100L), (0L, 4L, 100L), (0L, 6L, 100L) }));
        Assert.That(seen[0].Program?.GetType().Name, Is.EqualTo("Program"));
    }

    [Test]
    public void Returned_makes_the_portal_return_what_the_engine_returned()
    {
        var assembly = TranslateAndLoad(Lower(Example("tiny_interpreter")), "tiny_return");
        var engine = new FakeEngine((_, state) =>
        {
            state.ReturnInt = 4242;
            return JitEntry.Returned;
        });
        Assert.That(RunTiny(assembly, engine, "100"), Is.EqualTo("4242\n"));
        Assert.That(engine.Calls, Is.EqualTo(1));
    }

    [Test]
    public void The_resume_entry_runs_the_portal_on_from_its_merge_point_with_the_states_values_hooks_included()
    {
        var assembly = TranslateAndLoad(Lower(Example("tiny_interpreter")), "tiny_resume");
        object? program = null;
        var seen = new List<(long Pc, long Acc)>();
        var engine = new FakeEngine((_, state) =>
        {
            program ??= state.Refs[0];
            seen.Add((state.Ints[0], state.Ints[1]));
            return JitEntry.NotEntered;
        });
        RunTiny(assembly, engine, "100");
        seen.Clear();
        var resume = assembly.GetType("RpyProgram")!.GetMethod("jit$resume$0")!;
        // greens pc (int slot 0), program (ref slot 0); reds acc (int slot 1), bound (int slot 2)
        var state = new JitDriverState(0, 3, 1, 0);
        (state.Ints[0], state.Refs[0], state.Ints[1], state.Ints[2]) = (2, program, 10, 100);
        Assert.That(resume.Invoke(null, [state]), Is.EqualTo(101L));
        // at pc 2, decrease by 1: 9; then can_enter_jit at pc 0 for 9, 11, ... 99; 101 ends the loop
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 46).Select(i => (0L, 9L + 2 * i))));
        Assert.That(Pending.Exception, Is.Null);

        state.Ints[0] = 1;
        resume.Invoke(null, [state]);
        var raised = Pending.Take();
        Assert.That((raised?.GetType(), raised?.Message), Is.EqualTo((typeof(PyValueError), "bad opcode 3")),
            "pc 1 reads an operand as the opcode: the resume entry raises as the portal does, leaving the exception pending");
    }

    [Test]
    public void A_program_without_a_driver_embeds_nothing()
    {
        var parsed = PythonParser.Parse(new SourceText("plain.py", "def main(argv):\n    print(len(argv))\n    return 0\n"));
        var assembly = TranslateAndLoad(Pipeline.Load(parsed.Module!).Lower(), "plain");
        Assert.That(assembly.GetManifestResourceNames(), Is.Empty);
        Assert.That(assembly.GetType("RpyProgram")!.GetMethod("InstallJit"), Is.Null);
        Assert.That(assembly.GetType("RpyProgram")!.GetMethods().Select(m => m.Name), Has.None.StartsWith("jit$op$"));
    }
}
