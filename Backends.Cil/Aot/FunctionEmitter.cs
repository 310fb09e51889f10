// One typed graph as the IL of a static method: each variable a local, each block a label, links as
// parallel moves through the evaluation stack, and RPy exceptions as explicit checks of the Pending slot
// (DESIGN.md decision 4): after an operation that may raise, a branch to the block's handlers (an
// exception exit) or to the function's propagation path, which returns with the exception still pending.
// The IL is checked by IlValidator before it is written. Operations are in OperationEmitter.cs.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed partial class FunctionEmitter
{
    private readonly AssemblyTranslator _translator;
    private readonly FunctionDescriptor _function;
    private readonly TypedGraph _graph;
    private readonly IlBuffer _il = new();
    private readonly List<Type> _locals = [];
    private readonly Dictionary<TypedVariable, int> _localOf = [];
    private readonly Dictionary<TypedVariable, int> _uses = [];
    private readonly List<(Frame Frame, Action Emit)> _handlerSections = [];
    private readonly HashSet<TypedGraph> _countedGraphs = [];
    private Frame _frame;
    private readonly Type _returnType;
    private readonly IteratorStates _iterators;
    private readonly LocalCoalescing _coalescing;
    private IlLabel? _propagate;

    private static readonly IlField PendingException = new(typeof(Pending).GetField(nameof(Pending.Exception))!, typeof(PyBaseException), typeof(Pending));
    private static readonly IlMethod PendingTake = new(typeof(Pending).GetMethod(nameof(Pending.Take))!, [], typeof(PyBaseException), null);

    public FunctionEmitter(AssemblyTranslator translator, FunctionDescriptor function)
    {
        _translator = translator;
        _function = function;
        _graph = function.Graph!;
        _returnType = translator.Types.ReturnOf(function.Result);
        _iterators = IteratorStates.Analyze(_graph);
        _coalescing = LocalCoalescing.Compute(_graph, LocalType);
        _frame = new Frame(_graph, null, null, null);
        CountUses(_graph);
    }

    /// <summary>One graph being emitted: the function's own, or a callee's inlined at a call (InlineEmitter.cs),
    /// whose return stores the call's result and jumps to <paramref name="Continuation"/>, and whose exceptions go
    /// to <paramref name="RaiseTarget"/> (the call's handlers, or out of the function).</summary>
    private sealed record Frame(TypedGraph Graph, TypedVariable? Result, IlLabel? Continuation, Func<IlLabel>? RaiseTarget)
    {
        public Dictionary<TypedBlock, IlLabel> Labels { get; } = [];
    }

    /// <summary>Code emitted later (handlers, raises out of line) in the frame that asked for it.</summary>
    private void AddHandlerSection(Action emit) => _handlerSections.Add((_frame, emit));

    /// <summary>Where an exception not handled in the current graph goes.</summary>
    private IlLabel Propagate => _frame.RaiseTarget is { } target ? target() : _propagate ??= _il.DefineLabel();

    private ClrTypes Types => _translator.Types;

    /// <summary>Emits the body, validates it and returns it with its locals.</summary>
    public (IlBuffer Code, List<Type> Locals) Emit(IReadOnlyList<Type> parameters)
    {
        var start = _graph.StartBlock;
        for (int i = 0; i < start.Inputs.Length; i++)
        {
            if (!IsUsed(start.Inputs[i]))
                continue;
            _il.Emit(OpCodes.Ldarg, i);
            Convert(parameters[i], LocalType(start.Inputs[i]));
            _il.Emit(OpCodes.Stloc, LocalOf(start.Inputs[i]));
        }
        _il.Emit(OpCodes.Br, LabelOf(start));
        return EmitBody(_function.Name, parameters);
    }

    /// <summary>The blocks, handlers and propagation path after a prologue, validated as a method named <paramref name="name"/>.</summary>
    private (IlBuffer Code, List<Type> Locals) EmitBody(string name, IReadOnlyList<Type> parameters)
    {
        foreach (var block in _graph.Blocks())
        {
            if (block == _graph.ReturnBlock || block == _graph.ExceptBlock)
                continue;
            _il.MarkLabel(LabelOf(block));
            EmitBlock(block);
        }
        if (_frame.Labels.TryGetValue(_graph.ReturnBlock, out var returnLabel))
        {
            _il.MarkLabel(returnLabel);
            EmitReturn(_graph.ReturnBlock.Inputs[0]);
        }
        if (_frame.Labels.TryGetValue(_graph.ExceptBlock, out var exceptLabel))
        {
            _il.MarkLabel(exceptLabel);
            EmitRaise(_graph.ExceptBlock.Inputs[0]);
        }
        var own = _frame;
        for (int i = 0; i < _handlerSections.Count; i++)
        {
            _frame = _handlerSections[i].Frame;
            _handlerSections[i].Emit();
        }
        _frame = own;
        if (_propagate is { } propagate)
        {
            _il.MarkLabel(propagate);
            EmitDefaultReturn();
        }
        var shape = new IlMethodShape(name, parameters, _returnType, _locals);
        IlValidator.Validate(shape, _il.Instructions, Types.IsAssignable);
        return (_il, _locals);
    }

    private void CountUses(TypedGraph graph)
    {
        if (_countedGraphs.Add(graph))
            graph.CountUses(_uses);
    }

    private bool IsUsed(TypedVariable variable) => _uses.ContainsKey(variable);

    private IlLabel LabelOf(TypedBlock block) => _frame.Labels.TryGetValue(block, out var label) ? label : _frame.Labels[block] = _il.DefineLabel();

    private Type LocalType(TypedVariable variable) => variable.Type switch
    {
        { Kind: TypeKind.Void } => typeof(object),
        IteratorType iterator when _iterators.SourceOf(variable) is { } source => Types.StateOf(source, iterator.Item),
        var type => Types.Of(type),
    };

    private int LocalOf(TypedVariable variable)
    {
        variable = _coalescing.Representative(variable);
        if (!_localOf.TryGetValue(variable, out int index))
            _localOf[variable] = index = NewLocal(LocalType(variable));
        return index;
    }

    private int NewLocal(Type type)
    {
        _locals.Add(type);
        return _locals.Count - 1;
    }

    private void EmitBlock(TypedBlock block)
    {
        var operations = block.Operations;
        for (int i = 0; i < operations.Count; i++)
        {
            bool handled = i == operations.Count - 1 && block.Exit == TypedExit.LastException;
            EmitOperation(operations[i], handled ? block : null);
        }
        switch (block.Exit)
        {
            case TypedExit.Bool:
            {
                var whenTrue = _il.DefineLabel();
                Load(block.Condition!, typeof(bool));
                _il.Emit(OpCodes.Brtrue, whenTrue);
                EmitLink(block.Links[0]);
                _il.MarkLabel(whenTrue);
                EmitLink(block.Links[1]);
                break;
            }
            default:
                EmitLink(block.Links[0]);
                break;
        }
    }

    /// <summary>Passes the link's values to its target's inputs (all loaded, then stored in reverse: a parallel move) and jumps.</summary>
    private void EmitLink(TypedLink link)
    {
        var target = link.Target;
        if (target == _frame.Graph.ReturnBlock && _frame.Result is { } result)
        {
            if (IsUsed(result))
            {
                Load(link.Args[0], LocalType(result));
                _il.Emit(OpCodes.Stloc, LocalOf(result));
            }
            _il.Emit(OpCodes.Br, _frame.Continuation!.Value);
            return;
        }
        if (target == _frame.Graph.ReturnBlock)
        {
            if (_returnType != typeof(void))
                Load(link.Args[0], _returnType);
            _il.Emit(OpCodes.Ret);
            return;
        }
        if (target == _frame.Graph.ExceptBlock)
        {
            Load(link.Args[0], typeof(PyBaseException));
            _il.Emit(OpCodes.Stsfld, PendingException);
            if (_frame.RaiseTarget is { } raiseTarget)
                _il.Emit(OpCodes.Br, raiseTarget());
            else
                EmitDefaultReturn();
            return;
        }
        var stored = new List<TypedVariable>();
        for (int i = 0; i < link.Args.Length; i++)
        {
            var input = target.Inputs[i];
            if (!IsUsed(input) || link.Args[i] is TypedVariable same && _coalescing.Representative(same) == _coalescing.Representative(input))
                continue;
            Load(link.Args[i], LocalType(input));
            stored.Add(input);
        }
        for (int i = stored.Count - 1; i >= 0; i--)
            _il.Emit(OpCodes.Stloc, LocalOf(stored[i]));
        _il.Emit(OpCodes.Br, LabelOf(target));
    }

    private void EmitReturn(TypedVariable result)
    {
        if (_returnType != typeof(void))
            Load(result, _returnType);
        _il.Emit(OpCodes.Ret);
    }

    private void EmitRaise(TypedVariable exception)
    {
        Load(exception, typeof(PyBaseException));
        _il.Emit(OpCodes.Stsfld, PendingException);
        EmitDefaultReturn();
    }

    /// <summary>Returns a dummy value (the caller sees the pending exception and ignores it).</summary>
    private void EmitDefaultReturn()
    {
        if (_returnType != typeof(void))
            _translator.Constants.Load(_il, null, LowLevelType.None, _returnType, NewLocal);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>After an operation that may raise: a branch to the handlers of <paramref name="handledBy"/> or out of the function.</summary>
    private void EmitRaiseCheck(TypedBlock? handledBy)
    {
        _il.Emit(OpCodes.Ldsfld, PendingException);
        _il.Emit(OpCodes.Brtrue, handledBy is null ? Propagate : Dispatch(handledBy));
    }

    /// <summary>The handler section of a block with an exception exit: its links tried in order by class.</summary>
    private IlLabel Dispatch(TypedBlock block)
    {
        var label = _il.DefineLabel();
        AddHandlerSection(() =>
        {
            _il.MarkLabel(label);
            var handlers = block.Links.Skip(1).ToList();
            var entries = handlers.Select(_ => _il.DefineLabel()).ToList();
            bool catchesAll = false;
            for (int i = 0; i < handlers.Count && !catchesAll; i++)
            {
                if (handlers[i].Catches!.Base is null)
                {
                    _il.Emit(OpCodes.Br, entries[i]);
                    catchesAll = true;
                    entries.RemoveRange(i + 1, entries.Count - i - 1);
                    break;
                }
                _il.Emit(OpCodes.Ldsfld, PendingException);
                _il.Emit(OpCodes.Isinst, Types.ClassOf(handlers[i].Catches!));
                _il.Emit(OpCodes.Brtrue, entries[i]);
            }
            if (!catchesAll)
                _il.Emit(OpCodes.Br, Propagate);
            for (int i = 0; i < entries.Count; i++)
            {
                _il.MarkLabel(entries[i]);
                _il.Emit(OpCodes.Call, PendingTake);
                StoreCaught(handlers[i].ExceptionValue, typeof(PyBaseException));
                EmitLink(handlers[i]);
            }
        });
        return label;
    }

    /// <summary>Stores the caught exception (on the stack as <paramref name="onStack"/>) into the handler's variable.</summary>
    private void StoreCaught(TypedVariable? variable, Type onStack)
    {
        if (variable is null || !IsUsed(variable))
        {
            _il.Emit(OpCodes.Pop);
            return;
        }
        Convert(onStack, LocalType(variable));
        _il.Emit(OpCodes.Stloc, LocalOf(variable));
    }

    /// <summary>Pushes a value as CLR type <paramref name="target"/>.</summary>
    private void Load(TypedValue value, Type target)
    {
        if (value is TypedConstant constant)
        {
            _translator.Constants.Load(_il, constant.Value, constant.Type, target, NewLocal);
            return;
        }
        var variable = (TypedVariable)value;
        if (variable.Type.Kind is TypeKind.NoneType or TypeKind.Void && target != typeof(object))
        {
            _translator.Constants.Load(_il, null, LowLevelType.None, target, NewLocal);
            return;
        }
        _il.Emit(OpCodes.Ldloc, LocalOf(variable));
        Convert(LocalType(variable), target);
    }

    /// <summary>A reference of one class where a subclass is expected needs a checked cast; anything else already fits.</summary>
    private void Convert(Type from, Type to)
    {
        if (from == to || Types.IsAssignable(to, from))
            return;
        if (!from.IsPrimitive && !to.IsPrimitive && to != typeof(IntPtr))
            _il.Emit(OpCodes.Castclass, to);
    }

    /// <summary>Stores a produced value into the operation's result (or drops it when nothing reads the result).</summary>
    private void Store(TypedVariable result, Type produced)
    {
        if (produced == typeof(void))
            return;
        if (!IsUsed(result))
        {
            _il.Emit(OpCodes.Pop);
            return;
        }
        Convert(produced, LocalType(result));
        _il.Emit(OpCodes.Stloc, LocalOf(result));
    }
}
