// repr() of the values the Managed data model holds, as CPython writes them (for KeyError messages and
// for printing containers): strs quoted like CPython, floats shortest round-trip, tuples and lists of them.
using System.Globalization;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Builtins;

namespace ClrPy.Runtime.Managed;

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
        _ => value.ToString() ?? "",
    };
}
