// The state of a for-loop in translated programs (the typed IR's Iterator representation): one abstract
// class per item type, so a variable that may iterate over a list or a str has one CLR type. Next
// returns false at the end instead of raising StopIteration (the emitter branches to the handler).
namespace ClrPy.Runtime.Managed.Ops;

public abstract class RIterator<T>
{
    public abstract bool Next(out T item);

    /// <summary>iter_next for a use the emitter cannot turn into a branch: StopIteration becomes pending.</summary>
    public T NextOrRaise() => Next(out var item) ? item : Pending.Raise<T>(new PyStopIteration(""));
}

/// <summary>Over a list, reading each item as the loop reaches it (appends during the loop are seen, like CPython).</summary>
public sealed class ListIterator<T>(RList<T> list) : RIterator<T>
{
    private int _next;

    public override bool Next(out T item)
    {
        if (_next < list.Count)
        {
            item = list.Items[_next++];
            return true;
        }
        item = default!;
        return false;
    }
}

/// <summary>Over the characters of a str, as chars or as one-character strs.</summary>
public sealed class StrIterator<T>(string text) : RIterator<T>
{
    private int _next;

    public override bool Next(out T item)
    {
        if (_next < text.Length)
        {
            char c = text[_next++];
            item = typeof(T) == typeof(char) ? System.Runtime.CompilerServices.Unsafe.As<char, T>(ref c)
                : (T)(object)Builtins.PythonText.CharString(c);
            return true;
        }
        item = default!;
        return false;
    }
}

public sealed class RangeIterator(long start, long stop, long step) : RIterator<long>
{
    private long _next = start;

    public override bool Next(out long item)
    {
        item = _next;
        if (step > 0 ? _next < stop : _next > stop)
        {
            _next += step;
            return true;
        }
        return false;
    }
}
