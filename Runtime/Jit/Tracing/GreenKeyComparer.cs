// Green keys (the greens of a merge point, as trace values) compared by value, with the hash the engine's
// green-key cells use. Used by the JIT engine's cell table and by the tracer to notice it went around a loop.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Tracing;

public sealed class GreenKeyComparer : IEqualityComparer<TraceValue[]>
{
    public static readonly GreenKeyComparer Instance = new();

    /// <summary>The hash of some greens: refs by identity, words and floats by their bits.</summary>
    public static int Hash(ReadOnlySpan<TraceValue> greens)
    {
        int hash = 17;
        foreach (var green in greens)
            hash = hash * 31 + (green.Ref is { } reference ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(reference) : green.Bits.GetHashCode());
        return hash;
    }

    public bool Equals(TraceValue[]? x, TraceValue[]? y) => ReferenceEquals(x, y) || x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(TraceValue[] obj) => Hash(obj);
}
