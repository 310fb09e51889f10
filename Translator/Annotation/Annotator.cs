// Whole-program forward type inference (PyPy's RPythonAnnotator): starting from main(argv), flows
// annotations through blocks with a worklist until nothing changes. This file is the driver (bindings,
// merging at block inputs, exits, isinstance narrowing); Annotator.*.cs give operations their meaning.
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed partial class Annotator : IReflowScheduler, IBuiltinServices
{
    private readonly Func<FunctionDesc, FunctionGraph> _graphOf;
    private readonly Dictionary<Variable, Annotation> _bindings = [];
    private readonly Dictionary<FunctionDesc, FunctionGraph> _graphs = [];
    private readonly Dictionary<FunctionGraph, HashSet<Block>> _returnReaders = [];
    private readonly Dictionary<Block, FunctionGraph> _owners = [];
    private readonly Dictionary<FunctionGraph, FunctionDesc> _functions = [];
    private readonly Dictionary<FunctionGraph, ConstantOrigins> _constantOrigins = [];
    private readonly Queue<Block> _pending = new();
    private readonly HashSet<Block> _queued = [];
    private readonly HashSet<Block> _annotated = [];
    private readonly Dictionary<Block, Operation> _blockedAt = [];
    private readonly Dictionary<(Operation, int), Annotation> _madeContainers = [];
    private Block? _currentBlock;
    private Operation? _currentOperation;
    private int _containerIndex;

    private Annotator(Func<FunctionDesc, FunctionGraph> graphOf)
    {
        _graphOf = graphOf;
        Bookkeeper = new Bookkeeper(this) { PrebuiltInstanceSeen = RecordPrebuiltFields };
    }

    public Bookkeeper Bookkeeper { get; }

    /// <summary>Number of blocks flowed, re-flows included (a measure of the fixpoint's cost).</summary>
    public int BlockFlowCount { get; private set; }

    /// <summary>Annotates the whole program reachable from <paramref name="main"/>, which receives
    /// <c>argv: list[str]</c>. Throws a DiagnosticException on the first type error.</summary>
    public static AnnotatedProgram Annotate(FunctionDesc main, Func<FunctionDesc, FunctionGraph> graphOf)
    {
        var annotator = new Annotator(graphOf);
        annotator.Run(main);
        return new AnnotatedProgram(annotator, annotator._graphs, annotator._bindings);
    }

    private void Run(FunctionDesc main)
    {
        var graph = GraphOf(main);
        if (graph.Parameters.Count != 1)
            TypeErrors.Error(TypeErrors.NoMainId, main.Ast.Span, $"main() must take one argument (argv) but takes {graph.Parameters.Count}");
        var argv = new SomeList(new ListDef(SomeStr.Instance.WithOrigin(main.Ast.Args.Span), this)) { Origin = main.Ast.Args.Span };
        RegisterClasses(main.Module, []);
        MergeInputs(graph.StartBlock, [argv], main.Ast.Span, _ => $"argument '{main.ParameterNames[0]}' of main()");
        FlowToFixpoint();
    }

    private void FlowToFixpoint()
    {
        while (_pending.Count > 0)
        {
            var block = _pending.Dequeue();
            _queued.Remove(block);
            FlowBlock(block);
        }
        CheckBlockedOperations();
        CheckDeclaredTypes();
    }

    /// <summary>A call that no RPy code makes but the translated program does (PyPy's emulate_pbc_call): a JIT hook
    /// such as get_printable_location, which the JIT calls with a driver's greens. Joins the arguments into the
    /// function's parameters, flows the program to its new fixpoint and returns what the function returns;
    /// <paramref name="generalized"/> tells whether the arguments changed the parameters' annotations.</summary>
    public Annotation CallFromOutside(FunctionDesc function, IReadOnlyList<Annotation> args, SourceSpan at, out bool generalized)
    {
        var graph = GraphOf(function);
        if (args.Count != graph.Parameters.Count)
            throw new ArgumentException($"{function.QualifiedName} takes {graph.Parameters.Count} arguments, not {args.Count}", nameof(args));
        generalized = MergeInputs(graph.StartBlock, args, at, i => $"argument '{function.ParameterNames[i]}' of {function.Name}()");
        FlowToFixpoint();
        return _bindings.GetValueOrDefault(graph.ReturnBlock.Inputs[0]) ?? SomeImpossible.Instance;
    }

    /// <summary>The flow graph of a function, built and registered on first use.</summary>
    private FunctionGraph GraphOf(FunctionDesc function)
    {
        if (_graphs.TryGetValue(function, out var graph))
            return graph;
        graph = _graphOf(function);
        _graphs[function] = graph;
        _functions[graph] = function;
        foreach (var block in graph.Blocks)
            _owners[block] = graph;
        return graph;
    }

    /// <summary>The annotation of an operand: its binding, or the annotation of a constant (whose
    /// origin is the operation using it, constants having no span of their own).</summary>
    private Annotation AnnotationOf(Value value, SourceSpan? origin) => value switch
    {
        Variable variable => _bindings.GetValueOrDefault(variable) ?? SomeImpossible.Instance,
        Constant constant => Bookkeeper.Of(constant, origin),
        _ => throw new InvalidOperationException("unknown value kind"),
    };

    public void Reschedule(object readPosition)
    {
        if (readPosition is Block block && _annotated.Contains(block))
            Schedule(block);
    }

    private void Schedule(Block block)
    {
        if (_queued.Add(block))
            _pending.Enqueue(block);
    }

    /// <summary>Joins incoming annotations into a block's inputs and schedules it when they changed (returned).</summary>
    private bool MergeInputs(Block block, IReadOnlyList<Annotation> incoming, SourceSpan at, Func<int, string>? subjectOf = null)
    {
        bool changed = !_annotated.Contains(block);
        for (int i = 0; i < block.Inputs.Count; i++)
        {
            var input = block.Inputs[i];
            var value = incoming[i];
            if (_bindings.TryGetValue(input, out var old))
            {
                var joined = Join(old, value, value.Origin ?? UseSite(block, input) ?? at, subjectOf?.Invoke(i) ?? InputName(block, input));
                if (joined == old)
                    continue;
                value = joined;
            }
            _bindings[input] = value;
            changed = true;
        }
        if (changed)
        {
            _annotated.Add(block);
            Schedule(block);
        }
        return changed;
    }

    /// <summary>The first operation of a block that uses a variable: where a conflict on a block input
    /// is reported when the incoming value has no origin (a constant carried by a link).</summary>
    private static SourceSpan? UseSite(Block block, Variable variable)
    {
        foreach (var operation in block.Operations)
            if (operation.Args.Contains(variable))
                return operation.Span;
        return block.SwitchVariable == variable ? block.SwitchSpan : null;
    }

    private string InputName(Block block, Variable input) =>
        _owners.TryGetValue(block, out var graph) && block == graph.ReturnBlock ? $"the result of {graph.Name}()" : VariableName(input);

    private static string VariableName(Variable variable) =>
        variable.NameHint is { } name ? $"variable '{name}'" : "value";

    /// <summary>Lattice.Union that reports a conflict as a located diagnostic about <paramref name="subject"/>.</summary>
    private static Annotation Join(Annotation left, Annotation right, SourceSpan at, string subject)
    {
        try
        {
            return Lattice.Union(left, right);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, at, subject);
            return null;
        }
    }

    private void FlowBlock(Block block)
    {
        BlockFlowCount++;
        _currentBlock = block;
        var graph = _owners[block];
        if (block == graph.ReturnBlock)
        {
            if (_returnReaders.TryGetValue(graph, out var readers))
                foreach (var reader in readers)
                    Schedule(reader);
            return;
        }
        if (block == graph.ExceptBlock)
            return;
        var narrowings = new Dictionary<Variable, Narrowing>();
        for (int i = 0; i < block.Operations.Count; i++)
        {
            var operation = block.Operations[i];
            _currentOperation = operation;
            _containerIndex = 0;
            var result = AnnotateOperation(operation, narrowings);
            if (result is SomeImpossible)
            {
                _blockedAt[block] = operation;
                if (i == block.Operations.Count - 1 && block.Switch == ExitSwitch.LastException)
                    FollowExits(block, narrowings, exceptionsOnly: true);
                return;
            }
            result = result.WithOrigin(operation.Span);
            if (_bindings.TryGetValue(operation.Result, out var old))
                result = Join(old, result, operation.Span, VariableName(operation.Result));
            _bindings[operation.Result] = result;
        }
        _blockedAt.Remove(block);
        _currentOperation = null;
        FollowExits(block, narrowings, exceptionsOnly: false);
    }

    private void FollowExits(Block block, Dictionary<Variable, Narrowing> narrowings, bool exceptionsOnly)
    {
        Narrowing? narrowing = block.Switch == ExitSwitch.Bool && narrowings.TryGetValue(block.SwitchVariable!, out var found) ? found : null;
        var fallback = block.Operations.Count > 0 ? block.Operations[^1].Span : block.SwitchSpan ?? _owners[block].Span;
        foreach (var link in block.Exits)
        {
            if (exceptionsOnly && link.Case is null)
                continue;
            if (block.Switch == ExitSwitch.LastException && link.Case is { } caught && link.ExceptionValue is { } exceptionValue)
            {
                var cls = Bookkeeper.ClassDefOf(caught) ?? Bookkeeper.BuiltinClass("Exception");
                _bindings[exceptionValue] = new SomeInstance(cls) { Origin = fallback };
            }
            var incoming = new Annotation[link.Args.Count];
            for (int i = 0; i < incoming.Length; i++)
            {
                var arg = link.Args[i];
                incoming[i] = narrowing is { } narrow && arg == narrow.Target && narrow.For(link.Case) is { } narrowed
                    ? narrowed
                    : AnnotationOf(arg, arg is Constant constant ? ConstantOrigin(block, link.Target.Inputs[i], constant) : null);
            }
            if (link.Target == _owners[block].ExceptBlock)
                incoming[0] = JoinExceptions(link.Target, incoming[0]);
            MergeInputs(link.Target, incoming, fallback);
        }
    }

    private SourceSpan? ConstantOrigin(Block block, Variable input, Constant constant)
    {
        var graph = _owners[block];
        if (input.NameHint is not { } name || !_functions.TryGetValue(graph, out var function))
            return null;
        if (!_constantOrigins.TryGetValue(graph, out var origins))
            _constantOrigins[graph] = origins = new ConstantOrigins(function.Ast);
        return origins.Find(name, constant);
    }

    /// <summary>What a function lets escape is any exception: unrelated exception classes join to
    /// their common base (at worst BaseException) instead of conflicting.</summary>
    private Annotation JoinExceptions(Block exceptBlock, Annotation raised)
    {
        if (!_bindings.TryGetValue(exceptBlock.Inputs[0], out var old) || raised is not SomeInstance raisedInstance
            || old is not SomeInstance oldInstance)
            return raised;
        return ClassDef.CommonBase(oldInstance.Class, raisedInstance.Class) is null ? new SomeInstance(Bookkeeper.BuiltinClass("BaseException")) : raised;
    }

    /// <summary>What a bool switch tells about <see cref="Target"/> on each of its branches
    /// (PyPy's knowntypedata): <c>isinstance(x, C)</c>, <c>x is not None</c>, <c>if x:</c>.</summary>
    private readonly record struct Narrowing(Variable Target, Annotation? WhenTrue, Annotation? WhenFalse)
    {
        public Annotation? For(Constant? branch) => branch is null ? null : branch.IsBool(true) ? WhenTrue : WhenFalse;

        public Narrowing Negated => this with { WhenTrue = WhenFalse, WhenFalse = WhenTrue };
    }

    /// <summary>After the fixpoint, an operation still blocked on an attribute nobody ever wrote is a
    /// missing attribute (a call that never returns blocks legitimately).</summary>
    private void CheckBlockedOperations()
    {
        foreach (var (_, operation) in _blockedAt)
        {
            if (operation.Code is not (OpCode.GetAttr or OpCode.SetAttr or OpCode.CallMethod))
                continue;
            var receiver = _bindings.GetValueOrDefault(operation.Args[0] as Variable ?? operation.Result);
            string name = (string)((Constant)operation.Args[1]).Value!;
            if (receiver is SomeInstance instance && instance.Class.LookupAttribute(name) is { Annotation: SomeImpossible })
                TypeErrors.MissingAttribute(operation.Span, instance.Class.Name, name);
            if (receiver is SomeNone || operation.Args[0] is Constant { Kind: ConstantKind.None })
                TypeErrors.MissingAttribute(operation.Span, "None", name);
        }
    }

    // ---- IBuiltinServices: containers made by an operation are cached per operation, so that
    // re-flowing a block finds the same ListDef instead of making a new one each time.

    public SomeList NewList(Annotation item, SourceSpan origin)
    {
        var list = (SomeList)MadeContainer(() => new SomeList(new ListDef(SomeImpossible.Instance, this)) { Origin = origin });
        if (item is not SomeImpossible)
            Generalize(list, item, origin);
        return list;
    }

    public SomeDict NewDict(Annotation key, Annotation value, SourceSpan origin)
    {
        var dict = (SomeDict)MadeContainer(() => new SomeDict(new DictDef(SomeImpossible.Instance, SomeImpossible.Instance, this)) { Origin = origin });
        if (key is not SomeImpossible || value is not SomeImpossible)
            Generalize(dict, key, value, origin);
        return dict;
    }

    public void ReadItems(ContainerDef container)
    {
        if (_currentBlock is { } block)
            container.AddReader(block);
    }

    public ClassDef BuiltinClass(string name) => Bookkeeper.BuiltinClass(name);

    private Annotation MadeContainer(Func<Annotation> make)
    {
        var key = (_currentOperation!, _containerIndex++);
        if (!_madeContainers.TryGetValue(key, out var made))
            _madeContainers[key] = made = make();
        return made;
    }

    private static void Generalize(SomeList list, Annotation item, SourceSpan at)
    {
        try
        {
            list.Def.Generalize(item);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, at, "list item");
        }
    }

    private static void Generalize(SomeDict dict, Annotation key, Annotation value, SourceSpan at)
    {
        try
        {
            dict.Def.Generalize(key, value);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, at, "dict item");
        }
    }
}
