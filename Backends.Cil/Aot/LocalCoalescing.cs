// Gives the variables of a typed graph shared IL locals: a link argument and the target input it is
// passed to share one local when they have the same CLR type and are never live at the same time, so
// the link's move disappears. Liveness is the usual backward dataflow over blocks; two variables
// interfere when one is defined while the other is live (block inputs at block entry, exception values
// on their link, operation results at the operation). Without it a loop-heavy function carries one local
// per SSA variable (hundreds) and a move per loop-carried value on every back edge.
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class LocalCoalescing
{
    private readonly Dictionary<TypedVariable, TypedVariable> _parent = [];
    private readonly Dictionary<TypedVariable, HashSet<TypedVariable>> _interference = [];

    private LocalCoalescing()
    {
    }

    /// <summary>The variable whose local <paramref name="variable"/> uses.</summary>
    public TypedVariable Representative(TypedVariable variable)
    {
        while (_parent.TryGetValue(variable, out var parent))
            variable = parent;
        return variable;
    }

    public static LocalCoalescing Compute(TypedGraph graph, Func<TypedVariable, Type> localType)
    {
        var coalescing = new LocalCoalescing();
        var blocks = graph.Blocks();
        var liveIn = Liveness(graph, blocks);
        foreach (var block in blocks)
            coalescing.AddInterference(graph, block, liveIn);
        foreach (var block in blocks)
        {
            foreach (var link in block.Links)
            {
                if (link.Target == graph.ReturnBlock || link.Target == graph.ExceptBlock)
                    continue;
                for (int i = 0; i < link.Args.Length; i++)
                {
                    if (link.Args[i] is TypedVariable arg && localType(arg) == localType(link.Target.Inputs[i]))
                        coalescing.TryJoin(arg, link.Target.Inputs[i]);
                }
            }
        }
        return coalescing;
    }

    private static IEnumerable<TypedVariable> Variables(IEnumerable<TypedValue> values) => values.OfType<TypedVariable>();

    /// <summary>The variables live across a link: its arguments and what its target needs beyond its inputs.</summary>
    private static HashSet<TypedVariable> LiveAcross(TypedLink link, Dictionary<TypedBlock, HashSet<TypedVariable>> liveIn)
    {
        var live = new HashSet<TypedVariable>(Variables(link.Args));
        if (liveIn.TryGetValue(link.Target, out var needed))
        {
            foreach (var variable in needed)
            {
                if (!link.Target.Inputs.Contains(variable))
                    live.Add(variable);
            }
        }
        if (link.ExceptionValue is { } caught)
            live.Remove(caught);
        return live;
    }

    private static HashSet<TypedVariable> LiveOut(TypedBlock block, Dictionary<TypedBlock, HashSet<TypedVariable>> liveIn)
    {
        var live = new HashSet<TypedVariable>();
        foreach (var link in block.Links)
            live.UnionWith(LiveAcross(link, liveIn));
        if (block.Condition is { } condition)
            live.Add(condition);
        return live;
    }

    private static Dictionary<TypedBlock, HashSet<TypedVariable>> Liveness(TypedGraph graph, List<TypedBlock> blocks)
    {
        var liveIn = blocks.ToDictionary(b => b, _ => new HashSet<TypedVariable>());
        liveIn[graph.ReturnBlock] = [.. graph.ReturnBlock.Inputs];
        liveIn[graph.ExceptBlock] = [.. graph.ExceptBlock.Inputs];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int b = blocks.Count - 1; b >= 0; b--)
            {
                var block = blocks[b];
                if (block == graph.ReturnBlock || block == graph.ExceptBlock)
                    continue;
                var live = LiveOut(block, liveIn);
                for (int i = block.Operations.Count - 1; i >= 0; i--)
                {
                    var operation = block.Operations[i];
                    live.Remove(operation.Result);
                    live.UnionWith(Variables(operation.Args));
                }
                live.ExceptWith(block.Inputs);
                if (!live.SetEquals(liveIn[block]))
                {
                    liveIn[block] = live;
                    changed = true;
                }
            }
        }
        return liveIn;
    }

    private void AddInterference(TypedGraph graph, TypedBlock block, Dictionary<TypedBlock, HashSet<TypedVariable>> liveIn)
    {
        if (block == graph.ReturnBlock || block == graph.ExceptBlock)
            return;
        foreach (var link in block.Links)
        {
            if (link.ExceptionValue is { } caught)
                Interfere(caught, LiveAcross(link, liveIn));
        }
        var live = LiveOut(block, liveIn);
        for (int i = block.Operations.Count - 1; i >= 0; i--)
        {
            var operation = block.Operations[i];
            live.Remove(operation.Result);
            Interfere(operation.Result, live);
            live.UnionWith(Variables(operation.Args));
        }
        live.ExceptWith(block.Inputs);
        foreach (var input in block.Inputs)
        {
            Interfere(input, live);
            Interfere(input, block.Inputs.Where(other => other != input));
        }
    }

    private HashSet<TypedVariable> InterferenceOf(TypedVariable variable) =>
        _interference.TryGetValue(variable, out var set) ? set : _interference[variable] = [];

    private void Interfere(TypedVariable variable, IEnumerable<TypedVariable> others)
    {
        foreach (var other in others)
        {
            if (other == variable)
                continue;
            InterferenceOf(variable).Add(other);
            InterferenceOf(other).Add(variable);
        }
    }

    /// <summary>Joins the two variables' classes unless some member of one interferes with a member of the other.</summary>
    private void TryJoin(TypedVariable a, TypedVariable b)
    {
        var rootA = Representative(a);
        var rootB = Representative(b);
        if (rootA == rootB)
            return;
        var setA = InterferenceOf(rootA);
        var setB = InterferenceOf(rootB);
        var membersB = Members(rootB);
        if (Members(rootA).Any(member => setB.Contains(member)) || membersB.Any(member => setA.Contains(member)))
            return;
        _parent[rootB] = rootA;
        setA.UnionWith(setB);
        _members[rootA].AddRange(membersB);
    }

    private readonly Dictionary<TypedVariable, List<TypedVariable>> _members = [];

    private List<TypedVariable> Members(TypedVariable root) => _members.TryGetValue(root, out var list) ? list : _members[root] = [root];
}
