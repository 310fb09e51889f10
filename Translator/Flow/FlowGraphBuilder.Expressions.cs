// Expressions turned into operations: names (locals, module constants, builtins), arithmetic,
// comparisons (chained ones short-circuit), and/or and conditional expressions as real branches,
// calls, attributes, subscripts, displays, f-strings and comprehensions (inlined loops).
// Part of FlowGraphBuilder.
using System.Collections.Immutable;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

public sealed partial class FlowGraphBuilder
{
    private Value OptionalEval(Expr? expr) => expr is null ? Constant.None : Eval(expr);

    /// <summary>Evaluates an expression; <paramref name="hint"/> names the variable of its outermost operation.</summary>
    private Value Eval(Expr expr, string? hint = null)
    {
        switch (expr)
        {
            case ConstantExpr literal:
                return ConstantArithmetic.Literal(literal);
            case NameExpr name:
                return LoadName(name);
            case BinOpExpr binary:
                var left = Eval(binary.Left);
                var right = Eval(binary.Right);
                return Emit(BinaryOpCode(binary.Op, binary.Span), binary.Span, hint, left, right);
            case UnaryOpExpr unary:
                return EvalUnary(unary, hint);
            case CompareExpr compare:
                return EvalCompare(compare, hint);
            case BoolOpExpr or IfExpr:
                return EvalBranching(expr, hint);
            case CallExpr call:
                return EvalCall(call, hint);
            case AttributeExpr attribute:
                var owner = Eval(attribute.Value);
                if (IsModule(owner))
                    return ModuleAttribute((Constant)owner, attribute);
                if (ClassMember(owner, attribute.Attr) is { } member)
                    return member;
                return Emit(OpCode.GetAttr, attribute.Span, hint, owner, Constant.Str(attribute.Attr));
            case SubscriptExpr { Slice: SliceExpr { Step: null } slice } subscript:
                var sliced = Eval(subscript.Value);
                return Emit(OpCode.GetSlice, subscript.Span, hint, sliced, OptionalEval(slice.Lower), OptionalEval(slice.Upper));
            case SubscriptExpr subscript:
                var container = Eval(subscript.Value);
                return Emit(OpCode.GetItem, subscript.Span, hint, container, Eval(subscript.Slice));
            case SliceExpr slice:
                var lower = OptionalEval(slice.Lower);
                var upper = OptionalEval(slice.Upper);
                return Emit(OpCode.NewSlice, slice.Span, hint, lower, upper, OptionalEval(slice.Step));
            case TupleExpr tuple:
                var items = EvalAll(tuple.Elts);
                if (items.All(item => item is Constant))
                    return Constant.Tuple([.. items.Cast<Constant>()]);
                return Emit(OpCode.NewTuple, tuple.Span, hint, [.. items]);
            case ListExpr list:
                return Emit(OpCode.NewList, list.Span, hint, [.. EvalAll(list.Elts)]);
            case SetExpr set:
                return Emit(OpCode.NewSet, set.Span, hint, [.. EvalAll(set.Elts)]);
            case DictExpr dict:
                var entries = new List<Value>();
                for (int i = 0; i < dict.Keys.Length; i++)
                {
                    if (dict.Keys[i] is not { } key)
                        return NotRpy(dict.Values[i].Span, "**mapping in a dict display is not RPy");
                    entries.Add(Eval(key));
                    entries.Add(Eval(dict.Values[i]));
                }
                return Emit(OpCode.NewDict, dict.Span, hint, [.. entries]);
            case ListCompExpr or SetCompExpr or DictCompExpr or GeneratorExpr:
                return EvalComprehension(expr, hint);
            case JoinedStrExpr joined:
                return EvalJoinedStr(joined, hint);
            case NamedExpr named:
                var assigned = Eval(named.Value, TargetHint(named.Target));
                AssignTo(named.Target, assigned);
                return assigned;
            case LambdaExpr lambda:
                var captured = LambdaCapture(lambda);
                return NotRpy(lambda.Span, captured is null
                    ? "lambda inside a function is not RPy: define a module-level function"
                    : $"lambda capturing the local variable '{captured}' is not RPy (no closures): define a module-level function");
            case YieldExpr or YieldFromExpr:
                return NotRpy(expr.Span, expr is YieldExpr ? "yield is not RPy (no generators)" : "yield from is not RPy (no generators)");
            case AwaitExpr:
                return NotRpy(expr.Span, "await is not RPy");
            case StarredExpr starred:
                return NotRpy(starred.Span, "a starred expression here is not RPy");
            default:
                return NotRpy(expr.Span, "this expression is not RPy");
        }
    }

