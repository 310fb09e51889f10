// Builds the flow graph of one function from its AST (placeholder until the builder lands).
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

public static class FlowGraphBuilder
{
    public static FunctionGraph Build(ProgramDesc program, FunctionDesc function) =>
        throw new NotImplementedException($"flow graph builder for {function.QualifiedName} of {program.MainModule.Name}");
}
