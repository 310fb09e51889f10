// The whole program as the translator sees it: its modules, the main function, every function and
// class, and the prebuilt instances made by module-level code. Produced by ProgramLoader; the
// annotator starts from Main and asks for graphs with GetGraph.
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Descriptions;

public sealed class ProgramDesc(ModuleDesc mainModule)
{
    public ModuleDesc MainModule { get; } = mainModule;

    /// <summary>Every module by dotted name, the main module as <c>__main__</c>.</summary>
    public Dictionary<string, ModuleDesc> Modules { get; } = [];

    /// <summary>The entry point <c>main(argv)</c> of the main module.</summary>
    public FunctionDesc Main { get; internal set; } = null!;

    /// <summary>Every function and method in definition order (across modules in import order).</summary>
    public List<FunctionDesc> Functions { get; } = [];

    public List<ClassDesc> Classes { get; } = [];

    public List<PrebuiltInstance> PrebuiltInstances { get; } = [];

    /// <summary>The flow graph of a function, built on first request (throws DiagnosticException on not-RPy code).</summary>
    public FunctionGraph GetGraph(FunctionDesc function) => function.Graph ??= FlowGraphBuilder.Build(this, function);

    /// <summary>Builds the graphs of every function and method, in definition order.</summary>
    public IReadOnlyList<FunctionGraph> BuildAllGraphs() => [.. Functions.Select(GetGraph)];
}
