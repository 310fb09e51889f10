// Entry point of the parser: source text in, AST or a located syntax error out. Runs the tokenizer
// step, then the Sprache statement grammar over the tokens, and turns the furthest failure into a
// diagnostic. Called by the CLI (`clrpy parse`, `translate`, `run`) and by the translator's importer.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;

namespace ClrPy.Frontend.Parsing;

public static class PythonParser
{
    /// <summary>Parses a module. Never throws for bad input: errors come back as diagnostics; an
    /// unexpected failure of the parser itself is reported as an internal-error diagnostic (CPS999).</summary>
    public static ParseResult Parse(SourceText source)
    {
        try
        {
            return new ParseResult(ParseModule(source), []);
        }
        catch (DiagnosticException error)
        {
            return new ParseResult(null, [error.Diagnostic]);
        }
        catch (InsufficientExecutionStackException)
        {
            var diagnostic = Diagnostic.ErrorInFile(SyntaxErrors.Grammar, source.Path,
                "the code is nested too deeply for the parser (simplify the deepest expression)");
            return new ParseResult(null, [diagnostic]);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var diagnostic = Diagnostic.ErrorInFile("CPS999", source.Path,
                $"internal error in the parser: {error.GetType().Name}: {error.Message}");
            return new ParseResult(null, [diagnostic]);
        }
    }

    private static Module ParseModule(SourceText source)
    {
        var stream = new TokenStream(source, Tokenizer.Tokenize(source));
        var body = ImmutableArray.CreateBuilder<Stmt>();
        IInput input = stream.At(0);
        while (!TokenParsers.Peek(input, TokenKind.EndMarker))
        {
            var statement = StatementGrammar.Statement(input);
            if (!statement.WasSuccessful)
                ThrowAtFurthest(stream, ((TokenInput)input).Position);
            body.AddRange(statement.Value);
            input = statement.Remainder;
        }
        return new Module(source, body.ToImmutable(), new SourceSpan(source, 0, source.Text.Length));
    }

    /// <summary>Parses the expression of an f-string replacement field, source[start..end).</summary>
    internal static Expr ParseEmbeddedExpression(SourceText source, int start, int end)
    {
        var stream = new TokenStream(source, Tokenizer.TokenizeExpression(source, start, end));
        var parser = ExpressionGrammar.Yield.Or(ExpressionGrammar.StarExpressions);
        var result = parser(stream.At(0));
        if (!result.WasSuccessful || !TokenParsers.Peek(result.Remainder, TokenKind.EndMarker))
        {
            int position = result.WasSuccessful ? ((TokenInput)result.Remainder).Position : Math.Max(stream.FurthestFailure, 0);
            SyntaxErrors.Throw(SyntaxErrors.Grammar, stream.Tokens[position].Span, "f-string: invalid syntax");
        }
        return result.Value;
    }

    /// <summary>A `match` statement (a line `match ...:`, Python 3.10+), which ClrPy does not parse, gets a
    /// message that says so instead of "invalid syntax" (`except*` is caught by the try grammar).</summary>
    private static void ThrowIfUnsupported(TokenStream stream, int position)
    {
        var tokens = stream.Tokens;
        int lineStart = Math.Min(position, tokens.Count - 1);
        while (lineStart > 0 && tokens[lineStart - 1].Kind is not (TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.Semi))
            lineStart--;
        int lineEnd = lineStart;
        while (lineEnd < tokens.Count && tokens[lineEnd].Kind is not (TokenKind.Newline or TokenKind.EndMarker))
            lineEnd++;
        var first = tokens[lineStart];
        if (first.Kind == TokenKind.Name && (string)first.Value! == "match" && lineEnd - 1 > lineStart + 1 &&
            tokens[lineEnd - 1].Kind == TokenKind.Colon)
            SyntaxErrors.Throw(SyntaxErrors.Unsupported, first.Span, "'match' statements are not supported by ClrPy; use if/elif");
    }

    private static void ThrowAtFurthest(TokenStream stream, int statementStart)
    {
        int position = Math.Max(stream.FurthestFailure, statementStart);
        var token = stream.Tokens[Math.Min(position, stream.Tokens.Count - 1)];
        var span = token.Span.End > token.Span.Start ? token.Span : new SourceSpan(token.Span.Source, token.Span.Start, token.Span.Start);
        if (position == stream.FurthestFailure && stream.MessageAtFurthest is { } message)
            SyntaxErrors.Throw(SyntaxErrors.Indentation, span, message);
        if (token.Kind == TokenKind.Indent)
            SyntaxErrors.Throw(SyntaxErrors.Indentation, span, "unexpected indent");
        ThrowIfUnsupported(stream, position);
        var expected = position == stream.FurthestFailure ? stream.ExpectedAtFurthest : new HashSet<TokenKind>();
        if (expected.Contains(TokenKind.Colon) && token.Kind != TokenKind.Colon)
            SyntaxErrors.Throw(SyntaxErrors.Grammar, span, "expected ':'");
        if (expected.Count == 1 && expected.First() is TokenKind.In or TokenKind.Import or TokenKind.RPar
                or TokenKind.RSqb or TokenKind.RBrace or TokenKind.Equal)
            SyntaxErrors.Throw(SyntaxErrors.Grammar, span, "expected " + TokenSpelling.Describe(expected.First()));
        SyntaxErrors.Throw(SyntaxErrors.Grammar, span, "invalid syntax");
    }
}
