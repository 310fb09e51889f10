// RPy's dict in the Managed data model: an insertion-ordered hash table. Entries live in arrays in
// insertion order (deleted ones are marked and squeezed out when they pile up); an index maps each
// key to its entry. Keys compare with Python's equality (strings by code point). KeyError carries the
// repr of the key, as CPython's does.
namespace ClrPy.Runtime.Managed;

public sealed class RDict<TKey, TValue> : IPyRepr where TKey : notnull
{
    private TKey[] _keys = [];
    private TValue[] _values = [];
    private bool[] _deleted = [];
    private int _used;
    private readonly Dictionary<TKey, int> _index = new(PyEquality<TKey>.Instance);

    public long Len => _index.Count;

    public int Count => _index.Count;

    /// <summary>The live entries in insertion order.</summary>
    public IEnumerable<(TKey Key, TValue Value)> Entries
    {
        get
        {
            for (int i = 0; i < _used; i++)
            {
                if (!_deleted[i])
                    yield return (_keys[i], _values[i]);
            }
        }
    }

    public string Repr() => "{" + string.Join(", ", Entries.Select(entry => PyRepr.Of(entry.Key) + ": " + PyRepr.Of(entry.Value))) + "}";

    public bool Contains(TKey key) => _index.ContainsKey(key);

    public TValue GetItem(TKey key) =>
        _index.TryGetValue(key, out int entry) ? _values[entry] : Pending.Raise<TValue>(new PyKeyError(PyRepr.Of(key)));

    public void SetItem(TKey key, TValue value)
    {
        if (_index.TryGetValue(key, out int entry))
        {
            _values[entry] = value;
            return;
        }
        if (_used == _keys.Length)
            Grow();
        _keys[_used] = key;
        _values[_used] = value;
        _deleted[_used] = false;
        _index[key] = _used++;
    }

    public void DelItem(TKey key)
    {
        if (!Remove(key, out _))
            Pending.Raise<TValue>(new PyKeyError(PyRepr.Of(key)));
    }

    public TValue Get(TKey key, TValue fallback) => _index.TryGetValue(key, out int entry) ? _values[entry] : fallback;

    public TValue SetDefault(TKey key, TValue fallback)
    {
        if (_index.TryGetValue(key, out int entry))
            return _values[entry];
        SetItem(key, fallback);
        return fallback;
    }

    public TValue Pop(TKey key) => Remove(key, out var value) ? value : Pending.Raise<TValue>(new PyKeyError(PyRepr.Of(key)));

    public TValue Pop(TKey key, TValue fallback) => Remove(key, out var value) ? value : fallback;

    public RList<TKey> Keys() => new(Entries.Select(entry => entry.Key));

    public RList<TValue> Values() => new(Entries.Select(entry => entry.Value));

    public RList<(TKey, TValue)> Items() => new(Entries.Select(entry => (entry.Key, entry.Value)));

    private bool Remove(TKey key, out TValue value)
    {
        if (!_index.Remove(key, out int entry))
        {
            value = default!;
            return false;
        }
        value = _values[entry];
        _deleted[entry] = true;
        _keys[entry] = default!;
        _values[entry] = default!;
        return true;
    }

    /// <summary>More room: squeezes deleted entries out when at least half are deleted, else doubles.</summary>
    private void Grow()
    {
        int live = _index.Count;
        int capacity = live * 2 >= _used ? Math.Max(8, _keys.Length * 2) : _keys.Length;
        var keys = new TKey[capacity];
        var values = new TValue[capacity];
        int next = 0;
        for (int i = 0; i < _used; i++)
        {
            if (_deleted[i])
                continue;
            keys[next] = _keys[i];
            values[next] = _values[i];
            _index[_keys[i]] = next++;
        }
        (_keys, _values, _deleted, _used) = (keys, values, new bool[capacity], next);
    }
}
