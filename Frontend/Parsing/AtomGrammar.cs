// The Sprache grammar of atoms (names, literals, parenthesized forms, list/dict/set displays and
// comprehensions) and of primaries (attribute access, calls with their arguments, subscripts and
// slices). Used by ExpressionGrammar.
using System.Collections.Immutable;
using System.Numerics;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;
using static ClrPy.Frontend.Parsing.TokenParsers;

namespace ClrPy.Frontend.Parsing;

internal static class AtomGrammar
{
    public static readonly Parser<Expr> Atom;
    public static readonly Parser<Expr> Primary;

    /// <summary>A parenthesized argument list, as in calls and class headers.</summary>
    public static readonly Parser<CallArgumentList> CallArguments;

    /// <summary>The contents of a parenthesized or bracketed display: first item, then either
    /// comprehension clauses or more items.</summary>
    private sealed record DisplayBody(Expr First, ImmutableArray<Comprehension> Generators, List<Expr> Rest, bool TrailingComma);

    private sealed record DictItem(Expr? Key, Expr Value);

    /// <summary>Positional arguments (possibly starred) and keywords of a call; Close is the ')'.</summary>
    public sealed record CallArgumentList(ImmutableArray<Expr> Args, ImmutableArray<Keyword> Keywords, SourceSpan Close);

