// Lowering (PyPy's rtyper): turns the annotated flow graphs into typed graphs. Each variable gets
// the representation of its annotation (Representations), each high-level operation becomes typed
// operations of the LowOps table (Lowering.Operations.cs, Lowering.Calls.cs), and values are converted
// where representations meet (char into str, int into float, None into a reference). Called by
// `clrpy run` and `clrpy translate`; its output is checked by TypedGraphVerifier.
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;
using Ann = ClrPy.Translator.Annotation.Annotation;

namespace ClrPy.Translator.Typing;

/// <summary>The lowered program: its entry point and every function reachable from it or called by the JIT
/// (get_printable_location). Prebuilt
/// constants (module-level lists, dicts, instances) may hold user functions as flow constants;
/// FunctionsByDesc gives the lowered function each of them stands for.</summary>
public sealed record TypedProgram(FunctionDescriptor Main, IReadOnlyList<FunctionDescriptor> Functions, Representations Representations,
    IReadOnlyDictionary<FunctionDesc, FunctionDescriptor> FunctionsByDesc, IReadOnlyDictionary<ClassDesc, ClassDescriptor> ClassesByDesc);

public sealed partial class Lowering
{
    private readonly AnnotatedProgram _program;
    private readonly Representations _representations;
    private readonly Dictionary<FunctionDesc, FunctionDescriptor> _functions = [];
    private readonly Queue<(FunctionDesc Desc, FunctionDescriptor Descriptor)> _pending = new();

    // State of the graph being lowered.
    private TypedGraph _graph = null!;
    private FunctionGraph _flow = null!;
    private TypedBlock _block = null!;
    private readonly Dictionary<Variable, TypedValue> _values = [];
    private readonly Dictionary<Block, TypedBlock> _blocks = [];

    /// <summary>The checked jit_merge_point and can_enter_jit calls, by their flow operation.</summary>
    private readonly Dictionary<Operation, Jit.JitHintCall> _hintCalls = [];

    /// <summary>Functions lowering makes itself (class-attribute getters, bound-method functions).</summary>
    private readonly List<FunctionDescriptor> _synthesized = [];

    private Lowering(AnnotatedProgram program)
    {
        _program = program;
        _representations = new Representations(new BuiltinClasses()) { Fallback = FallbackRepresentation };
    }

    public static TypedProgram Lower(AnnotatedProgram program, FunctionDesc main, IEnumerable<Jit.JitHintCall>? hints = null)
    {
        var lowering = new Lowering(program);
        foreach (var call in hints ?? [])
            lowering._hintCalls[call.Call] = call;
        var entry = lowering.FunctionOf(main);
        // get_printable_location is called by the JIT only (PrintableLocationHook annotated it when its merge point was reached)
        foreach (var hook in lowering._hintCalls.Values.Select(call => call.Driver.PrintableLocation).OfType<FunctionDesc>().Distinct())
        {
            if (program.Graphs.ContainsKey(hook))
                lowering.FunctionOf(hook);
        }
        while (lowering._pending.Count > 0)
        {
            var (desc, descriptor) = lowering._pending.Dequeue();
            descriptor.Graph = lowering.LowerGraph(descriptor, program.Graphs[desc]);
        }
        var classes = program.Bookkeeper.ClassDefs.Where(def => def.Desc is not null)
            .ToDictionary(def => def.Desc!, def => lowering._representations.ClassOf(def));
        return new TypedProgram(entry, [.. lowering._functions.Values, .. lowering._synthesized], lowering._representations, lowering._functions, classes);
    }

    private BuiltinClasses Builtins => _representations.Builtins;

    private LowLevelType ExceptionType => new InstanceType(Builtins.BaseException);

    /// <summary>The descriptor of a user function; its graph is lowered later (functions may be mutually recursive).</summary>
    private FunctionDescriptor FunctionOf(FunctionDesc function)
    {
        if (_functions.TryGetValue(function, out var existing))
            return existing;
        if (!_program.Graphs.TryGetValue(function, out var graph))
            throw new InvalidOperationException($"{function.QualifiedName} was never annotated");
        var parameters = graph.Parameters.Select(TypeOf).ToImmutableArray();
        var descriptor = new FunctionDescriptor(function.QualifiedName, parameters, ResultType(function, graph));
        _functions[function] = descriptor;
        _pending.Enqueue((function, descriptor));
        return descriptor;
    }

