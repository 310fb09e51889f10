// Evaluates module-level code at translation time: constant expressions (literals, tuples, lists
// and dicts of constants, arithmetic on constants, names of functions/classes/modules) and calls
// of classes (prebuilt instances, by running simple __init__ bodies) and simple functions.
// Called by ProgramLoader for module and class bodies, default values and decorators.
using System.Collections.Immutable;
using System.Numerics;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Constant = ClrPy.Translator.Flow.Constant;
using Kind = ClrPy.Translator.Flow.ConstantKind;

namespace ClrPy.Translator.Descriptions;

/// <summary>Evaluates expressions and the simple statements of __init__ bodies over constants.
/// Limits (each reported as a located error): no loops, no exceptions, no comprehensions or
/// f-strings; only the builtins len, int, float, str, chr, ord, abs, min, max, list, dict, tuple.</summary>
public sealed class ConstantEvaluator(ProgramDesc program, Func<ModuleDesc, FunctionDefStmt, FunctionDesc> defineLambda)
{
    private const int MaxCallDepth = 50;

    private int _nextPrebuiltId;
    private int _callDepth;

    private sealed class Frame(ModuleDesc module, ClassDesc? classScope, Dictionary<string, Constant>? locals)
    {
        public ModuleDesc Module { get; } = module;

        public ClassDesc? ClassScope { get; } = classScope;

        public Dictionary<string, Constant>? Locals { get; } = locals;

        public FunctionDesc? Function { get; init; }
    }

    private sealed class ReturnSignal(Constant value) : Exception
    {
        public Constant Value { get; } = value;
    }

    public Constant Evaluate(ModuleDesc module, Expr expr, ClassDesc? classScope) => Eval(new Frame(module, classScope, null), expr);

    /// <summary>The value of a name or dotted name (a decorator), or null when it is not defined.</summary>
    public Constant? TryEvaluateName(ModuleDesc module, Expr expr) => expr switch
    {
        NameExpr name => Lookup(new Frame(module, null, null), name.Id),
        AttributeExpr { Value: var inner } attribute when TryEvaluateName(module, inner) is { } owner => TryAttribute(owner, attribute.Attr),
        _ => null,
    };

    public void Assign(ModuleDesc module, Expr target, Constant value, ClassDesc? classScope) =>
        AssignTo(new Frame(module, classScope, null), target, value);

    private void AssignTo(Frame frame, Expr target, Constant value)
    {
        switch (target)
        {
            case NameExpr name when frame.Locals is { } locals:
                locals[name.Id] = value;
                break;
            case NameExpr name:
                frame.Module.Globals[name.Id] = value;
                frame.Module.GlobalSpans[name.Id] = name.Span;
                break;
            case TupleExpr or ListExpr:
                var targets = target is TupleExpr tuple ? tuple.Elts : ((ListExpr)target).Elts;
                var items = Items(value, target.Span);
                if (items.Count != targets.Length)
                    Fail(target.Span, $"cannot unpack {items.Count} values into {targets.Length} targets");
                for (int i = 0; i < targets.Length; i++)
                    AssignTo(frame, targets[i], items[i]);
                break;
            case AttributeExpr attribute:
                var instance = Eval(frame, attribute.Value).Value as PrebuiltInstance
                    ?? Fail<PrebuiltInstance>(attribute.Span, "only attributes of prebuilt instances can be set at translation time");
                instance.Fields[attribute.Attr] = value;
                break;
            case SubscriptExpr subscript:
                var container = Eval(frame, subscript.Value);
                var index = Eval(frame, subscript.Slice);
                if (container.Value is PrebuiltList list && index.Value is long i2 && i2 >= -list.Items.Count && i2 < list.Items.Count)
                    list.Items[(int)(i2 < 0 ? i2 + list.Items.Count : i2)] = value;
                else if (container.Value is PrebuiltDict dict)
                    SetEntry(dict, index, value);
                else
                    Fail(subscript.Span, "only items of prebuilt lists and dicts can be set at translation time");
                break;
            default:
                Fail(target.Span, "this assignment target cannot be evaluated at translation time");
                break;
        }
    }

    private static void SetEntry(PrebuiltDict dict, Constant key, Constant value)
    {
        int at = dict.Entries.FindIndex(entry => entry.Key.Equals(key));
        if (at >= 0)
            dict.Entries[at] = KeyValuePair.Create(key, value);
        else
            dict.Entries.Add(KeyValuePair.Create(key, value));
    }

