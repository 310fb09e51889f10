// CPython's text formatting for RPy values: format(value, spec) (f-string fields) and the `%` operator,
// for ints, floats, bools and strs. Shared by the graph interpreter and translated programs, so both
// print exactly what CPython prints. Errors are reported as FormatError (the caller raises ValueError
// or TypeError in RPy terms).
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ClrPy.Runtime.Builtins;

public sealed class FormatError(string pythonClass, string message) : Exception(message)
{
    /// <summary>The RPy exception class to raise: ValueError or TypeError.</summary>
    public string PythonClass { get; } = pythonClass;
}

public static class PythonFormat
{
    private sealed record Spec(char Fill, char Align, char Sign, bool Alternate, int Width, char Grouping, int Precision, char Type);

    /// <summary>format(value, spec) for long, bool, double and string values.</summary>
    public static string Format(object? value, string spec, Func<object?, string> str)
    {
        var s = ParseSpec(spec);
        return value switch
        {
            bool b when s.Type == '\0' && s.Width == 0 => b ? "True" : "False",
            bool b => FormatInteger(b ? 1 : 0, s),
            long l => FormatInteger(l, s),
            double d => FormatFloat(d, s),
            string text => FormatString(text, s),
            char c => FormatString(c.ToString(), s),
            _ when spec.Length == 0 => str(value),
            _ => throw new FormatError("TypeError", "unsupported format string passed to object.__format__"),
        };
    }

