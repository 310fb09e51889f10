// Python's equality and order for the item types of translated containers: strings compare by code
// point (never by culture), tuples item by item, other values by their natural CLR comparison.
using System.Runtime.CompilerServices;

namespace ClrPy.Runtime.Managed;

public static class PyOrder<T>
{
    /// <summary>Python's order for T: direct comparisons for words, floats, chars and strs (by code point),
    /// item by item for tuples of them, boxing only for anything else.</summary>
    public static readonly IComparer<T> Instance = PyOrders.For<T>();

    /// <summary>Whether items that compare equal are indistinguishable (then an unstable sort is as good as a stable one).</summary>
    public static readonly bool EqualMeansIdentical = PyOrders.EqualMeansIdentical(typeof(T));
}

internal static class PyOrders
{
    public static IComparer<T> For<T>()
    {
        var type = typeof(T);
        if (type == typeof(string))
            return (IComparer<T>)(object)StringComparer.Ordinal;
        if (type == typeof(long) || type == typeof(ulong) || type == typeof(char) || type == typeof(bool) || type == typeof(double))
            return Comparer<T>.Default;
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length is 2 or 3)
        {
            var definition = type.GetGenericArguments().Length == 2 ? typeof(TupleOrder<,>) : typeof(TupleOrder<,,>);
            return (IComparer<T>)Activator.CreateInstance(definition.MakeGenericType(type.GetGenericArguments()))!;
        }
        return Comparer<T>.Create((x, y) => PyCompare.Compare(x, y));
    }

    public static bool EqualMeansIdentical(Type type) =>
        type == typeof(string) || type == typeof(long) || type == typeof(ulong) || type == typeof(char) || type == typeof(bool)
        || type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            && type.GetGenericArguments().All(EqualMeansIdentical);
}

internal sealed class TupleOrder<A, B> : IComparer<(A, B)>
{
    public int Compare((A, B) x, (A, B) y)
    {
        int order = PyOrder<A>.Instance.Compare(x.Item1, y.Item1);
        return order != 0 ? order : PyOrder<B>.Instance.Compare(x.Item2, y.Item2);
    }
}

internal sealed class TupleOrder<A, B, C> : IComparer<(A, B, C)>
{
    public int Compare((A, B, C) x, (A, B, C) y)
    {
        int order = PyOrder<A>.Instance.Compare(x.Item1, y.Item1);
        if (order == 0)
            order = PyOrder<B>.Instance.Compare(x.Item2, y.Item2);
        return order != 0 ? order : PyOrder<C>.Instance.Compare(x.Item3, y.Item3);
    }
}

public sealed class PyEquality<T> : IEqualityComparer<T>
{
    public static readonly PyEquality<T> Instance = new();

    public bool Equals(T? x, T? y) => typeof(T) == typeof(string)
        ? string.Equals((string?)(object?)x, (string?)(object?)y, StringComparison.Ordinal)
        : EqualityComparer<T>.Default.Equals(x, y);

    public int GetHashCode(T obj) => obj is null ? 0 : EqualityComparer<T>.Default.GetHashCode(obj);
}

/// <summary>A list seen item by item as objects (for equality and order of lists, which are rare on hot paths).</summary>
public interface IPySequence
{
    int Count { get; }

    object? ItemAt(int index);
}

public static class PyCompare
{
    /// <summary>Python's == on boxed values: tuples and lists item by item, strs by code point, instances by identity.</summary>
    public static bool Equal(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (ITuple a, ITuple b) => a.Length == b.Length && Enumerable.Range(0, a.Length).All(i => Equal(a[i], b[i])),
        (IPySequence a, IPySequence b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => Equal(a.ItemAt(i), b.ItemAt(i))),
        _ => x.Equals(y),
    };

    public static int Compare(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (ITuple a, ITuple b) => CompareSequences(a.Length, i => a[i], i => b[i], b.Length),
        (IPySequence a, IPySequence b) => CompareSequences(a.Count, a.ItemAt, b.ItemAt, b.Count),
        (IComparable a, _) => a.CompareTo(y),
        _ => throw new ArgumentException($"no order between {x.GetType().Name} and {y.GetType().Name}"),
    };

    private static int CompareSequences(int length, Func<int, object?> left, Func<int, object?> right, int rightLength)
    {
        for (int i = 0; i < Math.Min(length, rightLength); i++)
        {
            if (!Equal(left(i), right(i)))
                return Compare(left(i), right(i));
        }
        return length.CompareTo(rightLength);
    }
}
