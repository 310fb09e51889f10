// Checks that an expression parsed where a target is expected (assignment, for, del, augmented
// assignment) can be one, and says what it is when it cannot: `cannot assign to function call`.
using ClrPy.Frontend.Syntax;

namespace ClrPy.Frontend.Parsing;

internal static class Targets
{
    /// <summary>Returns the target unchanged or throws a located syntax error.
    /// <paramref name="verb"/> is "assign to" or "delete".</summary>
    public static Expr CheckAssignable(Expr target, string verb = "assign to")
    {
        switch (target)
        {
            case NameExpr or AttributeExpr or SubscriptExpr:
                return target;
            case TupleExpr { Elts: var elts }:
                CheckElements(elts, verb);
                return target;
            case ListExpr { Elts: var elts }:
                CheckElements(elts, verb);
                return target;
            case StarredExpr starred when verb == "assign to":
                SyntaxErrors.Throw(SyntaxErrors.Target, starred.Span, "starred assignment target must be in a list or tuple");
                return target;
            default:
                SyntaxErrors.Throw(SyntaxErrors.Target, target.Span, $"cannot {verb} {Describe(target)}");
                return target;
        }
    }

    /// <summary>Augmented assignment and annotated assignment take exactly one name, attribute or subscript.</summary>
    public static Expr CheckSingle(Expr target, string what)
    {
        if (target is NameExpr or AttributeExpr or SubscriptExpr)
            return target;
        if (target is TupleExpr or ListExpr)
            SyntaxErrors.Throw(SyntaxErrors.Target, target.Span, what == "annotated"
                ? $"only single target (not {(target is TupleExpr ? "tuple" : "list")}) can be annotated"
                : $"'{(target is TupleExpr ? "tuple" : "list")}' is an illegal expression for augmented assignment");
        SyntaxErrors.Throw(SyntaxErrors.Target, target.Span, what == "annotated"
            ? "illegal target for annotation"
            : $"'{Describe(target)}' is an illegal expression for augmented assignment");
        return target;
    }

    private static void CheckElements(System.Collections.Immutable.ImmutableArray<Expr> elts, string verb)
    {
        int starred = 0;
        foreach (var element in elts)
        {
            if (element is StarredExpr star && verb == "assign to")
            {
                if (++starred > 1)
                    SyntaxErrors.Throw(SyntaxErrors.Target, star.Span, "multiple starred expressions in assignment");
                CheckAssignable(star.Value, verb);
                continue;
            }
            CheckAssignable(element, verb);
        }
    }

    private static string Describe(Expr expr) => expr switch
    {
        CallExpr => "function call",
        ConstantExpr { Kind: ConstantKind.None or ConstantKind.Bool } c => c.Value is null ? "None" : (bool)c.Value ? "True" : "False",
        ConstantExpr { Kind: ConstantKind.Ellipsis } => "ellipsis",
        ConstantExpr => "literal",
        JoinedStrExpr => "f-string expression",
        CompareExpr => "comparison",
        LambdaExpr => "lambda",
        IfExpr => "conditional expression",
        NamedExpr => "named expression",
        ListCompExpr => "list comprehension",
        SetCompExpr => "set comprehension",
        DictCompExpr => "dict comprehension",
        GeneratorExpr => "generator expression",
        DictExpr => "dict literal",
        SetExpr => "set display",
        AwaitExpr => "await expression",
        YieldExpr or YieldFromExpr => "yield expression",
        StarredExpr => "starred",
        _ => "expression",
    };
}
