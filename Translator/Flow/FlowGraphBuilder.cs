// Builds the flow graph of one function from its AST, PyPy-flowspace style: the builder walks the
// statements keeping the current block and a map from local names to values; every control-flow
// construct is expressed with blocks, links and the three exit switches. This file holds the
// machinery (blocks, joins, loops, exception targets); statements and expressions are in the
// other FlowGraphBuilder.*.cs files. Called by ProgramDesc.GetGraph.
//
// Decisions:
// - Locals are block inputs: a block takes one input per local defined on every path into it
//   (at joins, a name missing on some path is dropped; using it later is a not-RPy error).
// - Operations that can raise get an exception exit only inside try (and `next` in loops, whose
//   StopIteration exit ends the loop); elsewhere exceptions propagate implicitly to the caller.
//   A raise inside try links to the try's dispatch block, which tests the handlers in order with
//   isinstance; with no match the exception goes on to the next enclosing try or the except block.
// - finally bodies are duplicated on each exit path (normal, exception, return, break, continue).
// - Module globals are constants: `if DEBUG:` on a constant builds only the taken branch.
using System.Collections.Immutable;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

public sealed partial class FlowGraphBuilder
{
    /// <summary>A link whose target is not decided yet, with the values of the locals it carries
    /// and the versions of the statement's temporaries (by origin) visible where it starts.</summary>
    private sealed class PendingPath(Link link, Dictionary<string, Value> locals, Dictionary<Variable, Variable> temporaries)
    {
        public Link Link { get; } = link;

        public Dictionary<string, Value> Locals { get; } = locals;

        public Dictionary<Variable, Variable> Temporaries { get; } = temporaries;
    }

    /// <summary>The open block, the locals' values, and every variable usable in the block by its
    /// origin (the variable it is a copy of, passed along links), so that a value computed before
    /// a block boundary in the middle of an expression can still be used after it.</summary>
    private sealed class State(Block block, Dictionary<string, Value> locals)
    {
        public Block Block { get; } = block;

        public Dictionary<string, Value> Locals { get; } = locals;

        public Dictionary<Variable, Variable> Visible { get; } = [];
    }

    private abstract class Context;

    private sealed class LoopContext(Block header, List<string> headerNames, List<Variable> headerTemporaries) : Context
    {
        public Block Header { get; } = header;

        public List<string> HeaderNames { get; } = headerNames;

        /// <summary>Origins of the temporaries the header takes after the locals (a loop inside an expression).</summary>
        public List<Variable> HeaderTemporaries { get; } = headerTemporaries;

        public List<PendingPath> Breaks { get; } = [];
    }

    /// <summary>A try statement's protected region: raised exceptions gather here with the
    /// exception value in the hidden local ExceptionName. FinalBody is set for try/finally.</summary>
    private sealed class TryContext(string exceptionName, ImmutableArray<Stmt>? finalBody) : Context
    {
        public string ExceptionName { get; } = exceptionName;

        public ImmutableArray<Stmt>? FinalBody { get; } = finalBody;

        public List<PendingPath> Raised { get; } = [];
    }

    private readonly ProgramDesc _program;
    private readonly FunctionDesc _function;
    private readonly ModuleDesc _module;
    private readonly FunctionGraph _graph;
    private readonly Block _unresolved = new([]);
    private readonly Dictionary<string, int> _rank = [];
    private readonly HashSet<string> _localNames;
    private readonly HashSet<string> _globalNames = [];
    private readonly HashSet<Variable> _boolVariables = [];
    private readonly Stack<string> _handledExceptions = new();
    private readonly Dictionary<Variable, Variable> _origins = [];
    private HashSet<Variable> _temporaries = [];
    private List<Context> _contexts = [];
    private State? _current;
    private int _hiddenCount;

