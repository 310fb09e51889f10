// The statements of a function body turned into blocks and links: assignment and unpacking,
// augmented assignment, if/while/for with break/continue/else, try/except/else/finally, raise,
// assert, del, global, return. Part of FlowGraphBuilder.
using System.Collections.Immutable;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

public sealed partial class FlowGraphBuilder
{
    private void BuildBody(ImmutableArray<Stmt> body)
    {
        foreach (var statement in body)
        {
            if (_current is null)
                return;
            var outer = _temporaries;
            _temporaries = [];
            BuildStatement(statement);
            _temporaries = outer;
        }
    }

    private void BuildStatement(Stmt statement)
    {
        switch (statement)
        {
            case ExprStmt { Value: ConstantExpr { Kind: Frontend.Syntax.ConstantKind.Str or Frontend.Syntax.ConstantKind.Ellipsis } }:
            case PassStmt:
                break;
            case ExprStmt expression:
                Eval(expression.Value);
                break;
            case AssignStmt assign:
                BuildAssign(assign);
                break;
            case AnnAssignStmt { Value: { } annotated } annAssign:
                AssignTo(annAssign.Target, Eval(annotated, TargetHint(annAssign.Target)));
                break;
            case AnnAssignStmt:
                break;
            case AugAssignStmt augmented:
                BuildAugAssign(augmented);
                break;
            case IfStmt ifStmt:
                BuildIf(ifStmt);
                break;
            case WhileStmt whileStmt:
                BuildWhile(whileStmt);
                break;
            case ForStmt forStmt:
                BuildFor(forStmt);
                break;
            case BreakStmt breakStmt:
                BuildBreak(breakStmt);
                break;
            case ContinueStmt continueStmt:
                BuildContinue(continueStmt);
                break;
            case ReturnStmt returnStmt:
                BuildReturn(returnStmt);
                break;
            case RaiseStmt raiseStmt:
                BuildRaise(raiseStmt);
                break;
            case TryStmt tryStmt:
                BuildTry(tryStmt);
                break;
            case AssertStmt assertStmt:
                BuildAssert(assertStmt);
                break;
            case DeleteStmt deleteStmt:
                foreach (var target in deleteStmt.Targets)
                    BuildDelete(target);
                break;
            case GlobalStmt globalStmt:
                BuildGlobal(globalStmt);
                break;
            case NonlocalStmt nonlocal:
                TranslationErrors.NotRpy(nonlocal.Span, "nonlocal is not RPy (there are no closures)");
                break;
            case WithStmt with:
                TranslationErrors.NotRpy(with.Span, "the with statement is not RPy (yet): use try/finally");
                break;
            case FunctionDefStmt def:
                TranslationErrors.NotRpy(def.Span, $"nested function '{def.Name}' is not RPy (no closures): define it at module level");
                break;
            case ClassDefStmt classDef:
                TranslationErrors.NotRpy(classDef.Span, $"class '{classDef.Name}' defined inside a function is not RPy: define it at module level");
                break;
            case ImportStmt or ImportFromStmt:
                TranslationErrors.NotRpy(statement.Span, "imports inside functions are not RPy: import at module level");
                break;
            default:
                TranslationErrors.NotRpy(statement.Span, $"{StatementNames.Describe(statement)} is not RPy");
                break;
        }
    }

    private static string? TargetHint(Expr target) => target is NameExpr name ? name.Id : null;

    private void BuildAssign(AssignStmt assign)
    {
        if (assign.Targets is [TupleExpr or ListExpr] && assign.Value is TupleExpr values
            && Elements(assign.Targets[0]) is var targets && targets.Length == values.Elts.Length && !values.Elts.Any(e => e is StarredExpr))
        {
            var evaluated = values.Elts.Select((e, i) => Eval(e, TargetHint(targets[i]))).ToList();
            for (int i = 0; i < targets.Length; i++)
                AssignTo(targets[i], evaluated[i]);
            return;
        }
        var value = Eval(assign.Value, assign.Targets.Length == 1 ? TargetHint(assign.Targets[0]) : null);
        foreach (var target in assign.Targets)
            AssignTo(target, value);
    }

