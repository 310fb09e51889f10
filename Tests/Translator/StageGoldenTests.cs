// Golden dumps of the later stages: each Tests/Translator/golden/NAME.py is annotated, lowered and put
// through the codewriter, and each text dump must equal NAME.annotated.expected, NAME.typed.expected
// and NAME.jitcodes.expected (the flow dump has its own test, FlowGoldenTests). Run the tests with
// CLRPY_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;
using ClrPy.Translator;
using ClrPy.Translator.Jit;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator;

public sealed class StageGoldenTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        from program in Directory.GetFiles(Repository.PathOf("Tests", "Translator", "golden"), "*.py").Order(StringComparer.Ordinal)
        from stage in new[] { "annotated", "typed", "jitcodes" }
        select new TestCaseData(program, stage).SetName($"Dump_matches_its_golden_file({Path.GetFileName(program)}, {stage})");

    private static string Dump(string program, string stage)
    {
        var parsed = PythonParser.Parse(SourceLoader.Load(program).Source!);
        Assert.That(parsed.Succeeded, Is.True);
        var pipeline = Pipeline.Load(parsed.Module!);
        return stage switch
        {
            "annotated" => pipeline.Annotate().Dump(),
            "typed" => string.Concat(pipeline.Lower().Functions.OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => TypedPrinter.Print(f.Graph!) + "\n")),
            _ => string.Concat(Codewriter.Write(pipeline.Lower()).Codes.Values.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => JitCodePrinter.Print(c) + "\n")),
        };
    }

    [TestCaseSource(nameof(Cases))]
    public void Dump_matches_its_golden_file(string program, string stage)
    {
        string actual = Dump(program, stage);
        string expectedPath = Path.ChangeExtension(program, "." + stage + ".expected");
        if (Environment.GetEnvironmentVariable("CLRPY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            Assert.Pass("golden file updated");
        }
        Assert.That(File.Exists(expectedPath), Is.True, $"{expectedPath} is missing: run the tests with CLRPY_UPDATE_GOLDEN=1");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(expectedPath).Replace("\r\n", "\n")));
    }

    [TestCaseSource(nameof(Cases))]
    public void Dump_is_the_same_when_made_twice(string program, string stage) =>
        Assert.That(Dump(program, stage), Is.EqualTo(Dump(program, stage)));
}
