// `clrpy run` as an oracle: every corpus program, translated to typed graphs and run on the graph
// interpreter, prints CPython's output and exits with its code.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;
using ClrPy.Translator;
using ClrPy.Translator.Interpretation;

namespace ClrPy.Tests.Corpus;

public sealed class GraphInterpreterCorpusTests
{
    public static IEnumerable<TestCaseData> Programs() =>
        CpythonReferenceTests.Programs().Select(data => new TestCaseData(data.Arguments[0])
            .SetName("Runs_on_the_graph_interpreter_as_on_CPython(" + Path.GetFileName((string)data.Arguments[0]!) + ")"));

    /// <summary>Runs a program as `clrpy run PROGRAM ARGUMENTS` does, in-process, with a step limit.</summary>
    internal static (int ExitCode, string Stdout, string Problem) Run(string program, params string[] arguments) =>
        Run(program, jitcodes: false, arguments);

    /// <summary>Runs a program from its typed graphs, or from the codewriter's jitcodes (with operation helpers:
    /// as the CIL JIT build writes them).</summary>
    internal static (int ExitCode, string Stdout, string Problem) Run(string program, bool jitcodes, params string[] arguments) =>
        Run(program, jitcodes, operationHelpers: false, arguments);

    internal static (int ExitCode, string Stdout, string Problem) Run(string program, bool jitcodes, bool operationHelpers, params string[] arguments) =>
        Run(program, jitcodes, operationHelpers, 20_000_000, arguments);

    internal static (int ExitCode, string Stdout, string Problem) Run(string program, bool jitcodes, bool operationHelpers, long maxSteps,
        params string[] arguments)
    {
        var (source, error) = SourceLoader.Load(program);
        if (source is null)
            return (1, "", error!.Headline);
        var parsed = PythonParser.Parse(source);
        if (!parsed.Succeeded)
            return (1, "", parsed.Diagnostics[0].Headline);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            var typed = Pipeline.Load(parsed.Module!).Lower();
            var writer = jitcodes ? ClrPy.Translator.Jit.Codewriter.Write(typed, operationHelpers) : null;
            var codes = writer?.Codes;
            if (writer is not null)
                typed = writer.WithHelpers(typed);
            int code = ProgramRunner.Run(typed, [Path.GetFileName(program), .. arguments], stdout, stderr, maxSteps: maxSteps, jitCodes: codes);
            return (code, stdout.ToString(), stderr.ToString());
        }
        catch (DiagnosticException diagnostic)
        {
            return (1, stdout.ToString(), diagnostic.Diagnostic.Headline);
        }
        catch (Exception crash) when (crash is InvalidOperationException or NotSupportedException or StepLimitExceededException
                                       or InvalidCastException or ArgumentException or KeyNotFoundException or NullReferenceException)
        {
            return (2, stdout.ToString(), crash.GetType().Name + ": " + crash.Message);
        }
    }

    public static IEnumerable<TestCaseData> JitCodePrograms() =>
        CpythonReferenceTests.Programs().Select(data => new TestCaseData(data.Arguments[0])
            .SetName("Runs_from_its_jitcodes_as_on_CPython(" + Path.GetFileName((string)data.Arguments[0]!) + ")"));

    /// <summary>The codewriter keeps each program's meaning: run from its jitcodes, it prints what CPython prints.</summary>
    [TestCaseSource(nameof(JitCodePrograms))]
    public void Runs_from_its_jitcodes_as_on_CPython(string program) => AssertLikeCpython(program, jitcodes: true);

    [TestCaseSource(nameof(Programs))]
    public void Runs_on_the_graph_interpreter_as_on_CPython(string program) => AssertLikeCpython(program, jitcodes: false);

    /// <summary>Programs using lists, dicts, strs, tuples, iterators, raising arithmetic and exceptions, and the JIT ones.</summary>
    public static IEnumerable<TestCaseData> HelperPrograms() =>
        CpythonReferenceTests.Programs().Select(data => (string)data.Arguments[0]!)
            .Where(program => Path.GetFileName(program) is "jit_assembler.py" or "jit_brainfuck.py" or "jit_bytecode_vm.py" or "jit_interpreter.py"
                or "dicts_ops.py" or "lists_ops.py" or "strings_methods.py" or "tuples.py" or "exceptions_flow.py" or "int_arith.py"
                or "uncaught_key_error.py" or "hash_table.py" or "float_kernels.py")
            .Select(program => new TestCaseData(program).SetName("Runs_from_its_jitcodes_with_operation_helpers_as_on_CPython(" + Path.GetFileName(program) + ")"));

    /// <summary>With every operation the tracer does not model written as a residual call of its helper, the
    /// program still prints what CPython prints.</summary>
    [TestCaseSource(nameof(HelperPrograms))]
    public void Runs_from_its_jitcodes_with_operation_helpers_as_on_CPython(string program) =>
        AssertLikeCpython(program, jitcodes: true, operationHelpers: true);

    private static void AssertLikeCpython(string program, bool jitcodes, bool operationHelpers = false)
    {
        var (exitCode, stdout, problem) = Run(program, jitcodes, operationHelpers);
        string expected = File.ReadAllText(Path.ChangeExtension(program, ".out"));
        Assert.That(exitCode, Is.EqualTo(CpythonReferenceTests.ExpectedExitCode(program)), problem);
        CpythonAst.AssertSameDump(expected, stdout, Path.GetFileName(program) + " output");
    }
}
