// Parameter lists of `def` (with annotations and defaults) and `lambda`: a flat list of items
// (`/`, `*`, `*args`, `**kw`, `name[: ann][= default]`) checked for order and folded into Arguments.
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

    private static Parser<Arguments> ItemList(bool annotated)
    {
        var expression = Defer(() => ExpressionGrammar.Expression);
        Parser<Arg> arg =
            from name in Tok(TokenKind.Name)
            from annotation in annotated
                ? (from colon in Tok(TokenKind.Colon) from e in expression select e).Optional().Select(o => o.GetOrDefault())
                : Parse.Return<Expr?>(null)
            select new Arg((string)name.Value!, annotation, annotation is null ? name.Span : Cover(name.Span, annotation.Span));
        // `*args: *Ts` (PEP 646): only the var-positional parameter may have a starred annotation.
        Parser<Expr> starredAnnotation =
            from star in Tok(TokenKind.Star)
            from e in expression
            select (Expr)new StarredExpr(e, Cover(star.Span, e.Span));
        Parser<Arg> varArg = !annotated ? arg :
            from name in Tok(TokenKind.Name)
            from annotation in (from colon in Tok(TokenKind.Colon) from e in starredAnnotation.Or(expression) select e)
                .Optional().Select(o => o.GetOrDefault())
            select new Arg((string)name.Value!, annotation, annotation is null ? name.Span : Cover(name.Span, annotation.Span));
        Parser<Item> item =
            Tok(TokenKind.Slash).Select(t => new Item(ItemKind.Slash, null, null, t.Span))
            .Or(from star in Tok(TokenKind.DoubleStar) from a in arg select new Item(ItemKind.DoubleStar, a, null, Cover(star.Span, a.Span)))
            .Or(from star in Tok(TokenKind.Star)
                from a in varArg.Optional()
                select new Item(ItemKind.Star, a.GetOrDefault(), null, a.IsDefined ? Cover(star.Span, a.Get().Span) : star.Span))
            .Or(from a in arg
                from value in (from eq in Tok(TokenKind.Equal) from e in expression select e).Optional()
                select new Item(ItemKind.Plain, a, value.GetOrDefault(), value.IsDefined ? Cover(a.Span, value.Get().Span) : a.Span));
        return
            from first in item
            from rest in (from comma in Tok(TokenKind.Comma) from i in item select i).Many()
            from trailing in Tok(TokenKind.Comma).Optional()
            select Build([first, .. rest]);
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