    static AtomGrammar()
    {
        var namedExpression = Defer(() => ExpressionGrammar.NamedExpression);
        var starNamed = Defer(() => ExpressionGrammar.StarNamedExpression);
        var expression = Defer(() => ExpressionGrammar.Expression);
        var bitOr = Defer(() => ExpressionGrammar.BitOr);
        var clauses = Defer(() => ExpressionGrammar.ComprehensionClauses);
        var yield = Defer(() => ExpressionGrammar.Yield);

        Parser<Expr> name = Tok(TokenKind.Name).Select(t => (Expr)new NameExpr((string)t.Value!, t.Span));
        Parser<Expr> number = Tok(TokenKind.Number).Select(NumberConstant);
        Parser<Expr> strings = Tok(TokenKind.String).AtLeastOnce().Select(ts => StringLiterals.Concatenate(ts.ToList()));
        Parser<Expr> constants =
            Tok(TokenKind.None).Select(t => (Expr)ConstantExpr.None(t.Span))
            .Or(Tok(TokenKind.True).Select(t => (Expr)ConstantExpr.Bool(true, t.Span)))
            .Or(Tok(TokenKind.False).Select(t => (Expr)ConstantExpr.Bool(false, t.Span)))
            .Or(Tok(TokenKind.Ellipsis).Select(t => (Expr)ConstantExpr.Ellipsis(t.Span)));

        Parser<DisplayBody> displayBody =
            from first in starNamed
            from body in
                clauses.Select(gens => new DisplayBody(first, gens, [], false))
                .Or(from rest in (from comma in Tok(TokenKind.Comma) from e in starNamed select e).Many()
                    from trailing in Tok(TokenKind.Comma).Optional()
                    select new DisplayBody(first, default, rest as List<Expr> ?? rest.ToList(), trailing.IsDefined))
            select body;

        Parser<Expr> parenthesized =
            from open in Tok(TokenKind.LPar)
            from inner in yield.Select(y => (object)y).Or(displayBody.Select(b => (object)b)).Optional()
            from close in Tok(TokenKind.RPar)
            select MakeParenthesized(open.Span, inner.GetOrDefault(), close.Span);

        Parser<Expr> list =
            from open in Tok(TokenKind.LSqb)
            from body in displayBody.Optional()
            from close in Tok(TokenKind.RSqb)
            let span = Cover(open.Span, close.Span)
            select !body.IsDefined ? new ListExpr([], span)
                : !body.Get().Generators.IsDefault ? new ListCompExpr(body.Get().First, body.Get().Generators, span)
                : (Expr)new ListExpr([body.Get().First, .. body.Get().Rest], span);

        Parser<DictItem> dictItem =
            (from stars in Tok(TokenKind.DoubleStar) from mapping in bitOr select new DictItem(null, mapping))
            .Or(from key in expression from colon in Tok(TokenKind.Colon) from value in expression select new DictItem(key, value));

        Parser<Expr> dictOrSet =
            from open in Tok(TokenKind.LBrace)
            from content in
                (from first in dictItem
                 from rest in
                     clauses.Select(gens => (object)gens)
                     .Or((from comma in Tok(TokenKind.Comma) from item in dictItem select item).Many()
                         .Then(items => Tok(TokenKind.Comma).Optional().Return((object)items.ToList())))
                 select (object)(first, rest))
                .Or(displayBody.Select(b => (object)b))
                .Optional()
            from close in Tok(TokenKind.RBrace)
            select MakeBraced(Cover(open.Span, close.Span), content.GetOrDefault());

        Atom = Dispatch(Expecting<Expr>(TokenKind.Name),
            (TokenKind.Name, name), (TokenKind.Number, number), (TokenKind.String, strings),
            (TokenKind.None, constants), (TokenKind.True, constants), (TokenKind.False, constants),
            (TokenKind.Ellipsis, constants), (TokenKind.LPar, parenthesized), (TokenKind.LSqb, list),
            (TokenKind.LBrace, dictOrSet));

        Parser<Expr> argument =
            (from star in Tok(TokenKind.Star) from value in expression select (Expr)new StarredExpr(value, Cover(star.Span, value.Span)))
            .Or(from stars in Tok(TokenKind.DoubleStar) from value in expression select (Expr)new KeywordArgument(new Keyword(null, value, Cover(stars.Span, value.Span))))
            .Or(from key in Tok(TokenKind.Name) from eq in Tok(TokenKind.Equal) from value in expression
                select (Expr)new KeywordArgument(new Keyword((string)key.Value!, value, Cover(key.Span, value.Span))))
            .Or(from value in namedExpression
                from gens in clauses.Optional()
                select gens.IsDefined ? new BareGenerator(new GeneratorExpr(value, gens.Get(), Cover(value.Span, gens.Get()[^1].Span))) : value);

        Parser<List<Expr>> arguments =
            from first in argument
            from rest in (from comma in Tok(TokenKind.Comma) from a in argument select a).Many()
            from trailing in Tok(TokenKind.Comma).Optional()
            select (List<Expr>)[first, .. rest];

        CallArguments =
            from open in Tok(TokenKind.LPar)
            from args in arguments.Optional()
            from close in Tok(TokenKind.RPar)
            select SplitArguments(args.GetOrElse([]), open.Span, close.Span);

        Parser<Expr?> optionalExpression = expression.Optional().Select(e => e.GetOrDefault());
        Parser<Expr> slice = Spanned(
            from lower in optionalExpression
            from colon in Tok(TokenKind.Colon)
            from upper in optionalExpression
            from step in (from colon2 in Tok(TokenKind.Colon) from s in optionalExpression select (colon2, s)).Optional()
            let stepValue = step.IsDefined ? step.Get().s : null
            let last = stepValue?.Span ?? (step.IsDefined ? step.Get().colon2.Span : upper?.Span ?? colon.Span)
            select (Expr)new SliceExpr(lower, upper, stepValue, Cover(lower?.Span ?? colon.Span, last)));
        Parser<Expr> sliceItem = slice.Or(starNamed);
        // A starred subscript is always a tuple, even alone: `tuple[*Ts]`.
        Parser<Expr> slices = ExpressionGrammar.CommaList(sliceItem)
            .Select(index => index is StarredExpr ? new TupleExpr([index], index.Span) : index);

        Parser<Func<Expr, SourceSpan, Expr>> trailer =
            (from dot in Tok(TokenKind.Dot)
             from attr in Tok(TokenKind.Name)
             select (Func<Expr, SourceSpan, Expr>)((value, span) => new AttributeExpr(value, (string)attr.Value!, span)))
            .Or(from call in CallArguments
                select (Func<Expr, SourceSpan, Expr>)((value, span) => new CallExpr(value, call.Args, call.Keywords, span)))
            .Or(from open in Tok(TokenKind.LSqb)
                from index in slices
                from close in Tok(TokenKind.RSqb)
                select (Func<Expr, SourceSpan, Expr>)((value, span) => new SubscriptExpr(value, index, span)));

        Primary = input =>
        {
            var atom = Atom(input);
            if (!atom.WasSuccessful)
                return atom;
            var value = atom.Value;
            var rest = atom.Remainder;
            while (Peek(rest, TokenKind.Dot) || Peek(rest, TokenKind.LPar) || Peek(rest, TokenKind.LSqb))
            {
                var applied = trailer(rest);
                if (!applied.WasSuccessful)
                    return Result.Failure<Expr>(applied.Remainder, applied.Message, applied.Expectations);
                value = applied.Value(value, Spanning(input, applied.Remainder));
                rest = applied.Remainder;
            }
            return Result.Success(value, rest);
        };
    }

