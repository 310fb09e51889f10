// Python's equality and order for the item types of translated containers: strings compare by code
// point (never by culture), tuples item by item, other values by their natural CLR comparison.
using System.Runtime.CompilerServices;

namespace ClrPy.Runtime.Managed;

public sealed class PyOrder<T> : IComparer<T>
{
    public static readonly PyOrder<T> Instance = new();

    public int Compare(T? x, T? y) => PyCompare.Compare(x, y);
}

public sealed class PyEquality<T> : IEqualityComparer<T>
{
    public static readonly PyEquality<T> Instance = new();

    public bool Equals(T? x, T? y) => typeof(T) == typeof(string)
        ? string.Equals((string?)(object?)x, (string?)(object?)y, StringComparison.Ordinal)
        : EqualityComparer<T>.Default.Equals(x, y);

    public int GetHashCode(T obj) => obj is null ? 0 : EqualityComparer<T>.Default.GetHashCode(obj);
}

public static class PyCompare
{
    public static int Compare(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (ITuple a, ITuple b) => CompareTuples(a, b),
        (IComparable a, _) => a.CompareTo(y),
        _ => throw new ArgumentException($"no order between {x.GetType().Name} and {y.GetType().Name}"),
    };

    private static int CompareTuples(ITuple a, ITuple b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int order = Compare(a[i], b[i]);
            if (order != 0)
                return order;
        }
        return a.Length.CompareTo(b.Length);
    }
}
