// Cleans up a freshly built graph without changing its meaning: merges a block into its only
// predecessor when that predecessor jumps to it unconditionally, folds switches on constants, and
// drops block inputs that nothing uses (the builder passes every local along every link).
// Called by FlowGraphBuilder.Build.
namespace ClrPy.Translator.Flow;

public static class FlowSimplifier
{
    public static void Simplify(FunctionGraph graph)
    {
        JoinBlocks(graph);
        RemoveUnusedInputs(graph);
    }

    private static Dictionary<Block, int> CountPredecessors(FunctionGraph graph)
    {
        var counts = new Dictionary<Block, int>();
        foreach (var block in graph.Blocks)
        {
            foreach (var link in block.Exits)
                counts[link.Target] = counts.GetValueOrDefault(link.Target) + 1;
        }
        return counts;
    }

    private static void JoinBlocks(FunctionGraph graph)
    {
        var predecessors = CountPredecessors(graph);
        var stack = new Stack<Block>([graph.StartBlock]);
        var seen = new HashSet<Block> { graph.StartBlock };
        while (stack.Count > 0)
        {
            var block = stack.Pop();
            while (block.Switch == ExitSwitch.None && block.Exits.Count == 1 && block.Exits[0] is var link
                && link.Target != block && link.Target != graph.ReturnBlock && link.Target != graph.ExceptBlock
                && link.Target != graph.StartBlock && predecessors.GetValueOrDefault(link.Target) == 1)
            {
                var target = link.Target;
                var map = new Dictionary<Variable, Value>();
                for (int i = 0; i < target.Inputs.Count; i++)
                    map[target.Inputs[i]] = link.Args[i];
                block.Absorb(target, value => value is Variable v && map.TryGetValue(v, out var replacement) ? replacement : value);
            }
            foreach (var exit in block.Exits)
            {
                if (seen.Add(exit.Target))
                    stack.Push(exit.Target);
            }
        }
    }

    private static void RemoveUnusedInputs(FunctionGraph graph)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            var blocks = graph.Blocks;
            var incoming = new Dictionary<Block, List<Link>>();
            foreach (var block in blocks)
            {
                foreach (var link in block.Exits)
                {
                    if (!incoming.TryGetValue(link.Target, out var links))
                        incoming[link.Target] = links = [];
                    links.Add(link);
                }
            }
            foreach (var block in blocks)
            {
                if (block == graph.StartBlock || block == graph.ReturnBlock || block == graph.ExceptBlock)
                    continue;
                var used = UsedVariables(block);
                for (int i = block.Inputs.Count - 1; i >= 0; i--)
                {
                    if (used.Contains(block.Inputs[i]))
                        continue;
                    block.Inputs.RemoveAt(i);
                    foreach (var link in incoming.GetValueOrDefault(block, []))
                        link.Args.RemoveAt(i);
                    changed = true;
                }
            }
        }
    }

    private static HashSet<Variable> UsedVariables(Block block)
    {
        var used = new HashSet<Variable>();
        foreach (var operation in block.Operations)
        {
            foreach (var arg in operation.Args)
            {
                if (arg is Variable variable)
                    used.Add(variable);
            }
        }
        if (block.SwitchVariable is { } tested)
            used.Add(tested);
        foreach (var link in block.Exits)
        {
            foreach (var arg in link.Args)
            {
                if (arg is Variable variable)
                    used.Add(variable);
            }
        }
        return used;
    }
}
