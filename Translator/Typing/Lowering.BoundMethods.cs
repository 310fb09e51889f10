// Bound methods as values (`f = obj.method`, `[a.bump, b.scale]`) and classes as values (`cls(2)`).
// A bound method is a pair: the receiver, typed as the root class of its hierarchy, and a function
// taking that receiver first. The function is a small synthesized graph that calls the method through
// the class's method slot, so overrides in subclasses are honoured; calling the value is an indirect
// call of the function with the receiver. Both backends see only tuples,
// functions, same_as (a downcast the annotator proved safe) and method_call.
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;

namespace ClrPy.Translator.Typing;

public sealed partial class Lowering
{
    private readonly Dictionary<(ClassDescriptor Receiver, string Method, FunctionType Signature), FunctionDescriptor> _boundMethodFunctions = [];

    /// <summary>The representation of a set of bound methods: (receiver, function) with one signature.</summary>
    private LowLevelType BoundMethodRepresentation(SomePbc pbc)
    {
        // The receiver is typed as the root of its class hierarchy, so bound methods read from
        // different classes of one hierarchy share a representation wherever they flow together.
        var methods = pbc.Descs.Cast<BoundMethodPbc>().ToList();
        var roots = methods.Select(method => Root(method.Receiver)).Distinct().ToList();
        if (roots.Count > 1 && pbc.Origin is { } origin)
            Unsupported(origin, $"one value holding bound methods of unrelated classes ({string.Join(", ", roots.Select(root => root.Name).Order(StringComparer.Ordinal))})");
        if (roots.Count > 1)
            throw new NotSupportedException($"bound methods of unrelated classes in one value ({pbc})");
        var receiver = new InstanceType(_representations.ClassOf(roots[0]));
        var first = methods[0];
        var implementation = first.Receiver.Desc?.FindMethod(first.Method)
            ?? throw new NotSupportedException($"no method {first.Method} in {first.Receiver.Name}");
        var graph = _program.Graphs[implementation];
        var parameters = graph.Parameters.Skip(1).Select(TypeOf);
        var signature = new FunctionType([receiver, .. parameters], TypeOf(graph.ReturnBlock.Inputs[0]));
        return new TupleType([receiver, signature]);
    }

    /// <summary>The topmost user class above <paramref name="cls"/>.</summary>
    private static ClassDef Root(ClassDef cls)
    {
        while (cls.Base is { Desc: not null } parent)
            cls = parent;
        return cls;
    }

    private static bool IsBoundMethod(LowLevelType type, out InstanceType receiver, out FunctionType function)
    {
        if (type is TupleType { Items: [InstanceType self, FunctionType signature] } && signature.Parameters.Length > 0 && signature.Parameters[0] == self)
        {
            receiver = self;
            function = signature;
            return true;
        }
        receiver = null!;
        function = null!;
        return false;
    }

    /// <summary><c>target.name</c> read as a value, for a method name: the (receiver, function) pair.</summary>
    private TypedValue? BindMethod(InstanceType owner, TypedValue target, string name, LowLevelType result, SourceSpan span)
    {
        if (!IsBoundMethod(result, out var receiver, out var signature))
            return null;
        var function = BoundMethodFunction(owner, name, signature, span);
        return Emit(LowOpCode.NewTuple, result, span, Convert(target, receiver, span), new TypedConstant(function, signature));
    }

    /// <summary>Calls a bound-method value: its function with its receiver first.</summary>
    private TypedValue CallBoundMethod(TypedValue bound, InstanceType receiver, FunctionType signature, List<TypedValue> args, SourceSpan span)
    {
        var self = Emit(LowOpCode.TupleGetItem, receiver, span, 0, bound);
        var function = Emit(LowOpCode.TupleGetItem, signature, span, 1, bound);
        return Emit(LowOpCode.IndirectCall, signature.Result, span,
            [function, self, .. args.Select((arg, i) => Convert(arg, signature.Parameters[i + 1], span))]);
    }

    /// <summary>fn(self: Base, args...) = method_call(Receiver.name, same_as(self), args...).</summary>
    private FunctionDescriptor BoundMethodFunction(InstanceType owner, string name, FunctionType signature, SourceSpan span)
    {
        var key = (owner.Class, name, signature);
        if (_boundMethodFunctions.TryGetValue(key, out var existing))
            return existing;
        var function = new FunctionDescriptor($"{owner.Class.Name}.{name}$bound", signature.Parameters, signature.Result);
        _boundMethodFunctions[key] = function;
        var graph = new TypedGraph(function.Name,
            signature.Parameters.Select((type, i) => (i == 0 ? "self" : "arg" + i, type)), signature.Result, ExceptionType);
        var (outerGraph, outerBlock) = (_graph, _block);
        (_graph, _block) = (graph, graph.StartBlock);
        try
        {
            var self = Convert(graph.StartBlock.Inputs[0], owner, span);
            var value = CallMethod(owner, self, name, [.. graph.StartBlock.Inputs.Skip(1)], span);
            graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [Convert(value, signature.Result, span)]));
        }
        finally
        {
            (_graph, _block) = (outerGraph, outerBlock);
        }
        function.Graph = graph;
        _synthesized.Add(function);
        return function;
    }

    /// <summary>Calls a callee whose annotation is one known class or function (a classmethod's <c>cls</c>,
    /// a local bound to a class): the call of that constant.</summary>
    private TypedValue? CallSingleConstant(Flow.Variable callee, List<TypedValue> positional, List<(string Name, TypedValue Value)> named, SourceSpan span)
    {
        if (_program.Of(callee) is not SomePbc { Descs.Count: 1, Nullable: false } pbc)
            return null;
        return pbc.Descs.Single() switch
        {
            ClassPbc { Class.Desc: { } cls } => Instantiate(cls, positional, named, span),
            FunctionPbc function => CallFunction(function.Function, positional, named, span),
            _ => null,
        };
    }
}