    private static ImmutableArray<Expr> Elements(Expr target) => target is TupleExpr tuple ? tuple.Elts : ((ListExpr)target).Elts;

    private void AssignTo(Expr target, Value value)
    {
        switch (target)
        {
            case NameExpr name:
                if (_globalNames.Contains(name.Id))
                    TranslationErrors.NotRpy(name.Span, $"assigning the module-level name '{name.Id}' is not RPy: globals are constants (mutate a prebuilt list, dict or instance instead)");
                SetLocal(name.Id, value);
                break;
            case TupleExpr or ListExpr:
                var targets = Elements(target);
                if (targets.FirstOrDefault(t => t is StarredExpr) is { } starred)
                    TranslationErrors.NotRpy(starred.Span, "starred assignment targets are not RPy");
                var unpacked = Emit(OpCode.Unpack, target.Span, null, value, Constant.Int(targets.Length));
                for (int i = 0; i < targets.Length; i++)
                    AssignTo(targets[i], Emit(OpCode.GetItem, targets[i].Span, TargetHint(targets[i]), unpacked, Constant.Int(i)));
                break;
            case AttributeExpr attribute:
                Emit(OpCode.SetAttr, attribute.Span, null, Eval(attribute.Value), Constant.Str(attribute.Attr), value);
                break;
            case SubscriptExpr { Slice: SliceExpr { Step: null } slice } subscript:
                var sliced = Eval(subscript.Value);
                Emit(OpCode.SetSlice, subscript.Span, null, sliced, OptionalEval(slice.Lower), OptionalEval(slice.Upper), value);
                break;
            case SubscriptExpr subscript:
                var container = Eval(subscript.Value);
                Emit(OpCode.SetItem, subscript.Span, null, container, Eval(subscript.Slice), value);
                break;
            case StarredExpr starredTarget:
                TranslationErrors.NotRpy(starredTarget.Span, "starred assignment targets are not RPy");
                break;
            default:
                TranslationErrors.NotRpy(target.Span, "this assignment target is not RPy");
                break;
        }
    }

    private void BuildAugAssign(AugAssignStmt augmented)
    {
        var code = augmented.Op switch
        {
            BinaryOperator.Add => OpCode.InplaceAdd,
            BinaryOperator.Mult => OpCode.InplaceMul,
            _ => BinaryOpCode(augmented.Op, augmented.Span),
        };
        switch (augmented.Target)
        {
            case NameExpr name:
                var current = LoadName(name);
                AssignTo(name, Emit(code, augmented.Span, name.Id, current, Eval(augmented.Value)));
                break;
            case AttributeExpr attribute:
                var owner = Eval(attribute.Value);
                var field = Constant.Str(attribute.Attr);
                var old = Emit(OpCode.GetAttr, attribute.Span, attribute.Attr, owner, field);
                var updated = Emit(code, augmented.Span, attribute.Attr, old, Eval(augmented.Value));
                Emit(OpCode.SetAttr, attribute.Span, null, owner, field, updated);
                break;
            case SubscriptExpr { Slice: not SliceExpr } subscript:
                var container = Eval(subscript.Value);
                var index = Eval(subscript.Slice);
                var item = Emit(OpCode.GetItem, subscript.Span, null, container, index);
                var result = Emit(code, augmented.Span, null, item, Eval(augmented.Value));
                Emit(OpCode.SetItem, subscript.Span, null, container, index, result);
                break;
            default:
                TranslationErrors.NotRpy(augmented.Target.Span, "this augmented assignment target is not RPy");
                break;
        }
    }

    private void BuildIf(IfStmt ifStmt)
    {
        var (whenFalse, whenTrue) = BranchOn(ifStmt.Test);
        var after = new List<PendingPath>();
        Merge(whenTrue);
        BuildBody(ifStmt.Body);
        AddPath(after, Leave());
        Merge(whenFalse);
        BuildBody(ifStmt.OrElse);
        AddPath(after, Leave());
        Merge(after);
    }

