// The flow graph of one function or method: parameters, a start block, one return block (one
// input: the returned value) and one except block (one input: the exception raised out of it).
// Built by FlowGraphBuilder; checked by FlowGraphChecker; printed by FlowPrinter and DotWriter.
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Flow;

public sealed class FunctionGraph
{
    private int _nextVariableId;

    public FunctionGraph(string name, string qualifiedName, SourceSpan span, IEnumerable<string> parameterNames)
    {
        Name = name;
        QualifiedName = qualifiedName;
        Span = span;
        Parameters = [.. parameterNames.Select(NewVariable)];
        StartBlock = new Block(Parameters);
        ReturnBlock = new Block([NewVariable("result")]);
        ExceptBlock = new Block([NewVariable("exc")]);
    }

    public string Name { get; }

    /// <summary>Module and class path, e.g. <c>interp.Frame.push</c>.</summary>
    public string QualifiedName { get; }

    /// <summary>The span of the <c>def</c>.</summary>
    public SourceSpan Span { get; }

    /// <summary>The start block's input variables, one per parameter in declaration order.</summary>
    public IReadOnlyList<Variable> Parameters { get; }

    public Block StartBlock { get; }

    public Block ReturnBlock { get; }

    public Block ExceptBlock { get; }

    public Variable NewVariable(string? nameHint) => new(_nextVariableId++, nameHint);

    /// <summary>Every block reachable from the start block, start block first, in depth-first order
    /// of exits, then the return and except blocks (always listed, reachable or not).</summary>
    public IReadOnlyList<Block> Blocks
    {
        get
        {
            var order = new List<Block>();
            var seen = new HashSet<Block> { ReturnBlock, ExceptBlock };
            var stack = new Stack<Block>();
            stack.Push(StartBlock);
            seen.Add(StartBlock);
            while (stack.Count > 0)
            {
                var block = stack.Pop();
                order.Add(block);
                for (int i = block.Exits.Count - 1; i >= 0; i--)
                {
                    if (seen.Add(block.Exits[i].Target))
                        stack.Push(block.Exits[i].Target);
                }
            }
            order.Add(ReturnBlock);
            order.Add(ExceptBlock);
            return order;
        }
    }

    public override string ToString() => $"graph {QualifiedName}";
}
