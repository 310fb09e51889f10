// Builds one guard's real fail arguments and resume layout while a pass re-emits the guard: every original
// position gets an entry (a saved variable, a constant or a virtual object), saved variables are kept once each.
// Used by TraceRewriter.EmitGuard and, through IResumeSource, by the passes that remove values (virtuals, frames).
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

/// <summary>
/// How a pass describes the OLD values of a guard's fail arguments (the virtuals pass describes the objects it
/// removed, the virtualizables pass adds the frame writes it delayed). Values it does not handle go to
/// <see cref="ResumeWriter.Describe"/> after mapping.
/// </summary>
public interface IResumeSource
{
    ResumeEntry Describe(int oldValue, ResumeWriter writer);

    void AddPendingWrites(ResumeWriter writer);
}

public sealed class ResumeWriter
{
    private readonly List<int> _failArgs = [];
    private readonly List<ResumeEntry> _slots = [];
    private readonly List<ResumeVirtual?> _virtuals = [];
    private readonly List<TraceValue> _constants = [];
    private readonly List<ValueKind> _constantKinds = [];
    private readonly List<ResumePendingWrite> _pendingWrites = [];
    private int[] _positionStamp = new int[64];
    private int[] _position = new int[64];
    private int _stamp;
    private TraceBuilder _output = null!;

    public void Begin(TraceBuilder output)
    {
        _output = output;
        _failArgs.Clear();
        _slots.Clear();
        _virtuals.Clear();
        _constants.Clear();
        _constantKinds.Clear();
        _pendingWrites.Clear();
        _stamp++;
    }

    public void AddSlot(ResumeEntry entry) => _slots.Add(entry);

    /// <summary>A value of the output trace: a constant entry for constants, otherwise the variable saved once.</summary>
    public ResumeEntry Describe(int newValue) => TraceValues.IsConstant(newValue)
        ? Constant(_output.ConstantValue(newValue), _output.KindOf(newValue))
        : Saved(newValue);

    public ResumeEntry Saved(int newVariable)
    {
        if (newVariable >= _position.Length)
        {
            int size = Math.Max(_position.Length * 2, newVariable + 1);
            Array.Resize(ref _position, size);
            Array.Resize(ref _positionStamp, size);
        }
        if (_positionStamp[newVariable] != _stamp)
        {
            _positionStamp[newVariable] = _stamp;
            _position[newVariable] = _failArgs.Count;
            _failArgs.Add(newVariable);
        }
        return ResumeEntry.Saved(_position[newVariable]);
    }

    public ResumeEntry Constant(TraceValue value, ValueKind kind)
    {
        _constants.Add(value);
        _constantKinds.Add(kind);
        return new ResumeEntry(ResumeEntryKind.Constant, _constants.Count - 1);
    }

    /// <summary>Numbers a virtual before its contents are known, so that its fields may refer back to it.</summary>
    public int ReserveVirtual()
    {
        _virtuals.Add(null);
        return _virtuals.Count - 1;
    }

    public void DefineVirtual(int index, ResumeVirtual virtualObject) => _virtuals[index] = virtualObject;

    public void AddPendingWrite(ResumePendingWrite write) => _pendingWrites.Add(write);

    /// <summary>The real fail arguments collected, in order.</summary>
    public ReadOnlySpan<int> FailArgs => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_failArgs);

    /// <summary>The layout, or null when it says "each original position is the saved value at the same position".</summary>
    public ResumeLayout? FinishLayout()
    {
        if (IsIdentity())
            return null;
        var virtuals = new ResumeVirtual[_virtuals.Count];
        for (int i = 0; i < virtuals.Length; i++)
            virtuals[i] = _virtuals[i] ?? throw new InvalidOperationException($"virtual v{i} was reserved but never defined");
        return new ResumeLayout(_slots.ToArray(), virtuals, _constants.ToArray(), _constantKinds.ToArray(),
            _pendingWrites.ToArray());
    }

    private bool IsIdentity()
    {
        if (_virtuals.Count > 0 || _pendingWrites.Count > 0 || _constants.Count > 0 || _slots.Count != _failArgs.Count)
            return false;
        for (int i = 0; i < _slots.Count; i++)
            if (_slots[i] != ResumeEntry.Saved(i))
                return false;
        return true;
    }
}
