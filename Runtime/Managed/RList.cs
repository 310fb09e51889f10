// RPy's list in the Managed data model: a growable array of its item type (no boxing), with Python's
// semantics for indexing (negative indices count from the end), slicing, insert and pop. Errors are
// raised through Pending (IndexError, ValueError), with CPython's messages.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClrPy.Runtime.Managed;

public sealed class RList<T> : IPyRepr, IPySequence
{
    private T[] _items;

    public RList() => _items = [];

    public RList(int capacity) => _items = capacity == 0 ? [] : new T[capacity];

    public RList(IEnumerable<T> items)
    {
        _items = [.. items];
        Count = _items.Length;
    }

    /// <summary>The number of items (the JIT reads this field and <c>_items</c> directly in traces). It never exceeds
    /// <c>_items</c>' length, and <c>_items</c> is only ever replaced by a longer array (Grow): the JIT's InBoundsPass
    /// relies on both.</summary>
    private int _count;

    /// <summary>The names of the fields traces read (ClrValues.List makes their descriptors).</summary>
    public const string CountFieldName = nameof(_count), ItemsFieldName = nameof(_items);

    public int Count { get => _count; private set => _count = value; }

    public long Len => Count;

    /// <summary>The live items (for iteration by the translated code).</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public object? ItemAt(int index) => _items[index];

    public string Repr()
    {
        var builder = new System.Text.StringBuilder("[");
        for (int i = 0; i < Count; i++)
            builder.Append(i == 0 ? "" : ", ").Append(PyRepr.Of(_items[i]));
        return builder.Append(']').ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T item)
    {
        if (Count == _items.Length)
            Grow();
        _items[Count++] = item;
    }

    private void Grow() => Array.Resize(ref _items, Math.Max(4, _items.Length * 2));

    private bool Normalize(long index, out int position)
    {
        if (index < 0)
            index += Count;
        position = (int)index;
        return index >= 0 && index < Count;
    }

