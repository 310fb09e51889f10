// Tokens produced by the Tokenizer and consumed by the Sprache grammar (Frontend/Parsing). The grammar
// sees one char per token (its TokenKind), so a token's kind must fit in a char.
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Lexing;

public enum TokenKind : ushort
{
    EndMarker = 1,
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,

    // keywords
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else,
    Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise,
    Return, Try, While, With, Yield,

    // operators and delimiters
    Plus, Minus, Star, DoubleStar, Slash, DoubleSlash, Percent, At, LeftShift, RightShift, Amper,
    VBar, Circumflex, Tilde, ColonEqual, Less, Greater, LessEqual, GreaterEqual, EqEqual, NotEqual,
    LPar, RPar, LSqb, RSqb, LBrace, RBrace, Comma, Colon, Dot, Semi, Equal, RArrow, Ellipsis,
    PlusEqual, MinusEqual, StarEqual, SlashEqual, DoubleSlashEqual, PercentEqual, AtEqual, AmperEqual,
    VBarEqual, CircumflexEqual, RightShiftEqual, LeftShiftEqual, DoubleStarEqual,
}

/// <summary>One token. Value is the identifier (Name), the ConstantExpr-ready value (Number: BigInteger,
/// double, or ImaginaryNumber) or the raw literal with its prefix (String: a StringToken).</summary>
public readonly record struct Token(TokenKind Kind, SourceSpan Span, object? Value)
{
    public string Text => Span.Source.Text.Substring(Span.Start, Span.End - Span.Start);
}

/// <summary>The value of an imaginary literal such as <c>2.5j</c>.</summary>
public sealed record ImaginaryNumber(double Imag);

/// <summary>A string literal's parts: its prefix letters (lower-cased), the quote length (1 or 3) and
/// where its body starts and ends in the source.</summary>
public sealed record StringToken(string Prefix, int QuoteLength, int BodyStart, int BodyEnd)
{
    public bool IsRaw => Prefix.Contains('r');
    public bool IsBytes => Prefix.Contains('b');
    public bool IsFormatted => Prefix.Contains('f');
}

/// <summary>Keyword and operator spellings, shared by the tokenizer and by error messages.</summary>
public static class TokenSpelling
{
    public static readonly Dictionary<string, TokenKind> Keywords = new()
    {
        ["False"] = TokenKind.False, ["None"] = TokenKind.None, ["True"] = TokenKind.True,
        ["and"] = TokenKind.And, ["as"] = TokenKind.As, ["assert"] = TokenKind.Assert,
        ["async"] = TokenKind.Async, ["await"] = TokenKind.Await, ["break"] = TokenKind.Break,
        ["class"] = TokenKind.Class, ["continue"] = TokenKind.Continue, ["def"] = TokenKind.Def,
        ["del"] = TokenKind.Del, ["elif"] = TokenKind.Elif, ["else"] = TokenKind.Else,
        ["except"] = TokenKind.Except, ["finally"] = TokenKind.Finally, ["for"] = TokenKind.For,
        ["from"] = TokenKind.From, ["global"] = TokenKind.Global, ["if"] = TokenKind.If,
        ["import"] = TokenKind.Import, ["in"] = TokenKind.In, ["is"] = TokenKind.Is,
        ["lambda"] = TokenKind.Lambda, ["nonlocal"] = TokenKind.Nonlocal, ["not"] = TokenKind.Not,
        ["or"] = TokenKind.Or, ["pass"] = TokenKind.Pass, ["raise"] = TokenKind.Raise,
        ["return"] = TokenKind.Return, ["try"] = TokenKind.Try, ["while"] = TokenKind.While,
        ["with"] = TokenKind.With, ["yield"] = TokenKind.Yield,
    };

    /// <summary>Operators, longest first within each leading character (the tokenizer tries them in order).</summary>
    public static readonly (string Text, TokenKind Kind)[] Operators =
    [
        ("**=", TokenKind.DoubleStarEqual), ("//=", TokenKind.DoubleSlashEqual), (">>=", TokenKind.RightShiftEqual),
        ("<<=", TokenKind.LeftShiftEqual), ("...", TokenKind.Ellipsis),
        ("**", TokenKind.DoubleStar), ("//", TokenKind.DoubleSlash), ("<<", TokenKind.LeftShift),
        (">>", TokenKind.RightShift), (":=", TokenKind.ColonEqual), ("<=", TokenKind.LessEqual),
        (">=", TokenKind.GreaterEqual), ("==", TokenKind.EqEqual), ("!=", TokenKind.NotEqual),
        ("->", TokenKind.RArrow), ("+=", TokenKind.PlusEqual), ("-=", TokenKind.MinusEqual),
        ("*=", TokenKind.StarEqual), ("/=", TokenKind.SlashEqual), ("%=", TokenKind.PercentEqual),
        ("@=", TokenKind.AtEqual), ("&=", TokenKind.AmperEqual), ("|=", TokenKind.VBarEqual),
        ("^=", TokenKind.CircumflexEqual),
        ("+", TokenKind.Plus), ("-", TokenKind.Minus), ("*", TokenKind.Star), ("/", TokenKind.Slash),
        ("%", TokenKind.Percent), ("@", TokenKind.At), ("&", TokenKind.Amper), ("|", TokenKind.VBar),
        ("^", TokenKind.Circumflex), ("~", TokenKind.Tilde), ("<", TokenKind.Less), (">", TokenKind.Greater),
        ("(", TokenKind.LPar), (")", TokenKind.RPar), ("[", TokenKind.LSqb), ("]", TokenKind.RSqb),
        ("{", TokenKind.LBrace), ("}", TokenKind.RBrace), (",", TokenKind.Comma), (":", TokenKind.Colon),
        (".", TokenKind.Dot), (";", TokenKind.Semi), ("=", TokenKind.Equal),
    ];

    private static readonly Dictionary<TokenKind, string> Spellings = BuildSpellings();

    /// <summary>How a token kind is shown in messages: <c>':'</c>, <c>'def'</c>, <c>an indented block</c>.</summary>
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndMarker => "end of file",
        TokenKind.Newline => "end of line",
        TokenKind.Indent => "an indented block",
        TokenKind.Dedent => "a dedent",
        TokenKind.Name => "a name",
        TokenKind.Number => "a number",
        TokenKind.String => "a string",
        _ => "'" + Spellings[kind] + "'",
    };

    private static Dictionary<TokenKind, string> BuildSpellings()
    {
        var map = new Dictionary<TokenKind, string>();
        foreach (var (text, kind) in Keywords)
            map[kind] = text;
        foreach (var (text, kind) in Operators)
            map[kind] = text;
        return map;
    }
}