    private Constant? Lookup(Frame frame, string name)
    {
        if (frame.Locals is { } locals && locals.TryGetValue(name, out var local))
            return local;
        if (frame.ClassScope is { } cls && cls.ClassAttributes.TryGetValue(name, out var attribute))
            return attribute;
        if (frame.Module.Globals.TryGetValue(name, out var global))
            return global;
        return Builtins.LookupGlobal(name) is { } builtin ? Constant.Of(builtin) : null;
    }

    private Constant Eval(Frame frame, Expr expr)
    {
        switch (expr)
        {
            case ConstantExpr literal:
                return ConstantArithmetic.Literal(literal);
            case NameExpr name:
                if (Builtins.Forbidden.Contains(name.Id) && Lookup(frame, name.Id) is null)
                    TranslationErrors.NotRpy(name.Span, $"{name.Id}() is not RPy");
                return Lookup(frame, name.Id) ?? Undefined(name);
            case TupleExpr tuple:
                return Constant.Tuple([.. tuple.Elts.Select(e => Eval(frame, e))]);
            case ListExpr listExpr:
                var list = new PrebuiltList(_nextPrebuiltId++);
                list.Items.AddRange(listExpr.Elts.Select(e => Eval(frame, e)));
                return Constant.Of(list);
            case DictExpr dictExpr:
                var dict = new PrebuiltDict(_nextPrebuiltId++);
                for (int i = 0; i < dictExpr.Keys.Length; i++)
                {
                    var key = dictExpr.Keys[i] ?? Fail<Expr>(dictExpr.Values[i].Span, "**mapping in a dict display is not RPy");
                    SetEntry(dict, Eval(frame, key), Eval(frame, dictExpr.Values[i]));
                }
                return Constant.Of(dict);
            case BinOpExpr binary:
                return ConstantArithmetic.Binary(binary.Op, Eval(frame, binary.Left), Eval(frame, binary.Right), binary.Span, NewList);
            case UnaryOpExpr unary:
                return ConstantArithmetic.Unary(unary.Op, Eval(frame, unary.Operand), unary.Span);
            case CompareExpr compare:
                var left = Eval(frame, compare.Left);
                for (int i = 0; i < compare.Ops.Length; i++)
                {
                    var right = Eval(frame, compare.Comparators[i]);
                    if (!ConstantArithmetic.Compare(compare.Ops[i], left, right, compare.Span))
                        return Constant.False;
                    left = right;
                }
                return Constant.True;
            case BoolOpExpr boolOp:
                Constant last = Constant.None;
                foreach (var operand in boolOp.Values)
                {
                    last = Eval(frame, operand);
                    if (ConstantArithmetic.Truth(last) == (boolOp.Op == BoolOperator.Or))
                        return last;
                }
                return last;
            case IfExpr ifExpr:
                return Eval(frame, ConstantArithmetic.Truth(Eval(frame, ifExpr.Test)) ? ifExpr.Body : ifExpr.OrElse);
            case AttributeExpr attribute:
                return TryAttribute(Eval(frame, attribute.Value), attribute.Attr)
                    ?? Fail(attribute.Span, $"'{attribute.Attr}' is not an attribute known at translation time");
            case SubscriptExpr subscript:
                return ConstantArithmetic.Subscript(Eval(frame, subscript.Value), Eval(frame, subscript.Slice), subscript.Span);
            case CallExpr call:
                return Call(frame, call);
            case LambdaExpr lambda:
                var def = new FunctionDefStmt("<lambda>", lambda.Args, [new ReturnStmt(lambda.Body, lambda.Body.Span)], [], null, false, lambda.Span);
                return Constant.Of(defineLambda(frame.Module, def));
            default:
                return Fail(expr.Span, "this expression cannot be evaluated at translation time (module-level values must be constants)");
        }
    }

    private Constant NewList(IEnumerable<Constant> items)
    {
        var list = new PrebuiltList(_nextPrebuiltId++);
        list.Items.AddRange(items);
        return Constant.Of(list);
    }

    private static Constant? TryAttribute(Constant owner, string name)
    {
        switch (owner.Value)
        {
            case ModuleDesc module:
                return module.Globals.GetValueOrDefault(name);
            case BuiltinDesc { Kind: BuiltinKind.Module } builtinModule:
                return Builtins.LookupMember(builtinModule, name) is { } member ? Constant.Of(member) : null;
            case ClassDesc cls:
                return ClassAttribute(cls, name);
            case PrebuiltInstance instance:
                return instance.Fields.TryGetValue(name, out var field) ? field : ClassAttribute(instance.Class, name);
            default:
                return null;
        }
    }

