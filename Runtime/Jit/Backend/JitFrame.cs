// The values passed into and out of compiled loops, without boxing: slot k of a list of values (a loop's
// inputs, a label's arguments, a guard's fail arguments, a finish's values) is Ints[k], Floats[k] or Refs[k].Value
// by its kind. One frame is reused for every run; compiled code reads and writes the arrays directly.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Backend;

/// <summary>A ref slot of a frame. A struct, so that compiled code stores into the slot array with a plain store:
/// a store into an object[] is a call checking the array's element type (it may be a string[]).</summary>
public struct RefSlot
{
    public object? Value;
}

public sealed class JitFrame
{
    public long[] Ints;
    public double[] Floats;
    public RefSlot[] Refs;

    /// <summary>The exception a call raised that no guard consumed: set before entering (usually null), read
    /// after an exit. A bridge or the next loop continues with it, as the trace interpreter does.</summary>
    public object? PendingException;

    public JitFrame(int capacity = 16)
    {
        Ints = new long[capacity];
        Floats = new double[capacity];
        Refs = new RefSlot[capacity];
    }

    public int Capacity => Ints.Length;

    /// <summary>Grows the slot arrays (keeping their values); compiled code never sees them change while it runs.</summary>
    public void EnsureCapacity(int slots)
    {
        if (slots <= Ints.Length)
            return;
        int capacity = Math.Max(slots, Ints.Length * 2);
        Array.Resize(ref Ints, capacity);
        Array.Resize(ref Floats, capacity);
        Array.Resize(ref Refs, capacity);
    }

    public void Set(int slot, ValueKind kind, TraceValue value)
    {
        switch (kind)
        {
            case ValueKind.Int: Ints[slot] = value.AsInt; break;
            case ValueKind.Float: Floats[slot] = value.AsFloat; break;
            default: Refs[slot].Value = value.AsRef; break;
        }
    }

    public TraceValue Get(int slot, ValueKind kind) => kind switch
    {
        ValueKind.Int => TraceValue.FromInt(Ints[slot]),
        ValueKind.Float => TraceValue.FromFloat(Floats[slot]),
        _ => TraceValue.FromRef(Refs[slot].Value),
    };

    /// <summary>Drops references left in the slots so that they do not keep objects alive.</summary>
    public void ClearRefs()
    {
        Array.Clear(Refs);
        PendingException = null;
    }
}