    private void BuildWhile(WhileStmt whileStmt)
    {
        _temporaries.Clear();
        var loop = OpenLoop();
        var (whenFalse, whenTrue) = BranchOn(whileStmt.Test);
        Merge(whenTrue);
        _contexts.Add(loop);
        BuildBody(whileStmt.Body);
        _contexts.RemoveAt(_contexts.Count - 1);
        if (_current is not null)
            GotoHeader(loop, whileStmt.Span);
        Merge(whenFalse);
        BuildBody(whileStmt.OrElse);
        var after = new List<PendingPath>(loop.Breaks);
        AddPath(after, Leave());
        Merge(after);
    }

    private void BuildFor(ForStmt forStmt)
    {
        if (forStmt.IsAsync)
            TranslationErrors.NotRpy(forStmt.Span, "async for is not RPy");
        var iterable = Eval(forStmt.Iter);
        string iteratorName = NewHiddenName("iter");
        SetLocal(iteratorName, Emit(OpCode.Iter, forStmt.Iter.Span, "iter", iterable));
        _temporaries.Clear();
        var loop = OpenLoop();
        var exhausted = new List<PendingPath>();
        var item = EmitNext(Locals[iteratorName], forStmt.Iter.Span, TargetHint(forStmt.Target), exhausted);
        AssignTo(forStmt.Target, item);
        _contexts.Add(loop);
        BuildBody(forStmt.Body);
        _contexts.RemoveAt(_contexts.Count - 1);
        if (_current is not null)
            GotoHeader(loop, forStmt.Span);
        Merge(exhausted);
        ForgetLocal(iteratorName);
        BuildBody(forStmt.OrElse);
        var after = new List<PendingPath>(loop.Breaks.Select(path => Without(path, iteratorName)));
        AddPath(after, Leave());
        Merge(after);
    }

    private static PendingPath Without(PendingPath path, string name)
    {
        path.Locals.Remove(name);
        return path;
    }

    private void ForgetLocal(string name)
    {
        if (_current is not null)
            Locals.Remove(name);
    }

    private void BuildBreak(BreakStmt breakStmt)
    {
        int index = InnermostLoopIndex();
        if (index < 0)
            TranslationErrors.NotRpy(breakStmt.Span, "'break' outside loop");
        var loop = (LoopContext)_contexts[index];
        UnwindTo(index);
        if (Leave() is { } path)
            loop.Breaks.Add(new PendingPath(path.Link, new Dictionary<string, Value>(path.Locals), path.Temporaries));
    }

    private void BuildContinue(ContinueStmt continueStmt)
    {
        int index = InnermostLoopIndex();
        if (index < 0)
            TranslationErrors.NotRpy(continueStmt.Span, "'continue' not properly in loop");
        UnwindTo(index);
        if (_current is not null)
            GotoHeader((LoopContext)_contexts[index], continueStmt.Span);
    }

    private void BuildReturn(ReturnStmt returnStmt)
    {
        var value = returnStmt.Value is null ? Constant.None : Eval(returnStmt.Value);
        if (!_contexts.Any(context => context is TryContext { FinalBody: not null }))
        {
            GotoReturn(value);
            return;
        }
        string resultName = NewHiddenName("result");
        SetLocal(resultName, value);
        UnwindTo(-1);
        if (_current is not null)
            GotoReturn(Locals[resultName]);
    }

    private void BuildRaise(RaiseStmt raiseStmt)
    {
        if (raiseStmt.Cause is { } cause)
            TranslationErrors.NotRpy(cause.Span, "raise ... from ... is not RPy");
        if (raiseStmt.Exc is not { } raised)
        {
            if (_handledExceptions.Count == 0)
                TranslationErrors.NotRpy(raiseStmt.Span, "a bare raise outside an except clause is not RPy");
            RaiseValue(Locals[_handledExceptions.Peek()]);
            return;
        }
        var value = Eval(raised);
        if (value is Constant { Kind: ConstantKind.Class or ConstantKind.Builtin })
            value = Emit(OpCode.SimpleCall, raised.Span, "exc", value);
        RaiseValue(value);
    }

    private void BuildAssert(AssertStmt assertStmt)
    {
        var (whenFalse, whenTrue) = BranchOn(assertStmt.Test);
        Merge(whenFalse);
        if (_current is not null)
        {
            var assertion = Constant.Of(Builtins.AssertionError);
            var error = assertStmt.Msg is { } message
                ? Emit(OpCode.SimpleCall, assertStmt.Span, "exc", assertion, Eval(message))
                : Emit(OpCode.SimpleCall, assertStmt.Span, "exc", assertion);
            RaiseValue(error);
        }
        Merge(whenTrue);
    }