    private FlowGraphBuilder(ProgramDesc program, FunctionDesc function)
    {
        _program = program;
        _function = function;
        _module = function.Module;
        _graph = new FunctionGraph(function.Name, function.QualifiedName, function.Ast.Span, function.ParameterNames);
        _localNames = LocalNames.Collect(function.Ast);
        var locals = new Dictionary<string, Value>();
        for (int i = 0; i < function.ParameterNames.Length; i++)
        {
            Rank(function.ParameterNames[i]);
            locals[function.ParameterNames[i]] = _graph.Parameters[i];
        }
        _current = new State(_graph.StartBlock, locals);
        foreach (var parameter in _graph.Parameters)
            _current.Visible[parameter] = parameter;
    }

    /// <summary>Builds a function's graph; throws DiagnosticException for not-RPy code in it.</summary>
    public static FunctionGraph Build(ProgramDesc program, FunctionDesc function)
    {
        var builder = new FlowGraphBuilder(program, function);
        builder.BuildBody(function.Ast.Body);
        if (builder._current is not null)
            builder.GotoReturn(Constant.None);
        FlowSimplifier.Simplify(builder._graph);
        return builder._graph;
    }

    private State Current => _current ?? throw new InvalidOperationException("no open block");

    private Dictionary<string, Value> Locals => Current.Locals;

    private void Rank(string name) => _rank.TryAdd(name, _rank.Count);

    private string NewHiddenName(string what) => "#" + what + (_hiddenCount++);

    private static string? HintOf(string name)
    {
        if (!name.StartsWith('#'))
            return name;
        string hint = name.TrimStart('#').TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return hint == "tmp" ? null : hint;
    }

    private void SetLocal(string name, Value value)
    {
        Rank(name);
        Locals[name] = Resolve(value);
    }

    private Variable Origin(Variable variable) => _origins.GetValueOrDefault(variable, variable);

    /// <summary>The version in the current block of a value computed earlier in the statement.</summary>
    private Value Resolve(Value value)
    {
        if (value is not Variable variable)
            return value;
        if (Current.Visible.TryGetValue(variable, out var current) || Current.Visible.TryGetValue(Origin(variable), out current))
            return current;
        throw new InvalidOperationException($"{variable} is not available in the current block of {_function.QualifiedName}");
    }

    private Dictionary<Variable, Variable> VisibleTemporaries(State state)
    {
        var visible = new Dictionary<Variable, Variable>();
        foreach (var temporary in _temporaries)
        {
            if (state.Visible.TryGetValue(temporary, out var version))
                visible[temporary] = version;
        }
        return visible;
    }

    private List<string> OrderedNames(IEnumerable<string> names) => [.. names.OrderBy(name => _rank[name])];

    // ---- blocks and paths ----

    /// <summary>Appends an operation to the current block; inside try, an operation that can raise
    /// ends the block with an exception exit to the try's dispatch.</summary>
    private Variable Emit(OpCode code, SourceSpan span, string? hint, params Value[] args)
    {
        var result = _graph.NewVariable(hint);
        Current.Block.Operations.Add(new Operation(code, [.. args.Select(Resolve)], result, span));
        Current.Visible[result] = result;
        _temporaries.Add(result);
        if (code.Info().ReturnsBool)
            _boolVariables.Add(result);
        if (code.Info().CanRaise && InnermostTry() is { } target)
            return SplitAfterRaise([(Constant.Of(Builtins.Exception), target.Raised, target.ExceptionName)], result);
        return result;
    }

    /// <summary>Emits <c>next(iterator)</c>: its StopIteration exit joins <paramref name="exhausted"/>.</summary>
    private Variable EmitNext(Value iterator, SourceSpan span, string? hint, List<PendingPath> exhausted)
    {
        var result = _graph.NewVariable(hint);
        Current.Block.Operations.Add(new Operation(OpCode.Next, [Resolve(iterator)], result, span));
        Current.Visible[result] = result;
        _temporaries.Add(result);
        var exits = new List<(Constant, List<PendingPath>, string?)> { (Constant.Of(Builtins.StopIteration), exhausted, null) };
        if (InnermostTry() is { } target)
            exits.Add((Constant.Of(Builtins.Exception), target.Raised, target.ExceptionName));
        return SplitAfterRaise(exits, result);
    }