    /// <summary>The first local of this function that a lambda's body names (other than its own parameters).</summary>
    private string? LambdaCapture(LambdaExpr lambda)
    {
        var own = lambda.Args.PosOnlyArgs.Concat(lambda.Args.Args).Concat(lambda.Args.KwOnlyArgs).Select(a => a.Name).ToHashSet();
        return NamesIn(lambda.Body).FirstOrDefault(name => !own.Contains(name) && (_localNames.Contains(name) || Locals.ContainsKey(name)));
    }

    private static IEnumerable<string> NamesIn(Node node)
    {
        if (node is NameExpr name)
        {
            yield return name.Id;
            yield break;
        }
        foreach (var property in node.GetType().GetProperties())
        {
            var value = property.GetValue(node);
            var children = value switch
            {
                Node child => [child],
                System.Collections.IEnumerable items and not string => items.OfType<Node>(),
                _ => [],
            };
            foreach (var child in children)
            {
                foreach (string found in NamesIn(child))
                    yield return found;
            }
        }
    }

    private List<Value> EvalAll(ImmutableArray<Expr> exprs)
    {
        var values = new List<Value>();
        foreach (var expr in exprs)
        {
            if (expr is StarredExpr starred)
                NotRpy(starred.Span, "a starred item in a display is not RPy");
            values.Add(Eval(expr));
        }
        return values;
    }

    private static Value NotRpy(SourceSpan span, string message)
    {
        TranslationErrors.NotRpy(span, message);
        return null!;
    }

    private Value LoadName(NameExpr name)
    {
        if (_current is not null && Locals.TryGetValue(name.Id, out var local))
            return local;
        if (_localNames.Contains(name.Id) && !_globalNames.Contains(name.Id))
            return NotRpy(name.Span, $"local variable '{name.Id}' may be used before it is assigned (it is not assigned on every path to here)");
        if (_module.Globals.TryGetValue(name.Id, out var global))
            return global;
        if (Builtins.Forbidden.Contains(name.Id))
            return NotRpy(name.Span, $"{name.Id}() is not RPy");
        if (Builtins.LookupGlobal(name.Id) is { } builtin)
            return Constant.Of(builtin);
        TranslationErrors.UndefinedName(name.Span, name.Id);
        return null!;
    }

    private static Constant ModuleAttribute(Constant module, AttributeExpr attribute)
    {
        Constant? found = module.Value switch
        {
            ModuleDesc user => user.Globals.GetValueOrDefault(attribute.Attr),
            BuiltinDesc { Kind: BuiltinKind.Module } builtin => Builtins.LookupMember(builtin, attribute.Attr) is { } member ? Constant.Of(member) : null,
            _ => null,
        };
        if (found is null)
            TranslationErrors.NotRpy(attribute.Span, $"module '{ModuleName(module)}' has no attribute '{attribute.Attr}' (or it is not supported by RPy)");
        return found;
    }

    private static bool IsModule(Value value) =>
        value is Constant { Kind: ConstantKind.Module } or Constant { Value: BuiltinDesc { Kind: BuiltinKind.Module } };

    /// <summary>A constant class's attribute known now: a class attribute, or a plain or static
    /// method (a classmethod stays a getattr/call_method, since it binds the class).</summary>
    private static Constant? ClassMember(Value owner, string name)
    {
        if (owner is not Constant { Value: ClassDesc cls })
            return null;
        for (var c = cls; c is not null; c = c.Base)
        {
            if (c.ClassAttributes.TryGetValue(name, out var attribute))
                return attribute;
            if (c.FindMethod(name) is { Kind: FunctionKind.Method or FunctionKind.StaticMethod } method && c.Methods.ContainsKey(name))
                return Constant.Of(method);
        }
        return cls.FindMethod(name) is { Kind: FunctionKind.Method or FunctionKind.StaticMethod } inherited ? Constant.Of(inherited) : null;
    }

