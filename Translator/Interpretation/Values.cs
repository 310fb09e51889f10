// The values the graph interpreter computes with, one .NET representation per typed-IR kind:
// long (Signed), double (Float), bool, char, string (Str), null (None), RpyList, RpyDict, RpyTuple,
// RpyInstance, FunctionDescriptor (first-class functions). Also CPython's str/repr/== on them.
using System.Globalization;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Builtins;
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Interpretation;

public sealed class RpyInstance(ClassDescriptor cls)
{
    public ClassDescriptor Class { get; } = cls;

    public Dictionary<FieldDescriptor, object?> Fields { get; } = [];
}

public sealed class RpyList(List<object?> items)
{
    public List<object?> Items { get; } = items;
}

/// <summary>An insertion-ordered dict with Python's key equality.</summary>
public sealed class RpyDict
{
    public OrderedDictionary<object, object?> Items { get; } = new(PyValues.KeyComparer);
}

/// <summary>The state of a for-loop (the items of a list are read as the loop advances, like CPython).</summary>
public sealed class RpyIterator(IEnumerator<object?> items)
{
    public IEnumerator<object?> Items { get; } = items;
}

/// <summary>A tuple: compared and hashed item by item.</summary>
public sealed class RpyTuple(object?[] items)
{
    public object?[] Items { get; } = items;
}

public static class PyValues
{
    public static readonly IEqualityComparer<object> KeyComparer = new PythonKeyComparer();

    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (RpyTuple x, RpyTuple y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        (RpyList x, RpyList y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        (char x, string y) => y.Length == 1 && y[0] == x,
        (string x, char y) => x.Length == 1 && x[0] == y,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (RpyInstance x, RpyInstance y) => ReferenceEquals(x, y),
        _ => a.Equals(b),
    };

    public static long Hash(object? value) => value switch
    {
        null => 0,
        RpyTuple t => t.Items.Aggregate(0x345678L, (h, item) => unchecked(h * 1000003 ^ Hash(item))),
        string s => Runtime.Managed.StrOps.Hash(s),
        char c => Runtime.Managed.StrOps.Hash(c.ToString()),
        long l => l == -1 ? -2 : l,
        ulong u => (long)(u % long.MaxValue),
        bool b => b ? 1 : 0,
        double d => d == Math.Floor(d) && Math.Abs(d) < 9e18 ? (long)d : BitConverter.DoubleToInt64Bits(d),
        _ => RuntimeHelpers.GetHashCode(value),
    };

    public static string Str(object? value) => value switch
    {
        string s => s,
        char c => c.ToString(),
        RpyInstance instance when IsException(instance) => ExceptionMessage(instance),
        _ => Repr(value),
    };

    public static string Repr(object? value) => value switch
    {
        null or bool or long or ulong or double or string or char => Runtime.Managed.PyRepr.Of(value),
        RpyList list => "[" + string.Join(", ", list.Items.Select(Repr)) + "]",
        RpyTuple tuple => tuple.Items.Length == 1 ? "(" + Repr(tuple.Items[0]) + ",)" : "(" + string.Join(", ", tuple.Items.Select(Repr)) + ")",
        RpyDict dict => "{" + string.Join(", ", dict.Items.Select(p => Repr(p.Key) + ": " + Repr(p.Value))) + "}",
        RpyInstance instance when IsException(instance) => instance.Class.Name + "(" + PythonText.StrRepr(ExceptionMessage(instance)) + ")",
        RpyInstance instance => "<" + instance.Class.Name + " object>",
        FunctionDescriptor function => "<function " + function.Name + ">",
        _ => value.ToString() ?? "",
    };

    private static bool IsException(object? value)
    {
        for (var cls = (value as RpyInstance)?.Class; cls is not null; cls = cls.Base)
        {
            if (cls.IsBuiltin && cls.Base is null)
                return true;
        }
        return false;
    }

    private static string ExceptionMessage(RpyInstance instance)
    {
        foreach (var (field, value) in instance.Fields)
        {
            if (field.Name == "message" && field.Owner.IsBuiltin)
                return value as string ?? "";
        }
        return "";
    }

    /// <summary>Python's ordering for sort(): numbers, strs, tuples item by item.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (char x, char y) => x.CompareTo(y),
        (RpyTuple x, RpyTuple y) => CompareSequences(x.Items, y.Items),
        (RpyList x, RpyList y) => CompareSequences([.. x.Items], [.. y.Items]),
        _ => throw new InvalidOperationException($"cannot order {a} and {b}"),
    };

    private static int CompareSequences(IList<object?> x, IList<object?> y)
    {
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            if (!Equal(x[i], y[i]))
                return Compare(x[i], y[i]);
        }
        return x.Count.CompareTo(y.Count);
    }

    private sealed class PythonKeyComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => Equal(x, y);

        public int GetHashCode(object obj) => Hash(obj).GetHashCode();
    }

    /// <summary>Normalizes a Python index against a length; -1 when out of range.</summary>
    public static int Index(long index, int length)
    {
        if (index < 0)
            index += length;
        return index < 0 || index >= length ? -1 : (int)index;
    }

    /// <summary>Sentinel for an omitted slice bound (<c>a[:n]</c>): the Signed minimum.</summary>
    public const long Omitted = long.MinValue;

    /// <summary>The positions a slice selects, with Python's defaults and clamping (slice.indices).</summary>
    public static List<int> SlicePositions(long start, long stop, long step, int length)
    {
        if (step == 0)
            throw new InvalidOperationException("slice step cannot be zero");
        long Clamp(long bound, long whenOmitted, long low, long high)
        {
            if (bound == Omitted)
                return whenOmitted;
            if (bound < 0)
                bound += length;
            return Math.Clamp(bound, low, high);
        }
        long first = step > 0 ? Clamp(start, 0, 0, length) : Clamp(start, length - 1, -1, length - 1);
        long last = step > 0 ? Clamp(stop, length, 0, length) : Clamp(stop, -1, -1, length - 1);
        var positions = new List<int>();
        for (long i = first; step > 0 ? i < last : i > last; i += step)
            positions.Add((int)i);
        return positions;
    }
}
