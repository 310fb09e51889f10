// Inlining of small loop-free callees into the IL of their callers (PyPy's backendopt inlining, done as
// the IL is written): the callee's blocks are emitted in place, its return stores the call's result, and
// its exceptions jump straight to the call's handlers or out of the caller. Left to the CLR JIT instead,
// a raise inside an inlined callee returns into the caller's loop, and the JIT then keeps the loop's
// values in memory (spectral_norm ran 2x slower). Part of FunctionEmitter.
using ClrPy.Backends.Cil.Validation;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed partial class FunctionEmitter
{
    private const int InlineOperationLimit = 24;
    private const int InlineDepthLimit = 3;

    private readonly List<TypedGraph> _inlining = [];
    private readonly Dictionary<TypedGraph, bool> _inlinable = [];

    /// <summary>Emits a direct call by inlining its callee when the callee is small and loop-free; false otherwise.</summary>
    private bool TryInline(TypedOperation call, TypedBlock? handledBy)
    {
        var callee = (FunctionDescriptor)call.Descriptor!;
        var graph = callee.Graph;
        if (graph is null || graph == _graph || _inlining.Contains(graph) || _inlining.Count >= InlineDepthLimit || !IsInlinable(graph))
            return false;
        CountUses(graph);
        var start = graph.StartBlock;
        for (int i = 0; i < start.Inputs.Length; i++)
        {
            if (IsUsed(start.Inputs[i]))
                Load(call.Args[i], LocalType(start.Inputs[i]));
        }
        for (int i = start.Inputs.Length - 1; i >= 0; i--)
        {
            if (IsUsed(start.Inputs[i]))
                _il.Emit(System.Reflection.Emit.OpCodes.Stloc, LocalOf(start.Inputs[i]));
        }
        var outer = _frame;
        IlLabelHolder raiseTarget = new();
        IlLabel RaiseTarget()
        {
            if (raiseTarget.Label is { } made)
                return made;
            var inner = _frame;
            _frame = outer;
            raiseTarget.Label = handledBy is null ? Propagate : Dispatch(handledBy);
            _frame = inner;
            return raiseTarget.Label.Value;
        }
        var continuation = _il.DefineLabel();
        _frame = new Frame(graph, call.Result, continuation, RaiseTarget);
        _inlining.Add(graph);
        foreach (var block in graph.Blocks())
        {
            if (block == graph.ReturnBlock || block == graph.ExceptBlock)
                continue;
            _il.MarkLabel(LabelOf(block));
            EmitBlock(block);
        }
        _inlining.RemoveAt(_inlining.Count - 1);
        _frame = outer;
        _il.MarkLabel(continuation);
        return true;
    }

    private sealed class IlLabelHolder
    {
        public IlLabel? Label;
    }

    private bool IsInlinable(TypedGraph graph)
    {
        if (!_inlinable.TryGetValue(graph, out bool inlinable))
        {
            var blocks = graph.Blocks();
            _inlinable[graph] = inlinable = blocks.Sum(b => b.Operations.Count) <= InlineOperationLimit && !AssemblyTranslator.HasLoop(graph);
        }
        return inlinable;
    }
}
