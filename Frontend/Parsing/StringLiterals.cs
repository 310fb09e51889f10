// Implicit concatenation of adjacent string literals and the parsing of f-strings (Python 3.11 rules:
// replacement fields with nested expressions, !r/!s/!a, format specs with nested fields, `=` debugging).
// Called by AtomGrammar; field expressions are parsed by PythonParser.ParseEmbeddedExpression.
using System.Collections.Immutable;
using System.Text;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Parsing;

internal static class StringLiterals
{
    public static Expr Concatenate(List<Token> tokens)
    {
        var span = TokenParsers.Cover(tokens[0].Span, tokens[^1].Span);
        var first = (StringToken)tokens[0].Value!;
        bool anyFormatted = false;
        foreach (var token in tokens)
        {
            var literal = (StringToken)token.Value!;
            if (literal.IsBytes != first.IsBytes)
                SyntaxErrors.Throw(SyntaxErrors.StringLiteral, token.Span, "cannot mix bytes and nonbytes literals");
            anyFormatted |= literal.IsFormatted;
        }
        var source = span.Source;
        if (first.IsBytes)
        {
            var bytes = ImmutableArray.CreateBuilder<byte>();
            foreach (var token in tokens)
            {
                var literal = (StringToken)token.Value!;
                foreach (char c in StringDecoder.Decode(source, literal.BodyStart, literal.BodyEnd, literal.IsRaw, isBytes: true))
                    bytes.Add((byte)c);
            }
            return ConstantExpr.Bytes(bytes.ToImmutable(), span);
        }
        if (!anyFormatted)
        {
            if (tokens.Count == 1)
                return ConstantExpr.Str(StringDecoder.Decode(source, first.BodyStart, first.BodyEnd, first.IsRaw, false), span);
            var text = new StringBuilder();
            foreach (var token in tokens)
            {
                var literal = (StringToken)token.Value!;
                text.Append(StringDecoder.Decode(source, literal.BodyStart, literal.BodyEnd, literal.IsRaw, false));
            }
            return ConstantExpr.Str(text.ToString(), span);
        }
        var parts = new PartsBuilder(span);
        foreach (var token in tokens)
        {
            var literal = (StringToken)token.Value!;
            if (literal.IsFormatted)
                ParseFormatted(source, literal.BodyStart, literal.BodyEnd, literal.IsRaw, parts, nested: false);
            else
                parts.Text.Append(StringDecoder.Decode(source, literal.BodyStart, literal.BodyEnd, literal.IsRaw, false));
        }
        return parts.Build();
    }

    /// <summary>The values of a JoinedStr being built: adjacent literal text is merged into one constant.</summary>
    private sealed class PartsBuilder(SourceSpan span)
    {
        private readonly ImmutableArray<Expr>.Builder _values = ImmutableArray.CreateBuilder<Expr>();

        public StringBuilder Text { get; } = new();

        public void Add(Expr formatted)
        {
            Flush();
            _values.Add(formatted);
        }

        public JoinedStrExpr Build()
        {
            Flush();
            return new JoinedStrExpr(_values.ToImmutable(), span);
        }

        private void Flush()
        {
            if (Text.Length == 0)
                return;
            _values.Add(ConstantExpr.Str(Text.ToString(), span));
            Text.Clear();
        }
    }

    /// <summary>Parses an f-string body (or a nested format spec when <paramref name="nested"/>, which ends
    /// at an unmatched '}'); returns the offset where it stopped.</summary>
    private static int ParseFormatted(SourceText source, int start, int end, bool isRaw, PartsBuilder parts, bool nested)
    {
        string text = source.Text;
        int literalStart = start, i = start;
        while (i < end)
        {
            char c = text[i];
            if (c == '\\' && !isRaw && i + 1 < end)
            {
                i += text[i + 1] == 'N' && i + 2 < end && text[i + 2] == '{' ? Math.Max(2, text.IndexOf('}', i) - i + 1) : 2;
                continue;
            }
            if (c != '{' && c != '}')
            {
                i++;
                continue;
            }
            parts.Text.Append(StringDecoder.Decode(source, literalStart, i, isRaw, false));
            if (c == '{' && i + 1 < end && text[i + 1] == '{' && !nested)
            {
                parts.Text.Append('{');
                i += 2;
            }
            else if (c == '}' && nested)
            {
                return i;
            }
            else if (c == '}')
            {
                if (i + 1 >= end || text[i + 1] != '}')
                    SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, i, "f-string: single '}' is not allowed");
                parts.Text.Append('}');
                i += 2;
            }
            else
            {
                i = ParseField(source, i, end, isRaw, parts);
            }
            literalStart = i;
        }
        if (nested)
            SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, start, "f-string: expecting '}'");
        parts.Text.Append(StringDecoder.Decode(source, literalStart, end, isRaw, false));
        return end;
    }

    /// <summary>Parses one replacement field starting at its '{'; returns the offset after its '}'.</summary>
    private static int ParseField(SourceText source, int open, int end, bool isRaw, PartsBuilder parts)
    {
        string text = source.Text;
        int j = FindExpressionEnd(source, open + 1, end);
        if (string.IsNullOrWhiteSpace(text[(open + 1)..j]))
            SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, open, "f-string: empty expression not allowed");
        var value = PythonParser.ParseEmbeddedExpression(source, open + 1, j);
        string? debugText = null;
        if (text[j] == '=')
        {
            j++;
            while (j < end && char.IsWhiteSpace(text[j]))
                j++;
            debugText = text[(open + 1)..j];
        }
        int conversion = -1;
        if (j < end && text[j] == '!')
        {
            if (j + 1 >= end || "sra".IndexOf(text[j + 1]) < 0)
                SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, j,
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            conversion = text[j + 1];
            j += 2;
        }
        Expr? formatSpec = null;
        if (j < end && text[j] == ':')
        {
            var spec = new PartsBuilder(new SourceSpan(source, j, j + 1));
            j = ParseFormatted(source, j + 1, end, isRaw, spec, nested: true);
            formatSpec = spec.Build();
        }
        if (j >= end || text[j] != '}')
            SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, open, "f-string: expecting '}'");
        if (debugText is not null)
        {
            parts.Text.Append(debugText);
            if (conversion == -1 && formatSpec is null)
                conversion = 'r';
        }
        parts.Add(new FormattedValueExpr(value, conversion, formatSpec, new SourceSpan(source, open, j + 1)));
        return j + 1;
    }

    /// <summary>Where a field's expression ends: at a top-level '}', '!', ':' or '=' (debugging).</summary>
    private static int FindExpressionEnd(SourceText source, int start, int end)
    {
        string text = source.Text;
        int depth = 0;
        char quote = '\0';
        for (int j = start; j < end; j++)
        {
            char c = text[j];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth > 0:
                    depth--;
                    break;
                case '}':
                    return j;
                case ')' or ']':
                    SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, j, $"f-string: unmatched '{c}'");
                    break;
                case '!' when depth == 0 && (j + 1 >= end || text[j + 1] != '='):
                case ':' when depth == 0:
                    return j;
                case '=' when depth == 0 && (j + 1 >= end || text[j + 1] != '=') && "=!<>".IndexOf(text[j - 1]) < 0:
                    return j;
                case '#':
                    SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, j, "f-string expression part cannot include '#'");
                    break;
                case '\\':
                    SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, j, "f-string expression part cannot include a backslash");
                    break;
            }
        }
        SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, start - 1, "f-string: expecting '}'");
        return end;
    }
}
