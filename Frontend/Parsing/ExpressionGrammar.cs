// The Sprache grammar of Python expressions, from lambda and conditional expressions down to
// operators and primaries (atoms and displays are in AtomGrammar.cs). Binary operators are folded by
// precedence climbing over a flat operand list instead of one combinator level per precedence.
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;
using static ClrPy.Frontend.Parsing.TokenParsers;

namespace ClrPy.Frontend.Parsing;

internal static class ExpressionGrammar
{
    /// <summary>A full expression: lambda, conditional expression or disjunction.</summary>
    public static readonly Parser<Expr> Expression;

    /// <summary><c>or</c>-level expression (no conditional, no lambda): for-loop iterables, conditions of comprehensions.</summary>
    public static readonly Parser<Expr> Disjunction;

    /// <summary><c>|</c>-level expression: the operand of comparisons and of <c>*</c> in targets.</summary>
    public static readonly Parser<Expr> BitOr;

    /// <summary><c>name := expression</c> or an expression.</summary>
    public static readonly Parser<Expr> NamedExpression;

    /// <summary><c>*expr</c> or a named expression: list/set/tuple display items.</summary>
    public static readonly Parser<Expr> StarNamedExpression;

    /// <summary>Comma-separated expressions, a TupleExpr when there is a comma (assignment values, return).</summary>
    public static readonly Parser<Expr> StarExpressions;

    /// <summary>Assignment/for targets: comma-separated <c>|</c>-level expressions, optionally starred.</summary>
    public static readonly Parser<Expr> StarTargets;

    /// <summary>One target, possibly starred (a with-item's <c>as</c> target).</summary>
    public static readonly Parser<Expr> StarTarget;

    /// <summary><c>yield</c>, <c>yield from</c>.</summary>
    public static readonly Parser<Expr> Yield;

    /// <summary>One or more <c>for ... in ... if ...</c> clauses.</summary>
    public static readonly Parser<ImmutableArray<Comprehension>> ComprehensionClauses;

    private static readonly Parser<Expr> Factor;
    private static readonly Parser<Expr> Comparison;

    static ExpressionGrammar()
    {
        Parser<Expr> factorRef = Defer(() => Factor!);
        Parser<Expr> expressionRef = Defer(() => Expression!);
        Parser<Expr> disjunctionRef = Defer(() => Disjunction!);

        Parser<Expr> primary = AtomGrammar.Primary;

        Parser<Expr> awaitPrimary = Dispatch(primary,
            (TokenKind.Await,
             from kw in Tok(TokenKind.Await)
             from value in primary
             select (Expr)new AwaitExpr(value, Cover(kw.Span, value.Span))));

        Parser<Expr> exponent = from op in Tok(TokenKind.DoubleStar) from e in factorRef select e;
        Parser<Expr> power = Suffixed(awaitPrimary, TokenKind.DoubleStar, exponent,
            (baseValue, e, span) => new BinOpExpr(baseValue, BinaryOperator.Pow, e, span));

        Parser<Expr> unary =
            from op in Tok(TokenKind.Plus).Or(Tok(TokenKind.Minus)).Or(Tok(TokenKind.Tilde))
            from operand in factorRef
            select (Expr)new UnaryOpExpr(
                op.Kind == TokenKind.Plus ? UnaryOperator.UAdd : op.Kind == TokenKind.Minus ? UnaryOperator.USub : UnaryOperator.Invert,
                operand, Cover(op.Span, operand.Span));
        Factor = Dispatch(power, (TokenKind.Plus, unary), (TokenKind.Minus, unary), (TokenKind.Tilde, unary));

        BitOr = input => ParseBinary(input, 1);
        Comparison = ParseComparison;

        Parser<Expr> inversionRef = Defer(() => Inversion!);
        Inversion = Dispatch(Comparison,
            (TokenKind.Not,
             from kw in Tok(TokenKind.Not)
             from operand in inversionRef
             select (Expr)new UnaryOpExpr(UnaryOperator.Not, operand, Cover(kw.Span, operand.Span))));

        Parser<Expr> conjunction = BoolChain(Inversion, TokenKind.And, BoolOperator.And);
        Disjunction = BoolChain(conjunction, TokenKind.Or, BoolOperator.Or);

        Parser<(Expr Test, Expr OrElse)> conditionalTail =
            from kw in Tok(TokenKind.If)
            from test in Disjunction
            from elseKw in Tok(TokenKind.Else)
            from orElse in expressionRef
            select (test, orElse);
        Parser<Expr> conditional = Suffixed(Disjunction, TokenKind.If, conditionalTail,
            (body, tail, span) => new IfExpr(tail.Test, body, tail.OrElse, span));

        Parser<Expr> lambda =
            from kw in Tok(TokenKind.Lambda)
            from parameters in ParameterGrammar.LambdaParameters.Optional()
            from colon in Tok(TokenKind.Colon)
            from body in expressionRef
            select (Expr)new LambdaExpr(
                parameters.GetOrElse(ParameterGrammar.Empty(colon.Span)), body, Cover(kw.Span, body.Span));

        Expression = Dispatch(conditional, (TokenKind.Lambda, lambda));

        NamedExpression = ParseNamedExpression;

        Parser<Expr> starred =
            from star in Tok(TokenKind.Star)
            from value in BitOr
            select (Expr)new StarredExpr(value, Cover(star.Span, value.Span));

        StarNamedExpression = Dispatch(NamedExpression, (TokenKind.Star, starred));
        StarExpressions = CommaList(Dispatch(Expression, (TokenKind.Star, starred)));
        StarTarget = Dispatch(BitOr, (TokenKind.Star, starred));
        StarTargets = CommaList(StarTarget);

        Yield =
            from kw in Tok(TokenKind.Yield)
            from value in
                (from from_ in Tok(TokenKind.From)
                 from e in Expression
                 select (Expr)new YieldFromExpr(e, Cover(kw.Span, e.Span)))
                .Or(from e in StarExpressions.Optional()
                    select (Expr)new YieldExpr(e.GetOrDefault(), e.IsDefined ? Cover(kw.Span, e.Get().Span) : kw.Span))
            select value;

        ComprehensionClauses = ParseComprehensionClauses;
    }

