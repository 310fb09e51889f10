// Cleans up a freshly built graph without changing its meaning: merges a block into its only
// predecessor when that predecessor jumps to it unconditionally, folds switches on constants, and
// drops block inputs that nothing uses (the builder passes every local along every link).
// Called by FlowGraphBuilder.Build.
namespace ClrPy.Translator.Flow;

public static class FlowSimplifier
{
    public static void Simplify(FunctionGraph graph)
    {
        SkipForwardingBlocks(graph);
        JoinBlocks(graph);
        RemoveDeadInputs(graph);
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

    /// <summary>Sends links that lead to an empty block ending in a goto straight to that goto's target.</summary>
    private static void SkipForwardingBlocks(FunctionGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var link in block.Exits)
            {
                var seen = new HashSet<Block>();
                while (link.Target is { Operations.Count: 0, Switch: ExitSwitch.None, Exits: [var onward] } forwarding
                    && forwarding != graph.StartBlock && onward.Target != forwarding && seen.Add(forwarding))
                {
                    var map = new Dictionary<Variable, Value>();
                    for (int i = 0; i < forwarding.Inputs.Count; i++)
                        map[forwarding.Inputs[i]] = link.Args[i];
                    var args = onward.Args.Select(value => value is Variable v && map.TryGetValue(v, out var passed) ? passed : value).ToList();
                    link.Target = onward.Target;
                    link.Args.Clear();
                    link.Args.AddRange(args);
                }
            }
        }
    }

    /// <summary>Drops block inputs that are not live: not used by the block's operations or switch,
    /// and not passed to a live input of a successor.</summary>
    private static void RemoveDeadInputs(FunctionGraph graph)
    {
        var blocks = graph.Blocks;
        var live = new HashSet<Variable>(graph.ReturnBlock.Inputs.Concat(graph.ExceptBlock.Inputs));
        foreach (var block in blocks)
        {
            foreach (var operation in block.Operations)
                live.UnionWith(operation.Args.OfType<Variable>());
            if (block.SwitchVariable is { } tested)
                live.Add(tested);
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var block in blocks)
            {
                foreach (var link in block.Exits)
                {
                    for (int i = 0; i < link.Args.Count; i++)
                    {
                        if (link.Args[i] is Variable passed && live.Contains(link.Target.Inputs[i]) && live.Add(passed))
                            changed = true;
                    }
                }
            }
        }
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
            for (int i = block.Inputs.Count - 1; i >= 0; i--)
            {
                if (live.Contains(block.Inputs[i]))
                    continue;
                block.Inputs.RemoveAt(i);
                foreach (var link in incoming.GetValueOrDefault(block, []))
                    link.Args.RemoveAt(i);
            }
        }
    }
}
