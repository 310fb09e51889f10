// str() and repr() of the values the Managed data model holds, as CPython writes them (for print,
// KeyError messages, containers): strs quoted like CPython, floats shortest round-trip, tuples, lists
// and dicts of them, exceptions as Class('message'), translated instances through their ToString.
using System.Globalization;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Builtins;

namespace ClrPy.Runtime.Managed;

/// <summary>A container that writes its own repr (RList, RDict).</summary>
public interface IPyRepr
{
    string Repr();
}

public static class PyRepr
{
    public static string Of<T>(T value) => Of((object?)value);

    public static string Of(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => PythonText.FloatRepr(d),
        string s => PythonText.StrRepr(s),
        char c => PythonText.StrRepr(c.ToString()),
        ITuple { Length: 1 } one => "(" + Of(one[0]) + ",)",
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Of(tuple[i]))) + ")",
        PyBaseException exception => exception.ClassName + "(" + PythonText.StrRepr(exception.Message) + ")",
        IPyRepr container => container.Repr(),
        _ => value.ToString() ?? "",
    };

    /// <summary>str(value): strs and chars as themselves, an exception as its message, anything else as its repr.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        char c => PythonText.CharString(c),
        PyBaseException exception => exception.Message,
        _ => Of(value),
    };
}
