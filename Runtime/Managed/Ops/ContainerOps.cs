// The list, dict, iteration and compound-value operations of the typed IR as translated programs call
// them: one generic static method per LowOps row, operands in the row's order, instantiated by the
// emitter over the items' CLR types (no boxing on these paths). Errors are raised through Pending.
using System.Runtime.CompilerServices;

namespace ClrPy.Runtime.Managed.Ops;

public static class ListOps
{
    public static RList<T> NewList<T>(int capacity) => new(capacity);

    public static long ListLen<T>(RList<T> list) => list.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ListGetItem<T>(RList<T> list, long index) => list.GetItem(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ListSetItem<T>(RList<T> list, long index, T item) => list.SetItem(index, item);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ListAppend<T>(RList<T> list, T item) => list.Append(item);

    public static T ListPop<T>(RList<T> list, long index) => list.Pop(index);

    public static void ListInsert<T>(RList<T> list, long index, T item) => list.Insert(index, item);

    public static void ListExtend<T>(RList<T> list, RList<T> other) => list.Extend(other);

    public static void ListDelItem<T>(RList<T> list, long index) => list.DelItem(index);

    public static RList<T> ListSlice<T>(RList<T> list, long start, long stop, long step) => list.Slice(start, stop, step);

    public static void ListDelSlice<T>(RList<T> list, long start, long stop, long step) => list.DelSlice(start, stop, step);

    public static bool ListContains<T>(RList<T> list, T item) => list.Contains(item);

    public static long ListIndex<T>(RList<T> list, T item) => list.Index(item);

    public static void ListReverse<T>(RList<T> list) => list.Reverse();

    public static void ListSort<T>(RList<T> list) => list.Sort();

    public static RList<T> ListConcat<T>(RList<T> list, RList<T> other) => list.Concat(other);

    public static RList<T> ListMul<T>(RList<T> list, long times) => list.Repeat(times);

    public static RList<T> ListRepeat<T>(T item, long times) => RList<T>.Repeated(item, times);

    public static bool ListIsTrue<T>(RList<T>? list) => list is { Count: > 0 };

    public static T ListMin<T>(RList<T> list) => Extreme(list, "min", -1);

    public static T ListMax<T>(RList<T> list) => Extreme(list, "max", 1);

    private static T Extreme<T>(RList<T> list, string name, int sign)
    {
        var items = list.Items;
        if (items.Length == 0)
            return Pending.Raise<T>(new PyValueError(name + "() arg is an empty sequence"));
        var best = items[0];
        for (int i = 1; i < items.Length; i++)
        {
            if (PyOrder<T>.Instance.Compare(items[i], best) * sign > 0)
                best = items[i];
        }
        return best;
    }

    public static long ListSumInt(RList<long> list, long start)
    {
        foreach (long item in list.Items)
            start = unchecked(start + item);
        return start;
    }

    public static double ListSumFloat(RList<double> list, double start)
    {
        foreach (double item in list.Items)
            start += item;
        return start;
    }

    public static double ListSumIntToFloat(RList<long> list, double start)
    {
        foreach (long item in list.Items)
            start += item;
        return start;
    }

    public static RList<(long, T)> ListEnumerate<T>(RList<T> list, long start)
    {
        var result = new RList<(long, T)>(list.Count);
        foreach (var item in list.Items)
            result.Append((start++, item));
        return result;
    }

    public static RList<(A, B)> ListZip<A, B>(RList<A> first, RList<B> second)
    {
        int count = Math.Min(first.Count, second.Count);
        var result = new RList<(A, B)>(count);
        for (int i = 0; i < count; i++)
            result.Append((first.Items[i], second.Items[i]));
        return result;
    }

    public static RList<(A, B, C)> ListZip<A, B, C>(RList<A> first, RList<B> second, RList<C> third)
    {
        int count = Math.Min(first.Count, Math.Min(second.Count, third.Count));
        var result = new RList<(A, B, C)>(count);
        for (int i = 0; i < count; i++)
            result.Append((first.Items[i], second.Items[i], third.Items[i]));
        return result;
    }

    public static RList<long> RangeList(long start, long stop, long step)
    {
        if (step == 0)
            return Pending.Raise<RList<long>>(new PyValueError("range() arg 3 must not be zero"));
        var result = new RList<long>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step)
            result.Append(i);
        return result;
    }

    public static RIterator<long> RangeIter(long start, long stop, long step) =>
        step == 0 ? Pending.Raise<RIterator<long>>(new PyValueError("range() arg 3 must not be zero"))
            : new StateIterator<RangeState, long>(new RangeState(start, stop, step));

    public static RIterator<T> IterList<T>(RList<T> list) => new StateIterator<ListState<T>, T>(new ListState<T>(list));

    public static RIterator<T> IterStr<T>(string text) => new StateIterator<StrState<T>, T>(new StrState<T>(text));

    public static RIterator<K> IterDict<K, V>(RDict<K, V> dict) where K : notnull => IterList(dict.Keys());

    public static T IterNext<T>(RIterator<T> iterator) => iterator.NextOrRaise();
}

public static class DictOps
{
    public static RDict<K, V> NewDict<K, V>() where K : notnull => new();

    public static long DictLen<K, V>(RDict<K, V> dict) where K : notnull => dict.Count;

    public static V DictGetItem<K, V>(RDict<K, V> dict, K key) where K : notnull => dict.GetItem(key);

    public static void DictSetItem<K, V>(RDict<K, V> dict, K key, V value) where K : notnull => dict.SetItem(key, value);

    public static void DictDelItem<K, V>(RDict<K, V> dict, K key) where K : notnull => dict.DelItem(key);

    public static bool DictContains<K, V>(RDict<K, V> dict, K key) where K : notnull => dict.Contains(key);

    public static V DictGet<K, V>(RDict<K, V> dict, K key, V fallback) where K : notnull => dict.Get(key, fallback);

    public static V DictSetDefault<K, V>(RDict<K, V> dict, K key, V fallback) where K : notnull => dict.SetDefault(key, fallback);

    public static V DictPop<K, V>(RDict<K, V> dict, K key) where K : notnull => dict.Pop(key);

    public static V DictPopDefault<K, V>(RDict<K, V> dict, K key, V fallback) where K : notnull => dict.Pop(key, fallback);

    public static RList<K> DictKeys<K, V>(RDict<K, V> dict) where K : notnull => dict.Keys();

    public static RList<V> DictValues<K, V>(RDict<K, V> dict) where K : notnull => dict.Values();

    public static RList<(K, V)> DictItems<K, V>(RDict<K, V> dict) where K : notnull => dict.Items();

    public static bool DictIsTrue<K, V>(RDict<K, V>? dict) where K : notnull => dict is { Count: > 0 };
}

/// <summary>==, <, <= and hash of tuples and lists: item by item, through boxing (rare on hot paths).</summary>
public static class ValueOps
{
    public static bool ValueEq<T>(T a, T b) => PyCompare.Equal(a, b);

    public static bool ValueLt<T>(T a, T b) => PyCompare.Compare(a, b) < 0;

    public static bool ValueLe<T>(T a, T b) => PyCompare.Compare(a, b) <= 0;

    public static long ValueHash<T>(T value) => value is null ? 0 : EqualityComparer<T>.Default.GetHashCode(value);
}