    /// <summary>A generator expression argument without its own parentheses: <c>f(x for x in y)</c>.</summary>
    private sealed record BareGenerator(GeneratorExpr Generator) : Expr(Generator.Span);

    /// <summary>A keyword argument travelling through the argument list parser as an Expr.</summary>
    private sealed record KeywordArgument(Keyword Keyword) : Expr(Keyword.Span);

    private static Expr NumberConstant(Token token) => token.Value switch
    {
        BigInteger i => ConstantExpr.Int(i, token.Span),
        double d => ConstantExpr.Float(d, token.Span),
        ImaginaryNumber j => ConstantExpr.Imaginary(j.Imag, token.Span),
        _ => throw new InvalidOperationException("number token without a value"),
    };

    private static Expr MakeParenthesized(SourceSpan open, object? inner, SourceSpan close)
    {
        var span = Cover(open, close);
        switch (inner)
        {
            case null:
                return new TupleExpr([], span);
            case Expr yieldExpr:
                return yieldExpr;
            case DisplayBody { Generators.IsDefault: false } body:
                return new GeneratorExpr(body.First, body.Generators, span);
            case DisplayBody { Rest.Count: 0, TrailingComma: false } body:
                return body.First;
            case DisplayBody body:
                return new TupleExpr([body.First, .. body.Rest], span);
            default:
                throw new InvalidOperationException("unexpected parenthesized content");
        }
    }

    private static Expr MakeBraced(SourceSpan span, object? content)
    {
        switch (content)
        {
            case null:
                return new DictExpr([], [], span);
            case ValueTuple<DictItem, object> { Item2: ImmutableArray<Comprehension> gens } comp:
                if (comp.Item1.Key is null)
                    SyntaxErrors.Throw(SyntaxErrors.Grammar, comp.Item1.Value.Span, "dict unpacking cannot be used in dict comprehension");
                return new DictCompExpr(comp.Item1.Key, comp.Item1.Value, gens, span);
            case ValueTuple<DictItem, object> { Item2: List<DictItem> rest } dict:
                List<DictItem> items = [dict.Item1, .. rest];
                return new DictExpr([.. items.Select(i => i.Key)], [.. items.Select(i => i.Value)], span);
            case DisplayBody { Generators.IsDefault: false } body:
                return new SetCompExpr(body.First, body.Generators, span);
            case DisplayBody body:
                return new SetExpr([body.First, .. body.Rest], span);
            default:
                throw new InvalidOperationException("unexpected brace content");
        }
    }

    private static CallArgumentList SplitArguments(List<Expr> arguments, SourceSpan open, SourceSpan close)
    {
        var positional = ImmutableArray.CreateBuilder<Expr>();
        var keywords = ImmutableArray.CreateBuilder<Keyword>();
        foreach (var argument in arguments)
        {
            if (argument is KeywordArgument keyword)
            {
                keywords.Add(keyword.Keyword);
                continue;
            }
            if (argument is BareGenerator && arguments.Count > 1)
                SyntaxErrors.Throw(SyntaxErrors.Grammar, argument.Span, "Generator expression must be parenthesized");
            if (keywords.Count > 0 && argument is not StarredExpr)
            {
                string message = keywords.Any(k => k.Name is null)
                    ? "positional argument follows keyword argument unpacking"
                    : "positional argument follows keyword argument";
                SyntaxErrors.Throw(SyntaxErrors.Grammar, argument.Span, message);
            }
            // A lone generator argument borrows the call's parentheses, as in CPython.
            positional.Add(argument is BareGenerator bare ? bare.Generator with { Span = Cover(open, close) } : argument);
        }
        return new CallArgumentList(positional.ToImmutable(), keywords.ToImmutable(), close);
    }
}