    private static string ModuleName(Constant module) => module.Value is ModuleDesc user ? user.Name : ((BuiltinDesc)module.Value!).Name;

    private static OpCode BinaryOpCode(BinaryOperator op, SourceSpan span) => op switch
    {
        BinaryOperator.Add => OpCode.Add,
        BinaryOperator.Sub => OpCode.Sub,
        BinaryOperator.Mult => OpCode.Mul,
        BinaryOperator.Div => OpCode.TrueDiv,
        BinaryOperator.FloorDiv => OpCode.FloorDiv,
        BinaryOperator.Mod => OpCode.Mod,
        BinaryOperator.Pow => OpCode.Pow,
        BinaryOperator.LShift => OpCode.LShift,
        BinaryOperator.RShift => OpCode.RShift,
        BinaryOperator.BitAnd => OpCode.And,
        BinaryOperator.BitOr => OpCode.Or,
        BinaryOperator.BitXor => OpCode.Xor,
        _ => NotRpyOpCode(span),
    };

    private static OpCode NotRpyOpCode(SourceSpan span)
    {
        TranslationErrors.NotRpy(span, "the @ operator is not RPy");
        return default;
    }

    private Value EvalUnary(UnaryOpExpr unary, string? hint)
    {
        var operand = Eval(unary.Operand);
        if (operand is Constant { Kind: ConstantKind.Int or ConstantKind.Float or ConstantKind.Bool } constant && unary.Op != UnaryOperator.Not)
            return ConstantArithmetic.Unary(unary.Op, constant, unary.Span);
        var code = unary.Op switch
        {
            UnaryOperator.Not => OpCode.Not,
            UnaryOperator.USub => OpCode.Neg,
            UnaryOperator.UAdd => OpCode.Pos,
            _ => OpCode.Invert,
        };
        return Emit(code, unary.Span, hint, operand);
    }

    private Variable Compare(CompareOperator op, Value left, Value right, SourceSpan span, string? hint)
    {
        switch (op)
        {
            case CompareOperator.In:
                return Emit(OpCode.Contains, span, hint, right, left);
            case CompareOperator.NotIn:
                return Emit(OpCode.Not, span, hint, Emit(OpCode.Contains, span, null, right, left));
            default:
                var code = op switch
                {
                    CompareOperator.Eq => OpCode.Eq,
                    CompareOperator.NotEq => OpCode.Ne,
                    CompareOperator.Lt => OpCode.Lt,
                    CompareOperator.LtE => OpCode.Le,
                    CompareOperator.Gt => OpCode.Gt,
                    CompareOperator.GtE => OpCode.Ge,
                    CompareOperator.Is => OpCode.Is,
                    _ => OpCode.IsNot,
                };
                return Emit(code, span, hint, left, right);
        }
    }

    private Value EvalCompare(CompareExpr compare, string? hint)
    {
        var left = Eval(compare.Left);
        if (compare.Ops.Length == 1)
            return Compare(compare.Ops[0], left, Eval(compare.Comparators[0]), compare.Span, hint);
        return EvalBranching(compare, hint);
    }

