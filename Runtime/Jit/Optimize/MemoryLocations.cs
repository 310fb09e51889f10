// Which memory locations may be the same: objects allocated in the trace against older ones, and array indices
// as a base value plus a constant (x, x + 1 and x - 2 are different items). Shared by the passes that reason about
// memory, HeapPass (on the values it emits) and DeadStorePass (on its input's values).
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class MemoryLocations(Func<int, long> intConstant)
{
    /// <summary>Values noted as x + constant: x and the constant.</summary>
    private readonly Dictionary<int, (int Base, long Offset)> _offsets = [];
    private bool[] _fresh = new bool[64];
    private readonly List<int> _rebound = [];
    /// <summary>A label's operands that its jumps may pass other values for (NoteLabel).</summary>
    private readonly HashSet<int> _changed = [];

    public void Clear()
    {
        _offsets.Clear();
        Array.Clear(_fresh);
    }

    /// <summary>Notes an int_add or int_sub of a value and a constant (<paramref name="left"/>, <paramref name="right"/>) as that value plus an offset.</summary>
    public void NoteSum(TraceOpcode opcode, int result, int left, int right)
    {
        if (TraceValues.IsConstant(result))
            return;
        int value;
        long offset;
        if (TraceValues.IsConstant(right) && !TraceValues.IsConstant(left))
            (value, offset) = (left, opcode == TraceOpcode.IntAdd ? intConstant(right) : unchecked(-intConstant(right)));
        else if (opcode == TraceOpcode.IntAdd && TraceValues.IsConstant(left) && !TraceValues.IsConstant(right))
            (value, offset) = (right, intConstant(left));
        else
            return;
        if (_offsets.TryGetValue(value, out var inner))
            (value, offset) = (inner.Base, unchecked(inner.Offset + offset));
        _offsets[result] = (value, offset);
    }

    /// <summary>An index as a base and an offset: (None, c) for a constant c, (x, k) for a value noted as x + k, else (index, 0).</summary>
    public (int Base, long Offset) Index(int index)
    {
        if (TraceValues.IsConstant(index))
            return (TraceValues.None, intConstant(index));
        return _offsets.TryGetValue(index, out var sum) ? sum : (index, 0);
    }

    /// <summary>Two indices (as <see cref="Index"/> gives them) may be equal unless they are the same base at different offsets.</summary>
    public static bool MayBeEqual((int Base, long Offset) a, (int Base, long Offset) b) => a.Base != b.Base || a.Offset == b.Offset;

    /// <summary>
    /// Two objects may be one unless they are different constants, come from different allocations here, or one
    /// was allocated here and the other existed before (a constant, or a value defined before the allocation:
    /// values are numbered in order of definition).
    /// </summary>
    public bool MayAlias(int a, int b)
    {
        if (a == b)
            return true;
        if (IsFresh(a) || IsFresh(b))
        {
            (int fresh, int other) = IsFresh(a) ? (a, b) : (b, a);
            return !IsFresh(other) && other > fresh;
        }
        return !(TraceValues.IsConstant(a) && TraceValues.IsConstant(b));
    }

    /// <summary>Notes that <paramref name="value"/> is an object allocated by the trace (new, new_array).</summary>
    public void MarkFresh(int value)
    {
        if (value >= _fresh.Length)
            Array.Resize(ref _fresh, Math.Max(value + 1, _fresh.Length * 2));
        _fresh[value] = true;
    }

    /// <summary>
    /// A label's operands are whatever its jumps pass: an allocation passed through it is no longer known fresh, and
    /// a sum is no longer known when it, or the value it adds to, is one of them. Except an operand that every jump
    /// to the label passes back unchanged (<paramref name="unchanged"/>[k] for operand k, as a peeled loop's
    /// invariants are): it holds its first value on every entry, so a sum of such values stays known.
    /// </summary>
    public void NoteLabel(ReadOnlySpan<int> operands, ReadOnlySpan<bool> unchanged = default)
    {
        _changed.Clear();
        for (int k = 0; k < operands.Length; k++)
        {
            if (IsFresh(operands[k]))
                _fresh[operands[k]] = false;
            if (unchanged.IsEmpty || !unchanged[k])
                _changed.Add(operands[k]);
        }
        _rebound.Clear();
        foreach (var (sum, (sumBase, _)) in _offsets)
            if (_changed.Contains(sum) || _changed.Contains(sumBase))
                _rebound.Add(sum);
        foreach (int sum in _rebound)
            _offsets.Remove(sum);
    }

    private bool IsFresh(int value) => value >= 0 && value < _fresh.Length && _fresh[value];
}
