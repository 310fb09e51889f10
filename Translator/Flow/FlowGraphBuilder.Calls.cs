// Calls (builtins that are operations: len, isinstance, type, getattr/setattr with constant
// names; methods; super(); keywords), f-strings and comprehensions. Part of FlowGraphBuilder.
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

public sealed partial class FlowGraphBuilder
{
    private Value EvalCall(CallExpr call, string? hint)
    {
        if (call.Func is NameExpr { Id: "getattr" or "setattr" or "hasattr" or "delattr" } special && !IsShadowed(special.Id))
            return EvalAttributeBuiltin(special.Id, call, hint);
        if (call.Func is AttributeExpr { Value: CallExpr { Func: NameExpr { Id: "super" } } superCall } superMethod && !IsShadowed("super"))
            return EvalSuperCall(superCall, superMethod, call, hint);
        if (call.Func is AttributeExpr method && call.Keywords.Length == 0)
        {
            var receiver = Eval(method.Value);
            var member = IsModule(receiver) ? ModuleAttribute((Constant)receiver, method) : ClassMember(receiver, method.Attr);
            if (member is null)
            {
                var (methodArgs, methodStar) = EvalArguments(call);
                if (methodStar is not null)
                    return NotRpy(call.Args[^1].Span, "*args in a method call is not RPy");
                return Emit(OpCode.CallMethod, call.Span, hint, [receiver, Constant.Str(method.Attr), .. methodArgs]);
            }
            return EmitCall(member, call, hint);
        }
        return EmitCall(Eval(call.Func), call, hint);
    }

    private bool IsShadowed(string name) =>
        (_current is not null && Locals.ContainsKey(name)) || _localNames.Contains(name) || _module.Globals.ContainsKey(name);

    /// <summary>The positional arguments; a final <c>*tuple</c> is returned separately (call_args splices it).</summary>
    private (List<Value> Args, Value? Star) EvalArguments(CallExpr call)
    {
        var args = new List<Value>();
        Value? star = null;
        for (int i = 0; i < call.Args.Length; i++)
        {
            var arg = call.Args[i];
            if (arg is StarredExpr { Value: TupleExpr spliced })
                args.AddRange(EvalAll(spliced.Elts));
            else if (arg is StarredExpr starred && i == call.Args.Length - 1)
                star = Eval(starred.Value);
            else if (arg is StarredExpr misplaced)
                NotRpy(misplaced.Span, "*args in a call is only RPy as the last positional argument");
            else
                args.Add(Eval(arg));
        }
        return (args, star);
    }

