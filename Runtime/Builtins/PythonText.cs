// CPython's repr of floats and strings: what print/str/repr produce for them, in translated programs
// and the graph interpreter, and how flow dumps show constants.
using System.Globalization;
using System.Text;

namespace ClrPy.Runtime.Builtins;

public static class PythonText
{
    private static readonly string[] Latin1 = [.. Enumerable.Range(0, 256).Select(c => ((char)c).ToString())];

    /// <summary>A one-character string (shared for Latin-1 characters, so str(char) allocates nothing).</summary>
    public static string CharString(char c) => c < 256 ? Latin1[c] : c.ToString();

    /// <summary>CPython's <c>repr(float)</c>: the shortest round-trip digits, scientific notation
    /// when the decimal exponent is below -4 or at least 16.</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";
        // "E16" is not shortest; "R" is, but in varying layouts: normalise it to digits + exponent.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponentMark = r.IndexOfAny(['E', 'e']);
        string mantissa = exponentMark < 0 ? r : r[..exponentMark];
        int exponent = exponentMark < 0 ? 0 : int.Parse(r[(exponentMark + 1)..], CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
            leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        pointPosition -= leadingZeros;
        int decimalExponent = pointPosition - 1;
        var text = new StringBuilder(value < 0 ? "-" : "");
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(decimalExponent < 0 ? '-' : '+').Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        else
        {
            text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
        return text.ToString();
    }

    /// <summary>CPython's <c>repr(str)</c>: single quotes unless the text holds a single quote and no
    /// double quote; backslash escapes for quotes, backslashes and non-printable characters.</summary>
    /// <summary>str.isprintable() for one character: not a control, format, surrogate, private-use or
    /// unassigned character, nor a separator other than the space.</summary>
    private static bool IsPrintable(char c) => c == ' ' || char.GetUnicodeCategory(c) switch
    {
        System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
            or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    public static string StrRepr(string value)
    {
        char quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var text = new StringBuilder().Append(quote);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c == quote)
                        text.Append('\\').Append(c);
                    else if (IsPrintable(c))
                        text.Append(c);
                    else if (c < 0x100)
                        text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return text.Append(quote).ToString();
    }
}
