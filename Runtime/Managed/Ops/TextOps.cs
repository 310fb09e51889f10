// The str operations of the typed IR as translated programs call them, and the type-directed text of
// values (str(), repr(), format(), %): one static method per LowOps row, taking the operands in the
// row's order. Errors are raised through Pending. Called by code Backends.Cil/Aot emits.
using System.Globalization;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Builtins;

namespace ClrPy.Runtime.Managed.Ops;

public static class TextOps
{
    public static string CastCharToStr(char c) => PythonText.CharString(c);

    public static string StrConcat(string? a, string? b) => string.Concat(a, b);

    public static string StrMul(string text, long times) => StrOps.Repeat(text, times);

    public static bool StrEq(string? a, string? b) => string.Equals(a, b);

    public static bool StrLt(string a, string b) => string.CompareOrdinal(a, b) < 0;

    public static bool StrLe(string a, string b) => string.CompareOrdinal(a, b) <= 0;

    public static long StrLen(string text) => text.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char StrGetItem(string text, long index)
    {
        if ((ulong)index < (ulong)text.Length)
            return text[(int)index];
        return StrOps.GetItem(text, index);
    }

    public static string StrSlice(string text, long start, long stop, long step) => StrOps.Slice(text, start, stop, step);

    public static bool StrContains(string text, string needle) => text.Contains(needle, StringComparison.Ordinal);

    public static long StrHash(string text) => StrOps.Hash(text);

    public static string StrJoin<T>(string separator, RList<T> items)
    {
        var span = items.Items;
        if (typeof(T) != typeof(char))
            return string.Join(separator, Unsafe.As<string[]>(span.ToArray()));
        var builder = new System.Text.StringBuilder(span.Length * (separator.Length + 1));
        for (int i = 0; i < span.Length; i++)
        {
            if (i > 0)
                builder.Append(separator);
            builder.Append(Unsafe.As<T, char>(ref Unsafe.AsRef(in span[i])));
        }
        return builder.ToString();
    }

    public static RList<string> StrSplit(string text) => new(StrOps.Split(text));

    public static RList<string> StrSplitSep(string text, string separator) =>
        StrOps.Split(text, separator) is { } parts ? new RList<string>(parts) : null!;

    public static string StrStrip(string text) => StrOps.Strip(text);

    public static bool StrStartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal);

    public static bool StrEndsWith(string text, string suffix) => text.EndsWith(suffix, StringComparison.Ordinal);

    public static long StrFind(string text, string needle) => StrOps.Find(text, needle, 0);

    public static long StrFindFrom(string text, string needle, long start) => StrOps.Find(text, needle, start);

    public static string StrReplace(string text, string old, string replacement) => StrOps.Replace(text, old, replacement);

    public static string StrLower(string text) => StrOps.Lower(text);

    public static string StrUpper(string text) => StrOps.Upper(text);

    public static bool StrIsDigit(string text) => StrOps.IsDigit(text);

    public static bool StrIsAlpha(string text) => StrOps.IsAlpha(text);

    public static bool StrIsSpace(string text) => StrOps.IsSpace(text);

    public static long StrToInt(string text) => StrOps.ToInt(text);

    public static double StrToFloat(string text) => StrOps.ToFloat(text);

    public static bool StrIsTrue(string? text) => !string.IsNullOrEmpty(text);

    public static bool StrStartsWithFrom(string text, string prefix, long start) => StrOps.StartsWith(text, prefix, start);

    /// <summary>list(text): its characters, as chars or as one-character strs (the list's item type decides).</summary>
    public static RList<T> StrToList<T>(string text)
    {
        var list = new RList<T>(text.Length);
        foreach (char c in text)
            list.Append(typeof(T) == typeof(char) ? Unsafe.As<char, T>(ref Unsafe.AsRef(in c)) : (T)(object)PythonText.CharString(c));
        return list;
    }

    public static string IntToStr(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FloatToStr(double value) => PythonText.FloatRepr(value);

    public static string StrToStr(string? text) => text ?? "None";

    public static string StrToRepr(string? text) => text is null ? "None" : PythonText.StrRepr(text);

    /// <summary>str(value) for any other representation (boxes: lists, dicts, tuples, instances are rare to print).</summary>
    public static string ToStr<T>(T value) => PyRepr.Str(value);

    public static string ToRepr<T>(T value) => PyRepr.Of(value);

    public static string FormatValue<T>(T value, string spec)
    {
        try
        {
            return PythonFormat.Format(value, spec, PyRepr.Str);
        }
        catch (FormatError error)
        {
            return Pending.Raise<string>(PyExceptions.Create(error.PythonClass, error.Message));
        }
    }

    public static string FormatPercent<T>(string format, T args)
    {
        var tuple = (ITuple)args!;
        var items = new object?[tuple.Length];
        for (int i = 0; i < items.Length; i++)
            items[i] = tuple[i];
        try
        {
            return PythonFormat.Percent(format, items, PyRepr.Str, PyRepr.Of);
        }
        catch (FormatError error)
        {
            return Pending.Raise<string>(PyExceptions.Create(error.PythonClass, error.Message));
        }
    }
}
