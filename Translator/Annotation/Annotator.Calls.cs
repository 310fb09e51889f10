// Calls for the annotator: user functions (one graph per function, arguments joined across call
// sites, return values flowing back), class instantiation with __init__, method calls dispatched
// over every override below the receiver's class, builtins through BuiltinTable, and first-class callables.
using System.Collections.Immutable;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed partial class Annotator
{
    private Annotation Call(Operation operation, Annotation callee, ImmutableArray<Annotation> args, ImmutableArray<string> keywords)
    {
        if (callee is SomeImpossible)
            return callee;
        if (callee is not SomePbc pbc)
        {
            TypeErrors.NotCallable(operation.Span, callee);
            return null;
        }
        if (pbc.Nullable)
            return Unsupported(operation, $"calling a value that can be None ({pbc.UserName})", pbc);
        CheckSameSignatures(operation, pbc);
        Annotation result = SomeImpossible.Instance;
        foreach (var desc in pbc.Descs.OrderBy(desc => desc.Name, StringComparer.Ordinal))
        {
            var returned = desc switch
            {
                FunctionPbc function => CallFunction(operation, function.Function, null, args, keywords),
                ClassPbc cls => Instantiate(operation, cls.Class, args, keywords),
                BoundMethodPbc method => CallMethodOn(operation, new SomeInstance(method.Receiver), method.Method, args, keywords),
                BuiltinPbc builtin => CallBuiltin(operation, builtin.Builtin, args, keywords),
                _ => NotCallable(operation, pbc),
            };
            result = Join(result, returned, operation.Span, $"result of calling {pbc.UserName}");
        }
        return result;
    }

    /// <summary>A first-class callable that can be one of several functions is only RPy when they all
    /// take the same parameters (one call site, one calling convention).</summary>
    private static void CheckSameSignatures(Operation operation, SomePbc pbc)
    {
        if (pbc.Descs.Count < 2)
            return;
        var functions = pbc.Descs.OfType<FunctionPbc>().Select(desc => desc.Function).OrderBy(f => f.QualifiedName, StringComparer.Ordinal).ToList();
        if (functions.Count < 2 || functions.All(f => f.ParameterNames.Length == functions[0].ParameterNames.Length))
            return;
        var other = functions.First(f => f.ParameterNames.Length != functions[0].ParameterNames.Length);
        TypeErrors.Error(TypeErrors.SignatureId, operation.Span, $"the functions that can be called here have different signatures",
            new Frontend.Diagnostics.DiagnosticNote($"{functions[0].Name}() takes {Parameters(functions[0].ParameterNames.Length)}", functions[0].Ast.Span),
            new Frontend.Diagnostics.DiagnosticNote($"{other.Name}() takes {Parameters(other.ParameterNames.Length)}", other.Ast.Span));
    }

    private static Annotation NotCallable(Operation operation, Annotation callee)
    {
        TypeErrors.NotCallable(operation.Span, callee);
        return null;
    }

    /// <summary>Joins the call's arguments into the callee's parameters and returns what the callee
    /// returns so far (impossible until its return block is reached: the caller is re-flowed then).</summary>
    private Annotation CallFunction(Operation operation, FunctionDesc function, Annotation? self, ImmutableArray<Annotation> args, ImmutableArray<string> keywords)
    {
        if (function.Kind == FunctionKind.StaticMethod)
            self = null;
        else if (function.Kind == FunctionKind.ClassMethod && function.Owner is { } owner)
            self = new SomePbc(Bookkeeper.DescOf(Bookkeeper.ClassDefOf(owner)));
        var graph = GraphOf(function);
        var parameters = function.ParameterNames;
        var slots = new Annotation?[parameters.Length];
        int offset = self is null ? 0 : 1;
        if (self is not null && parameters.Length > 0)
            slots[0] = self;
        int positional = args.Length - keywords.Length;
        string display = function.Name + "()";
        if (offset + positional > parameters.Length)
            TypeErrors.Arity(operation.Span, display, parameters.Length - offset, positional, function.Ast.Span);
        for (int i = 0; i < positional; i++)
            slots[offset + i] = args[i];
        for (int k = 0; k < keywords.Length; k++)
        {
            int index = parameters.IndexOf(keywords[k]);
            if (index < offset)
                TypeErrors.Error(TypeErrors.ArityId, operation.Span, $"{display} got an unexpected keyword argument '{keywords[k]}'");
            if (slots[index] is not null)
                TypeErrors.Error(TypeErrors.ArityId, operation.Span, $"{display} got multiple values for argument '{keywords[k]}'");
            slots[index] = args[positional + k];
        }
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i] is not null)
                continue;
            var fallback = function.Defaults[i];
            if (fallback is null)
                TypeErrors.Arity(operation.Span, display, parameters.Length - offset, args.Length, function.Ast.Span);
            slots[i] = Bookkeeper.Of(fallback, function.Ast.Span);
        }
        MergeInputs(graph.StartBlock, slots!, operation.Span, i => $"argument '{parameters[i]}' of {display}");
        if (!_returnReaders.TryGetValue(graph, out var readers))
            _returnReaders[graph] = readers = [];
        readers.Add(_currentBlock!);
        return _bindings.GetValueOrDefault(graph.ReturnBlock.Inputs[0]) ?? SomeImpossible.Instance;
    }

    private Annotation Instantiate(Operation operation, ClassDef cls, ImmutableArray<Annotation> args, ImmutableArray<string> keywords)
    {
        var instance = new SomeInstance(cls) { Origin = operation.Span };
        if (cls.Desc is not { } desc)
            return instance;
        if (desc.FindMethod("__init__") is { } init)
            CallFunction(operation, init, instance, args, keywords);
        else if (args.Length > 0 && !desc.IsException)
            TypeErrors.Arity(operation.Span, cls.Name + "()", 0, args.Length, desc.Ast.Span);
        return instance;
    }

    private Annotation CallMethod(Operation operation, Annotation receiver, string name, ImmutableArray<Annotation> args)
    {
        switch (receiver)
        {
            case SomeImpossible:
                return receiver;
            case SomeStr or SomeChar or SomeList or SomeDict:
                return BuiltinTable.CallMethod(BuiltinCallOf(operation, name, receiver, args, []));
            case SomeInstance instance:
                return CallMethodOn(operation, instance, name, args, []);
            case SomeJitDriver:
                return SomeNone.Instance.WithOrigin(operation.Span);
            case SomePbc { Single: ClassPbc cls } when cls.Class.Desc?.FindMethod(name) is { } method:
                return CallFunction(operation, method, null, args, []);
            case SomePbc { Single: ClassPbc } when name == "__init__":
                return SomeNone.Instance;
            case SomePbc { Single: ModulePbc or BuiltinPbc or ClassPbc }:
                return Call(operation, GetAttribute(operation, receiver, name), args, []);
        }
        TypeErrors.UnknownMethod(operation.Span, receiver, name);
        return null;
    }

    /// <summary><c>obj.name(args)</c> on an instance of <c>instance.Class</c> or any subclass: every
    /// override that can be reached is called (with self of its class) and the results joined.</summary>
    private Annotation CallMethodOn(Operation operation, SomeInstance instance, string name, ImmutableArray<Annotation> args, ImmutableArray<string> keywords)
    {
        var targets = MethodTargets(instance.Class, name);
        if (targets.Count == 0)
            return Call(operation, ReadAttribute(operation, instance.Class, name), args, keywords);
        var first = targets[0].Method;
        Annotation result = SomeImpossible.Instance;
        foreach (var (method, selfClass) in targets)
        {
            if (method.ParameterNames.Length != first.ParameterNames.Length || method.Kind != first.Kind)
                TypeErrors.Error(TypeErrors.SignatureId, operation.Span,
                    $"method '{name}' is called through {instance.Class.Name} but its overrides have different signatures",
                    new Frontend.Diagnostics.DiagnosticNote($"{first.QualifiedName} takes {Parameters(first.ParameterNames.Length)}", first.Ast.Span),
                    new Frontend.Diagnostics.DiagnosticNote($"{method.QualifiedName} takes {Parameters(method.ParameterNames.Length)}", method.Ast.Span));
            var returned = CallFunction(operation, method, new SomeInstance(selfClass) { Origin = instance.Origin }, args, keywords);
            result = Join(result, returned, operation.Span, $"result of method '{name}'");
        }
        return result;
    }

    private static string Parameters(int count) => count == 1 ? "1 parameter" : $"{count} parameters";

    private static List<(FunctionDesc Method, ClassDef Self)> MethodTargets(ClassDef cls, string name)
    {
        var targets = new List<(FunctionDesc, ClassDef)>();
        foreach (var candidate in cls.SelfAndDescendants())
        {
            if (candidate.Desc?.FindMethod(name) is not { } method)
                continue;
            if (candidate != cls && candidate.Base?.Desc?.FindMethod(name) == method)
                continue;
            targets.Add((method, candidate));
        }
        return targets;
    }

    private Annotation CallBuiltin(Operation operation, BuiltinDesc builtin, ImmutableArray<Annotation> args, ImmutableArray<string> keywords)
    {
        switch (builtin.Name)
        {
            case "clrpy.jit.JitDriver":
                return SomeJitDriver.Instance;
            case "sys.exit":
                return SomeNone.Instance.WithOrigin(operation.Span);
        }
        if (builtin.Kind == BuiltinKind.Module)
            return NotCallable(operation, new SomePbc(new BuiltinPbc(builtin)));
        return BuiltinTable.CallFunction(BuiltinCallOf(operation, builtin.Name, null, args, keywords));
    }
}