    private Value EmitCall(Value callee, CallExpr call, string? hint)
    {
        var (args, star) = EvalArguments(call);
        if (callee is Constant { Value: BuiltinDesc builtin } && call.Keywords.Length == 0 && star is null)
        {
            switch (builtin.Name, args.Count)
            {
                case ("len", 1):
                    return Emit(OpCode.Len, call.Span, hint, args[0]);
                case ("isinstance", 2):
                    return Emit(OpCode.IsInstance, call.Span, hint, args[0], args[1]);
                case ("type", 1):
                    return Emit(OpCode.Type, call.Span, hint, args[0]);
            }
        }
        if (call.Keywords.Length == 0 && star is null)
            return Emit(OpCode.SimpleCall, call.Span, hint, [callee, .. args]);
        var shape = new List<Constant>();
        if (star is not null)
        {
            shape.Add(Constant.Str("*"));
            args.Add(star);
        }
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is not { } name)
                return NotRpy(keyword.Span, "**kwargs in a call is not RPy");
            shape.Add(Constant.Str(name));
            args.Add(Eval(keyword.Value));
        }
        return Emit(OpCode.CallArgs, call.Span, hint, [callee, Constant.Tuple([.. shape]), .. args]);
    }

    private Value EvalAttributeBuiltin(string name, CallExpr call, string? hint)
    {
        int expected = name == "setattr" ? 3 : 2;
        if (name is "hasattr" or "delattr")
            return NotRpy(call.Span, $"{name}() is not RPy");
        if (call.Args.Length != expected || call.Keywords.Length > 0)
            return NotRpy(call.Span, $"{name}() is only RPy with {expected} positional arguments (no default)");
        if (call.Args[1] is not ConstantExpr { Kind: Frontend.Syntax.ConstantKind.Str, Value: string attribute })
            return NotRpy(call.Args[1].Span, $"{name}() with a non-constant attribute name is not RPy");
        var owner = Eval(call.Args[0]);
        if (name == "getattr")
            return Emit(OpCode.GetAttr, call.Span, hint, owner, Constant.Str(attribute));
        return Emit(OpCode.SetAttr, call.Span, hint, owner, Constant.Str(attribute), Eval(call.Args[2]));
    }

    /// <summary><c>super().m(args)</c> in a method: a direct call of the base class's method with self.</summary>
    private Value EvalSuperCall(CallExpr superCall, AttributeExpr superMethod, CallExpr call, string? hint)
    {
        if (superCall.Args.Length > 0 || _function.Owner is not { } owner || _function.Kind != FunctionKind.Method || _function.ParameterNames.Length == 0)
            return NotRpy(superCall.Span, "super() is only RPy without arguments, inside a method");
        var target = owner.Base?.FindMethod(superMethod.Attr);
        if (target is null)
        {
            if (superMethod.Attr == "__init__" && call.Args.Length == 0)
                return Constant.None;
            return NotRpy(superMethod.Span, $"the base classes of '{owner.Name}' have no method '{superMethod.Attr}'");
        }
        var self = LoadName(new NameExpr(_function.ParameterNames[0], superCall.Span));
        var (args, star) = EvalArguments(call);
        if (call.Keywords.Length > 0 || star is not null)
            return NotRpy(call.Span, "keyword or *args arguments in a super() call are not RPy");
        return Emit(OpCode.SimpleCall, call.Span, hint, [Constant.Of(target), self, .. args]);
    }

    private Value EvalJoinedStr(JoinedStrExpr joined, string? hint)
    {
        var parts = new List<Value>();
        foreach (var part in joined.Values)
        {
            if (part is not FormattedValueExpr field)
            {
                parts.Add(Eval(part));
                continue;
            }
            var value = Eval(field.Value);
            if (field.Conversion >= 0)
            {
                string converter = field.Conversion == 'r' ? "repr" : field.Conversion == 's' ? "str" : "ascii";
                if (Builtins.LookupGlobal(converter) is not { } convert)
                    return NotRpy(field.Span, "!a conversions in f-strings are not RPy");
                value = Emit(OpCode.SimpleCall, field.Span, null, Constant.Of(convert), value);
            }
            var spec = field.FormatSpec is null ? Constant.Str("") : Eval(field.FormatSpec);
            parts.Add(Emit(OpCode.Format, field.Span, null, value, spec));
        }
        if (parts is [Constant single])
            return single;
        if (parts.All(part => part is Constant))
            return Constant.Str(string.Concat(parts.Select(part => (string)((Constant)part).Value!)));
        return Emit(OpCode.BuildStr, joined.Span, hint, [.. parts]);
    }

    /// <summary>A comprehension (a generator expression is treated as a list comprehension): a new
    /// container, one inlined loop per <c>for</c> clause, a branch per <c>if</c>, and an append per item.
    /// The loop variables are local to the comprehension, as in Python 3.</summary>
    private Value EvalComprehension(Expr comprehension, string? hint)
    {
        var (generators, code) = comprehension switch
        {
            ListCompExpr list => (list.Generators, OpCode.NewList),
            GeneratorExpr generator => (generator.Generators, OpCode.NewList),
            SetCompExpr set => (set.Generators, OpCode.NewSet),
            DictCompExpr dict => (dict.Generators, OpCode.NewDict),
            _ => throw new ArgumentOutOfRangeException(nameof(comprehension)),
        };
        var targetNames = new HashSet<string>();
        foreach (var generator in generators)
        {
            if (generator.IsAsync)
                NotRpy(generator.Span, "async comprehensions are not RPy");
            LocalNames.CollectTargets(generator.Target, targetNames);
        }
        var saved = targetNames.Where(Locals.ContainsKey).ToDictionary(name => name, name => Locals[name]);
        string resultName = NewHiddenName(hint ?? "tmp");
        SetLocal(resultName, Emit(code, comprehension.Span, hint));
        ComprehensionLevel(comprehension, generators, 0, resultName);
        var result = Locals[resultName];
        Locals.Remove(resultName);
        if (result is Variable built)
            _temporaries.Add(Origin(built));
        foreach (string name in targetNames)
        {
            if (saved.TryGetValue(name, out var previous))
                Locals[name] = previous;
            else
                Locals.Remove(name);
        }
        return result;
    }

    private void ComprehensionLevel(Expr comprehension, System.Collections.Immutable.ImmutableArray<Comprehension> generators, int level, string resultName)
    {
        var generator = generators[level];
        string iteratorName = NewHiddenName("iter");
        var iterable = Eval(generator.Iter);
        SetLocal(iteratorName, Emit(OpCode.Iter, generator.Iter.Span, "iter", iterable));
        var loop = OpenLoop();
        var exhausted = new List<PendingPath>();
        AssignTo(generator.Target, EmitNext(Locals[iteratorName], generator.Iter.Span, TargetHint(generator.Target), exhausted));
        foreach (var condition in generator.Ifs)
        {
            if (_current is null)
                break;
            var (whenFalse, whenTrue) = BranchOn(condition);
            foreach (var skip in whenFalse)
            {
                StartFrom(skip);
                GotoHeader(loop, condition.Span);
            }
            Merge(whenTrue);
        }
        if (_current is not null)
        {
            if (level + 1 < generators.Length)
                ComprehensionLevel(comprehension, generators, level + 1, resultName);
            else
                AppendItem(comprehension, Locals[resultName]);
        }
        if (_current is not null)
            GotoHeader(loop, comprehension.Span);
        Merge(exhausted);
        ForgetLocal(iteratorName);
    }

    private void AppendItem(Expr comprehension, Value container)
    {
        switch (comprehension)
        {
            case ListCompExpr list:
                Emit(OpCode.CallMethod, list.Elt.Span, null, container, Constant.Str("append"), Eval(list.Elt));
                break;
            case GeneratorExpr generator:
                Emit(OpCode.CallMethod, generator.Elt.Span, null, container, Constant.Str("append"), Eval(generator.Elt));
                break;
            case SetCompExpr set:
                Emit(OpCode.CallMethod, set.Elt.Span, null, container, Constant.Str("add"), Eval(set.Elt));
                break;
            case DictCompExpr dict:
                var key = Eval(dict.Key);
                Emit(OpCode.SetItem, dict.Key.Span, null, container, key, Eval(dict.Value));
                break;
        }
    }
}
