// Calls in the meta-interpreter: while tracing, a call of a function with a jitcode is inlined (a new frame),
// a method call first guards the receiver's class; everything else (residual calls, operation helpers,
// elidable functions, and every call made by the blackhole interpreter) runs the translated method itself,
// through its call descriptor (the trace interpreter's reference path).
// The blackhole interpreter also hands inner portal frames back to translated code at their merge point.
using System.Reflection;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Tracing;

public sealed partial class MetaInterpreter
{
    /// <summary>Functions the tracer calls instead of inlining (they made a trace too long).</summary>
    public HashSet<JitFunction> NotInlinable { get; init; } = new(ReferenceEqualityComparer.Instance);

    private MetaStop? Call(MetaFrame frame, InstructionForm form, int at)
    {
        var code = frame.Code.Code;
        int pc = at + 1;
        object? descriptor = frame.Code.Descriptors[code[pc++]];
        int intList = pc;
        pc += 1 + code[pc];
        int refList = pc;
        pc += 1 + code[pc];
        int floatList = pc;
        pc += 1 + code[pc];
        bool hasResult = form.ArgCodes.Length >= 2 && form.ArgCodes[^2] == '>';
        var resultKind = hasResult ? Kind(form.ArgCodes[^1]) : RegisterKind.Int;
        int resultRegister = hasResult ? code[pc++] : -1;
        int next = pc;

        JitFunction target;
        if (form.Handler == Handler.MethodCall)
        {
            var slot = (JitMethodSlot)descriptor!;
            var receiver = frame.Registers[1][code[refList + 1]].AsRef ?? throw new MetaInterpreterException($"method {slot.Name} called on None");
            target = slot.ImplementationFor(receiver.GetType())
                ?? throw new MetaInterpreterException($"no implementation of {slot.Name} for {receiver.GetType().Name}");
            if (Recording)
                GuardClass(frame, Box(frame, RegisterKind.Ref, code[refList + 1]), receiver.GetType(), resumePc: at);
        }
        else
            target = (JitFunction)descriptor!;

        var call = _descrs.Call(target);
        var kinds = call.ArgumentKinds;
        if (kinds.Length > _arguments.Length)
            Fail($"{target.Name} takes {kinds.Length} arguments, more than the JIT handles");
        Span<int> taken = stackalloc int[3];
        for (int i = 0; i < kinds.Length; i++)
        {
            var kind = (RegisterKind)KindIndex(kinds[i]);
            int list = kind switch { RegisterKind.Int => intList, RegisterKind.Ref => refList, _ => floatList };
            int register = code[list + 1 + taken[(int)kind]++];
            _arguments[i] = frame.Registers[(int)kind][register];
            _argumentBoxes[i] = Recording ? Box(frame, kind, register) : TraceValues.None;
        }

        if (Recording && form.Handler is Handler.DirectCall or Handler.MethodCall && target.JitCode >= 0
            && !target.Has(JitFunctionFlags.DontLookInside) && !NotInlinable.Contains(target))
        {
            Inline(frame, target, kinds.Length, resultKind, resultRegister, next);
            return null;
        }

        object? raised = null;
        var result = call.Target(_arguments.AsSpan(0, kinds.Length), ref raised);
        frame.Pc = next;
        int resultBox = TraceValues.None;
        int exceptionBox = TraceValues.None;
        if (Recording && (raised is not null || !TryRecordHelper(at, target, kinds.Length, result, out resultBox)))
            resultBox = RecordCall(frame, call, form.Handler == Handler.ElidableCall, kinds.Length, result, raised,
                resultKind, resultRegister, out exceptionBox);
        if (raised is not null)
            return Raise(raised, exceptionBox, handlerAt: true);
        if (resultRegister >= 0)
            Set(frame, resultKind, resultRegister, result, resultBox);
        return null;
    }

    private void Inline(MetaFrame caller, JitFunction target, int argumentCount, RegisterKind resultKind, int resultRegister, int next)
    {
        var callee = NewFrame(target.JitCode);
        var parameters = callee.Code.Parameters;
        if (parameters.Count != argumentCount)
            Fail($"the jitcode of {target.Name} takes {parameters.Count} parameters, its method {argumentCount}");
        for (int i = 0; i < argumentCount; i++)
        {
            var (kind, register) = parameters[i];
            callee.Registers[(int)kind][register] = _arguments[i];
            callee.Boxes[(int)kind][register] = _argumentBoxes[i];
        }
        callee.ResultKind = resultKind;
        callee.ResultRegister = resultRegister;
        caller.Pc = next;
        _frames.Add(callee);
        EnteredFunction(target);
    }