    /// <summary>A function's result representation. A method that never returns (a base method that only
    /// raises NotImplementedError) takes the result of the overrides it shares a method slot with.</summary>
    private LowLevelType ResultType(FunctionDesc function, FunctionGraph graph)
    {
        if (_program.Of(graph.ReturnBlock.Inputs[0]) is not null || function.Owner is null)
            return TypeOf(graph.ReturnBlock.Inputs[0]);
        var root = _program.Bookkeeper.ClassDefOf(function.Owner);
        while (root.Base is { Desc: not null } parent)
            root = parent;
        foreach (var cls in root.SelfAndDescendants())
        {
            if (cls.Desc?.Methods.GetValueOrDefault(function.Name) is { } other && other != function
                && _program.Graphs.TryGetValue(other, out var otherGraph) && _program.Of(otherGraph.ReturnBlock.Inputs[0]) is not null)
                return TypeOf(otherGraph.ReturnBlock.Inputs[0]);
        }
        return TypeOf(graph.ReturnBlock.Inputs[0]);
    }

    private LowLevelType TypeOf(Variable variable) => _program.Of(variable) is { } annotation ? Representation(annotation) : LowLevelType.None;

    private LowLevelType Representation(Ann annotation) => _representations.Of(annotation);

    /// <summary>Representations that need lowering's knowledge (function signatures), for Representations.Fallback.</summary>
    private LowLevelType FallbackRepresentation(Ann annotation) => annotation switch
    {
        SomeImpossible => LowLevelType.None,
        SomeIterator iterator => new IteratorType(ItemRepresentation(iterator.Container)),
        SomePbc pbc when pbc.Descs.All(desc => desc is FunctionPbc) => FunctionOf(((FunctionPbc)pbc.Descs.First()).Function).Type,
        SomePbc pbc when pbc.Descs.Count > 0 && pbc.Descs.All(desc => desc is BoundMethodPbc) => BoundMethodRepresentation(pbc),
        // classes, modules, builtins, slices and JIT drivers are only used where they appear, never stored
        SomePbc or SomeSlice or SomeJitDriver => LowLevelType.Void,
        _ => throw new NotSupportedException($"no low-level representation for {annotation} yet"),
    };

    private LowLevelType ItemRepresentation(Ann container) => container switch
    {
        SomeList list => Representation(list.Def.Item),
        SomeDict dict => Representation(dict.Def.Key),
        SomeTuple tuple => Representation(tuple.Items[0]),
        _ => LowLevelType.Char,
    };

    /// <summary>Whether the annotator reached a block (all its inputs have annotations); the except block
    /// always counts as reached, since raising does not annotate its input.</summary>
    private bool Reached(Block block) => block == _flow.ExceptBlock || block.Inputs.All(input => _program.Of(input) is not null);

    private TypedGraph LowerGraph(FunctionDescriptor function, FunctionGraph flow)
    {
        string name = function.Name;
        _flow = flow;
        _values.Clear();
        _neverNone.Clear();
        _blocks.Clear();
        _graph = new TypedGraph(name, flow.Parameters.Select(p => (p.NameHint ?? "arg", TypeOf(p))), function.Result, ExceptionType);
        FindOverflowChecked(flow);
        Bind(flow.StartBlock, _graph.StartBlock);
        Bind(flow.ReturnBlock, _graph.ReturnBlock);
        Bind(flow.ExceptBlock, _graph.ExceptBlock);
        var work = new Queue<Block>([flow.StartBlock]);
        var done = new HashSet<Block>();
        while (work.Count > 0)
        {
            var block = work.Dequeue();
            if (!done.Add(block) || block == flow.ReturnBlock || block == flow.ExceptBlock)
                continue;
            _block = BlockOf(block);
            for (int i = 0; i < block.Operations.Count; i++)
            {
                if (i == block.Operations.Count - 1)
                    _lastOperationStart = _block.Operations.Count;
                LowerOperation(block.Operations[i]);
            }
            LowerExit(block);
            foreach (var link in block.Exits.Where(link => Reached(link.Target)))
                work.Enqueue(link.Target);
        }
        return _graph;
    }

