// The state of a for-loop in translated programs (the typed IR's Iterator representation): one abstract
// class per item type, so a variable that may iterate over a list or a str has one CLR type. Next
// returns false at the end instead of raising StopIteration (the emitter branches to the handler).
using System.Runtime.CompilerServices;

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
    private ListState<T> _state = new(list);

    public override bool Next(out T item) => _state.Next(out item);
}

/// <summary>Over the characters of a str, as chars or as one-character strs.</summary>
public sealed class StrIterator<T>(string text) : RIterator<T>
{
    private StrState<T> _state = new(text);

    public override bool Next(out T item) => _state.Next(out item);
}

public sealed class RangeIterator(long start, long stop, long step) : RIterator<long>
{
    private RangeState _state = new(start, stop, step);

    public override bool Next(out long item) => _state.Next(out item);
}

/// <summary>A for-loop over range() whose iterator never escapes the loop: kept in a local as a value,
/// so the CLR JIT turns the loop into a counted loop (the emitter uses it when it can prove that).</summary>
public struct RangeState(long start, long stop, long step)
{
    private long _next = start;

    public static RangeState Create(long start, long stop, long step) =>
        step == 0 ? Pending.Raise<RangeState>(new PyValueError("range() arg 3 must not be zero")) : new RangeState(start, stop, step);

    public bool Next(out long item)
    {
        item = _next;
        if (!HasNext())
            return false;
        Take();
        return true;
    }

    // Translated loops call HasNext then Take: with an out parameter instead, the CLR JIT keeps the loop
    // variable in memory (measured: spectral_norm's inner loop 1.5x slower).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool HasNext() => step > 0 ? _next < stop : _next > stop;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Take()
    {
        long item = _next;
        _next += step;
        return item;
    }
}

/// <summary>A RangeState whose step is known to be positive (a constant in the program): the end test needs no
/// test of the step's sign, which the CLR JIT does not hoist out of the loop (measured: 1.5x on spectral_norm).</summary>
public struct RangeUpState(long start, long stop, long step)
{
    private long _next = start;

    public static RangeUpState Create(long start, long stop, long step) => new(start, stop, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool HasNext() => _next < stop;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Take()
    {
        long item = _next;
        _next += step;
        return item;
    }
}

/// <summary>A for-loop over a list (or a dict's keys) whose iterator never escapes: a local value.</summary>
public struct ListState<T>(RList<T> list)
{
    private int _next;

    public static ListState<T> Create(RList<T> list) => new(list);

    public bool Next(out T item)
    {
        if (!HasNext())
        {
            item = default!;
            return false;
        }
        item = Take();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool HasNext() => _next < list.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Take() => list.GetItem(_next++);
}

/// <summary>A for-loop over the characters of a str whose iterator never escapes: a local value.</summary>
public struct StrState<T>(string text)
{
    private int _next;

    public static StrState<T> Create(string text) => new(text);

    public bool Next(out T item)
    {
        if (!HasNext())
        {
            item = default!;
            return false;
        }
        item = Take();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool HasNext() => _next < text.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Take()
    {
        char c = text[_next++];
        return typeof(T) == typeof(char) ? Unsafe.As<char, T>(ref c) : (T)(object)Builtins.PythonText.CharString(c);
    }
}
