// Test helpers: annotate an RPy program given as text and look at what the annotator inferred
// (a function's parameters and result) or at the diagnostic it reported.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using AnnotationValue = ClrPy.Translator.Annotation.Annotation;

namespace ClrPy.Tests.Translator.Annotation;

internal static class Annotating
{
    public static AnnotatedProgram Program(string text, string path = "prog.py")
    {
        var program = Load(text, path);
        return Annotator.Annotate(program.Main, program.GetGraph);
    }

    public static ProgramDesc Load(string text, string path = "prog.py")
    {
        var parsed = PythonParser.Parse(new SourceText(path, text));
        Assert.That(parsed.Module, Is.Not.Null, () => string.Join("\n", parsed.Diagnostics));
        return ProgramLoader.Load(parsed.Module!);
    }

    public static AnnotatedProgram File(string path)
    {
        var program = ProgramLoader.LoadFile(path);
        return Annotator.Annotate(program.Main, program.GetGraph);
    }

    /// <summary>The diagnostic annotating the program reports (the test fails when there is none).</summary>
    public static Diagnostic Error(string text)
    {
        var error = Assert.Throws<DiagnosticException>(() => Program(text))!;
        return error.Diagnostic;
    }

    public static AnnotationValue? Result(this AnnotatedProgram program, string function) =>
        program.Of(Graph(program, function).ReturnBlock.Inputs[0]);

    public static AnnotationValue? Parameter(this AnnotatedProgram program, string function, int index) =>
        program.Of(Graph(program, function).Parameters[index]);

    private static ClrPy.Translator.Flow.FunctionGraph Graph(AnnotatedProgram program, string function) =>
        program.Graphs.Single(pair => pair.Key.QualifiedName == function).Value;
}