    /// <summary>Int operations whose result reaches ovfcheck(...), directly or through block inputs: they are
    /// lowered to their overflow-checking forms, so OverflowError is raised where the flow graph's exception
    /// exits expect it.</summary>
    private readonly HashSet<Variable> _overflowChecked = [];

    private void FindOverflowChecked(FunctionGraph flow)
    {
        _overflowChecked.Clear();
        var producers = new Dictionary<Variable, Operation>();
        foreach (var block in flow.Blocks)
        {
            foreach (var operation in block.Operations)
                producers[operation.Result] = operation;
        }
        var seen = new HashSet<Variable>();
        void Mark(Variable variable)
        {
            if (!seen.Add(variable))
                return;
            if (producers.TryGetValue(variable, out var producer))
            {
                _overflowChecked.Add(variable);
                return;
            }
            foreach (var block in flow.Blocks)
            {
                int index = block.Inputs.IndexOf(variable);
                if (index < 0)
                    continue;
                foreach (var link in flow.Blocks.SelectMany(b => b.Exits).Where(link => link.Target == block))
                {
                    if (link.Args[index] is Variable source)
                        Mark(source);
                }
            }
        }
        foreach (var operation in flow.Blocks.SelectMany(block => block.Operations))
        {
            if (operation.Code == OpCode.SimpleCall && operation.Args[0] is Constant { Kind: Flow.ConstantKind.Builtin } callee
                && callee.As<BuiltinDesc>().Name == "clrpy.rlib.ovfcheck" && operation.Args.Length > 1 && operation.Args[1] is Variable checkedValue)
                Mark(checkedValue);
        }
    }

    private void Bind(Block flow, TypedBlock typed)
    {
        _blocks[flow] = typed;
        for (int i = 0; i < flow.Inputs.Count; i++)
        {
            _values[flow.Inputs[i]] = typed.Inputs[i];
            NoteNeverNone(flow.Inputs[i]);
        }
    }

    /// <summary>Str variables the annotator proved are never None (their text needs no to_str).</summary>
    private readonly HashSet<TypedVariable> _neverNone = [];

    private void NoteNeverNone(Variable flow)
    {
        if (_values.GetValueOrDefault(flow) is TypedVariable { Type.Kind: TypeKind.Str } typed && _program.Of(flow) is SomeStr { Nullable: false })
            _neverNone.Add(typed);
    }

    private TypedBlock BlockOf(Block block)
    {
        if (_blocks.TryGetValue(block, out var typed))
            return typed;
        typed = new TypedBlock(block.Inputs.Select(input => _graph.NewVariable(input.NameHint, TypeOf(input))));
        Bind(block, typed);
        return typed;
    }

    private void LowerExit(Block block)
    {
        var reached = block.Exits.Where(link => Reached(link.Target)).ToList();
        switch (block.Switch)
        {
            case ExitSwitch.Bool when reached.Count == 2:
            {
                var condition = AsVariable(Truth(ValueOf(block.SwitchVariable!), block.SwitchSpan));
                var whenFalse = LinkFrom(block.Exits[0]);
                var whenTrue = LinkFrom(block.Exits[1]);
                _block.Branch(condition, whenFalse, whenTrue);
                break;
            }
            case ExitSwitch.LastException:
            {
                var handlerLinks = block.Exits.Skip(1).Where(link => Reached(link.Target)).ToList();
                if (handlerLinks.Count > 0)
                    CatchEachRaisingOperation(handlerLinks);
                // A call of a function that never returns normally has an unreached normal path.
                var normal = Reached(block.Exits[0].Target) ? LinkFrom(block.Exits[0]) : DeadPath();
                var handlers = handlerLinks.Select(HandlerFrom).ToList();
                if (handlers.Count > 0 && _block.Operations.Count > 0 && _block.Operations[^1].Info.Effects.HasFlag(OpEffects.CanRaise))
                    _block.Catch(normal, handlers);
                else
                    _block.Goto(normal);
                break;
            }
            case ExitSwitch.Int:
                Unsupported(block.SwitchSpan ?? _flow.Span, "an int switch");
                break;
            default:
                if (reached.Count > 0)
                    _block.Goto(LinkFrom(reached[0]));
                break;
        }
        if (_block.Links.Count == 0)
        {
            // Nothing after this block is reachable (its last operation always raises): the exception
            // propagates; the link to the except block only marks the path as dead.
            _block.Goto(DeadPath());
        }
    }

