// Sprache input over tokens: the grammar sees one char per token (its TokenKind), the token values
// live in a side array. The stream also remembers the furthest position where a token was expected
// but missing, which is where a syntax error is reported (Sprache's own error position is poor).
using System.Runtime.CompilerServices;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;

namespace ClrPy.Frontend.Parsing;

internal sealed class TokenStream
{
    private readonly TokenInput?[] _inputs;

    public TokenStream(SourceText source, List<Token> tokens)
    {
        Source = source;
        Tokens = tokens;
        var kinds = new char[tokens.Count];
        for (int i = 0; i < kinds.Length; i++)
            kinds[i] = (char)tokens[i].Kind;
        Kinds = new string(kinds);
        _inputs = new TokenInput?[tokens.Count + 1];
    }

    public SourceText Source { get; }

    public List<Token> Tokens { get; }

    /// <summary>One char per token: the string Sprache parses.</summary>
    public string Kinds { get; }

    public int FurthestFailure { get; private set; } = -1;

    public HashSet<TokenKind> ExpectedAtFurthest { get; } = new();

    /// <summary>A specific message for the furthest failure (e.g. a missing indented block).</summary>
    public string? MessageAtFurthest { get; private set; }

    public TokenInput At(int position) => _inputs[position] ??= new TokenInput(this, position);

    public void NoteExpected(int position, TokenKind kind)
    {
        if (position > FurthestFailure)
        {
            FurthestFailure = position;
            ExpectedAtFurthest.Clear();
            MessageAtFurthest = null;
        }
        if (position == FurthestFailure)
            ExpectedAtFurthest.Add(kind);
    }

    public void NoteMessage(int position, string message)
    {
        if (position >= FurthestFailure)
        {
            if (position > FurthestFailure)
                ExpectedAtFurthest.Clear();
            FurthestFailure = position;
            MessageAtFurthest = message;
        }
    }
}

internal sealed class TokenInput : IInput
{
    private Dictionary<object, object>? _memos;

    public TokenInput(TokenStream stream, int position)
    {
        Stream = stream;
        Position = position;
    }

    public TokenStream Stream { get; }

    public int Position { get; }

    public Token Token => Stream.Tokens[Math.Min(Position, Stream.Tokens.Count - 1)];

    public string Source => Stream.Kinds;

    public char Current => Stream.Kinds[Position];

    public bool AtEnd => Position >= Stream.Kinds.Length;

    public int Line => Token.Span.Line;

    public int Column => Token.Span.Column;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
            throw new InvalidOperationException("advancing past the end of the token stream");
        return Stream.At(Position + 1);
    }

    public bool Equals(IInput? other) => other is TokenInput input && input.Stream == Stream && input.Position == Position;

    public override bool Equals(object? obj) => obj is IInput input && Equals(input);

    public override int GetHashCode() => HashCode.Combine(Stream, Position);
}

/// <summary>Token-level primitive parsers, the leaves of the grammar.</summary>
internal static class TokenParsers
{
    private static readonly Dictionary<TokenKind, Parser<Token>> Cache = new();
    private static readonly string[] NoExpectations = [];

