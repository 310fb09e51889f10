// The meeting point of translated code and the JIT engine: a translated portal (the function holding a
// jit_merge_point) stores its greens and reds here at each can_enter_jit, and at its merge point's first pass in
// each call, and asks the engine whether to go on
// normally, jump to its merge point with the values the JIT leaves here, or return what the JIT returned.
// Made by the code the CIL backend emits for a program with a JitDriver; read and written by the engine.
namespace ClrPy.Runtime.Jit.Engine;

/// <summary>What the translated portal does after can_enter_jit.</summary>
public enum JitEntry : byte
{
    /// <summary>Nothing happened: go on with the values it has.</summary>
    NotEntered,
    /// <summary>The JIT ran the program on: load the greens and reds from the state and continue at the merge point.</summary>
    AtMergePoint,
    /// <summary>The JIT ran the portal to its end: return the state's return value of the portal's kind
    /// (or, when Pending.Exception is set, leave with that exception pending).</summary>
    Returned,
}

/// <summary>What runs when a portal reaches can_enter_jit.</summary>
public interface IJitEngine
{
    JitEntry CanEnterJit(JitDriverState driver);

    /// <summary>The portal was called and reached its merge point for the first time in this call.</summary>
    JitEntry EnterPortal(JitDriverState driver) => JitEntry.NotEntered;

    /// <summary>set_param(driver, name, value) for the driver of that index; an engine without parameters only
    /// checks the setting. Throws JitParameterException for a bad name or value.</summary>
    void SetParam(int driver, string name, object? value) => Warmup.JitParameters.Check(name, value);
}

/// <summary>
/// One driver's exchange area. The greens, then the reds, in the order the JitDriver declares them, go into
/// the array of their register kind, each kind numbered from 0 (JitDriverDescriptor.Slots gives the slot).
/// Ints hold int-kind values as words (bools 0/1, chars as code points, r_uint as their bits).
/// </summary>
public sealed class JitDriverState(int index, int intSlots, int refSlots, int floatSlots)
{
    public readonly int Index = index;
    public readonly long[] Ints = new long[intSlots];
    public readonly object?[] Refs = new object?[refSlots];
    public readonly double[] Floats = new double[floatSlots];

    /// <summary>The portal's result after <see cref="JitEntry.Returned"/>, in the field of its kind.</summary>
    public long ReturnInt;
    public object? ReturnRef;
    public double ReturnFloat;

    /// <summary>The value in slot <paramref name="slot"/> of the registers of <paramref name="kind"/>.</summary>
    public Trace.TraceValue Get(Codes.RegisterKind kind, int slot) => kind switch
    {
        Codes.RegisterKind.Int => Trace.TraceValue.FromInt(Ints[slot]),
        Codes.RegisterKind.Ref => Trace.TraceValue.FromRef(Refs[slot]),
        _ => Trace.TraceValue.FromFloat(Floats[slot]),
    };

    /// <summary>Stores <paramref name="value"/> in slot <paramref name="slot"/> of the registers of <paramref name="kind"/>.</summary>
    public void Set(Codes.RegisterKind kind, int slot, Trace.TraceValue value)
    {
        switch (kind)
        {
            case Codes.RegisterKind.Int: Ints[slot] = value.AsInt; break;
            case Codes.RegisterKind.Ref: Refs[slot] = value.AsRef; break;
            default: Floats[slot] = value.AsFloat; break;
        }
    }

    /// <summary>Stores the portal's result in the field of its kind (nothing for Void).</summary>
    public void SetReturn(Trace.ValueKind kind, Trace.TraceValue value)
    {
        switch (kind)
        {
            case Trace.ValueKind.Int: ReturnInt = value.AsInt; break;
            case Trace.ValueKind.Float: ReturnFloat = value.AsFloat; break;
            case Trace.ValueKind.Ref: ReturnRef = value.AsRef; break;
        }
    }

    /// <summary>The portal's result, read from the field of its kind (default for Void).</summary>
    public Trace.TraceValue GetReturn(Trace.ValueKind kind) => kind switch
    {
        Trace.ValueKind.Int => Trace.TraceValue.FromInt(ReturnInt),
        Trace.ValueKind.Float => Trace.TraceValue.FromFloat(ReturnFloat),
        Trace.ValueKind.Ref => Trace.TraceValue.FromRef(ReturnRef),
        _ => default,
    };

    /// <summary>Set once by the runtime (or a test) before the program runs; null means the JIT is absent.</summary>
    public static IJitEngine? Engine;

    public JitEntry CanEnterJit() => Engine is { } engine ? engine.CanEnterJit(this) : JitEntry.NotEntered;

    public JitEntry EnterPortal() => Engine is { } engine ? engine.EnterPortal(this) : JitEntry.NotEntered;
}
