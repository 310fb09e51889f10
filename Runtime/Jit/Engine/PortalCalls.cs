// Calls of the portal from traces (PyPy's call_assembler): a trace that reaches a recursive call of the interpreter
// whose greens have compiled code, or that recurses into the function it is tracing from its start, does not inline
// the callee's interpretation. It writes the callee's greens and reds into the driver's staging state and calls one
// of the methods here; the engine copies them out at once (calls nest) and runs the portal from its merge point: the
// compiled trace of those greens (JitEngine.EnterPortal), or the portal's resume entry (translated code).
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
}
