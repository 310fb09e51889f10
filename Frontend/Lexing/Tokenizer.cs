// The tokenizer step in front of the Sprache grammar: turns source text into tokens, with
// indentation made explicit as INDENT/DEDENT, logical lines ended by NEWLINE, comments and line
// joins removed. It knows bracket depth and string extents, so it reports lexical errors itself.
using System.Globalization;
using System.Numerics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Lexing;

public sealed class Tokenizer
{
    private const int TabSize = 8;

    // CPython's limits; they also keep the recursive grammar far from the end of the stack.
    private const int MaxBracketDepth = 200;
    private const int MaxIndentDepth = 100;

    private readonly SourceText _source;
    private readonly string _text;
    private readonly int _end;
    private readonly bool _expressionMode;
    private static readonly Dictionary<string, TokenKind>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup =
        TokenSpelling.Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly List<Token> _tokens;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names =
        new Dictionary<string, string>().GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly List<int> _indents = new() { 0 };
    private readonly List<int> _altIndents = new() { 0 };
    private readonly List<(char Bracket, int Offset)> _brackets = new();
    private int _pos;

    private Tokenizer(SourceText source, int start, int end, bool expressionMode)
    {
        _source = source;
        _text = source.Text;
        _pos = start;
        _end = end;
        _expressionMode = expressionMode;
        // About one token per four characters of typical code.
        _tokens = new List<Token>((end - start) / 4 + 4);
    }

    /// <summary>Tokenizes a whole file; throws DiagnosticException at the first lexical error.</summary>
    public static List<Token> Tokenize(SourceText source) => new Tokenizer(source, 0, source.Text.Length, false).Run();

    /// <summary>Tokenizes an expression embedded in a file (an f-string field): newlines are insignificant
    /// and no NEWLINE/INDENT/DEDENT tokens are produced.</summary>
    public static List<Token> TokenizeExpression(SourceText source, int start, int end) =>
        new Tokenizer(source, start, end, true).Run();

