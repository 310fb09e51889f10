// PyPy's contract for can_enter_jit: it passes exactly the greens and reds the next jit_merge_point will see,
// because the JIT enters its compiled loop at the merge point with them. Code that changes a green or a red
// between the two (a `pc += 1` after can_enter_jit) would be skipped by the JIT, and its loop would never close.
// Follows every path from each can_enter_jit to the merge point through the flow graph, mapping the values along
// links. Called by JitHintChecker for each function holding a merge point.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Jit;

public static class CanEnterJitChecker
{
    public static void Check(FunctionGraph graph, JitHintCall canEnter, JitHintCall merge)
    {
        var (start, at) = Locate(graph, canEnter.Call);
        var (mergeBlock, mergeAt) = Locate(graph, merge.Call);
        // the name of the green or red each value stands for, on the path being followed
        var names = new Dictionary<Value, string>();
        foreach (var (name, value) in canEnter.Arguments)
            names.TryAdd(value, name);
        var visited = new HashSet<Block>();
        var pending = new Stack<(Block Block, Dictionary<Value, string> Names)>();
        if (start == mergeBlock && mergeAt > at)
        {
            CheckArrival(canEnter, merge, names);
            return;
        }
        foreach (var link in start.Exits)
            pending.Push((link.Target, Along(link, names)));
        while (pending.Count > 0)
        {
            var (block, known) = pending.Pop();
            if (block == mergeBlock)
            {
                CheckArrival(canEnter, merge, known);
                continue;
            }
            if (!visited.Add(block))
                continue;
            foreach (var link in block.Exits)
                pending.Push((link.Target, Along(link, known)));
        }
    }

    private static (Block Block, int Index) Locate(FunctionGraph graph, Operation operation)
    {
        foreach (var block in graph.Blocks)
        {
            int index = block.Operations.IndexOf(operation);
            if (index >= 0)
                return (block, index);
        }
        throw new InvalidOperationException("a JIT hint call that is in no block of its graph");
    }

    /// <summary>The names the target's inputs carry when the link passes the named values.</summary>
    private static Dictionary<Value, string> Along(Link link, Dictionary<Value, string> names)
    {
        var mapped = new Dictionary<Value, string>();
        for (int i = 0; i < link.Args.Count; i++)
        {
            if (names.TryGetValue(link.Args[i], out var name))
                mapped.TryAdd(link.Target.Inputs[i], name);
        }
        return mapped;
    }

    private static void CheckArrival(JitHintCall canEnter, JitHintCall merge, Dictionary<Value, string> names)
    {
        foreach (var (name, value) in merge.Arguments)
        {
            if (names.TryGetValue(value, out var carried) && carried == name)
                continue;
            throw new DiagnosticException(Diagnostic.Error(JitHintChecker.HintId, canEnter.Call.Span,
                $"'{name}' changes between can_enter_jit() and jit_merge_point(): pass can_enter_jit() the values the "
                + "merge point will see next (the JIT enters its loop at the merge point with them), e.g. update it before the call"));
        }
    }
}
