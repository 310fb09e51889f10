// Calls of the portal from traces (PyPy's call_assembler): a trace that reaches a recursive call of the interpreter
// whose greens have compiled code, or that recurses into the function it is tracing from its start, does not inline
// the callee's interpretation. It writes the callee's greens and reds into the driver's staging state and calls one
// of the methods here; the engine copies them out at once (calls nest) and runs the portal from its merge point: the
// compiled trace of those greens (JitEngine.EnterPortal), or the portal's resume entry (translated code). When the
// callee's reds are objects the caller's trace never allocated (its new interpreter frame), the optimizer makes the
// call frameless (FramelessCall): the engine then runs a version of the callee's trace where they stay virtual.
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Engine;

public static class PortalCalls
{
    private static readonly ConditionalWeakTable<JitDriverDescriptor, JitDriverState> Stagings = [];

    /// <summary>What traces write a portal call's greens and reds with, by register kind.</summary>
    public static readonly ArrayDescr IntSlots = new("portal_ints", ValueKind.Int);
    public static readonly ArrayDescr RefSlots = new("portal_refs", ValueKind.Ref);
    public static readonly ArrayDescr FloatSlots = new("portal_floats", ValueKind.Float);

    private static readonly CallDescr[] Calls =
    [
        Descr(nameof(CallInt)), Descr(nameof(CallRef)), Descr(nameof(CallFloat)), Descr(nameof(CallVoid)),
    ];

    private static CallDescr Descr(string method) =>
        CallDescr.ForMethod(typeof(PortalCalls).GetMethod(method)!, CallEffects.CanRaise, "portal_call");

    /// <summary>Whether <paramref name="descr"/> is the call of a portal call.</summary>
    public static bool IsPortalCall(TraceDescr? descr) => descr is CallDescr && Array.IndexOf(Calls, descr) >= 0;

    /// <summary>The register kind a staging write of <paramref name="descr"/> goes to, or null for other writes.</summary>
    public static RegisterKind? SlotKindOf(TraceDescr? descr) =>
        ReferenceEquals(descr, IntSlots) ? RegisterKind.Int
        : ReferenceEquals(descr, RefSlots) ? RegisterKind.Ref
        : ReferenceEquals(descr, FloatSlots) ? RegisterKind.Float : null;

    /// <summary>The staging array descriptor of a value kind.</summary>
    public static ArrayDescr SlotsOf(ValueKind kind) => kind switch
    {
        ValueKind.Int => IntSlots,
        ValueKind.Float => FloatSlots,
        _ => RefSlots,
    };

    /// <summary>The staging state a trace writes the callee's greens and reds into (one per driver).</summary>
    public static JitDriverState StagingOf(JitDriverDescriptor driver) => Stagings.GetValue(driver, d => d.NewState());

    /// <summary>The call descriptor for a portal returning a value of <paramref name="kind"/> (Void for none).</summary>
    public static CallDescr CallOf(ValueKind kind) => kind switch
    {
        ValueKind.Int => Calls[0],
        ValueKind.Ref => Calls[1],
        ValueKind.Float => Calls[2],
        _ => Calls[3],
    };

    public static long CallInt(JitDriverState staging, PortalTarget target) => Call(staging, target).AsInt;

    public static object? CallRef(JitDriverState staging, PortalTarget target) => Call(staging, target).AsRef;

    public static double CallFloat(JitDriverState staging, PortalTarget target) => Call(staging, target).AsFloat;

    public static void CallVoid(JitDriverState staging, PortalTarget target) => Call(staging, target);

    private static TraceValue Call(JitDriverState staging, PortalTarget target) =>
        JitDriverState.Engine is JitEngine engine ? engine.CallPortal(staging, target)
            : throw new InvalidOperationException("a portal call ran without the JIT engine installed");
}

/// <summary>One portal call site of a trace: its greens are constants, so the engine finds their cell once and
/// keeps it here.</summary>
public sealed class PortalTarget
{
    internal object? Cell;

    /// <summary>Set when the optimizer kept the callee's reds virtual (a frameless call): the trace writes the
    /// layout's saved values into it instead of the greens and reds into the staging state.</summary>
    public FramelessCall? Frameless { get; init; }
}

/// <summary>
/// A portal call whose reds the caller's trace never allocated (the callee's interpreter frame, typically): the
/// optimizer describes the values the trace wrote to the staging state as a resume layout over saved values
/// (<see cref="Layout"/>, one slot per staging write), and the trace writes saved value k to index k of the array
/// of its kind. The engine runs a version of the callee's trace that takes the saved values as its inputs (the
/// objects stay virtual in it too), or, when there is none, materializes the objects into the staging state.
/// </summary>
public sealed class FramelessCall
{
    public FramelessCall(ResumeLayout layout, (RegisterKind Kind, int Slot)[] writes, ValueKind[] savedKinds)
    {
        Layout = layout;
        Writes = writes;
        SavedKinds = savedKinds;
        Ints = new long[savedKinds.Length];
        Refs = new object?[savedKinds.Length];
        Floats = new double[savedKinds.Length];
    }

    public ResumeLayout Layout { get; }

    /// <summary>The staging slot of each layout slot (the tracer wrote the greens, then the reds).</summary>
    public (RegisterKind Kind, int Slot)[] Writes { get; }

    public ValueKind[] SavedKinds { get; }

    /// <summary>Where the trace writes the saved values: value k at index k of its kind's array.</summary>
    public long[] Ints { get; }

    public object?[] Refs { get; }

    public double[] Floats { get; }

    /// <summary>The engine's version of the callee for this layout (a TracedLoop), or a marker that there is none.</summary>
    internal object? Entry;

    /// <summary>The array the trace writes saved values of <paramref name="kind"/> to.</summary>
    public object ArrayOf(ValueKind kind) => kind switch
    {
        ValueKind.Int => Ints,
        ValueKind.Float => Floats,
        _ => Refs,
    };

    private TraceValue Saved(int k) => SavedKinds[k] switch
    {
        ValueKind.Int => TraceValue.FromInt(Ints[k]),
        ValueKind.Float => TraceValue.FromFloat(Floats[k]),
        _ => TraceValue.FromRef(Refs[k]),
    };

    /// <summary>The saved values, read out of the arrays (their refs cleared: calls nest).</summary>
    public TraceValue[] TakeSaved()
    {
        var saved = new TraceValue[SavedKinds.Length];
        for (int k = 0; k < saved.Length; k++)
            saved[k] = Saved(k);
        Array.Clear(Refs);
        return saved;
    }

    /// <summary>The saved values as a trace's inputs in <paramref name="frame"/> (input k in slot k of its kind).</summary>
    public void LoadInto(Backend.JitFrame frame)
    {
        frame.EnsureCapacity(SavedKinds.Length);
        for (int k = 0; k < SavedKinds.Length; k++)
            frame.Set(k, SavedKinds[k], Saved(k));
        Array.Clear(Refs);
        frame.PendingException = null;
    }

    /// <summary>Allocates the objects the layout describes and writes every value to its staging slot.</summary>
    public void WriteStaging(JitDriverState staging)
    {
        var values = Resume.ResumeMaterializer.Materialize(Layout, TakeSaved());
        for (int i = 0; i < Writes.Length; i++)
            staging.Set(Writes[i].Kind, Writes[i].Slot, values[i]);
    }
}