    /// <summary>a[i]: an index within 0..Count-1 (the common case) reads the array directly; Count never
    /// exceeds the array's length, so the CLR's own bounds check is skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T GetItem(long index)
    {
        if ((ulong)index < (ulong)Count)
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), (nint)index);
        return GetItemSlow(index);
    }

    /// <summary>The item at a position already checked to be in range (0..Count-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T At(long position) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), (nint)position);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(long position, T item) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), (nint)position) = item;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T GetItemSlow(long index) =>
        Normalize(index, out int position) ? _items[position] : Pending.Raise<T>(new PyIndexError("list index out of range"));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetItem(long index, T item)
    {
        if ((ulong)index < (ulong)Count)
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), (nint)index) = item;
        else
            SetItemSlow(index, item);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetItemSlow(long index, T item)
    {
        if (Normalize(index, out int position))
            _items[position] = item;
        else
            Pending.Raise<T>(new PyIndexError("list assignment index out of range"));
    }

    public T Pop(long index)
    {
        if (Count == 0)
            return Pending.Raise<T>(new PyIndexError("pop from empty list"));
        if (!Normalize(index, out int position))
            return Pending.Raise<T>(new PyIndexError("pop index out of range"));
        var item = _items[position];
        Array.Copy(_items, position + 1, _items, position, Count - position - 1);
        _items[--Count] = default!;
        return item;
    }

    public void Insert(long index, T item)
    {
        if (index < 0)
            index = Math.Max(0, index + Count);
        int position = (int)Math.Min(index, Count);
        Append(item);
        Array.Copy(_items, position, _items, position + 1, Count - position - 1);
        _items[position] = item;
    }

    public void DelItem(long index)
    {
        if (Normalize(index, out _))
            Pop(index);
        else
            Pending.Raise<T>(new PyIndexError("list assignment index out of range"));
    }

    public void Extend(RList<T> other)
    {
        foreach (var item in other.Items.ToArray())
            Append(item);
    }

    public RList<T> Slice(long start, long stop, long step)
    {
        if (step == 0)
            return Pending.Raise<RList<T>>(SliceIndices.ZeroStep())!;
        var result = new RList<T>();
        foreach (int i in SliceIndices.Of(Count, start, stop, step))
            result.Append(_items[i]);
        return result;
    }

    /// <summary>del a[start:stop:step]: the selected positions go, the rest close up in order.</summary>
    public void DelSlice(long start, long stop, long step)
    {
        if (step == 0)
        {
            Pending.Raise<object>(SliceIndices.ZeroStep());
            return;
        }
        var doomed = new HashSet<int>(SliceIndices.Of(Count, start, stop, step));
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (!doomed.Contains(i))
                _items[kept++] = _items[i];
        }
        Array.Clear(_items, kept, Count - kept);
        Count = kept;
    }

    public void Reverse() => Array.Reverse(_items, 0, Count);

    /// <summary>A stable sort by the items' natural order (PyOrder: strings by code point, tuples item by item).
    /// Where equal items cannot be told apart, the faster unstable sort gives the same list.</summary>
    public void Sort()
    {
        if (PyOrder<T>.EqualMeansIdentical)
        {
            Array.Sort(_items, 0, Count, PyOrder<T>.Instance);
            return;
        }
        var sorted = _items.Take(Count).OrderBy(item => item, PyOrder<T>.Instance).ToArray();
        sorted.CopyTo(_items, 0);
    }

    public bool Contains(T item)
    {
        foreach (var candidate in Items)
        {
            if (PyEquality<T>.Instance.Equals(candidate, item))
                return true;
        }
        return false;
    }

    public long Index(T item)
    {
        for (int i = 0; i < Count; i++)
        {
            if (PyEquality<T>.Instance.Equals(_items[i], item))
                return i;
        }
        return Pending.Raise<long>(new PyValueError(PyRepr.Of(item) + " is not in list"));
    }

    public RList<T> Concat(RList<T> other)
    {
        var result = new RList<T>(Count + other.Count);
        foreach (var item in Items)
            result.Append(item);
        foreach (var item in other.Items)
            result.Append(item);
        return result;
    }

    /// <summary>[item] * n: one allocation of n items (n &lt;= 0 gives an empty list).</summary>
    public static RList<T> Repeated(T item, long times)
    {
        if (times <= 0)
            return new RList<T>();
        if (times > Array.MaxLength)
            return Pending.Raise<RList<T>>(new PyMemoryError(""))!;
        var result = new RList<T>((int)times) { Count = (int)times };
        // a new array holds default items already (but -0.0 equals 0.0 and is not the default)
        if (typeof(T) == typeof(double) || !EqualityComparer<T>.Default.Equals(item, default!))
            Array.Fill(result._items, item);
        return result;
    }

    /// <summary>a * n: one allocation of the exact size (n &lt;= 0 gives an empty list, as in Python).</summary>
    public RList<T> Repeat(long times)
    {
        if (times <= 0 || Count == 0)
            return new RList<T>();
        if (Count == 1)
            return Repeated(_items[0], times);
        if (times > Array.MaxLength / Count)
            return Pending.Raise<RList<T>>(new PyMemoryError(""))!;
        int total = (int)times * Count;
        var result = new RList<T>(total) { Count = total };
        var items = Items;
        for (int at = 0; at < result._items.Length; at += items.Length)
            items.CopyTo(result._items.AsSpan(at));
        return result;
    }
}

/// <summary>Python's slice index arithmetic: the positions a[start:stop:step] selects, where an omitted
/// bound is long.MinValue (the typed IR's convention).</summary>
public static class SliceIndices
{
    public const string ZeroStepMessage = "slice step cannot be zero";

    /// <summary>What a[::0] raises, as in Python (callers make it pending instead of selecting positions).</summary>
    public static PyValueError ZeroStep() => new(ZeroStepMessage);

    public static IEnumerable<int> Of(int length, long start, long stop, long step)
    {
        if (step == 0)
            throw new ArgumentException(ZeroStepMessage, nameof(step));
        long Clamp(long value, long low, long high) => Math.Max(low, Math.Min(high, value));
        long from, to;
        if (step > 0)
        {
            from = start == long.MinValue ? 0 : Clamp(start < 0 ? start + length : start, 0, length);
            to = stop == long.MinValue ? length : Clamp(stop < 0 ? stop + length : stop, 0, length);
            for (long i = from; i < to; i += step)
                yield return (int)i;
        }
        else
        {
            from = start == long.MinValue ? length - 1 : Clamp(start < 0 ? start + length : start, -1, length - 1);
            to = stop == long.MinValue ? -1 : Clamp(stop < 0 ? stop + length : stop, -1, length - 1);
            for (long i = from; i > to; i += step)
                yield return (int)i;
        }
    }
}