    private static readonly Parser<Expr> Inversion;

    /// <summary><c>[async] for targets in disjunction (if disjunction)*</c>, one or more times.</summary>
    private static IResult<ImmutableArray<Comprehension>> ParseComprehensionClauses(IInput input)
    {
        var clauses = ImmutableArray.CreateBuilder<Comprehension>();
        IInput rest = input;
        while (true)
        {
            var first = ((TokenInput)rest).Token;
            IInput clause = rest;
            bool isAsync = Accept(ref clause, TokenKind.Async, out _);
            if (!Accept(ref clause, TokenKind.For, out _))
            {
                if (clauses.Count == 0 || isAsync)
                    return Failed<ImmutableArray<Comprehension>>(clause);
                return Result.Success(clauses.ToImmutable(), rest);
            }
            var target = StarTargets(clause);
            if (!target.WasSuccessful)
                return Failed<ImmutableArray<Comprehension>, Expr>(target);
            clause = target.Remainder;
            if (!Accept(ref clause, TokenKind.In, out _))
                return Failed<ImmutableArray<Comprehension>>(clause);
            var iter = Disjunction(clause);
            if (!iter.WasSuccessful)
                return Failed<ImmutableArray<Comprehension>, Expr>(iter);
            clause = iter.Remainder;
            var conditions = ImmutableArray.CreateBuilder<Expr>();
            while (Accept(ref clause, TokenKind.If, out _))
            {
                var condition = Disjunction(clause);
                if (!condition.WasSuccessful)
                    return Failed<ImmutableArray<Comprehension>, Expr>(condition);
                conditions.Add(condition.Value);
                clause = condition.Remainder;
            }
            var last = conditions.Count == 0 ? iter.Value.Span : conditions[^1].Span;
            clauses.Add(new Comprehension(Targets.CheckAssignable(target.Value), iter.Value, conditions.ToImmutable(), isAsync,
                Cover(first.Span, last)));
            rest = clause;
        }
    }

    /// <summary>items separated by commas with an optional trailing comma; a TupleExpr when there is a comma.</summary>
    public static Parser<Expr> CommaList(Parser<Expr> item) => input =>
    {
        var first = item(input);
        if (!first.WasSuccessful || !Peek(first.Remainder, TokenKind.Comma))
            return first;
        var elements = ImmutableArray.CreateBuilder<Expr>();
        elements.Add(first.Value);
        IInput rest = first.Remainder;
        while (Accept(ref rest, TokenKind.Comma, out _))
        {
            var next = item(rest);
            if (!next.WasSuccessful)
                break;
            elements.Add(next.Value);
            rest = next.Remainder;
        }
        return Result.Success<Expr>(new TupleExpr(elements.ToImmutable(), Spanning(input, rest)), rest);
    };

    /// <summary><c>head [suffix]</c> where the optional suffix starts with <paramref name="marker"/>: the
    /// common case without the suffix costs one token test instead of a failed alternative.</summary>
    private static Parser<Expr> Suffixed<T>(Parser<Expr> head, TokenKind marker, Parser<T> suffix, Func<Expr, T, SourceSpan, Expr> combine) =>
        input =>
        {
            var first = head(input);
            if (!first.WasSuccessful || !Peek(first.Remainder, marker))
                return first;
            var rest = suffix(first.Remainder);
            return rest.WasSuccessful
                ? Result.Success(combine(first.Value, rest.Value, Spanning(input, rest.Remainder)), rest.Remainder)
                : Result.Failure<Expr>(rest.Remainder, rest.Message, rest.Expectations);
        };

    private static Parser<Expr> BoolChain(Parser<Expr> operand, TokenKind keyword, BoolOperator op) =>
        Suffixed(operand, keyword, (from kw in Tok(keyword) from e in operand select e).AtLeastOnce(),
            (first, rest, span) => MakeBoolOp(first, rest, op, span));

    private static Expr MakeBoolOp(Expr first, IEnumerable<Expr> rest, BoolOperator op, SourceSpan span)
    {
        var items = rest as List<Expr> ?? rest.ToList();
        if (items.Count == 0)
            return first;
        return new BoolOpExpr(op, [first, .. items], span);
    }

