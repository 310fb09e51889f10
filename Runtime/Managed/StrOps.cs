// The str operations of the typed IR with CPython's meaning, shared by the graph interpreter and
// translated programs: whitespace as str.isspace() defines it, replace("") inserting between every
// character, int()/float() parsing with CPython's accepted forms and error messages. Errors are raised
// through Pending.
using System.Globalization;
using System.Text;
using ClrPy.Runtime.Builtins;

namespace ClrPy.Runtime.Managed;

public static class StrOps
{
    /// <summary>str.isspace() for one character (Python's whitespace includes \x1c-\x1f and \x85).</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x1f' or '\x85'
        || c > 127 && char.IsWhiteSpace(c);

    /// <summary>hash(text): FNV-1a, the same in every run (RPy programs never see CPython's randomized hash).</summary>
    public static long Hash(string text)
    {
        long hash = unchecked((long)14695981039346656037UL);
        foreach (char c in text)
            hash = unchecked((hash ^ c) * 1099511628211L);
        return hash == -1 ? -2 : hash;
    }

    /// <summary>The longest string <see cref="Repeat"/> makes (about the CLR's limit); longer raises MemoryError, as
    /// CPython does when it cannot allocate the result.</summary>
    public const int MaxRepeatedLength = 0x3FFF_FFDF;

    public static string Repeat(string text, long times)
    {
        if (times <= 0 || text.Length == 0)
            return "";
        if (times > MaxRepeatedLength / text.Length)
            return Pending.Raise<string>(new PyMemoryError(""))!;
        return new StringBuilder(text.Length * (int)times).Insert(0, text, (int)times).ToString();
    }

    public static char GetItem(string text, long index)
    {
        if (index < 0)
            index += text.Length;
        return index >= 0 && index < text.Length ? text[(int)index] : Pending.Raise<char>(new PyIndexError("string index out of range"));
    }

    public static string Slice(string text, long start, long stop, long step)
    {
        if (step == 0)
            return Pending.Raise<string>(SliceIndices.ZeroStep())!;
        if (step == 1)
        {
            long length = text.Length;
            long from = start == long.MinValue ? 0 : Math.Clamp(start < 0 ? start + length : start, 0, length);
            long to = stop == long.MinValue ? length : Math.Clamp(stop < 0 ? stop + length : stop, 0, length);
            return to <= from ? "" : from == 0 && to == length ? text : text.Substring((int)from, (int)(to - from));
        }
        var builder = new StringBuilder();
        foreach (int i in SliceIndices.Of(text.Length, start, stop, step))
            builder.Append(text[i]);
        return builder.ToString();
    }

    public static string Strip(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsSpace(text[start]))
            start++;
        while (end > start && IsSpace(text[end - 1]))
            end--;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>str.split(): runs of whitespace separate, none at the ends.</summary>
    public static List<string> Split(string text)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
                i++;
            int start = i;
            while (i < text.Length && !IsSpace(text[i]))
                i++;
            if (i > start)
                parts.Add(text[start..i]);
        }
        return parts;
    }

    /// <summary>str.split(sep); an empty separator raises ValueError (the result is then null).</summary>
    public static List<string>? Split(string text, string separator) =>
        separator.Length == 0 ? Pending.Raise<List<string>?>(new PyValueError("empty separator")) : [.. text.Split(separator)];

    /// <summary>str.replace(old, new): an empty old inserts new before every character and at the end.</summary>
    public static string Replace(string text, string old, string replacement)
    {
        if (old.Length > 0)
            return text.Replace(old, replacement, StringComparison.Ordinal);
        var builder = new StringBuilder(replacement);
        foreach (char c in text)
            builder.Append(c).Append(replacement);
        return builder.ToString();
    }

    private static long Start(string text, long start) => start < 0 ? Math.Max(0, start + text.Length) : start;

    public static long Find(string text, string needle, long start)
    {
        start = Start(text, start);
        return start > text.Length ? -1 : text.IndexOf(needle, (int)start, StringComparison.Ordinal);
    }

    public static bool StartsWith(string text, string prefix, long start)
    {
        start = Start(text, start);
        return start <= text.Length && text.AsSpan((int)start).StartsWith(prefix, StringComparison.Ordinal);
    }

    public static bool IsDigit(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiDigit(c) || c > 127 && (char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber || c is '²' or '³' or '¹')))
                return false;
        }
        return text.Length > 0;
    }

    public static bool IsAlpha(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsLetter(c))
                return false;
        }
        return text.Length > 0;
    }

    public static bool IsSpace(string text)
    {
        foreach (char c in text)
        {
            if (!IsSpace(c))
                return false;
        }
        return text.Length > 0;
    }

    /// <summary>str.lower(): one-character strings (a common case in loops over a str) without allocating.</summary>
    public static string Lower(string text) => text.Length == 1 ? PythonText.CharString(char.ToLowerInvariant(text[0])) : text.ToLowerInvariant();

    public static string Upper(string text) => text.Length == 1 ? PythonText.CharString(char.ToUpperInvariant(text[0])) : text.ToUpperInvariant();

    /// <summary>int(text) in base 10: surrounding whitespace, a sign, digits with single underscores between them.</summary>
    public static long ToInt(string text)
    {
        string trimmed = Strip(text);
        bool valid = trimmed.Length > 0;
        int i = trimmed.Length > 0 && trimmed[0] is '+' or '-' ? 1 : 0;
        valid &= i < trimmed.Length;
        for (int k = i; valid && k < trimmed.Length; k++)
            valid = char.IsAsciiDigit(trimmed[k]) || trimmed[k] == '_';
        valid &= UnderscoresBetweenDigits(trimmed);
        if (valid && long.TryParse(trimmed.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            return value;
        return Pending.Raise<long>(new PyValueError("invalid literal for int() with base 10: " + PythonText.StrRepr(text)));
    }

    /// <summary>Python's literal rule: an underscore stands alone between two digits.</summary>
    private static bool UnderscoresBetweenDigits(string text)
    {
        for (int k = 0; k < text.Length; k++)
        {
            if (text[k] == '_' && (k == 0 || k + 1 == text.Length || !char.IsAsciiDigit(text[k - 1]) || !char.IsAsciiDigit(text[k + 1])))
                return false;
        }
        return true;
    }

    /// <summary>float(text): decimal and exponent forms, inf, infinity and nan in any case, with a sign.</summary>
    public static double ToFloat(string text)
    {
        string trimmed = Strip(text);
        string lower = trimmed.ToLowerInvariant();
        string unsigned = lower.TrimStart('+', '-');
        double sign = lower.StartsWith('-') ? -1 : 1;
        if (lower.Length - unsigned.Length <= 1)
        {
            if (unsigned is "inf" or "infinity")
                return sign * double.PositiveInfinity;
            if (unsigned == "nan")
                return double.NaN;
        }
        bool plain = trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_')
            && UnderscoresBetweenDigits(trimmed);
        if (plain && double.TryParse(trimmed.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            return value;
        return Pending.Raise<double>(new PyValueError("could not convert string to float: " + PythonText.StrRepr(text)));
    }
}