    private void BuildDelete(Expr target)
    {
        switch (target)
        {
            case NameExpr name:
                if (_current is not null && !Locals.Remove(name.Id))
                    TranslationErrors.NotRpy(name.Span, $"del of '{name.Id}', which is not a local variable defined here, is not RPy");
                break;
            case SubscriptExpr { Slice: SliceExpr { Step: null } slice } subscript:
                Emit(OpCode.DelSlice, subscript.Span, null, Eval(subscript.Value), OptionalEval(slice.Lower), OptionalEval(slice.Upper));
                break;
            case SubscriptExpr subscript:
                var container = Eval(subscript.Value);
                Emit(OpCode.DelItem, subscript.Span, null, container, Eval(subscript.Slice));
                break;
            case TupleExpr or ListExpr:
                foreach (var element in Elements(target))
                    BuildDelete(element);
                break;
            default:
                TranslationErrors.NotRpy(target.Span, "del of an attribute is not RPy");
                break;
        }
    }

    private void BuildGlobal(GlobalStmt globalStmt)
    {
        foreach (string name in globalStmt.Names)
        {
            var value = _module.Globals.GetValueOrDefault(name);
            if (value is not { Kind: ConstantKind.List or ConstantKind.Dict or ConstantKind.Instance })
                TranslationErrors.NotRpy(globalStmt.Span,
                    $"global '{name}' is not RPy: only module-level lists, dicts and prebuilt instances can be shared as globals, and they cannot be rebound");
            _globalNames.Add(name);
        }
    }

    // ---- try ----

    private void BuildTry(TryStmt tryStmt)
    {
        if (tryStmt.FinalBody.Length == 0)
        {
            BuildTryExcept(tryStmt);
            return;
        }
        var finallyContext = new TryContext(NewHiddenName("exc"), tryStmt.FinalBody);
        _contexts.Add(finallyContext);
        if (tryStmt.Handlers.Length > 0)
            BuildTryExcept(tryStmt);
        else
            BuildBody(tryStmt.Body);
        _contexts.Remove(finallyContext);
        var after = new List<PendingPath>();
        BuildBody(tryStmt.FinalBody);
        AddPath(after, Leave());
        Merge(finallyContext.Raised);
        if (_current is not null)
        {
            BuildBody(tryStmt.FinalBody);
            if (_current is not null)
                RaiseValue(Locals[finallyContext.ExceptionName]);
        }
        Merge(after);
    }

    private void BuildTryExcept(TryStmt tryStmt)
    {
        var tryContext = new TryContext(NewHiddenName("exc"), null);
        _contexts.Add(tryContext);
        BuildBody(tryStmt.Body);
        _contexts.Remove(tryContext);
        BuildBody(tryStmt.OrElse);
        var after = new List<PendingPath>();
        AddPath(after, Leave());
        Merge(tryContext.Raised);
        foreach (var handler in tryStmt.Handlers)
        {
            if (_current is null)
                break;
            var exception = Locals[tryContext.ExceptionName];
            PendingPath? noMatch = null;
            if (handler.Type is { } type)
            {
                var test = Emit(OpCode.IsInstance, type.Span, null, exception, Eval(type));
                var (whenFalse, whenTrue) = Branch(test, type.Span);
                noMatch = whenFalse;
                StartFrom(whenTrue);
            }
            if (handler.Name is { } name)
                AssignTo(new NameExpr(name, handler.Span), Locals[tryContext.ExceptionName]);
            _handledExceptions.Push(tryContext.ExceptionName);
            BuildBody(handler.Body);
            _handledExceptions.Pop();
            if (_current is not null)
            {
                if (handler.Name is { } bound)
                    Locals.Remove(bound);
                Locals.Remove(tryContext.ExceptionName);
            }
            AddPath(after, Leave());
            if (noMatch is not null)
                StartFrom(noMatch);
        }
        if (_current is not null)
            RaiseValue(Locals[tryContext.ExceptionName]);
        Merge(after);
    }
}
