// The raising half of operations whose check translated code makes inline (a zero divisor, an index out
// of range): the emitter branches here out of line and from here straight to the handler or out of the
// function, so the call never lies on a path back into the loop, and the CLR JIT keeps the loop's
// values in registers (measured on spectral_norm: 2x). Also the pure index arithmetic those checks use.
using System.Runtime.CompilerServices;

namespace ClrPy.Runtime.Managed.Ops;

public static class Raises
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ZeroDivision(string message) => Pending.Exception = new PyZeroDivisionError(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void IndexError(string message) => Pending.Exception = new PyIndexError(message);

    /// <summary>A Python index made non-negative against a length; the caller compares the result, unsigned,
    /// with the length (one branch for both ends).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Position(long index, int count) => index < 0 ? index + count : index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ListPosition<T>(RList<T> list, long index) => Position(index, list.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ListCount<T>(RList<T> list) => list.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long StrPosition(string text, long index) => Position(index, text.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long StrCount(string text) => text.Length;

    /// <summary>list[position] for a position within 0..Count-1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ListAt<T>(RList<T> list, long position) => list.At(position);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ListStore<T>(RList<T> list, long position, T item) => list.Store(position, item);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char StrAt(string text, long position) => text[(int)position];

    /// <summary>a // b and a % b for a divisor known not to be zero (Python's rounding toward minus infinity).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDivNonZero(long a, long b) => NumberOps.IntFloorDiv(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ModNonZero(long a, long b) => NumberOps.IntMod(a, b);
}