    /// <summary>Evaluates and/or, conditional expressions and chained comparisons with real branches:
    /// each path stores its result in a hidden local, and the paths join.</summary>
    private Value EvalBranching(Expr expr, string? hint)
    {
        string resultName = NewHiddenName(hint ?? "tmp");
        var ends = new List<PendingPath>();
        switch (expr)
        {
            case BoolOpExpr boolOp:
                for (int i = 0; i < boolOp.Values.Length && _current is not null; i++)
                {
                    var value = Eval(boolOp.Values[i]);
                    SetLocal(resultName, value);
                    if (i == boolOp.Values.Length - 1)
                    {
                        AddPath(ends, Leave());
                        break;
                    }
                    if (value is Constant constant && !ConstantArithmetic.IsMutable(constant))
                    {
                        if (ConstantArithmetic.Truth(constant) == (boolOp.Op == BoolOperator.Or))
                            AddPath(ends, Leave());
                        continue;
                    }
                    var tested = value as Variable ?? Emit(OpCode.IsTrue, boolOp.Values[i].Span, null, value);
                    var (whenFalse, whenTrue) = Branch(tested, boolOp.Values[i].Span);
                    ends.Add(boolOp.Op == BoolOperator.Or ? whenTrue : whenFalse);
                    StartFrom(boolOp.Op == BoolOperator.Or ? whenFalse : whenTrue);
                }
                break;
            case IfExpr ifExpr:
                var (elsePaths, thenPaths) = BranchOn(ifExpr.Test);
                Merge(thenPaths);
                if (_current is not null)
                {
                    SetLocal(resultName, Eval(ifExpr.Body));
                    AddPath(ends, Leave());
                }
                Merge(elsePaths);
                if (_current is not null)
                {
                    SetLocal(resultName, Eval(ifExpr.OrElse));
                    AddPath(ends, Leave());
                }
                break;
            case CompareExpr compare:
                var left = Eval(compare.Left);
                for (int i = 0; i < compare.Ops.Length; i++)
                {
                    var right = Eval(compare.Comparators[i]);
                    var test = Compare(compare.Ops[i], left, right, compare.Span, null);
                    SetLocal(resultName, test);
                    if (i == compare.Ops.Length - 1)
                    {
                        AddPath(ends, Leave());
                        break;
                    }
                    string rightName = NewHiddenName("tmp");
                    SetLocal(rightName, right);
                    var (whenFalse, whenTrue) = Branch(test, compare.Span);
                    ends.Add(whenFalse);
                    StartFrom(whenTrue);
                    left = Locals[rightName];
                    Locals.Remove(rightName);
                }
                break;
        }
        Merge(ends);
        if (_current is null)
            return Constant.None;
        var result = Locals[resultName];
        Locals.Remove(resultName);
        if (result is Variable joined)
            _temporaries.Add(Origin(joined));
        return result;
    }

    /// <summary>Evaluates a condition as branches: and/or/not are followed into their operands, so
    /// <c>if a and b:</c> tests a, then b, without materialising a bool.</summary>
    private (List<PendingPath> WhenFalse, List<PendingPath> WhenTrue) BranchOn(Expr test)
    {
        switch (test)
        {
            case UnaryOpExpr { Op: UnaryOperator.Not } not:
                var (negatedFalse, negatedTrue) = BranchOn(not.Operand);
                return (negatedTrue, negatedFalse);
            case BoolOpExpr boolOp:
                var whenFalse = new List<PendingPath>();
                var whenTrue = new List<PendingPath>();
                for (int i = 0; i < boolOp.Values.Length; i++)
                {
                    var (no, yes) = BranchOn(boolOp.Values[i]);
                    bool last = i == boolOp.Values.Length - 1;
                    if (boolOp.Op == BoolOperator.And)
                    {
                        whenFalse.AddRange(no);
                        if (last)
                            whenTrue.AddRange(yes);
                        else
                            Merge(yes);
                    }
                    else
                    {
                        whenTrue.AddRange(yes);
                        if (last)
                            whenFalse.AddRange(no);
                        else
                            Merge(no);
                    }
                    if (_current is null && !last)
                        break;
                }
                return (whenFalse, whenTrue);
            case CompareExpr { Ops.Length: > 1 } chain:
                var chainFalse = new List<PendingPath>();
                var left = Eval(chain.Left);
                for (int i = 0; i < chain.Ops.Length; i++)
                {
                    var right = Eval(chain.Comparators[i]);
                    var (no, yes) = Branch(Compare(chain.Ops[i], left, right, chain.Span, null), chain.Span);
                    chainFalse.Add(no);
                    if (i == chain.Ops.Length - 1)
                        return (chainFalse, [yes]);
                    StartFrom(yes);
                    left = right;
                }
                return (chainFalse, []);
            default:
                var value = Eval(test);
                if (_current is null)
                    return ([], []);
                if (value is Constant constant && !ConstantArithmetic.IsMutable(constant))
                {
                    var path = Leave()!;
                    return ConstantArithmetic.Truth(constant) ? ([], [path]) : ([path], []);
                }
                var (falsePath, truePath) = Branch(value as Variable ?? Emit(OpCode.IsTrue, test.Span, null, value), test.Span);
                return ([falsePath], [truePath]);
        }
    }
}