    /// <summary>A link that is never taken: to the except block with no exception.</summary>
    private TypedLink DeadPath() => new(_graph.ExceptBlock, [new TypedConstant(null, ExceptionType)]);

    /// <summary>Where the typed operations of the flow block's last operation start in the current block.</summary>
    private int _lastOperationStart;

    /// <summary>The flow block's last operation is the one its exception exits test, but its typed
    /// operations may hold several that raise (divmod: a floordiv and a mod) or be followed by ones that
    /// cannot (the tuple divmod builds). Each raising operation except the last gets its own block end
    /// with the handlers; operations after the last raising one move to a new block, so the block's
    /// exception switch always tests its last operation.</summary>
    private void CatchEachRaisingOperation(List<Link> handlerLinks)
    {
        while (true)
        {
            var operations = _block.Operations;
            int raising = -1;
            for (int i = _lastOperationStart; i < operations.Count; i++)
            {
                if (operations[i].Info.Effects.HasFlag(OpEffects.CanRaise))
                {
                    raising = i;
                    break;
                }
            }
            if (raising < 0 || raising == operations.Count - 1)
                return;
            // Everything defined so far in this block is passed on to the continuation under new names.
            var available = _block.Inputs.Concat(operations.Take(raising + 1).Select(operation => operation.Result)).ToList();
            var renamed = available.ToDictionary(variable => variable, variable => _graph.NewVariable(variable.NameHint, variable.Type));
            var continuation = new TypedBlock(available.Select(variable => renamed[variable]));
            foreach (var moved in operations.Skip(raising + 1))
            {
                continuation.Operations.Add(new TypedOperation(moved.Code,
                    [.. moved.Args.Select(arg => arg is TypedVariable v && renamed.TryGetValue(v, out var now) ? now : arg)],
                    moved.Result, moved.Descriptor, moved.Span));
            }
            operations.RemoveRange(raising + 1, operations.Count - raising - 1);
            var handlers = handlerLinks.Select(HandlerFrom).ToList();
            _block.Catch(new TypedLink(continuation, [.. available]), handlers);
            foreach (var (flowVariable, typed) in _values.ToList())
            {
                if (typed is TypedVariable v && renamed.TryGetValue(v, out var now))
                    _values[flowVariable] = now;
            }
            _block = continuation;
            _lastOperationStart = 0;
        }
    }

    private TypedLink HandlerFrom(Link link)
    {
        var caught = _graph.NewVariable("exc", link.ExceptionValue is { } value ? TypeOf(value) : ExceptionType);
        if (link.ExceptionValue is { } exceptionValue)
            _values[exceptionValue] = caught;
        var target = BlockOf(link.Target);
        var args = link.Args.Select((arg, i) => ConvertWithoutCode(ValueOf(arg), target.Inputs[i].Type, link)).ToList();
        return new TypedLink(target, args) { Catches = ClassOfConstant(link.Case!), ExceptionValue = caught };
    }

    /// <summary>A link to a block's typed counterpart; when a value needs converting code, the code goes
    /// into a bridge block so it never follows the operation whose exception the block tests.</summary>
    private TypedLink LinkFrom(Link link)
    {
        var target = BlockOf(link.Target);
        var values = link.Args.Select(ValueOf).ToList();
        bool direct = values.Select((value, i) => NeedsNoCode(value, target.Inputs[i].Type)).All(ok => ok);
        if (direct)
            return new TypedLink(target, values.Select((value, i) => ConvertWithoutCode(value, target.Inputs[i].Type, link)));
        var bridge = new TypedBlock(values.Select(value => _graph.NewVariable(null, value.Type)));
        var outer = _block;
        _block = bridge;
        var converted = bridge.Inputs.Select((input, i) => Convert(input, target.Inputs[i].Type, null)).ToList();
        bridge.Goto(new TypedLink(target, converted));
        _block = outer;
        return new TypedLink(bridge, values);
    }

    private static bool NeedsNoCode(TypedValue value, LowLevelType target) =>
        value is TypedConstant || TypedGraphVerifier.Compatible(value.Type, target);