    private List<Token> Run()
    {
        bool atLineStart = !_expressionMode;
        while (true)
        {
            if (atLineStart)
            {
                if (!StartLogicalLine())
                    break;
                atLineStart = false;
            }
            SkipBlanks();
            if (_pos >= _end)
                break;
            char c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _end && _text[_pos] != '\n' && _text[_pos] != '\r')
                    _pos++;
                continue;
            }
            if (c == '\n' || c == '\r')
            {
                int length = NewlineLength(_pos);
                if (_brackets.Count == 0 && !_expressionMode)
                {
                    Add(TokenKind.Newline, _pos, _pos + length);
                    atLineStart = true;
                }
                _pos += length;
                continue;
            }
            if (c == '\\')
            {
                int next = _pos + 1;
                if (next < _end && (_text[next] == '\n' || _text[next] == '\r'))
                {
                    _pos = next + NewlineLength(next);
                    continue;
                }
                if (next >= _end)
                    SyntaxErrors.Throw(SyntaxErrors.Lexical, _source, _pos, "unexpected EOF while parsing");
                SyntaxErrors.Throw(SyntaxErrors.Lexical, _source, next, "unexpected character after line continuation character");
            }
            if (IsIdentifierStart(c))
                ScanNameOrPrefixedString();
            else if (IsDigit(c) || (c == '.' && _pos + 1 < _end && IsDigit(_text[_pos + 1])))
                ScanNumber();
            else if (c == '"' || c == '\'')
                ScanString(_pos, "");
            else
                ScanOperator(c);
        }
        Finish();
        return _tokens;
    }

    /// <summary>Measures the indentation of the next non-blank line and emits INDENT/DEDENT;
    /// returns false at the end of input.</summary>
    private bool StartLogicalLine()
    {
        while (true)
        {
            int column = 0, altColumn = 0, p = _pos;
            for (; p < _end; p++)
            {
                char c = _text[p];
                if (c == ' ') { column++; altColumn++; }
                else if (c == '\t') { column = (column / TabSize + 1) * TabSize; altColumn++; }
                else if (c == '\f') { column = 0; altColumn = 0; }
                else break;
            }
            if (p >= _end)
            {
                _pos = p;
                return false;
            }
            char first = _text[p];
            if (first == '#' || first == '\n' || first == '\r')
            {
                while (p < _end && _text[p] != '\n' && _text[p] != '\r')
                    p++;
                _pos = p < _end ? p + NewlineLength(p) : p;
                continue;
            }
            _pos = p;
            ApplyIndentation(column, altColumn, p);
            return true;
        }
    }

    private void ApplyIndentation(int column, int altColumn, int offset)
    {
        int top = _indents[^1];
        if (column > top)
        {
            if (altColumn <= _altIndents[^1])
                TabError(offset);
            if (_indents.Count > MaxIndentDepth)
                SyntaxErrors.Throw(SyntaxErrors.Indentation, _source, offset, "too many levels of indentation");
            _indents.Add(column);
            _altIndents.Add(altColumn);
            Add(TokenKind.Indent, offset, offset);
            return;
        }
        while (column < _indents[^1])
        {
            _indents.RemoveAt(_indents.Count - 1);
            _altIndents.RemoveAt(_altIndents.Count - 1);
            Add(TokenKind.Dedent, offset, offset);
        }
        if (column != _indents[^1])
            SyntaxErrors.Throw(SyntaxErrors.Indentation, _source, offset, "unindent does not match any outer indentation level");
        if (altColumn != _altIndents[^1])
            TabError(offset);
    }

    private void TabError(int offset) =>
        SyntaxErrors.Throw(SyntaxErrors.Indentation, _source, offset, "inconsistent use of tabs and spaces in indentation");

    private void Finish()
    {
        if (_brackets.Count > 0)
        {
            var (bracket, offset) = _brackets[^1];
            SyntaxErrors.Throw(SyntaxErrors.Brackets, _source, offset, $"'{bracket}' was never closed");
        }
        if (_expressionMode)
        {
            Add(TokenKind.EndMarker, _end, _end);
            return;
        }
        if (_tokens.Count > 0 && _tokens[^1].Kind is not (TokenKind.Newline or TokenKind.Dedent or TokenKind.Indent))
            Add(TokenKind.Newline, _end, _end);
        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            Add(TokenKind.Dedent, _end, _end);
        }
        Add(TokenKind.EndMarker, _end, _end);
    }

    private void SkipBlanks()
    {
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (c != ' ' && c != '\t' && c != '\f')
                return;
            _pos++;
        }
    }

    private int NewlineLength(int offset) =>
        _text[offset] == '\r' && offset + 1 < _end && _text[offset + 1] == '\n' ? 2 : 1;

    private void Add(TokenKind kind, int start, int end, object? value = null) =>
        _tokens.Add(new Token(kind, new SourceSpan(_source, start, end), value));

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ||
        (c > 127 && (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation));

    private void ScanNameOrPrefixedString()
    {
        int start = _pos;
        while (_pos < _end && IsIdentifierPart(_text[_pos]))
            _pos++;
        if (_pos < _end && (_text[_pos] == '"' || _text[_pos] == '\'') && _pos - start <= 2)
        {
            string prefix = _text.Substring(start, _pos - start).ToLowerInvariant();
            if (prefix is "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf")
            {
                ScanString(start, prefix);
                return;
            }
        }
        var text = _text.AsSpan(start, _pos - start);
        if (KeywordLookup.TryGetValue(text, out var keyword))
        {
            Add(keyword, start, _pos);
            return;
        }
        // One string per distinct identifier of the file, allocated only the first time it is seen.
        if (!_names.TryGetValue(text, out var name))
        {
            name = text.ToString();
            if (!System.Text.Ascii.IsValid(name))
                name = NormalizeIdentifier(name);
            _names[text] = name;
        }
        Add(TokenKind.Name, start, _pos, name);
    }

    /// <summary>Python compares identifiers after NFKC normalization (PEP 3131): `ｗｉｄｔｈ` is `width`.
    /// With invariant globalization (as the CLI runs) .NET's Normalize leaves most text unchanged, so the
    /// common case of full-width letters and digits is folded here first.</summary>
    private static string NormalizeIdentifier(string name)
    {
        var folded = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
            folded.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFF01 + 0x21) : c);
        string text = folded.ToString();
        return System.Text.Ascii.IsValid(text) ? text : text.Normalize(System.Text.NormalizationForm.FormKC);
    }

    private void ScanString(int start, string prefix)
    {
        char quote = _text[_pos];
        int quoteLength = _pos + 2 < _end && _text[_pos + 1] == quote && _text[_pos + 2] == quote ? 3 : 1;
        int bodyStart = _pos + quoteLength;
        int p = bodyStart;
        while (true)
        {
            if (p >= _end)
                UnterminatedString(start, quoteLength, _end);
            char c = _text[p];
            if (c == '\\')
            {
                p += p + 1 < _end && _text[p + 1] == '\r' && p + 2 < _end && _text[p + 2] == '\n' ? 3 : 2;
                continue;
            }
            if ((c == '\n' || c == '\r') && quoteLength == 1)
                UnterminatedString(start, quoteLength, p);
            if (c == quote && (quoteLength == 1 || (p + 2 < _end && _text[p + 1] == quote && _text[p + 2] == quote)))
                break;
            p++;
        }
        _pos = p + quoteLength;
        Add(TokenKind.String, start, _pos, new StringToken(prefix, quoteLength, bodyStart, p));
    }

    private void UnterminatedString(int start, int quoteLength, int detectedAt)
    {
        // Reported at the opening quote; a triple-quoted string usually runs to the end of the file, so
        // its message names the line where it was opened rather than where the tokenizer gave up.
        string message = quoteLength == 3
            ? $"unterminated triple-quoted string literal (opened on line {_source.GetLineColumn(start).Line})"
            : $"unterminated string literal (detected at line {_source.GetLineColumn(LastTextBefore(detectedAt)).Line})";
        SyntaxErrors.Throw(SyntaxErrors.StringLiteral, _source, start, message);
    }

    /// <summary>At the end of input, an error is detected on the last line that has text.</summary>
    private int LastTextBefore(int offset)
    {
        int at = Math.Min(offset, _end);
        while (at == _end && at > 0 && (_text[at - 1] == '\n' || _text[at - 1] == '\r'))
            at--;
        return at;
    }

    private void ScanOperator(char c)
    {
        int start = _pos;
        foreach (var (text, kind) in TokenSpelling.Operators)
        {
            if (text[0] != c || string.CompareOrdinal(_text, start, text, 0, text.Length) != 0 || start + text.Length > _end)
                continue;
            _pos += text.Length;
            TrackBracket(kind, c, start);
            Add(kind, start, _pos);
            return;
        }
        string shown = char.IsSurrogate(c) && start + 1 < _end ? _text.Substring(start, 2) : c.ToString();
        int codePoint = char.IsSurrogate(c) && start + 1 < _end ? char.ConvertToUtf32(c, _text[start + 1]) : c;
        if (c == '\0')
            SyntaxErrors.Throw(SyntaxErrors.Lexical, _source, start, "source code cannot contain null bytes");
        SyntaxErrors.Throw(SyntaxErrors.Lexical, _source, start,
            $"invalid character '{(codePoint < 32 ? "?" : shown)}' (U+{codePoint:X4})");
    }

    private void TrackBracket(TokenKind kind, char c, int offset)
    {
        if (kind is TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace)
        {
            if (_brackets.Count >= MaxBracketDepth)
                SyntaxErrors.Throw(SyntaxErrors.Brackets, _source, offset, "too many nested parentheses");
            _brackets.Add((c, offset));
            return;
        }
        if (kind is not (TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace))
            return;
        if (_brackets.Count == 0)
            SyntaxErrors.Throw(SyntaxErrors.Brackets, _source, offset, $"unmatched '{c}'");
        var (open, openOffset) = _brackets[^1];
        char expected = open switch { '(' => ')', '[' => ']', _ => '}' };
        if (c != expected)
        {
            int openLine = _source.GetLineColumn(openOffset).Line;
            int closeLine = _source.GetLineColumn(offset).Line;
            string where = openLine == closeLine ? "" : $" on line {openLine}";
            SyntaxErrors.Throw(SyntaxErrors.Brackets, _source, offset,
                $"closing parenthesis '{c}' does not match opening parenthesis '{open}'{where}");
        }
        _brackets.RemoveAt(_brackets.Count - 1);
    }

    private void ScanNumber()
    {
        int start = _pos;
        char c = _text[_pos];
        if (c == '0' && _pos + 1 < _end && "xXoObB".Contains(_text[_pos + 1]))
        {
            char radixLetter = char.ToLowerInvariant(_text[_pos + 1]);
            int radix = radixLetter == 'x' ? 16 : radixLetter == 'o' ? 8 : 2;
            string name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
            _pos += 2;
            if (_pos < _end && _text[_pos] == '_')
                _pos++;
            string digits = ScanDigits(d => DigitValue(d) < radix, name);
            if (digits.Length == 0 || (_pos < _end && (IsIdentifierPart(_text[_pos]))))
                SyntaxErrors.Throw(SyntaxErrors.NumberLiteral, _source, Math.Min(_pos, _end - 1) , $"invalid {name} literal");
            BigInteger value = BigInteger.Zero;
            foreach (char d in digits)
                value = value * radix + DigitValue(d);
            Add(TokenKind.Number, start, _pos, value);
            return;
        }
        string intPart = c == '.' ? "" : ScanDigits(IsDigit, "decimal");
        bool isFloat = false;
        string fraction = "", exponent = "";
        if (_pos < _end && _text[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            if (_pos < _end && IsDigit(_text[_pos]))
                fraction = ScanDigits(IsDigit, "decimal");
        }
        if (_pos < _end && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            int save = _pos;
            _pos++;
            string sign = "";
            if (_pos < _end && (_text[_pos] == '+' || _text[_pos] == '-'))
                sign = _text[_pos++].ToString();
            if (_pos < _end && IsDigit(_text[_pos]))
            {
                exponent = "e" + sign + ScanDigits(IsDigit, "decimal");
                isFloat = true;
            }
            else
            {
                SyntaxErrors.Throw(SyntaxErrors.NumberLiteral, _source, save, "invalid decimal literal");
            }
        }
        bool imaginary = _pos < _end && (_text[_pos] == 'j' || _text[_pos] == 'J');
        if (imaginary)
            _pos++;
        if (_pos < _end && IsIdentifierPart(_text[_pos]))
            SyntaxErrors.Throw(SyntaxErrors.NumberLiteral, _source, start, "invalid decimal literal");
        if (!isFloat && !imaginary && intPart.Length > 1 && intPart[0] == '0' && intPart.Any(d => d != '0'))
            SyntaxErrors.Throw(SyntaxErrors.NumberLiteral, _source, start,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        if (!isFloat && !imaginary)
        {
            Add(TokenKind.Number, start, _pos, BigInteger.Parse(intPart, NumberStyles.None, CultureInfo.InvariantCulture));
            return;
        }
        string literal = (intPart.Length == 0 ? "0" : intPart) + (fraction.Length > 0 ? "." + fraction : "") + exponent;
        double number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        Add(TokenKind.Number, start, _pos, imaginary ? new ImaginaryNumber(number) : number);
    }

    /// <summary>Digits with single underscores between them; returns them without underscores.</summary>
    private string ScanDigits(Func<char, bool> isDigit, string name)
    {
        int start = _pos;
        var digits = new System.Text.StringBuilder();
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (isDigit(c))
            {
                digits.Append(c);
                _pos++;
            }
            else if (c == '_' && _pos > start && _pos + 1 < _end && isDigit(_text[_pos + 1]))
            {
                _pos++;
            }
            else if (c == '_')
            {
                SyntaxErrors.Throw(SyntaxErrors.NumberLiteral, _source, _pos, $"invalid {name} literal");
            }
            else
            {
                break;
            }
        }
        return digits.ToString();
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 99,
    };
}