    private static Constant? ClassAttribute(ClassDesc cls, string name)
    {
        for (var c = cls; c is not null; c = c.Base)
        {
            if (c.ClassAttributes.TryGetValue(name, out var value))
                return value;
            if (c.Methods.TryGetValue(name, out var method))
                return Constant.Of(method);
            foreach (var mixin in c.Mixins)
            {
                if (ClassAttribute(mixin, name) is { } mixed)
                    return mixed;
            }
        }
        return null;
    }

    private Constant Call(Frame frame, CallExpr call)
    {
        if (call.Func is AttributeExpr { Value: CallExpr { Func: NameExpr { Id: "super" }, Args.Length: 0 } } superCall
            && frame.Function is { Owner: { } owner } && frame.Locals is { } locals)
        {
            var self = locals[frame.Function.ParameterNames[0]];
            var inherited = owner.Base is { } baseClass ? ClassAttribute(baseClass, superCall.Attr) : null;
            if (inherited?.Value is not FunctionDesc superMethod)
                return inherited is null && superCall.Attr == "__init__" ? Constant.None
                    : Fail(superCall.Span, $"super().{superCall.Attr} is not known at translation time");
            return Execute(superMethod, [self, .. Arguments(frame, call.Args)], Keywords(frame, call), call.Span);
        }
        Constant? boundSelf = null;
        Constant callee;
        if (call.Func is AttributeExpr method && Eval(frame, method.Value) is { Value: PrebuiltInstance or PrebuiltList } receiver)
        {
            if (receiver.Value is PrebuiltList receiverList && method.Attr == "append" && call.Args.Length == 1)
            {
                receiverList.Items.Add(Eval(frame, call.Args[0]));
                return Constant.None;
            }
            callee = TryAttribute(receiver, method.Attr) ?? Fail(method.Span, $"'{method.Attr}' is not known at translation time");
            if (callee.Value is FunctionDesc { Kind: FunctionKind.Method } && receiver.Value is PrebuiltInstance instance
                && !instance.Fields.ContainsKey(method.Attr))
                boundSelf = receiver;
        }
        else
        {
            callee = Eval(frame, call.Func);
        }
        var args = Arguments(frame, call.Args);
        var keywords = Keywords(frame, call);
        switch (callee.Value)
        {
            case ClassDesc cls:
                var created = new PrebuiltInstance(cls, program.PrebuiltInstances.Count);
                program.PrebuiltInstances.Add(created);
                var self = Constant.Of(created);
                if (cls.FindMethod("__init__") is { } init)
                    Execute(init, [self, .. args], keywords, call.Span);
                else if (args.Count > 0)
                    Fail(call.Span, $"{cls.Name}() takes no arguments");
                return self;
            case FunctionDesc function:
                return Execute(function, boundSelf is null ? args : [boundSelf, .. args], keywords, call.Span);
            case BuiltinDesc builtin:
                return CallBuiltin(builtin, args, keywords, call.Span);
            default:
                return Fail(call.Span, "this call cannot be evaluated at translation time");
        }
    }

    private List<Constant> Arguments(Frame frame, ImmutableArray<Expr> args)
    {
        var values = new List<Constant>();
        foreach (var arg in args)
        {
            if (arg is StarredExpr starred)
                values.AddRange(Items(Eval(frame, starred.Value), starred.Span));
            else
                values.Add(Eval(frame, arg));
        }
        return values;
    }

    private List<KeyValuePair<string, Constant>> Keywords(Frame frame, CallExpr call)
    {
        var keywords = new List<KeyValuePair<string, Constant>>();
        foreach (var keyword in call.Keywords)
        {
            string name = keyword.Name ?? Fail<string>(keyword.Span, "**kwargs in calls is not RPy");
            keywords.Add(KeyValuePair.Create(name, Eval(frame, keyword.Value)));
        }
        return keywords;
    }