    private TypedValue ConvertWithoutCode(TypedValue value, LowLevelType target, Link link) =>
        value is TypedConstant constant ? Retype(constant, target, null)
        : TypedGraphVerifier.Compatible(value.Type, target) ? value
        : throw new InvalidOperationException($"link to a block of {_flow.QualifiedName} passes {value.Type} where {target} is expected ({link.Args.Count} values)");

    private TypedValue ValueOf(Value value) => value switch
    {
        Variable variable => _values.TryGetValue(variable, out var typed) ? typed
            : throw new InvalidOperationException($"{variable} of {_flow.QualifiedName} has no lowered value"),
        Constant constant => ConstantOf(constant),
        _ => throw new InvalidOperationException("unknown flow value"),
    };

    private TypedConstant ConstantOf(Constant constant) => constant.Kind switch
    {
        Flow.ConstantKind.None => new TypedConstant(null, LowLevelType.None),
        Flow.ConstantKind.Bool => new TypedConstant(constant.Value, LowLevelType.Bool),
        Flow.ConstantKind.Int => new TypedConstant(constant.Value, LowLevelType.Signed),
        Flow.ConstantKind.Float => new TypedConstant(constant.Value, LowLevelType.Float),
        Flow.ConstantKind.Str => new TypedConstant(constant.Value, LowLevelType.Str),
        Flow.ConstantKind.Function => new TypedConstant(FunctionOf(constant.As<FunctionDesc>()), FunctionOf(constant.As<FunctionDesc>()).Type),
        Flow.ConstantKind.Builtin => BuiltinConstant(constant.As<BuiltinDesc>()),
        Flow.ConstantKind.BuiltinInstance or Flow.ConstantKind.Class or Flow.ConstantKind.Module
            => new TypedConstant(null, LowLevelType.Void),
        _ => Prebuilt(constant),
    };

    private readonly HashSet<object> _walkedPrebuilts = new(ReferenceEqualityComparer.Instance);

    /// <summary>A prebuilt tuple, list, dict or instance; the user functions stored anywhere inside it are
    /// lowered too (a dict of handlers is called through its values).</summary>
    private TypedConstant Prebuilt(Constant constant)
    {
        void Walk(Constant value)
        {
            switch (value.Value)
            {
                case FunctionDesc function when _program.Graphs.ContainsKey(function):
                    FunctionOf(function);
                    break;
                case System.Collections.Immutable.ImmutableArray<Constant> items:
                    foreach (var item in items)
                        Walk(item);
                    break;
                case PrebuiltList list when _walkedPrebuilts.Add(list):
                    list.Items.ForEach(Walk);
                    break;
                case PrebuiltDict dict when _walkedPrebuilts.Add(dict):
                    foreach (var (key, item) in dict.Entries)
                    {
                        Walk(key);
                        Walk(item);
                    }
                    break;
                case PrebuiltInstance instance when _walkedPrebuilts.Add(instance):
                    foreach (var field in instance.Fields.Values)
                        Walk(field);
                    break;
            }
        }
        Walk(constant);
        return new TypedConstant(constant, Representation(_program.Bookkeeper.Of(constant, null)));
    }

    /// <summary>Builtin values that are data (math.pi, sys.maxsize); functions and classes are only called.</summary>
    private static TypedConstant BuiltinConstant(BuiltinDesc builtin) => builtin.Name switch
    {
        "math.pi" => new TypedConstant(Math.PI, LowLevelType.Float),
        "math.e" => new TypedConstant(Math.E, LowLevelType.Float),
        "math.inf" => new TypedConstant(double.PositiveInfinity, LowLevelType.Float),
        "math.nan" => new TypedConstant(double.NaN, LowLevelType.Float),
        "sys.maxsize" => new TypedConstant(long.MaxValue, LowLevelType.Signed),
        _ => new TypedConstant(null, LowLevelType.Void),
    };

    private ClassDescriptor ClassOfConstant(Constant cls) =>
        _program.Bookkeeper.ClassDefOf(cls) is { } def ? _representations.ClassOf(def)
            : throw new InvalidOperationException($"{cls} is not a class");

    [DoesNotReturn]
    private static void Unsupported(SourceSpan span, string what) =>
        throw new DiagnosticException(Diagnostic.Error("CPT001", span, $"{what} is not supported by ClrPy's lowering yet"));
}
