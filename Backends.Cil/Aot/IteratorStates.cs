// Which for-loop iterators of a graph can live in locals as values (RangeState, ListState, StrState)
// instead of RIterator objects called virtually: those made by range_iter or iter_new over one kind of
// container and used only by iter_next and passed along links. Iterator variables joined by links share
// one CLR type, so they are grouped (union-find) and a group keeps the value form only if every source
// in it is of one kind and no member escapes. Used by FunctionEmitter; the CLR JIT then sees counted loops.
using ClrPy.Runtime.Managed.Ops;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

/// <summary>Where a value iterator comes from: range() with any step or with a constant positive step, a list,
/// a dict's keys, a str.</summary>
public enum IteratorSource { Range, RangeUp, List, DictKeys, Str }

public sealed class IteratorStates
{
    private readonly Dictionary<TypedVariable, TypedVariable> _parent = [];
    private readonly Dictionary<TypedVariable, IteratorSource?> _sourceOfRoot = [];
    private readonly HashSet<TypedVariable> _escapingRoots = [];

    private IteratorStates()
    {
    }

    public static IteratorStates Analyze(TypedGraph graph)
    {
        var states = new IteratorStates();
        var blocks = graph.Blocks();
        foreach (var block in blocks)
        {
            foreach (var link in block.Links)
            {
                for (int i = 0; i < link.Args.Length; i++)
                {
                    if (link.Target.Inputs[i].Type is not IteratorType)
                        continue;
                    if (link.Args[i] is TypedVariable variable && link.Target != graph.ReturnBlock && link.Target != graph.ExceptBlock)
                        states.Union(variable, link.Target.Inputs[i]);
                    else
                    {
                        // returned or raised: the iterator leaves the function as an object
                        states.Escape(link.Target.Inputs[i]);
                        if (link.Args[i] is TypedVariable leaving)
                            states.Escape(leaving);
                    }
                }
            }
        }
        foreach (var input in graph.StartBlock.Inputs.Where(v => v.Type is IteratorType))
            states.Escape(input);
        foreach (var block in blocks)
        {
            foreach (var operation in block.Operations)
            {
                for (int i = 0; i < operation.Args.Length; i++)
                {
                    if (operation.Args[i] is TypedVariable { Type: IteratorType } used && !(operation.Code == LowOpCode.IterNext && i == 0))
                        states.Escape(used);
                }
                if (operation.Result.Type is IteratorType)
                    states.AddSource(operation.Result, SourceOf(operation));
            }
            if (block == graph.ReturnBlock || block == graph.ExceptBlock)
            {
                foreach (var input in block.Inputs.Where(v => v.Type is IteratorType))
                    states.Escape(input);
            }
        }
        return states;
    }

    private static IteratorSource? SourceOf(TypedOperation operation) => operation.Code switch
    {
        LowOpCode.RangeIter => operation.Args[2] switch
        {
            TypedConstant { Value: long step } when step > 0 => IteratorSource.RangeUp,
            _ => IteratorSource.Range,
        },
        LowOpCode.IterNew => operation.Args[0].Type.Kind switch
        {
            TypeKind.List => IteratorSource.List,
            TypeKind.Dict => IteratorSource.DictKeys,
            TypeKind.Str => IteratorSource.Str,
            _ => null,
        },
        _ => null,
    };

    private TypedVariable Find(TypedVariable variable)
    {
        while (_parent.TryGetValue(variable, out var parent) && parent != variable)
            variable = parent;
        return variable;
    }

    private void Union(TypedVariable a, TypedVariable b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
            return;
        _parent[rootA] = rootB;
        if (_escapingRoots.Remove(rootA))
            _escapingRoots.Add(rootB);
        if (_sourceOfRoot.Remove(rootA, out var source))
            Join(rootB, source);
    }

    private void AddSource(TypedVariable variable, IteratorSource? source) => Join(Find(variable), source);

    private void Join(TypedVariable root, IteratorSource? source)
    {
        if (source is null)
        {
            _escapingRoots.Add(root);
            return;
        }
        if (_sourceOfRoot.TryGetValue(root, out var existing) && existing != source)
            _escapingRoots.Add(root);
        _sourceOfRoot[root] = source;
    }

    private void Escape(TypedVariable variable) => _escapingRoots.Add(Find(variable));

    /// <summary>The value form of the variable's iterator, or null when it must be an RIterator object.</summary>
    public IteratorSource? SourceOf(TypedVariable variable)
    {
        var root = Find(variable);
        return _escapingRoots.Contains(root) ? null : _sourceOfRoot.GetValueOrDefault(root);
    }
}
