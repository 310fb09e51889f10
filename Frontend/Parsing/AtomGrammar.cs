// The grammar of atoms (names, literals, parenthesized forms, list/dict/set displays and comprehensions)
// and of primaries (attribute access, calls with their arguments, subscripts and slices), used by
// ExpressionGrammar. These are the hottest rules, so they are hand-written Sprache Parser<T> delegates
// that choose by the next token's kind instead of combinator chains that try and fail alternatives.
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
    public static readonly Parser<Expr> Atom = ParseAtom;
    public static readonly Parser<Expr> Primary = ParsePrimary;

    /// <summary>A parenthesized argument list, as in calls and class headers.</summary>
    public static readonly Parser<CallArgumentList> CallArguments = ParseCallArguments;

    /// <summary>The contents of a parenthesized or bracketed display: first item, then either
    /// comprehension clauses or more items.</summary>
    private sealed record DisplayBody(Expr First, ImmutableArray<Comprehension> Generators, List<Expr> Rest, bool TrailingComma);

    /// <summary>Positional arguments (possibly starred) and keywords of a call; Close is the ')'.</summary>
    public sealed record CallArgumentList(ImmutableArray<Expr> Args, ImmutableArray<Keyword> Keywords, SourceSpan Close);

    private static Parser<Expr> NamedExpression => ExpressionGrammar.NamedExpression;
    private static Parser<Expr> StarNamedExpression => ExpressionGrammar.StarNamedExpression;
    private static Parser<Expr> Expression => ExpressionGrammar.Expression;

    private static TokenKind KindAt(IInput input)
    {
        var tokens = (TokenInput)input;
        return tokens.AtEnd ? TokenKind.EndMarker : (TokenKind)tokens.Current;
    }

    private static bool StartsComprehension(IInput input) => Peek(input, TokenKind.For) || Peek(input, TokenKind.Async);

    private static IResult<Expr> ParseAtom(IInput input)
    {
        var tokens = (TokenInput)input;
        var token = tokens.Token;
        switch (KindAt(input))
        {
            case TokenKind.Name:
                return Result.Success<Expr>(new NameExpr((string)token.Value!, token.Span), tokens.Advance());
            case TokenKind.Number:
                return Result.Success(NumberConstant(token), tokens.Advance());
            case TokenKind.String:
                var strings = new List<Token>();
                IInput rest = input;
                while (Peek(rest, TokenKind.String))
                {
                    strings.Add(((TokenInput)rest).Token);
                    rest = rest.Advance();
                }
                return Result.Success(StringLiterals.Concatenate(strings), rest);
            case TokenKind.None:
                return Result.Success<Expr>(ConstantExpr.None(token.Span), tokens.Advance());
            case TokenKind.True:
                return Result.Success<Expr>(ConstantExpr.Bool(true, token.Span), tokens.Advance());
            case TokenKind.False:
                return Result.Success<Expr>(ConstantExpr.Bool(false, token.Span), tokens.Advance());
            case TokenKind.Ellipsis:
                return Result.Success<Expr>(ConstantExpr.Ellipsis(token.Span), tokens.Advance());
            case TokenKind.LPar:
                return ParseParenthesized(input);
            case TokenKind.LSqb:
                return ParseList(input);
            case TokenKind.LBrace:
                return ParseBraced(input);
            default:
                return Expecting<Expr>(TokenKind.Name)(input);
        }
    }

    /// <summary>An atom followed by any number of <c>.name</c>, <c>(arguments)</c> and <c>[index]</c>.</summary>
    private static IResult<Expr> ParsePrimary(IInput input)
    {
        var atom = ParseAtom(input);
        if (!atom.WasSuccessful)
            return atom;
        var value = atom.Value;
        var rest = atom.Remainder;
        while (true)
        {
            switch (KindAt(rest))
            {
                case TokenKind.Dot:
                    rest = rest.Advance();
                    if (!Accept(ref rest, TokenKind.Name, out var attribute))
                        return Failed<Expr>(rest);
                    value = new AttributeExpr(value, (string)attribute.Value!, Spanning(input, rest));
                    break;
                case TokenKind.LPar:
                    var call = ParseCallArguments(rest);
                    if (!call.WasSuccessful)
                        return Failed<Expr, CallArgumentList>(call);
                    rest = call.Remainder;
                    value = new CallExpr(value, call.Value.Args, call.Value.Keywords, Spanning(input, rest));
                    break;
                case TokenKind.LSqb:
                    var index = ParseSlices(rest.Advance());
                    if (!index.WasSuccessful)
                        return index;
                    rest = index.Remainder;
                    if (!Accept(ref rest, TokenKind.RSqb, out _))
                        return Failed<Expr>(rest);
                    value = new SubscriptExpr(value, index.Value, Spanning(input, rest));
                    break;
                default:
                    return ReferenceEquals(value, atom.Value) ? atom : Result.Success(value, rest);
            }
        }
    }

    /// <summary>A display's items after the first: comprehension clauses, or <c>, item</c>s and a trailing comma.</summary>
    private static IResult<DisplayBody> ContinueDisplay(Expr first, IInput rest)
    {
        if (StartsComprehension(rest))
        {
            var generators = ExpressionGrammar.ComprehensionClauses(rest);
            if (!generators.WasSuccessful)
                return Failed<DisplayBody, ImmutableArray<Comprehension>>(generators);
            return Result.Success(new DisplayBody(first, generators.Value, [], false), generators.Remainder);
        }
        var items = new List<Expr>();
        bool trailingComma = false;
        while (Accept(ref rest, TokenKind.Comma, out _))
        {
            var item = StarNamedExpression(rest);
            if (!item.WasSuccessful)
            {
                trailingComma = true;
                break;
            }
            items.Add(item.Value);
            rest = item.Remainder;
        }
        return Result.Success(new DisplayBody(first, default, items, trailingComma), rest);
    }

    private static IResult<DisplayBody> ParseDisplayBody(IInput input)
    {
        var first = StarNamedExpression(input);
        return first.WasSuccessful ? ContinueDisplay(first.Value, first.Remainder) : Failed<DisplayBody, Expr>(first);
    }

    private static IResult<Expr> ParseParenthesized(IInput input)
    {
        var open = ((TokenInput)input).Token;
        IInput rest = input.Advance();
        object? inner = null;
        if (Peek(rest, TokenKind.Yield))
        {
            var yield = ExpressionGrammar.Yield(rest);
            if (!yield.WasSuccessful)
                return yield;
            inner = yield.Value;
            rest = yield.Remainder;
        }
        else if (!Peek(rest, TokenKind.RPar))
        {
            var body = ParseDisplayBody(rest);
            if (!body.WasSuccessful)
                return Failed<Expr, DisplayBody>(body);
            inner = body.Value;
            rest = body.Remainder;
        }
        if (!Accept(ref rest, TokenKind.RPar, out var close))
            return Failed<Expr>(rest);
        return Result.Success(MakeParenthesized(open.Span, inner, close.Span), rest);
    }

    private static IResult<Expr> ParseList(IInput input)
    {
        var open = ((TokenInput)input).Token;
        IInput rest = input.Advance();
        DisplayBody? body = null;
        if (!Peek(rest, TokenKind.RSqb))
        {
            var parsed = ParseDisplayBody(rest);
            if (!parsed.WasSuccessful)
                return Failed<Expr, DisplayBody>(parsed);
            body = parsed.Value;
            rest = parsed.Remainder;
        }
        if (!Accept(ref rest, TokenKind.RSqb, out var close))
            return Failed<Expr>(rest);
        var span = Cover(open.Span, close.Span);
        Expr list = body is null ? new ListExpr([], span)
            : !body.Generators.IsDefault ? new ListCompExpr(body.First, body.Generators, span)
            : new ListExpr([body.First, .. body.Rest], span);
        return Result.Success(list, rest);
    }

    /// <summary>A dict or set display or comprehension: the first item decides which.</summary>
    private static IResult<Expr> ParseBraced(IInput input)
    {
        var open = ((TokenInput)input).Token;
        IInput rest = input.Advance();
        if (Accept(ref rest, TokenKind.RBrace, out var emptyClose))
            return Result.Success<Expr>(new DictExpr([], [], Cover(open.Span, emptyClose.Span)), rest);
        Expr? firstKey = null;
        Expr firstValue;
        if (Peek(rest, TokenKind.DoubleStar))
        {
            var mapping = ExpressionGrammar.BitOr(rest.Advance());
            if (!mapping.WasSuccessful)
                return mapping;
            firstValue = mapping.Value;
            rest = mapping.Remainder;
        }
        else
        {
            int firstStart = ((TokenInput)rest).Token.Span.Start;
            var first = StarNamedExpression(rest);
            if (!first.WasSuccessful)
                return first;
            rest = first.Remainder;
            // `*a` and an unparenthesized `x := y` can only be set items; `(x := y): v` is a dict key.
            bool setOnly = first.Value is StarredExpr || (first.Value is NamedExpr && first.Value.Span.Start == firstStart);
            if (setOnly || !Peek(rest, TokenKind.Colon))
                return FinishSet(open, first.Value, rest);
            var value = Expression(rest.Advance());
            if (!value.WasSuccessful)
                return value;
            firstKey = first.Value;
            firstValue = value.Value;
            rest = value.Remainder;
        }
        return FinishDict(open, firstKey, firstValue, rest);
    }

    private static IResult<Expr> FinishSet(Token open, Expr first, IInput rest)
    {
        var body = ContinueDisplay(first, rest);
        if (!body.WasSuccessful)
            return Failed<Expr, DisplayBody>(body);
        rest = body.Remainder;
        if (!Accept(ref rest, TokenKind.RBrace, out var close))
            return Failed<Expr>(rest);
        var span = Cover(open.Span, close.Span);
        var set = body.Value;
        return Result.Success<Expr>(set.Generators.IsDefault
            ? new SetExpr([set.First, .. set.Rest], span)
            : new SetCompExpr(set.First, set.Generators, span), rest);
    }

    private static IResult<Expr> FinishDict(Token open, Expr? firstKey, Expr firstValue, IInput rest)
    {
        if (StartsComprehension(rest))
        {
            if (firstKey is null)
                SyntaxErrors.Throw(SyntaxErrors.Grammar, firstValue.Span, "dict unpacking cannot be used in dict comprehension");
            var generators = ExpressionGrammar.ComprehensionClauses(rest);
            if (!generators.WasSuccessful)
                return Failed<Expr, ImmutableArray<Comprehension>>(generators);
            rest = generators.Remainder;
            if (!Accept(ref rest, TokenKind.RBrace, out var compClose))
                return Failed<Expr>(rest);
            return Result.Success<Expr>(new DictCompExpr(firstKey, firstValue, generators.Value, Cover(open.Span, compClose.Span)), rest);
        }
        var keys = ImmutableArray.CreateBuilder<Expr?>();
        var values = ImmutableArray.CreateBuilder<Expr>();
        keys.Add(firstKey);
        values.Add(firstValue);
        while (Accept(ref rest, TokenKind.Comma, out _))
        {
            var item = ParseDictItem(rest);
            if (!item.WasSuccessful)
                break;
            keys.Add(item.Value.Key);
            values.Add(item.Value.Value);
            rest = item.Remainder;
        }
        if (!Accept(ref rest, TokenKind.RBrace, out var close))
            return Failed<Expr>(rest);
        return Result.Success<Expr>(new DictExpr(keys.ToImmutable(), values.ToImmutable(), Cover(open.Span, close.Span)), rest);
    }

    /// <summary><c>key: value</c> or <c>**mapping</c> (a null key).</summary>
    private static IResult<(Expr? Key, Expr Value)> ParseDictItem(IInput input)
    {
        if (Peek(input, TokenKind.DoubleStar))
        {
            var mapping = ExpressionGrammar.BitOr(input.Advance());
            return mapping.WasSuccessful
                ? Result.Success<(Expr?, Expr)>((null, mapping.Value), mapping.Remainder)
                : Failed<(Expr?, Expr), Expr>(mapping);
        }
        var key = Expression(input);
        if (!key.WasSuccessful)
            return Failed<(Expr?, Expr), Expr>(key);
        IInput rest = key.Remainder;
        if (!Accept(ref rest, TokenKind.Colon, out _))
            return Failed<(Expr?, Expr)>(rest);
        var value = Expression(rest);
        return value.WasSuccessful
            ? Result.Success<(Expr?, Expr)>((key.Value, value.Value), value.Remainder)
            : Failed<(Expr?, Expr), Expr>(value);
    }

    private static IResult<CallArgumentList> ParseCallArguments(IInput input)
    {
        IInput rest = input;
        if (!Accept(ref rest, TokenKind.LPar, out var open))
            return Failed<CallArgumentList>(rest);
        var arguments = new List<Expr>();
        if (!Peek(rest, TokenKind.RPar))
        {
            while (true)
            {
                var argument = ParseArgument(rest);
                if (!argument.WasSuccessful)
                    return Failed<CallArgumentList, Expr>(argument);
                arguments.Add(argument.Value);
                rest = argument.Remainder;
                if (!Accept(ref rest, TokenKind.Comma, out _) || Peek(rest, TokenKind.RPar))
                    break;
            }
        }
        if (!Accept(ref rest, TokenKind.RPar, out var close))
            return Failed<CallArgumentList>(rest);
        return Result.Success(SplitArguments(arguments, open.Span, close.Span), rest);
    }

    /// <summary>One call argument: <c>*args</c>, <c>**kwargs</c>, <c>name=value</c>, an expression or a bare generator.</summary>
    private static IResult<Expr> ParseArgument(IInput input)
    {
        var tokens = (TokenInput)input;
        var first = tokens.Token;
        switch (KindAt(input))
        {
            case TokenKind.Star:
            {
                var value = Expression(input.Advance());
                return value.WasSuccessful
                    ? Result.Success<Expr>(new StarredExpr(value.Value, Cover(first.Span, value.Value.Span)), value.Remainder)
                    : value;
            }
            case TokenKind.DoubleStar:
            {
                var value = Expression(input.Advance());
                return value.WasSuccessful
                    ? Result.Success<Expr>(new KeywordArgument(new Keyword(null, value.Value, Cover(first.Span, value.Value.Span))), value.Remainder)
                    : value;
            }
            case TokenKind.Name when tokens.Position + 1 < tokens.Stream.Kinds.Length &&
                                     tokens.Stream.Kinds[tokens.Position + 1] == (char)TokenKind.Equal:
            {
                var value = Expression(tokens.Stream.At(tokens.Position + 2));
                return value.WasSuccessful
                    ? Result.Success<Expr>(new KeywordArgument(new Keyword((string)first.Value!, value.Value, Cover(first.Span, value.Value.Span))), value.Remainder)
                    : value;
            }
        }
        var positional = NamedExpression(input);
        if (!positional.WasSuccessful || !StartsComprehension(positional.Remainder))
            return positional;
        var generators = ExpressionGrammar.ComprehensionClauses(positional.Remainder);
        if (!generators.WasSuccessful)
            return Failed<Expr, ImmutableArray<Comprehension>>(generators);
        var generator = new GeneratorExpr(positional.Value, generators.Value, Cover(positional.Value.Span, generators.Value[^1].Span));
        return Result.Success<Expr>(new BareGenerator(generator), generators.Remainder);
    }

    /// <summary>The index of a subscript: one item, or a tuple of items (slices allowed); a starred
    /// index is always a tuple, even alone (<c>tuple[*Ts]</c>).</summary>
    private static IResult<Expr> ParseSlices(IInput input)
    {
        var first = ParseSliceItem(input);
        if (!first.WasSuccessful)
            return first;
        IInput rest = first.Remainder;
        if (!Peek(rest, TokenKind.Comma))
        {
            var single = first.Value;
            return Result.Success(single is StarredExpr ? new TupleExpr([single], single.Span) : single, rest);
        }
        var items = ImmutableArray.CreateBuilder<Expr>();
        items.Add(first.Value);
        while (Accept(ref rest, TokenKind.Comma, out _))
        {
            var item = ParseSliceItem(rest);
            if (!item.WasSuccessful)
                break;
            items.Add(item.Value);
            rest = item.Remainder;
        }
        return Result.Success<Expr>(new TupleExpr(items.ToImmutable(), Spanning(input, rest)), rest);
    }

    /// <summary><c>[lower]:[upper][:[step]]</c> or a (possibly starred) expression.</summary>
    private static IResult<Expr> ParseSliceItem(IInput input)
    {
        Expr? lower = null;
        IInput rest = input;
        if (!Peek(input, TokenKind.Colon))
        {
            var item = StarNamedExpression(input);
            if (!item.WasSuccessful || !Peek(item.Remainder, TokenKind.Colon) || item.Value is StarredExpr)
                return item;
            lower = item.Value;
            rest = item.Remainder;
        }
        rest = rest.Advance();
        var upper = OptionalExpression(ref rest);
        Expr? step = null;
        if (Accept(ref rest, TokenKind.Colon, out _))
            step = OptionalExpression(ref rest);
        return Result.Success<Expr>(new SliceExpr(lower, upper, step, Spanning(input, rest)), rest);
    }

    private static Expr? OptionalExpression(ref IInput input)
    {
        var expression = Expression(input);
        if (!expression.WasSuccessful)
            return null;
        input = expression.Remainder;
        return expression.Value;
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
