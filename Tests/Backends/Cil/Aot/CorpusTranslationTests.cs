// The CIL backend's round trip: every corpus program translated with `--backend=cil`, saved, and run
// with `dotnet` prints CPython's stdout and exits with CPython's code; no emitted method uses the
// `tail.` prefix (DESIGN.md decision 3), checked by decoding the saved assembly's IL.
using ClrPy.Backends.Cil.Aot;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Corpus;
using ClrPy.Tests.Support;
using ClrPy.Translator;

namespace ClrPy.Tests.Backends.Cil.Aot;

public sealed class CorpusTranslationTests
{
    private static readonly string OutputRoot = Path.Combine(Path.GetTempPath(), "clrpy-tests-cil-" + Environment.ProcessId);

    public static IEnumerable<TestCaseData> Programs() =>
        CpythonReferenceTests.Programs().Select(data => new TestCaseData(data.Arguments[0])
            .SetName("Translated_program_runs_as_on_CPython(" + Path.GetFileName((string)data.Arguments[0]!) + ")"));

    [OneTimeTearDown]
    public void RemoveOutputs()
    {
        if (Directory.Exists(OutputRoot))
            Directory.Delete(OutputRoot, recursive: true);
    }

    /// <summary>Translates a program into its own folder; returns the path of its assembly.</summary>
    internal static string Translate(string program)
    {
        var (source, error) = SourceLoader.Load(program);
        Assert.That(source, Is.Not.Null, error?.Headline);
        var parsed = PythonParser.Parse(source!);
        Assert.That(parsed.Succeeded, Is.True);
        string name = Path.GetFileNameWithoutExtension(program);
        string directory = Path.Combine(OutputRoot, name);
        AssemblyTranslator.Translate(Pipeline.Load(parsed.Module!).Lower(), directory, name);
        return Path.Combine(directory, name + ".dll");
    }

    [TestCaseSource(nameof(Programs))]
    public void Translated_program_runs_as_on_CPython(string program)
    {
        string assembly = Translate(program);
        var result = Processes.Run("dotnet", [assembly], Path.GetDirectoryName(program));
        Assert.That(result.ExitCode, Is.EqualTo(CpythonReferenceTests.ExpectedExitCode(program)), result.Stderr);
        CpythonAst.AssertSameDump(File.ReadAllText(Path.ChangeExtension(program, ".out")), result.Stdout, Path.GetFileName(program) + " output");
        var tailCalls = IlScanner.Methods(assembly).Where(m => m.Code.Contains(System.Reflection.Emit.OpCodes.Tailcall)).Select(m => m.Method).ToList();
        Assert.That(tailCalls, Is.Empty, "methods with a tail. prefix");
    }

    /// <summary>Microsoft's IL verifier, when installed (`dotnet tool install -g dotnet-ilverify`), checks every
    /// translated assembly too; it is not on the package mirror, so without it this test says so and stops.</summary>
    [Test]
    public void Translated_assemblies_pass_ilverify_when_it_is_installed()
    {
        string? ilverify = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(d => Path.Combine(d, "ilverify")).FirstOrDefault(File.Exists);
        if (ilverify is null)
            Assert.Ignore("ilverify is not on PATH; every emitted method is still checked by IlValidator");
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var data in Programs())
        {
            string assembly = Translate((string)data.Arguments[0]!);
            var result = Processes.Run(ilverify!, [assembly, "-r", Path.Combine(framework, "*.dll"),
                "-r", Path.Combine(Path.GetDirectoryName(assembly)!, "ClrPy.Runtime.dll")]);
            Assert.That(result.ExitCode, Is.EqualTo(0), Path.GetFileName(assembly) + ":\n" + result.Stdout + result.Stderr);
        }
    }

    [TestCase("uncaught_key_error.py")]
    [TestCase("uncaught_exception.py")]
    [TestCase("uncaught_deep.py")]
    public void An_uncaught_exception_ends_with_the_last_line_of_CPythons_traceback(string name)
    {
        string program = Repository.PathOf("Tests", "programs", name);
        var translated = Processes.Run("dotnet", [Translate(program)], Path.GetDirectoryName(program));
        var cpython = Processes.Python([program], Path.GetDirectoryName(program));
        Assert.That(translated.ExitCode, Is.EqualTo(1));
        Assert.That(translated.Stderr, Does.StartWith("Traceback (most recent call last):"));
        Assert.That(LastLine(translated.Stderr), Is.EqualTo(LastLine(cpython.Stderr)));
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1];
}
