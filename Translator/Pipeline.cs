// The translator's stages in order, shared by `clrpy run` and `clrpy translate`: load the program
// (modules, module-level constants), build flow graphs, annotate from main(argv), lower to typed
// graphs. Each stage throws DiagnosticException on a user error; the caller reports it.
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Typing;

namespace ClrPy.Translator;

public sealed class Pipeline
{
    private Pipeline(ProgramDesc program) => Program = program;

    public ProgramDesc Program { get; }

    public AnnotatedProgram? Annotated { get; private set; }

    public TypedProgram? Typed { get; private set; }

    public static Pipeline Load(Module mainModule) => new(ProgramLoader.Load(mainModule));

    /// <summary>The annotated program; its JIT hints are checked too (JitHintChecker), and the drivers'
    /// get_printable_location, which only the JIT calls, annotated (PrintableLocationHook).</summary>
    public AnnotatedProgram Annotate()
    {
        if (Annotated is not null)
            return Annotated;
        var annotated = Annotator.Annotate(Program.Main, Program.GetGraph);
        JitHints = Jit.JitHintChecker.Check(annotated);
        Jit.PrintableLocationHook.Annotate(annotated, JitHints);
        Jit.ImmutableFieldChecker.Check(annotated);
        return Annotated = annotated;
    }

    /// <summary>The program's jit_merge_point and can_enter_jit calls (after Annotate).</summary>
    public IReadOnlyList<Jit.JitHintCall> JitHints { get; private set; } = [];

    /// <summary>The typed program; every graph is checked by TypedGraphVerifier (a problem is a bug in lowering).</summary>
    public TypedProgram Lower()
    {
        if (Typed is not null)
            return Typed;
        var typed = Lowering.Lower(Annotate(), Program.Main, JitHints);
        foreach (var function in typed.Functions.Where(f => f.Graph is not null))
        {
            TypedGraphSimplifier.Simplify(function.Graph!);
            RepeatFusion.Fuse(function.Graph!);
        }
        var problems = typed.Functions.Where(f => f.Graph is not null).SelectMany(f => TypedGraphVerifier.Verify(f.Graph!)).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("lowering produced ill-typed graphs:\n" + string.Join("\n", problems.Take(10)));
        return Typed = typed;
    }
}
