// Decodes the body of a string or bytes literal: escape sequences, raw strings and line
// continuations. Called by the grammar for plain literals and by the f-string parser for the
// literal parts between replacement fields.
using System.Text;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Lexing;

public static class StringDecoder
{
    /// <summary>Decodes source[start..end) as the body of a str literal (or bytes when isBytes, in
    /// which case every char of the result is a byte value 0..255).</summary>
    public static string Decode(SourceText source, int start, int end, bool isRaw, bool isBytes)
    {
        string text = source.Text;
        var result = new StringBuilder(end - start);
        int p = start;
        while (p < end)
        {
            char c = text[p];
            if (c == '\r')
            {
                // Python normalizes newlines inside literals to \n.
                result.Append('\n');
                p += p + 1 < end && text[p + 1] == '\n' ? 2 : 1;
                continue;
            }
            if (isBytes && c > 127)
                SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, p, "bytes can only contain ASCII literal characters");
            if (c != '\\' || isRaw || p + 1 >= end)
            {
                result.Append(c);
                p++;
                continue;
            }
            p = DecodeEscape(source, p, end, isBytes, result);
        }
        return result.ToString();
    }

    /// <summary>Decodes one escape starting at the backslash at p; returns the offset after it.</summary>
    private static int DecodeEscape(SourceText source, int p, int end, bool isBytes, StringBuilder result)
    {
        string text = source.Text;
        char e = text[p + 1];
        switch (e)
        {
            case '\n': return p + 2;
            case '\r': return p + (p + 2 < end && text[p + 2] == '\n' ? 3 : 2);
            case '\\': result.Append('\\'); return p + 2;
            case '\'': result.Append('\''); return p + 2;
            case '"': result.Append('"'); return p + 2;
            case 'a': result.Append('\a'); return p + 2;
            case 'b': result.Append('\b'); return p + 2;
            case 'f': result.Append('\f'); return p + 2;
            case 'n': result.Append('\n'); return p + 2;
            case 'r': result.Append('\r'); return p + 2;
            case 't': result.Append('\t'); return p + 2;
            case 'v': result.Append('\v'); return p + 2;
            case >= '0' and <= '7':
            {
                int value = 0, q = p + 1;
                while (q < end && q < p + 4 && text[q] is >= '0' and <= '7')
                    value = value * 8 + (text[q++] - '0');
                result.Append((char)(isBytes ? value & 0xFF : value));
                return q;
            }
            case 'x':
                return AppendHex(source, p, end, 2, "\\xXX", result);
            case 'u' when !isBytes:
                return AppendHex(source, p, end, 4, "\\uXXXX", result);
            case 'U' when !isBytes:
                return AppendHex(source, p, end, 8, "\\UXXXXXXXX", result);
            case 'N' when !isBytes:
                SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, p,
                    "\\N{...} escapes are not supported by ClrPy; use \\u or \\U with the code point");
                return p;
            default:
                // Unknown escapes keep their backslash, as in Python.
                result.Append('\\');
                return p + 1;
        }
    }

    private static int AppendHex(SourceText source, int p, int end, int digits, string form, StringBuilder result)
    {
        string text = source.Text;
        int value = 0;
        for (int i = 0; i < digits; i++)
        {
            int q = p + 2 + i;
            int d = q < end ? HexValue(text[q]) : -1;
            if (d < 0)
                SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, p, $"truncated {form} escape");
            value = value * 16 + d;
        }
        if (value > 0x10FFFF)
            SyntaxErrors.Throw(SyntaxErrors.StringLiteral, source, p, "illegal Unicode character in \\U escape");
        if (value > 0xFFFF)
            result.Append(char.ConvertFromUtf32(value));
        else
            result.Append((char)value);
        return p + 2 + digits;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