    /// <summary>
    /// Tracing, an inlined call of the portal (a recursive call of the interpreter) reached its merge point: when its
    /// greens have compiled code, or are the greens this trace started from at a call's start (the function recursing
    /// into itself), or the merge point is a loop header of the inlined frame (<paramref name="loopHeader"/>: a loop
    /// of the callee would otherwise be unrolled into this trace, as PyPy avoids too), the call is not inlined further
    /// but recorded as a portal call (PyPy's call_assembler): the callee's greens (guarded constant) and reds are
    /// written to the driver's staging state and PortalCalls runs the portal from its merge point, now and whenever
    /// the trace runs. False: go on inlining.
    /// </summary>
    private bool CallPortal(MetaFrame callee, JitDriverDescriptor driver, bool loopHeader, out MetaStop? stop)
    {
        stop = null;
        if (driver.ResumeEntry is null || _frames.Count < 2)
            return false;
        var variables = driver.Variables;
        var greens = GreensAt(callee);
        bool recursion = _mayReturn && greens.AsSpan().SequenceEqual(_startGreens);
        if (!loopHeader && !recursion && FindLoop?.Invoke(greens) is null)
            return false;
        var staging = PortalCalls.StagingOf(driver);
        for (int position = 0; position < variables.Length; position++)
        {
            var kind = variables[position].Kind;
            int register = MergePointRegister(callee, kind, driver.Slots[position]);
            var value = callee.Registers[(int)kind][register];
            int box = Box(callee, kind, register); // the greens are constants already (PromoteGreens)
            int slot = driver.Slots[position];
            (object array, ArrayDescr descr) = kind switch
            {
                RegisterKind.Int => ((object)staging.Ints, PortalCalls.IntSlots),
                RegisterKind.Ref => (staging.Refs, PortalCalls.RefSlots),
                _ => (staging.Floats, PortalCalls.FloatSlots),
            };
            _trace!.Op(TraceOpcode.SetarrayitemGc, descr, _trace.ConstRef(array), _trace.ConstInt(slot), box);
            staging.Set(kind, slot, value);
        }
        _frames.RemoveAt(_frames.Count - 1);
        var caller = _frames[^1];
        var returnType = driver.Portal.Method.ReturnType;
        var call = PortalCalls.CallOf(returnType == typeof(void) ? ValueKind.Void : TraceClrTypes.KindOf(returnType));
        var target = new PortalTarget();
        _arguments[0] = TraceValue.FromRef(staging);
        _argumentBoxes[0] = _trace!.ConstRef(staging);
        _arguments[1] = TraceValue.FromRef(target);
        _argumentBoxes[1] = _trace.ConstRef(target);
        object? raised = null;
        var result = call.Target(_arguments.AsSpan(0, 2), ref raised);
        int resultBox = RecordCall(caller, call, elidableSite: false, 2, result, raised, callee.ResultKind, callee.ResultRegister, out int exceptionBox);
        if (raised is not null)
            stop = Raise(raised, exceptionBox, handlerAt: true);
        else if (callee.ResultRegister >= 0)
            Set(caller, callee.ResultKind, callee.ResultRegister, result, resultBox);
        return true;
    }

    /// <summary>Where portal resumes are counted, and the translated code they run is timed as the interpreter's.</summary>
    public JitLog? Log { get; init; }

    /// <summary>
    /// Blackholing, an inner frame of a portal (a recursive call of the interpreter rebuilt from resume data) reached
    /// its merge point: as PyPy does, the rest of that frame runs in the portal's resume entry, translated code with
    /// the JIT active in it, instead of in jitcodes here; what it returns or raises is what the frame returns or raises.
    /// </summary>
    private MetaStop? ResumePortal(MetaFrame frame, JitDriverDescriptor driver, MethodInfo entry)
    {
        var state = driver.NewState();
        WriteMergePoint(frame, driver, state);
        Log?.PortalResumed();
        object? result;
        using (Log?.Interpreting() ?? default)
            result = entry.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [state], null);
        if (Pending.Take() is { } raised)
            return Raise(raised, TraceValues.None, handlerAt: false);
        return Return(entry.ReturnType == typeof(void) ? default : TraceClrTypes.FromClr(result, entry.ReturnType), TraceValues.None);
    }

    private static int KindIndex(ValueKind kind) => kind switch
    {
        ValueKind.Int => (int)RegisterKind.Int,
        ValueKind.Float => (int)RegisterKind.Float,
        _ => (int)RegisterKind.Ref,
    };
}
