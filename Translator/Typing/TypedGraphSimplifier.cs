// Joins chains of blocks that lowering leaves behind (a block whose only predecessor ends in a plain
// goto to it is appended to that predecessor, its inputs replaced by the values the goto passed), so
// the backends and the codewriter see fewer blocks and fewer moves. Meaning is unchanged: block inputs
// are local to their block, so the replacement touches only the joined block's operations and exit.
namespace ClrPy.Translator.Typing;

public static class TypedGraphSimplifier
{
    public static void Simplify(TypedGraph graph)
    {
        var predecessors = new Dictionary<TypedBlock, int>();
        foreach (var block in graph.Blocks())
        {
            foreach (var link in block.Links)
                predecessors[link.Target] = predecessors.GetValueOrDefault(link.Target) + 1;
        }
        foreach (var block in graph.Blocks())
        {
            while (block.Exit == TypedExit.Goto && block.Links is [var link] && link.Target is var next
                   && next != block && next != graph.StartBlock && next != graph.ReturnBlock && next != graph.ExceptBlock
                   && predecessors.GetValueOrDefault(next) == 1)
            {
                Absorb(graph, block, next, link);
                predecessors.Remove(next);
            }
        }
    }

    private static void Absorb(TypedGraph graph, TypedBlock block, TypedBlock next, TypedLink link)
    {
        var map = new Dictionary<TypedVariable, TypedValue>();
        for (int i = 0; i < next.Inputs.Length; i++)
            map[next.Inputs[i]] = link.Args[i];
        TypedValue Map(TypedValue value) => value is TypedVariable variable && map.TryGetValue(variable, out var replacement) ? replacement : value;
        foreach (var operation in next.Operations)
            block.Operations.Add(new TypedOperation(operation.Code, [.. operation.Args.Select(Map)], operation.Result, operation.Descriptor, operation.Span));
        TypedLink Relink(TypedLink old) => new(old.Target, old.Args.Select(Map)) { Catches = old.Catches, ExceptionValue = old.ExceptionValue };
        var links = next.Links.Select(Relink).ToList();
        block.ClearExit();
        switch (next.Exit)
        {
            case TypedExit.Goto:
                block.Goto(links[0]);
                break;
            case TypedExit.Bool:
            {
                var condition = Map(next.Condition!);
                if (condition is not TypedVariable variable)
                {
                    // a constant condition still needs a variable to switch on
                    variable = graph.NewVariable(null, condition.Type);
                    block.Operations.Add(new TypedOperation(LowOpCode.SameAs, [condition], variable, null, null));
                }
                block.Branch(variable, links[0], links[1]);
                break;
            }
            case TypedExit.LastException:
                block.Catch(links[0], links.Skip(1));
                break;
        }
    }
}
