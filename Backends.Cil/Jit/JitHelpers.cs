// The runtime side of compiled traces: the ops that are more than a few IL instructions (Python's floor
// division and modulo, shifts by a variable count), field access through a descriptor's delegates, and the
// errors of traces that cannot run. Called only from the IL that TraceOpEmitter writes.
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Managed.Ops;

namespace ClrPy.Backends.Cil.Jit;

public static class JitHelpers
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorDiv(long a, long b) => b == 0 ? DivisionByZero("integer division by zero") : NumberOps.IntFloorDiv(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorMod(long a, long b) => b == 0 ? DivisionByZero("integer modulo by zero") : NumberOps.IntMod(a, b);

    public static long LShift(long value, long count) => count < 0 ? NegativeShift(count) : NumberOps.IntLShift(value, count);

    public static long RShift(long value, long count) => count < 0 ? NegativeShift(count) : NumberOps.IntRShift(value, count);

    public static long UintRShift(long value, long count) => count < 0 ? NegativeShift(count) : (long)NumberOps.UintRShift((ulong)value, count);

    public static long ReadInt(FieldDescr field, object instance) => field.Read(instance).AsInt;

    public static double ReadFloat(FieldDescr field, object instance) => field.Read(instance).AsFloat;

    public static object? ReadRef(FieldDescr field, object instance) => field.Read(instance).AsRef;

    public static void WriteInt(FieldDescr field, object instance, long value) => field.Write(instance, TraceValue.FromInt(value));

    public static void WriteFloat(FieldDescr field, object instance, double value) => field.Write(instance, TraceValue.FromFloat(value));

    public static void WriteRef(FieldDescr field, object instance, object? value) => field.Write(instance, TraceValue.FromRef(value));

    public static object Create(ClassDescr cls) => cls.Create is { } create ? create()
        : throw new TraceExecutionException($"class {cls.Name} has no constructor");

    /// <summary>A call whose descriptor says it cannot raise left an exception pending: the trace is wrong.</summary>
    public static Exception UnexpectedRaise(CallDescr call)
    {
        var raised = Pending.Take();
        return new TraceExecutionException($"{call.Name} raised {raised?.GetType().Name}, but its descriptor says it cannot raise");
    }

    [DoesNotReturn]
    private static long DivisionByZero(string message) => throw new TraceExecutionException(message);

    [DoesNotReturn]
    private static long NegativeShift(long count) => throw new TraceExecutionException($"negative shift count {count}");
}

/// <summary>
/// One call op whose target is only a delegate (<see cref="TraceCallTarget"/>): compiled code stores the
/// arguments here, then calls; the raise convention (<c>ref raised</c>) becomes the trace's pending slot exactly
/// as in the trace interpreter. One per call op, reused by every iteration (not reentrant for the same op).
/// </summary>
public sealed class DelegateCallSite(CallDescr call)
{
    private readonly TraceValue[] _arguments = new TraceValue[call.ArgumentKinds.Length];

    public void SetInt(int index, long value) => _arguments[index] = TraceValue.FromInt(value);

    public void SetFloat(int index, double value) => _arguments[index] = TraceValue.FromFloat(value);

    public void SetRef(int index, object? value) => _arguments[index] = TraceValue.FromRef(value);

    public long CallInt(ref object? pending) => Call(ref pending).AsInt;

    public double CallFloat(ref object? pending) => Call(ref pending).AsFloat;

    public object? CallRef(ref object? pending) => Call(ref pending).AsRef;

    public void CallVoid(ref object? pending) => Call(ref pending);

    private TraceValue Call(ref object? pending)
    {
        object? raised = null;
        var result = call.Target(_arguments, ref raised);
        if (raised is not null && !call.CanRaise)
            throw new TraceExecutionException($"{call.Name} raised {raised.GetType().Name}, but its descriptor says it cannot raise");
        if (call.CanRaise)
            pending = raised;
        return result;
    }
}
