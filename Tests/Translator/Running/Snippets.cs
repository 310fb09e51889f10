// Runs small RPy programs given as text two ways, through the whole translator on the graph
// interpreter (what `clrpy run` does) and on CPython, so tests of single constructs are differential:
// the expected output is whatever CPython prints, never a string written into the test.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;
using ClrPy.Translator;
using ClrPy.Translator.Interpretation;

namespace ClrPy.Tests.Translator.Running;

internal static class Snippets
{
    /// <summary>Translates and runs a program on the graph interpreter; a user error becomes exit code 1
    /// with the diagnostic's headline as stderr.</summary>
    public static ProcessResult RunTranslated(string source, string path = "snippet.py", bool jitcodes = false, bool operationHelpers = false)
    {
        var parsed = PythonParser.Parse(new SourceText(path, source));
        if (!parsed.Succeeded)
            return new ProcessResult(1, "", parsed.Diagnostics[0].Headline);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            var typed = Pipeline.Load(parsed.Module!).Lower();
            var writer = jitcodes ? ClrPy.Translator.Jit.Codewriter.Write(typed, operationHelpers) : null;
            var codes = writer?.Codes;
            if (writer is not null)
                typed = writer.WithHelpers(typed);
            int code = ProgramRunner.Run(typed, [path], stdout, stderr, maxSteps: 5_000_000, jitCodes: codes);
            return new ProcessResult(code, stdout.ToString(), stderr.ToString());
        }
        catch (DiagnosticException diagnostic)
        {
            return new ProcessResult(1, stdout.ToString(), diagnostic.Diagnostic.Headline);
        }
    }

    /// <summary>Translates a program with the CIL backend into a temporary folder and runs the assembly with dotnet.</summary>
    public static ProcessResult RunTranslatedCil(string source, string name = "snippet", Dictionary<string, string>? environment = null)
    {
        var parsed = PythonParser.Parse(new SourceText(name + ".py", source));
        if (!parsed.Succeeded)
            return new ProcessResult(1, "", parsed.Diagnostics[0].Headline);
        string directory = Directory.CreateTempSubdirectory("clrpy-snippet-cil-").FullName;
        try
        {
            ClrPy.Backends.Cil.Aot.AssemblyTranslator.Translate(Pipeline.Load(parsed.Module!).Lower(), directory, name);
            return Processes.Run("dotnet", [Path.Combine(directory, name + ".dll")], environment: environment);
        }
        catch (DiagnosticException diagnostic)
        {
            return new ProcessResult(1, "", diagnostic.Diagnostic.Headline);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static ProcessResult RunOnCpython(string source)
    {
        string file = Path.Combine(Path.GetTempPath(), $"clrpy-snippet-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, source + "\n\nif __name__ == '__main__':\n    import sys\n    sys.exit(main(sys.argv))\n");
        try
        {
            return Processes.Python([file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Asserts that the translated program prints what CPython prints and exits with its code.</summary>
    public static void AssertLikeCpython(string source, bool jitcodes = false, bool cil = false, bool operationHelpers = false)
    {
        var expected = RunOnCpython(source);
        Assert.That(expected.Stderr, Does.Not.Contain("SyntaxError"), "the snippet is not valid Python");
        var actual = cil ? RunTranslatedCil(source) : RunTranslated(source, jitcodes: jitcodes, operationHelpers: operationHelpers);
        Assert.That(actual.Stdout, Is.EqualTo(expected.Stdout), actual.Stderr);
        Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), actual.Stderr);
    }
}