    private static IResult<Expr> ParseNamedExpression(IInput input)
    {
        var tokens = (TokenInput)input;
        if (Peek(input, TokenKind.Name) && tokens.Position + 1 < tokens.Stream.Kinds.Length &&
            tokens.Stream.Kinds[tokens.Position + 1] == (char)TokenKind.ColonEqual)
        {
            var name = tokens.Token;
            var value = Expression(tokens.Stream.At(tokens.Position + 2));
            if (!value.WasSuccessful)
                return value;
            var target = new NameExpr((string)name.Value!, name.Span);
            return Result.Success<Expr>(new NamedExpr(target, value.Value, Cover(name.Span, value.Value.Span)), value.Remainder);
        }
        return Expression(input);
    }

    /// <summary>Binding power of binary operator tokens: 1 is <c>|</c>, 6 is <c>* / // % @</c>.</summary>
    private static int BinaryLevel(TokenKind kind, out BinaryOperator op)
    {
        (int level, op) = kind switch
        {
            TokenKind.VBar => (1, BinaryOperator.BitOr),
            TokenKind.Circumflex => (2, BinaryOperator.BitXor),
            TokenKind.Amper => (3, BinaryOperator.BitAnd),
            TokenKind.LeftShift => (4, BinaryOperator.LShift),
            TokenKind.RightShift => (4, BinaryOperator.RShift),
            TokenKind.Plus => (5, BinaryOperator.Add),
            TokenKind.Minus => (5, BinaryOperator.Sub),
            TokenKind.Star => (6, BinaryOperator.Mult),
            TokenKind.Slash => (6, BinaryOperator.Div),
            TokenKind.DoubleSlash => (6, BinaryOperator.FloorDiv),
            TokenKind.Percent => (6, BinaryOperator.Mod),
            TokenKind.At => (6, BinaryOperator.MatMult),
            _ => (0, BinaryOperator.Add),
        };
        return level;
    }

    /// <summary>Precedence climbing: all binary operators are left-associative.</summary>
    private static IResult<Expr> ParseBinary(IInput input, int minLevel)
    {
        // Every sub-expression passes here: stop deep nesting (`not not ... x`) before the stack ends.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var left = Factor(input);
        if (!left.WasSuccessful)
            return left;
        var value = left.Value;
        var rest = (TokenInput)left.Remainder;
        while (!rest.AtEnd)
        {
            int level = BinaryLevel((TokenKind)rest.Current, out var op);
            if (level < minLevel || level == 0)
                break;
            var right = ParseBinary(rest.Advance(), level + 1);
            if (!right.WasSuccessful)
                return right;
            value = new BinOpExpr(value, op, right.Value, Spanning(input, right.Remainder));
            rest = (TokenInput)right.Remainder;
        }
        return ReferenceEquals(value, left.Value) ? left : Result.Success(value, rest);
    }

    private static IResult<Expr> ParseComparison(IInput input)
    {
        var first = BitOr(input);
        if (!first.WasSuccessful)
            return first;
        var rest = (TokenInput)first.Remainder;
        List<CompareOperator>? ops = null;
        List<Expr>? comparators = null;
        while (true)
        {
            var (op, width) = ComparisonOperator(rest);
            if (width == 0)
                break;
            var right = BitOr(rest.Stream.At(rest.Position + width));
            if (!right.WasSuccessful)
                return right;
            (ops ??= new()).Add(op);
            (comparators ??= new()).Add(right.Value);
            rest = (TokenInput)right.Remainder;
        }
        if (ops is null)
            return first;
        var result = new CompareExpr(first.Value, [.. ops], [.. comparators!], Spanning(input, rest));
        return Result.Success<Expr>(result, rest);
    }

    /// <summary>The comparison operator at the input and how many tokens it spans (0: none).</summary>
    private static (CompareOperator, int) ComparisonOperator(TokenInput input)
    {
        if (input.AtEnd)
            return (CompareOperator.Eq, 0);
        string kinds = input.Stream.Kinds;
        int p = input.Position;
        TokenKind next = p + 1 < kinds.Length ? (TokenKind)kinds[p + 1] : TokenKind.EndMarker;
        switch ((TokenKind)kinds[p])
        {
            case TokenKind.EqEqual: return (CompareOperator.Eq, 1);
            case TokenKind.NotEqual: return (CompareOperator.NotEq, 1);
            case TokenKind.Less: return (CompareOperator.Lt, 1);
            case TokenKind.LessEqual: return (CompareOperator.LtE, 1);
            case TokenKind.Greater: return (CompareOperator.Gt, 1);
            case TokenKind.GreaterEqual: return (CompareOperator.GtE, 1);
            case TokenKind.In: return (CompareOperator.In, 1);
            case TokenKind.Is: return next == TokenKind.Not ? (CompareOperator.IsNot, 2) : (CompareOperator.Is, 1);
            case TokenKind.Not when next == TokenKind.In: return (CompareOperator.NotIn, 2);
            default:
                return (CompareOperator.Eq, 0);
        }
    }
}