    public static Parser<Token> Tok(TokenKind kind)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(kind, out var parser))
                Cache[kind] = parser = Make(kind);
            return parser;
        }
    }

    private static Parser<Token> Make(TokenKind kind)
    {
        char code = (char)kind;
        return input =>
        {
            var tokens = (TokenInput)input;
            if (!tokens.AtEnd && tokens.Current == code)
                return Result.Success(tokens.Token, tokens.Advance());
            tokens.Stream.NoteExpected(tokens.Position, kind);
            return Result.Failure<Token>(input, "unexpected token", NoExpectations);
        };
    }

    /// <summary>Always fails, recording that <paramref name="kind"/> was expected here (a Dispatch fallback).</summary>
    public static Parser<T> Expecting<T>(TokenKind kind) => input =>
    {
        var tokens = (TokenInput)input;
        tokens.Stream.NoteExpected(tokens.Position, kind);
        return Result.Failure<T>(input, "unexpected token", NoExpectations);
    };

    /// <summary>Consumes the next token when it is <paramref name="kind"/>; otherwise records that it was
    /// expected there (for the error message) and leaves the input unchanged.</summary>
    public static bool Accept(ref IInput input, TokenKind kind, out Token token)
    {
        var tokens = (TokenInput)input;
        if (!tokens.AtEnd && tokens.Current == (char)kind)
        {
            token = tokens.Token;
            input = tokens.Advance();
            return true;
        }
        tokens.Stream.NoteExpected(tokens.Position, kind);
        token = default;
        return false;
    }

    /// <summary>A failure at <paramref name="input"/> (the expectation was already recorded).</summary>
    public static IResult<T> Failed<T>(IInput input) => Result.Failure<T>(input, "unexpected token", NoExpectations);

    /// <summary>A failure of another type passed on unchanged.</summary>
    public static IResult<T> Failed<T, TFailed>(IResult<TFailed> failure) =>
        Result.Failure<T>(failure.Remainder, failure.Message, failure.Expectations);

    /// <summary>Succeeds without consuming when the next token is <paramref name="kind"/>.</summary>
    public static bool Peek(IInput input, TokenKind kind)
    {
        var tokens = (TokenInput)input;
        return !tokens.AtEnd && tokens.Current == (char)kind;
    }

    public static IResult<T> Fail<T>(IInput input, string message)
    {
        var tokens = (TokenInput)input;
        tokens.Stream.NoteMessage(tokens.Position, message);
        return Result.Failure<T>(input, message, NoExpectations);
    }

    /// <summary>Chooses an alternative by the kind of the next token (the grammar's FIRST sets), instead
    /// of trying each alternative in turn; other tokens go to <paramref name="fallback"/>.</summary>
    public static Parser<T> Dispatch<T>(Parser<T> fallback, params (TokenKind Kind, Parser<T> Parser)[] cases)
    {
        var table = new Parser<T>?[128];
        foreach (var (kind, parser) in cases)
            table[(int)kind] = table[(int)kind] is { } existing ? existing.Or(parser) : parser;
        return input =>
        {
            var tokens = (TokenInput)input;
            int kind = tokens.AtEnd ? 0 : tokens.Current;
            return (kind < table.Length ? table[kind] ?? fallback : fallback)(input);
        };
    }

    /// <summary>A forward reference to a parser defined later. Unlike Parse.Ref it does not memoize in
    /// IInput.Memos: our inputs are shared per position, and Parse.Ref throws when a memoized failure is retried.
    /// Every recursive cycle of the grammar goes through a Defer, so it is also where deep nesting is stopped
    /// (InsufficientExecutionStackException, turned into a diagnostic by PythonParser) before the stack overflows.</summary>
    public static Parser<T> Defer<T>(Func<Parser<T>> reference)
    {
        Parser<T>? parser = null;
        return input =>
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return (parser ??= reference())(input);
        };
    }

    /// <summary>The extent of the tokens from <paramref name="start"/> up to <paramref name="end"/> (exclusive):
    /// like CPython, a node whose first operand is parenthesized starts at the parenthesis.</summary>
    public static SourceSpan Spanning(IInput start, IInput end)
    {
        var first = (TokenInput)start;
        var tokens = first.Stream.Tokens;
        int last = Math.Max(((TokenInput)end).Position - 1, first.Position);
        return new SourceSpan(first.Stream.Source, tokens[first.Position].Span.Start, tokens[last].Span.End);
    }

    /// <summary>Gives the node parsed by <paramref name="parser"/> the extent of all the tokens it consumed.</summary>
    public static Parser<Expr> Spanned(Parser<Expr> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success(result.Value with { Span = Spanning(input, result.Remainder) }, result.Remainder)
            : result;
    };

    public static SourceSpan Cover(SourceSpan first, SourceSpan last) => new(first.Source, first.Start, Math.Max(first.End, last.End));
}
