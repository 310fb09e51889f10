// Parameter lists of `def` (with annotations and defaults) and `lambda`: a flat list of items
// (`/`, `*`, `*args`, `**kw`, `name[: ann][= default]`) checked for order and folded into Arguments.
// Hand-written Sprache Parser<T> delegates, like the other rules every function goes through.
using System.Collections.Immutable;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;
using static ClrPy.Frontend.Parsing.TokenParsers;

namespace ClrPy.Frontend.Parsing;

internal static class ParameterGrammar
{
    private enum ItemKind { Plain, Slash, Star, DoubleStar }

    private sealed record Item(ItemKind Kind, Arg? Arg, Expr? Default, SourceSpan Span);

    /// <summary>The parameters between <c>def f(</c> and <c>)</c> (without the parentheses).</summary>
    public static readonly Parser<Arguments> FunctionParameters;

    /// <summary>The parameters between <c>lambda</c> and <c>:</c>.</summary>
    public static readonly Parser<Arguments> LambdaParameters;

    static ParameterGrammar()
    {
        FunctionParameters = ItemList(annotated: true);
        LambdaParameters = ItemList(annotated: false);
    }

    public static Arguments Empty(SourceSpan at) =>
        new([], [], null, [], [], null, [], new SourceSpan(at.Source, at.Start, at.Start));

    /// <summary>Comma-separated items with an optional trailing comma (hand-written: every def has one).</summary>
    private static Parser<Arguments> ItemList(bool annotated) => input =>
    {
        var items = new List<Item>();
        IInput rest = input;
        while (true)
        {
            var item = ParseItem(rest, annotated);
            if (!item.WasSuccessful)
            {
                if (items.Count == 0)
                    return Failed<Arguments, Item>(item);
                break;
            }
            items.Add(item.Value);
            rest = item.Remainder;
            if (!Accept(ref rest, TokenKind.Comma, out _))
                break;
        }
        return Result.Success(Build(items), rest);
    };

    /// <summary><c>/</c>, <c>*</c>, <c>*args</c>, <c>**kw</c> or <c>name[: annotation][= default]</c>.</summary>
    private static IResult<Item> ParseItem(IInput input, bool annotated)
    {
        var first = ((TokenInput)input).Token;
        IInput rest = input;
        switch (first.Kind)
        {
            case TokenKind.Slash:
                return Result.Success(new Item(ItemKind.Slash, null, null, first.Span), input.Advance());
            case TokenKind.DoubleStar:
            {
                var arg = ParseArg(input.Advance(), annotated, starredAnnotation: false);
                return arg.WasSuccessful
                    ? Result.Success(new Item(ItemKind.DoubleStar, arg.Value, null, Cover(first.Span, arg.Value.Span)), arg.Remainder)
                    : Failed<Item, Arg>(arg);
            }
            case TokenKind.Star:
            {
                rest = input.Advance();
                if (!Peek(rest, TokenKind.Name))
                    return Result.Success(new Item(ItemKind.Star, null, null, first.Span), rest);
                var arg = ParseArg(rest, annotated, starredAnnotation: annotated);
                return arg.WasSuccessful
                    ? Result.Success(new Item(ItemKind.Star, arg.Value, null, Cover(first.Span, arg.Value.Span)), arg.Remainder)
                    : Failed<Item, Arg>(arg);
            }
        }
        var plain = ParseArg(input, annotated, starredAnnotation: false);
        if (!plain.WasSuccessful)
            return Failed<Item, Arg>(plain);
        rest = plain.Remainder;
        if (!Accept(ref rest, TokenKind.Equal, out _))
            return Result.Success(new Item(ItemKind.Plain, plain.Value, null, plain.Value.Span), rest);
        var value = ExpressionGrammar.Expression(rest);
        return value.WasSuccessful
            ? Result.Success(new Item(ItemKind.Plain, plain.Value, value.Value, Cover(plain.Value.Span, value.Value.Span)), value.Remainder)
            : Failed<Item, Expr>(value);
    }

    /// <summary><c>name[: annotation]</c>; only <c>*args</c> may have a starred annotation (<c>*args: *Ts</c>, PEP 646).</summary>
    private static IResult<Arg> ParseArg(IInput input, bool annotated, bool starredAnnotation)
    {
        IInput rest = input;
        if (!Accept(ref rest, TokenKind.Name, out var name))
            return Failed<Arg>(rest);
        if (!annotated || !Accept(ref rest, TokenKind.Colon, out _))
            return Result.Success(new Arg((string)name.Value!, null, name.Span), rest);
        var star = ((TokenInput)rest).Token;
        bool starred = starredAnnotation && Peek(rest, TokenKind.Star);
        var annotation = ExpressionGrammar.Expression(starred ? rest.Advance() : rest);
        if (!annotation.WasSuccessful)
            return Failed<Arg, Expr>(annotation);
        var value = starred ? new StarredExpr(annotation.Value, Cover(star.Span, annotation.Value.Span)) : annotation.Value;
        return Result.Success(new Arg((string)name.Value!, value, Cover(name.Span, value.Span)), annotation.Remainder);
    }

    private static Arguments Build(List<Item> items)
    {
        var posOnly = ImmutableArray.CreateBuilder<Arg>();
        var args = ImmutableArray.CreateBuilder<Arg>();
        var kwOnly = ImmutableArray.CreateBuilder<Arg>();
        var kwDefaults = ImmutableArray.CreateBuilder<Expr?>();
        var defaults = ImmutableArray.CreateBuilder<Expr>();
        Arg? varArg = null, kwArg = null;
        bool seenSlash = false, seenStar = false;
        Item? bareStar = null;
        foreach (var item in items)
        {
            if (kwArg is not null)
                SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "arguments cannot follow var-keyword argument");
            switch (item.Kind)
            {
                case ItemKind.Slash:
                    if (seenSlash)
                        SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "/ may appear only once");
                    if (seenStar)
                        SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "/ must be ahead of *");
                    if (args.Count == 0)
                        SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "at least one argument must precede /");
                    seenSlash = true;
                    posOnly.AddRange(args);
                    args.Clear();
                    break;
                case ItemKind.Star:
                    if (seenStar)
                        SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "* argument may appear only once");
                    seenStar = true;
                    varArg = item.Arg;
                    bareStar = item.Arg is null ? item : null;
                    break;
                case ItemKind.DoubleStar:
                    kwArg = item.Arg;
                    break;
                default:
                    if (seenStar)
                    {
                        kwOnly.Add(item.Arg!);
                        kwDefaults.Add(item.Default);
                        bareStar = null;
                    }
                    else
                    {
                        if (item.Default is not null)
                            defaults.Add(item.Default);
                        else if (defaults.Count > 0)
                            SyntaxErrors.Throw(SyntaxErrors.Grammar, item.Span, "non-default argument follows default argument");
                        args.Add(item.Arg!);
                    }
                    break;
            }
        }
        if (bareStar is not null)
            SyntaxErrors.Throw(SyntaxErrors.Grammar, bareStar.Span, "named arguments must follow bare *");
        return new Arguments(posOnly.ToImmutable(), args.ToImmutable(), varArg, kwOnly.ToImmutable(),
            kwDefaults.ToImmutable(), kwArg, defaults.ToImmutable(), Cover(items[0].Span, items[^1].Span));
    }
}