    private TryContext? InnermostTry()
    {
        for (int i = _contexts.Count - 1; i >= 0; i--)
        {
            if (_contexts[i] is TryContext target)
                return target;
        }
        return null;
    }

    /// <summary>Ends the block after an operation that may raise; returns the operation's result as
    /// seen in the new block where the normal path continues.</summary>
    private Variable SplitAfterRaise(List<(Constant Case, List<PendingPath> Into, string? ExceptionName)> exits, Variable result)
    {
        var state = Current;
        var normal = new Link(_unresolved, []);
        var handlers = new List<Link>();
        var temporaries = VisibleTemporaries(state);
        temporaries.Remove(result);
        foreach (var (exceptionClass, into, exceptionName) in exits)
        {
            var caught = _graph.NewVariable("exc");
            var link = new Link(_unresolved, []) { Case = exceptionClass, ExceptionValue = caught };
            var locals = new Dictionary<string, Value>(state.Locals);
            if (exceptionName is not null)
            {
                Rank(exceptionName);
                locals[exceptionName] = caught;
            }
            handlers.Add(link);
            into.Add(new PendingPath(link, locals, temporaries));
        }
        state.Block.CloseWithException(normal, handlers);
        StartFrom(new PendingPath(normal, state.Locals, new Dictionary<Variable, Variable>(temporaries) { [result] = result }));
        var carried = Current.Visible[result];
        if (_boolVariables.Contains(result))
            _boolVariables.Add(carried);
        return carried;
    }

    /// <summary>Continues building in a new block reached by one pending link.</summary>
    private void StartFrom(PendingPath path) => Merge([path]);

    /// <summary>Continues building in a new block joining the paths (nothing is reachable when there are none).</summary>
    private void Merge(List<PendingPath> paths)
    {
        if (paths.Count == 0)
        {
            _current = null;
            return;
        }
        IEnumerable<string> common = paths[0].Locals.Keys;
        foreach (var path in paths.Skip(1))
            common = common.Where(path.Locals.ContainsKey);
        var names = OrderedNames(common.ToList());
        var locals = new Dictionary<string, Value>();
        var inputs = new List<Variable>();
        var visible = new Dictionary<Variable, Variable>();
        foreach (string name in names)
        {
            var input = _graph.NewVariable(HintOf(name));
            inputs.Add(input);
            locals[name] = input;
            var values = paths.Select(path => path.Locals[name]).ToList();
            if (values.All(value => value is Variable v && _boolVariables.Contains(v) || value is Constant { Kind: ConstantKind.Bool }))
                _boolVariables.Add(input);
            if (values[0] is Variable first && values.All(value => value is Variable v && Origin(v) == Origin(first)))
                _origins[input] = Origin(first);
            visible.TryAdd(Origin(input), input);
            // Two locals may carry the same value into the block (x = seed before a loop); each
            // input then resolves to itself, not to whichever input first claimed their origin.
            visible[input] = input;
        }
        var temporaries = paths[0].Temporaries.Keys.Where(t => paths.All(path => path.Temporaries.ContainsKey(t)) && !visible.ContainsKey(t))
            .OrderBy(t => t.Id).ToList();
        foreach (var temporary in temporaries)
        {
            var input = _graph.NewVariable(temporary.NameHint);
            inputs.Add(input);
            _origins[input] = temporary;
            visible[temporary] = input;
            if (_boolVariables.Contains(temporary))
                _boolVariables.Add(input);
        }
        var block = new Block(inputs);
        foreach (var path in paths)
        {
            path.Link.Target = block;
            path.Link.Args.Clear();
            path.Link.Args.AddRange(names.Select(name => path.Locals[name]));
            path.Link.Args.AddRange(temporaries.Select(temporary => (Value)path.Temporaries[temporary]));
        }
        _current = new State(block, locals);
        foreach (var (origin, variable) in visible)
            _current.Visible[origin] = variable;
    }

