// The annotator's result: every annotated graph and each variable's annotation, for the typer and
// for `--dump=annotated` (the flow printer with each variable's type as a note). The JIT's hooks, which no
// RPy code calls, are added to it afterwards (CallFromOutside).
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed class AnnotatedProgram(Annotator annotator, IReadOnlyDictionary<FunctionDesc, FunctionGraph> graphs,
    IReadOnlyDictionary<Variable, Annotation> bindings)
{
    public IReadOnlyDictionary<FunctionDesc, FunctionGraph> Graphs { get; } = graphs;

    public Bookkeeper Bookkeeper => annotator.Bookkeeper;

    /// <summary>Blocks flowed in total, re-flows included.</summary>
    public int BlockFlowCount => annotator.BlockFlowCount;

    /// <summary>Annotates a call the translated program makes from outside RPy code, re-flowing what it changes
    /// (Annotator.CallFromOutside); returns what the function returns.</summary>
    public Annotation CallFromOutside(FunctionDesc function, IReadOnlyList<Annotation> args, SourceSpan at, out bool generalized) =>
        annotator.CallFromOutside(function, args, at, out generalized);

    /// <summary>The annotation of a variable; null when its block was never reached.</summary>
    public Annotation? Of(Variable variable) => bindings.GetValueOrDefault(variable);

    /// <summary>The annotated dump: the flow printer's text with <c>: type</c> after each definition.</summary>
    public string Dump() =>
        FlowPrinter.Print(Graphs.Values.OrderBy(graph => graph.QualifiedName, StringComparer.Ordinal), variable => Of(variable)?.ToString());
}
