// PyPy's rule for a JitDriver's merge point: the JIT resumes the portal at jit_merge_point() from the greens
// and reds alone, so every variable live there must be one of them. Live variables are found by a backward
// fixpoint over the flow graph (block-local SSA: a block input is live when an operation, the exit switch or a
// link to a live input of another block reads it). Called by JitHintChecker for each merge point.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Jit;

public static class MergePointLivenessChecker
{
    public static void Check(FunctionGraph graph, JitHintCall merge)
    {
        var live = LiveInputs(graph);
        foreach (var block in graph.Blocks)
        {
            int at = block.Operations.IndexOf(merge.Call);
            if (at < 0)
                continue;
            var defined = new HashSet<Variable>(block.Inputs);
            for (int i = 0; i < at; i++)
                defined.Add(block.Operations[i].Result);
            var passed = new HashSet<Value>(merge.Arguments.Values);
            foreach (var variable in ReadAfter(block, at + 1, live))
            {
                if (defined.Contains(variable) && !passed.Contains(variable))
                {
                    string name = variable.NameHint is { } hint ? $"'{hint}'" : "a temporary value";
                    throw new DiagnosticException(Diagnostic.Error(JitHintChecker.HintId, merge.Call.Span,
                        $"{name} is live at jit_merge_point() but is neither a green nor a red: the JIT resumes the "
                        + "interpreter here from the greens and reds alone (recompute it after the merge point, or add it to the driver)"));
                }
            }
            return;
        }
    }

    /// <summary>The variables read from operation <paramref name="from"/> on: by operations, the switch, and links to live inputs.</summary>
    private static IEnumerable<Variable> ReadAfter(Block block, int from, Dictionary<Block, HashSet<Variable>> live)
    {
        for (int i = from; i < block.Operations.Count; i++)
        {
            foreach (var arg in block.Operations[i].Args)
            {
                if (arg is Variable variable)
                    yield return variable;
            }
        }
        if (block.SwitchVariable is { } tested)
            yield return tested;
        foreach (var link in block.Exits)
        {
            for (int i = 0; i < link.Args.Count; i++)
            {
                if (link.Args[i] is Variable passed && live[link.Target].Contains(link.Target.Inputs[i]))
                    yield return passed;
            }
        }
    }

    /// <summary>The live inputs of every block (the return and except blocks read their one input).</summary>
    private static Dictionary<Block, HashSet<Variable>> LiveInputs(FunctionGraph graph)
    {
        var live = graph.Blocks.ToDictionary(block => block, _ => new HashSet<Variable>());
        live[graph.ReturnBlock].UnionWith(graph.ReturnBlock.Inputs);
        live[graph.ExceptBlock].UnionWith(graph.ExceptBlock.Inputs);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var block in graph.Blocks)
            {
                var inputs = new HashSet<Variable>(block.Inputs);
                foreach (var variable in ReadAfter(block, 0, live))
                {
                    if (inputs.Contains(variable) && live[block].Add(variable))
                        changed = true;
                }
            }
        }
        return live;
    }
}