    /// <summary>Ends the current block with a link to be resolved later (null when nothing is reachable).</summary>
    private PendingPath? Leave()
    {
        if (_current is not { } state)
            return null;
        var link = new Link(_unresolved, []);
        state.Block.CloseWithGoto(link);
        _current = null;
        return new PendingPath(link, state.Locals, VisibleTemporaries(state));
    }

    private static void AddPath(List<PendingPath> paths, PendingPath? path)
    {
        if (path is not null)
            paths.Add(path);
    }

    /// <summary>Ends the current block with a bool switch on <paramref name="condition"/>.</summary>
    private (PendingPath WhenFalse, PendingPath WhenTrue) Branch(Variable condition, SourceSpan span)
    {
        condition = (Variable)Resolve(condition);
        if (!_boolVariables.Contains(condition))
            condition = Emit(OpCode.IsTrue, span, null, condition);
        var whenFalse = new Link(_unresolved, []);
        var whenTrue = new Link(_unresolved, []);
        var state = Current;
        state.Block.CloseWithBool(condition, whenFalse, whenTrue, span);
        _current = null;
        var temporaries = VisibleTemporaries(state);
        return (new PendingPath(whenFalse, state.Locals, temporaries), new PendingPath(whenTrue, state.Locals, temporaries));
    }

    private void GotoReturn(Value value)
    {
        Current.Block.CloseWithGoto(new Link(_graph.ReturnBlock, [Resolve(value)]));
        _current = null;
    }

    /// <summary>Raises an exception value: to the innermost try's dispatch, or out of the function.</summary>
    private void RaiseValue(Value exception)
    {
        if (InnermostTry() is { } target)
        {
            SetLocal(target.ExceptionName, exception);
            AddPath(target.Raised, Leave());
            return;
        }
        Current.Block.CloseWithGoto(new Link(_graph.ExceptBlock, [Resolve(exception)]));
        _current = null;
    }

    // ---- loops ----

    /// <summary>Starts a loop: a header block taking every local defined now.</summary>
    private LoopContext OpenLoop()
    {
        var entry = Leave()!;
        Merge([entry]);
        var header = Current.Block;
        var names = OrderedNames(Current.Locals.Keys);
        return new LoopContext(header, names, [.. header.Inputs.Skip(names.Count).Select(Origin)]);
    }

    /// <summary>Links the current block back to a loop's header.</summary>
    private void GotoHeader(LoopContext loop, SourceSpan span)
    {
        var locals = Locals;
        var args = new List<Value>();
        foreach (string name in loop.HeaderNames)
        {
            if (!locals.TryGetValue(name, out var value))
                TranslationErrors.NotRpy(span, $"local variable '{HintOf(name)}' is deleted inside a loop but defined before it; RPy needs it on every iteration");
            args.Add(value);
        }
        foreach (var temporary in loop.HeaderTemporaries)
            args.Add(Current.Visible[temporary]);
        Current.Block.CloseWithGoto(new Link(loop.Header, args));
        _current = null;
    }

    /// <summary>Builds the finally bodies between the current point and the context at
    /// <paramref name="targetIndex"/> (exclusive), innermost first, as a jump leaves them.</summary>
    private void UnwindTo(int targetIndex)
    {
        var saved = _contexts;
        for (int i = saved.Count - 1; i > targetIndex && _current is not null; i--)
        {
            if (saved[i] is TryContext { FinalBody: { } finalBody })
            {
                _contexts = saved.GetRange(0, i);
                BuildBody(finalBody);
            }
        }
        _contexts = saved;
    }

    private int InnermostLoopIndex()
    {
        for (int i = _contexts.Count - 1; i >= 0; i--)
        {
            if (_contexts[i] is LoopContext)
                return i;
        }
        return -1;
    }
}