    private static Spec ParseSpec(string spec)
    {
        int i = 0;
        char fill = ' ', align = '\0', sign = '-', grouping = '\0', type = '\0';
        bool alternate = false;
        int width = 0, precision = -1;
        if (spec.Length >= 2 && "<>=^".Contains(spec[1]))
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && "<>=^".Contains(spec[0]))
        {
            align = spec[0];
            i = 1;
        }
        if (i < spec.Length && "+- ".Contains(spec[i]))
            sign = spec[i++];
        if (i < spec.Length && spec[i] == '#')
        {
            alternate = true;
            i++;
        }
        if (i < spec.Length && spec[i] == '0')
        {
            if (align == '\0')
            {
                fill = '0';
                align = '=';
            }
            i++;
        }
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            width = width * 10 + (spec[i++] - '0');
        if (i < spec.Length && (spec[i] == ',' || spec[i] == '_'))
            grouping = spec[i++];
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = 0;
            int start = i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
                precision = precision * 10 + (spec[i++] - '0');
            if (i == start)
                throw new FormatError("ValueError", "Format specifier missing precision");
        }
        if (i < spec.Length)
            type = spec[i++];
        if (i < spec.Length)
            throw new FormatError("ValueError", "Invalid format specifier");
        return new Spec(fill, align, sign, alternate, width, grouping, precision, type);
    }

    private static string FormatInteger(long value, Spec s)
    {
        if (s.Type is 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%')
            return FormatFloat(value, s);
        if (s.Precision >= 0)
            throw new FormatError("ValueError", "Precision not allowed in integer format specifier");
        BigInteger magnitude = BigInteger.Abs(value);
        string digits;
        string prefix = "";
        switch (s.Type)
        {
            case '\0' or 'd' or 'n':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'x' or 'X':
                digits = ToBase(magnitude, 16, s.Type == 'X');
                prefix = s.Alternate ? (s.Type == 'X' ? "0X" : "0x") : "";
                break;
            case 'o':
                digits = ToBase(magnitude, 8, false);
                prefix = s.Alternate ? "0o" : "";
                break;
            case 'b':
                digits = ToBase(magnitude, 2, false);
                prefix = s.Alternate ? "0b" : "";
                break;
            case 'c':
                return Pad(char.ConvertFromUtf32((int)value), s, numeric: false);
            default:
                throw new FormatError("ValueError", $"Unknown format code '{s.Type}' for object of type 'int'");
        }
        if (s.Grouping != '\0')
            digits = Group(digits, s.Grouping, s.Type is 'x' or 'X' or 'o' or 'b' ? 4 : 3);
        return PadNumber(SignText(value < 0, s.Sign), prefix + digits, s);
    }

    private static string FormatFloat(double value, Spec s)
    {
        bool negative = double.IsNegative(value) && !double.IsNaN(value);
        double magnitude = Math.Abs(value);
        string body;
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            body = double.IsNaN(value) ? "nan" : "inf";
            if (s.Type is 'E' or 'F' or 'G')
                body = body.ToUpperInvariant();
        }
        else
        {
            body = s.Type switch
            {
                'f' or 'F' => magnitude.ToString("F" + (s.Precision < 0 ? 6 : s.Precision), CultureInfo.InvariantCulture),
                'e' or 'E' => Exponent(magnitude, s.Precision < 0 ? 6 : s.Precision, s.Type == 'E'),
                'g' or 'G' => General(magnitude, s.Precision < 0 ? 6 : s.Precision, s.Type == 'G', s.Alternate),
                '%' => (magnitude * 100).ToString("F" + (s.Precision < 0 ? 6 : s.Precision), CultureInfo.InvariantCulture) + "%",
                '\0' when s.Precision < 0 => PythonText.FloatRepr(magnitude),
                '\0' => GeneralWithPoint(magnitude, s.Precision),
                _ => throw new FormatError("ValueError", $"Unknown format code '{s.Type}' for object of type 'float'"),
            };
            if (s.Grouping != '\0')
            {
                int end = body.IndexOfAny(['.', 'e', 'E', '%']);
                string whole = end < 0 ? body : body[..end];
                body = Group(whole, s.Grouping, 3) + (end < 0 ? "" : body[end..]);
            }
        }
        return PadNumber(SignText(negative, s.Sign), body, s);
    }

    private static string Exponent(double magnitude, int precision, bool upper)
    {
        string text = magnitude.ToString((upper ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        int mark = text.IndexOfAny(['e', 'E']);
        int exponent = int.Parse(text[(mark + 1)..], CultureInfo.InvariantCulture);
        return text[..(mark + 1)] + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The 'g' presentation: precision significant digits, scientific when the exponent is
    /// below -4 or at least the precision; trailing zeros removed unless alternate.</summary>
    private static string General(double magnitude, int precision, bool upper, bool alternate)
    {
        int p = precision == 0 ? 1 : precision;
        if (magnitude == 0)
            return alternate ? "0." + new string('0', p - 1) : "0";
        string scientific = Exponent(magnitude, p - 1, upper);
        int mark = scientific.IndexOfAny(['e', 'E']);
        int exponent = int.Parse(scientific[(mark + 1)..], CultureInfo.InvariantCulture);
        string text = exponent < -4 || exponent >= p
            ? scientific
            : magnitude.ToString("F" + Math.Max(0, p - 1 - exponent), CultureInfo.InvariantCulture);
        if (alternate)
            return text;
        int exponentAt = text.IndexOfAny(['e', 'E']);
        string mantissa = exponentAt < 0 ? text : text[..exponentAt];
        string suffix = exponentAt < 0 ? "" : text[exponentAt..];
        if (mantissa.Contains('.'))
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        return mantissa + suffix;
    }

    /// <summary>The empty presentation type with a precision: like 'g', but a float always shows a point.</summary>
    private static string GeneralWithPoint(double magnitude, int precision)
    {
        string text = General(magnitude, precision, false, false);
        return text.Contains('.') || text.Contains('e') || text.Contains("inf") || text.Contains("nan") ? text : text + ".0";
    }

    private static string FormatString(string text, Spec s)
    {
        if (s.Type is not ('\0' or 's'))
            throw new FormatError("ValueError", $"Unknown format code '{s.Type}' for object of type 'str'");
        if (s.Sign != '-')
            throw new FormatError("ValueError", "Sign not allowed in string format specifier");
        if (s.Precision >= 0 && s.Precision < text.Length)
            text = text[..s.Precision];
        return Pad(text, s, numeric: false);
    }

    private static string SignText(bool negative, char sign) => negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";

    private static string PadNumber(string sign, string body, Spec s)
    {
        if (s.Align == '=' || (s.Align == '\0' && s.Fill == '0'))
        {
            int padding = s.Width - sign.Length - body.Length;
            return sign + (padding > 0 ? new string(s.Fill, padding) : "") + body;
        }
        return Pad(sign + body, s, numeric: true);
    }

    private static string Pad(string text, Spec s, bool numeric)
    {
        int padding = s.Width - text.Length;
        if (padding <= 0)
            return text;
        char align = s.Align == '\0' ? (numeric ? '>' : '<') : s.Align;
        return align switch
        {
            '<' => text + new string(s.Fill, padding),
            '^' => new string(s.Fill, padding / 2) + text + new string(s.Fill, padding - padding / 2),
            _ => new string(s.Fill, padding) + text,
        };
    }

    private static string Group(string digits, char separator, int size)
    {
        var text = new StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % size == 0)
                text.Append(separator);
            text.Append(digits[i]);
        }
        return text.ToString();
    }

    private static string ToBase(BigInteger value, int radix, bool upper)
    {
        if (value.IsZero)
            return "0";
        var digits = new StringBuilder();
        string alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (!value.IsZero)
        {
            digits.Insert(0, alphabet[(int)(value % radix)]);
            value /= radix;
        }
        return digits.ToString();
    }

    /// <summary>The `%` operator: <c>format % args</c> with %d %i %s %r %f %F %e %E %g %G %x %X %o %c %%,
    /// flags - + space # 0, widths and precisions.</summary>
    public static string Percent(string format, IReadOnlyList<object?> args, Func<object?, string> str, Func<object?, string> repr)
    {
        var output = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                output.Append(c);
                continue;
            }
            if (++i >= format.Length)
                throw new FormatError("ValueError", "incomplete format");
            string flags = "";
            while (i < format.Length && "-+ #0".Contains(format[i]))
                flags += format[i++];
            int width = 0;
            while (i < format.Length && char.IsAsciiDigit(format[i]))
                width = width * 10 + (format[i++] - '0');
            int precision = -1;
            if (i < format.Length && format[i] == '.')
            {
                precision = 0;
                i++;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                    precision = precision * 10 + (format[i++] - '0');
            }
            if (i >= format.Length)
                throw new FormatError("ValueError", "incomplete format");
            char type = format[i];
            if (type == '%')
            {
                output.Append('%');
                continue;
            }
            if (next >= args.Count)
                throw new FormatError("TypeError", "not enough arguments for format string");
            object? arg = args[next++];
            string body = type switch
            {
                's' => str(arg),
                'r' or 'a' => repr(arg),
                'c' => arg is long code ? char.ConvertFromUtf32((int)code) : str(arg),
                'd' or 'i' or 'u' => Format(arg is double d ? (long)Math.Truncate(d) : arg, SpecText(flags, 0, -1, 'd'), str),
                'x' or 'X' or 'o' => Format(arg, SpecText(flags, 0, -1, type), str),
                'f' or 'F' or 'e' or 'E' or 'g' or 'G' => Format(arg is long l ? l : arg is bool b ? (b ? 1.0 : 0.0) : arg,
                    SpecText(flags, 0, precision < 0 ? 6 : precision, type), str),
                _ => throw new FormatError("ValueError", $"unsupported format character '{type}'"),
            };
            if (type is 's' or 'r' or 'a' && precision >= 0 && precision < body.Length)
                body = body[..precision];
            output.Append(PadPercent(body, width, flags, type is not ('s' or 'r' or 'a' or 'c')));
        }
        if (next < args.Count)
            throw new FormatError("TypeError", "not all arguments converted during string formatting");
        return output.ToString();
    }

    private static string SpecText(string flags, int width, int precision, char type)
    {
        var spec = new StringBuilder();
        if (flags.Contains('+'))
            spec.Append('+');
        else if (flags.Contains(' '))
            spec.Append(' ');
        if (flags.Contains('#'))
            spec.Append('#');
        if (width > 0)
            spec.Append(width);
        if (precision >= 0)
            spec.Append('.').Append(precision);
        return spec.Append(type).ToString();
    }

    private static string PadPercent(string body, int width, string flags, bool numeric)
    {
        if (body.Length >= width)
            return body;
        if (flags.Contains('-'))
            return body.PadRight(width);
        if (numeric && flags.Contains('0'))
        {
            int signLength = body.Length > 0 && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
            return body[..signLength] + new string('0', width - body.Length) + body[signLength..];
        }
        return body.PadLeft(width);
    }
}