    private Constant CallBuiltin(BuiltinDesc builtin, List<Constant> args, List<KeyValuePair<string, Constant>> keywords, SourceSpan span)
    {
        if (builtin.Kind == BuiltinKind.ModuleMember && builtin.Name.StartsWith("clrpy.", StringComparison.Ordinal)
            && char.IsUpper(builtin.Name[(builtin.Name.LastIndexOf('.') + 1)]))
        {
            var instance = new PrebuiltBuiltinInstance(builtin, _nextPrebuiltId++);
            for (int i = 0; i < args.Count; i++)
                instance.Arguments[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = args[i];
            foreach (var (name, value) in keywords)
                instance.Arguments[name] = value;
            return Constant.Of(instance);
        }
        if (keywords.Count > 0)
            Fail(span, $"{builtin.Name}() with keyword arguments cannot be evaluated at translation time");
        return ConstantArithmetic.CallBuiltin(builtin, args, span, NewList, () => new PrebuiltDict(_nextPrebuiltId++))
            ?? Fail(span, $"{builtin.Name}() cannot be evaluated at translation time");
    }

    private Constant Execute(FunctionDesc function, List<Constant> args, List<KeyValuePair<string, Constant>> keywords, SourceSpan span)
    {
        if (_callDepth >= MaxCallDepth)
            Fail(span, "translation-time evaluation recurses too deeply");
        var locals = new Dictionary<string, Constant>();
        var names = function.ParameterNames;
        if (args.Count > names.Length)
            Fail(span, $"{function.Name}() takes {names.Length} arguments but {args.Count} were given");
        for (int i = 0; i < args.Count; i++)
            locals[names[i]] = args[i];
        foreach (var (name, value) in keywords)
        {
            if (!names.Contains(name) || !locals.TryAdd(name, value))
                Fail(span, $"{function.Name}() got an unexpected or repeated keyword argument '{name}'");
        }
        for (int i = 0; i < names.Length; i++)
        {
            if (!locals.ContainsKey(names[i]))
                locals[names[i]] = function.Defaults[i] ?? Fail(span, $"{function.Name}() is missing the argument '{names[i]}'");
        }
        var frame = new Frame(function.Module, null, locals) { Function = function };
        _callDepth++;
        try
        {
            ExecuteBlock(frame, function.Ast.Body);
            return Constant.None;
        }
        catch (ReturnSignal returned)
        {
            return returned.Value;
        }
        finally
        {
            _callDepth--;
        }
    }

    private void ExecuteBlock(Frame frame, ImmutableArray<Stmt> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case PassStmt or ExprStmt { Value: ConstantExpr }:
                    break;
                case ExprStmt expression:
                    Eval(frame, expression.Value);
                    break;
                case AssignStmt assign:
                    var value = Eval(frame, assign.Value);
                    foreach (var target in assign.Targets)
                        AssignTo(frame, target, value);
                    break;
                case AnnAssignStmt { Value: { } annotated } annAssign:
                    AssignTo(frame, annAssign.Target, Eval(frame, annotated));
                    break;
                case AugAssignStmt augmented:
                    var current = Eval(frame, augmented.Target);
                    AssignTo(frame, augmented.Target,
                        ConstantArithmetic.Binary(augmented.Op, current, Eval(frame, augmented.Value), augmented.Span, NewList));
                    break;
                case IfStmt ifStmt:
                    ExecuteBlock(frame, ConstantArithmetic.Truth(Eval(frame, ifStmt.Test)) ? ifStmt.Body : ifStmt.OrElse);
                    break;
                case ReturnStmt returnStmt:
                    throw new ReturnSignal(returnStmt.Value is null ? Constant.None : Eval(frame, returnStmt.Value));
                default:
                    Fail(statement.Span, $"{StatementNames.Describe(statement)} cannot be run at translation time "
                        + "(a prebuilt instance's __init__ may only assign, call and test constants)");
                    break;
            }
        }
    }

    private static IReadOnlyList<Constant> Items(Constant value, SourceSpan span) => value.Value switch
    {
        ImmutableArray<Constant> tuple => tuple,
        PrebuiltList list => list.Items,
        string text => [.. text.Select(c => Constant.Str(c.ToString()))],
        _ => Fail<IReadOnlyList<Constant>>(span, "this value cannot be unpacked at translation time"),
    };

    private static Constant Undefined(NameExpr name)
    {
        TranslationErrors.UndefinedName(name.Span, name.Id);
        return null!;
    }

    private static Constant Fail(SourceSpan span, string message) => Fail<Constant>(span, message);

    private static T Fail<T>(SourceSpan span, string message)
    {
        TranslationErrors.ModuleLevel(span, message);
        return default!;
    }
}
