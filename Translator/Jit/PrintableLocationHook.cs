// A JitDriver's get_printable_location names a green key in the JIT logs. No RPy code calls it: the JIT does, at
// run time, when its logs want locations. So the annotator would never see it; Pipeline.Annotate calls this after
// JitHintChecker to annotate it as called with the greens of the driver's merge point (PyPy's annotate_hooks),
// and Lowering lowers it for the backend's JIT tables. It must return a str: otherwise a located error.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;
using Ann = ClrPy.Translator.Annotation.Annotation;

namespace ClrPy.Translator.Jit;

public static class PrintableLocationHook
{
    /// <summary>Annotates the get_printable_location of each driver whose merge point the annotator reached.</summary>
    public static void Annotate(AnnotatedProgram program, IReadOnlyList<JitHintCall> hints)
    {
        foreach (var merge in hints)
        {
            if (merge is not { Hint: "jit_merge_point", Driver.PrintableLocation: { } hook } || CallWithGreens(program, merge, hook) is not { } result)
                continue;
            if (result is not (SomeStr or SomeChar))
                Fail(hook.Ast.Span, result is SomeImpossible
                    ? $"{hook.Name}() never returns, but as a get_printable_location it must return a str"
                    : $"{hook.Name}() returns {result.UserName}, but as a get_printable_location it must return a str",
                    result.Origin is { } origin ? [new DiagnosticNote($"the {result.UserName} it returns comes from here", origin)] : []);
        }
    }

    /// <summary>What the hook returns called with the merge point's greens, again until they settle (annotating the
    /// hook can re-flow the interpreter, through a function both call); null when the merge point was never reached.</summary>
    private static Ann? CallWithGreens(AnnotatedProgram program, JitHintCall merge, FunctionDesc hook)
    {
        Ann result;
        bool generalized;
        do
        {
            var greens = new List<Ann>();
            foreach (string green in merge.Driver.Greens)
            {
                if (AnnotationOf(program, merge.Arguments[green], merge.Call.Span) is not { } annotation)
                    return null;
                greens.Add(annotation);
            }
            result = program.CallFromOutside(hook, greens, merge.Call.Span, out generalized);
        }
        while (generalized);
        return result;
    }

    /// <summary>A green's annotation at the merge point; null when the merge point's block was never reached.</summary>
    private static Ann? AnnotationOf(AnnotatedProgram program, Value green, SourceSpan at) => green switch
    {
        Variable variable => program.Of(variable),
        Constant constant => program.Bookkeeper.Of(constant, at),
        _ => throw new InvalidOperationException("unknown value kind"),
    };

    private static void Fail(SourceSpan at, string message, DiagnosticNote[] notes) =>
        throw new DiagnosticException(Diagnostic.Error(JitHintChecker.HintId, at, message, notes));
}
