// The meta-interpreter: runs an interpreter's jitcodes on the translated program's real objects. While
// tracing it also records every operation into a trace (MetaInterpreter.Recording.cs); as the blackhole
// interpreter it only runs, from frames rebuilt after a guard failed, until the portal reaches its merge point
// or returns (an inner portal frame reaching its merge point finishes in translated code: ResumePortal).
// Made by the JIT engine for each trace and each guard failure.
using System.Diagnostics.CodeAnalysis;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Managed.Ops;

namespace ClrPy.Runtime.Jit.Tracing;

/// <summary>Why the meta-interpreter stopped.</summary>
public enum MetaStop : byte
{
    /// <summary>The portal frame reached its jit_merge_point: the greens and reds are in its registers.</summary>
    AtMergePoint,
    /// <summary>The portal returned (<see cref="MetaInterpreter.ReturnValue"/>) or raised (Pending.Exception).</summary>
    Returned,
    /// <summary>Tracing came back to the merge point with the greens it started from.</summary>
    LoopClosed,
}

/// <summary>An internal error of the JIT while running jitcodes (a malformed jitcode, an unsupported instruction).</summary>
public sealed class MetaInterpreterException(string message) : Exception(message);

public sealed partial class MetaInterpreter
{
    private readonly JitProgram _program;
    private readonly InstructionForm[] _forms;
    private readonly ClrDescrs _descrs;
    private readonly JitDriverDescriptor _driver;
    private readonly List<MetaFrame> _frames = [];
    private readonly TraceValue[] _arguments = new TraceValue[64];
    private readonly int[] _argumentBoxes = new int[64];

    public MetaInterpreter(JitProgram program, InstructionForm[] forms, ClrDescrs descrs, JitDriverDescriptor driver)
    {
        _program = program;
        _forms = forms;
        _descrs = descrs;
        _driver = driver;
    }

    /// <summary>The portal's result after <see cref="MetaStop.Returned"/> without an exception.</summary>
    public TraceValue ReturnValue { get; private set; }

    /// <summary>The frames, outermost (the portal) first.</summary>
    public IReadOnlyList<MetaFrame> Frames => _frames;

    public MetaFrame NewFrame(int codeIndex) => new(_program.Codes[codeIndex], codeIndex, Recording);

    public void PushFrame(MetaFrame frame) => _frames.Add(frame);

    /// <summary>Runs from the innermost frame's Pc; with <paramref name="raising"/>, first raises that exception there.</summary>
    public MetaStop Run(object? raising = null, int raisingBox = TraceValues.None)
    {
        if (raising is not null && Raise(raising, raisingBox, handlerAt: true) is { } stopped)
            return stopped;
        while (true)
        {
            var frame = _frames[^1];
            var code = frame.Code.Code;
            int at = frame.Pc;
            int pc = at + 1;
            var form = _forms[code[at]];
            CountStep();
            switch (form.Handler)
            {
                case Handler.Goto:
                    frame.Pc = code[pc];
                    continue;
                case Handler.GotoIfNot:
                {
                    int register = code[pc], target = code[pc + 1];
                    bool condition = frame.Registers[0][register].AsInt != 0;
                    if (Recording)
                        GuardCondition(frame, register, condition, otherBranch: condition ? target : pc + 2);
                    frame.Pc = condition ? pc + 2 : target;
                    continue;
                }
                case Handler.CatchException:
                    frame.Pc = pc + 1;
                    continue;
                case Handler.GotoIfExceptionMismatch:
                {
                    var cls = (JitClass)frame.Code.Descriptors[code[pc]]!;
                    frame.Pc = cls.Type.IsInstanceOfType(frame.Caught) ? pc + 2 : code[pc + 1];
                    continue;
                }
                case Handler.LastExcValue:
                    Set(frame, RegisterKind.Ref, code[pc], TraceValue.FromRef(frame.Caught), frame.CaughtBox);
                    frame.Pc = pc + 1;
                    continue;
                case Handler.Reraise:
                    if (Raise(frame.Caught!, frame.CaughtBox, handlerAt: false) is { } reraised)
                        return reraised;
                    continue;
                case Handler.Raise:
                    if (Raise(frame.Registers[1][code[pc]].AsRef!, Box(frame, RegisterKind.Ref, code[pc]), handlerAt: false) is { } raised)
                        return raised;
                    continue;
                case Handler.Return:
                {
                    var kind = Kind(form.ArgCodes[0]);
                    if (Return(frame.Registers[(int)kind][code[pc]], Box(frame, kind, code[pc])) is { } returned)
                        return returned;
                    continue;
                }
                case Handler.VoidReturn:
                    if (Return(default, TraceValues.None) is { } ended)
                        return ended;
                    continue;
                case Handler.Copy or Handler.Rename:
                {
                    var kind = Kind(form.ArgCodes[0]);
                    Set(frame, Kind(form.ArgCodes[^1]), code[pc + 1], frame.Registers[(int)kind][code[pc]], Box(frame, kind, code[pc]));
                    frame.Pc = pc + 2;
                    continue;
                }
                case Handler.Pure:
                    frame.Pc = Pure(frame, form, pc);
                    continue;
                case Handler.BoolNot or Handler.PtrIsNull or Handler.PtrNonNull:
                    frame.Pc = Test(frame, form, pc);
                    continue;
                case Handler.IntOvf:
                    if (Overflow(frame, form, pc) is { } overflowed)
                        return overflowed;
                    continue;
                case Handler.CastIntToChar:
                    if (IntToChar(frame, pc) is { } badChar)
                        return badChar;
                    continue;
                case Handler.New:
                    frame.Pc = New(frame, pc);
                    continue;
                case Handler.GetField:
                    frame.Pc = GetField(frame, form, pc);
                    continue;
                case Handler.SetField:
                    frame.Pc = SetField(frame, form, pc);
                    continue;
                case Handler.DirectCall or Handler.ResidualCall or Handler.ElidableCall or Handler.MethodCall:
                    if (Call(frame, form, at) is { } afterCall)
                        return afterCall;
                    continue;
                case Handler.IndirectCall:
                    throw Unsupported("calls through a function value (indirect_call)");
                case Handler.MergePoint:
                    if (_frames.Count == 1)
                    {
                        if (MergePoint(frame, pc) is { } stop)
                            return stop;
                    }
                    else if (!Recording && frame.Code.Descriptors[code[pc]] is JitDriverDescriptor { ResumeEntry: { } entry } inner
                        && inner.Portal.JitCode == frame.CodeIndex)
                    {
                        if (ResumePortal(frame, inner, entry) is { } left)
                            return left;
                        continue;
                    }
                    else if (Recording && frame.Code.Descriptors[code[pc]] is JitDriverDescriptor called
                        && called == _driver && called.Portal.JitCode == frame.CodeIndex)
                    {
                        // an inlined portal frame's greens are constants from its merge point on, as the outer
                        // frame's are (PyPy promotes a recursive call's greens): its dispatch folds away
                        PromoteGreens(frame, called);
                        bool loopHeader = frame.AtLoopHeader;
                        bool start = !frame.PassedMergePoint;
                        frame.PassedMergePoint = true;
                        frame.AtLoopHeader = false;
                        if ((start || loopHeader) && CallPortal(frame, called, loopHeader, out var afterPortalCall))
                        {
                            if (afterPortalCall is { } raisedOut)
                                return raisedOut;
                            continue;
                        }
                    }
                    frame.Pc = SkipLists(frame, pc + 1);
                    continue;
                case Handler.CanEnterJit:
                    _afterCanEnterJit = Recording && _frames.Count == 1;
                    frame.AtLoopHeader = Recording && _frames.Count > 1;
                    frame.Pc = SkipLists(frame, pc + 1);
                    continue;
                case Handler.Promote:
                {
                    var kind = Kind(form.ArgCodes[0]);
                    var value = frame.Registers[(int)kind][code[pc]];
                    int box = Recording ? PromoteBox(frame, kind, code[pc], value) : TraceValues.None;
                    Set(frame, kind, code[pc + 1], value, box);
                    frame.Pc = pc + 2;
                    continue;
                }
                case Handler.WeAreJitted:
                    Set(frame, RegisterKind.Int, code[pc], TraceValue.FromInt(Recording ? 1 : 0), Recording ? _trace!.ConstInt(1) : TraceValues.None);
                    frame.Pc = pc + 1;
                    continue;
                default:
                    throw Unsupported(_program.Instructions[code[at]].Key);
            }
        }
    }

    private static RegisterKind Kind(char letter) => letter switch
    {
        'i' => RegisterKind.Int,
        'r' => RegisterKind.Ref,
        _ => RegisterKind.Float,
    };

    private void Set(MetaFrame frame, RegisterKind kind, int register, TraceValue value, int box)
    {
        frame.Registers[(int)kind][register] = value;
        if (Recording)
            frame.Boxes[(int)kind][register] = box;
    }

    /// <summary>A pure operation: one or two registers, then the result register.</summary>
    private int Pure(MetaFrame frame, InstructionForm form, int pc)
    {
        var code = frame.Code.Code;
        var a = frame.Registers[(int)Kind(form.ArgCodes[0])][code[pc]];
        bool binary = form.ArgCodes[1] != '>';
        var b = binary ? frame.Registers[(int)Kind(form.ArgCodes[1])][code[pc + 1]] : default;
        if (!FoldRules.TryEvaluate(form.TraceOp, a, b, out var result))
            Fail($"{TraceOpcodes.Name(form.TraceOp)} has no value for these operands");
        int resultAt = pc + (binary ? 2 : 1);
        int box = TraceValues.None;
        if (Recording)
        {
            int boxA = Box(frame, Kind(form.ArgCodes[0]), code[pc]);
            box = binary
                ? RecordPure(form.TraceOp, result, boxA, Box(frame, Kind(form.ArgCodes[1]), code[pc + 1]))
                : RecordPure(form.TraceOp, result, boxA);
        }
        Set(frame, Kind(form.ArgCodes[^1]), code[resultAt], result, box);
        return resultAt + 1;
    }

    /// <summary>bool_not, ptr_is_null, ptr_nonnull: int_is_zero and pointer comparisons with null in the trace.</summary>
    private int Test(MetaFrame frame, InstructionForm form, int pc)
    {
        var code = frame.Code.Code;
        var kind = Kind(form.ArgCodes[0]);
        var value = frame.Registers[(int)kind][code[pc]];
        bool result = form.Handler switch
        {
            Handler.BoolNot => value.AsInt == 0,
            Handler.PtrIsNull => value.AsRef is null,
            _ => value.AsRef is not null,
        };
        var word = TraceValue.FromInt(result ? 1 : 0);
        int box = TraceValues.None;
        if (Recording)
        {
            int operand = Box(frame, kind, code[pc]);
            box = form.Handler == Handler.BoolNot
                ? RecordPure(TraceOpcode.IntIsZero, word, operand)
                : RecordPure(form.Handler == Handler.PtrIsNull ? TraceOpcode.PtrEq : TraceOpcode.PtrNe, word, operand, _trace!.ConstRef(null));
        }
        Set(frame, RegisterKind.Int, code[pc + 1], word, box);
        return pc + 2;
    }

    private MetaStop? Overflow(MetaFrame frame, InstructionForm form, int pc)
    {
        var code = frame.Code.Code;
        long a = frame.Registers[0][code[pc]].AsInt, b = frame.Registers[0][code[pc + 1]].AsInt;
        long result = form.TraceOp switch
        {
            TraceOpcode.IntAddOvf => NumberOps.IntAddOvf(a, b),
            TraceOpcode.IntSubOvf => NumberOps.IntSubOvf(a, b),
            _ => NumberOps.IntMulOvf(a, b),
        };
        if (Pending.Take() is { } overflow)
        {
            if (Recording)
                Abort(TraceAbort.Overflowed);
            frame.Pc = pc + 3;
            return Raise(overflow, TraceValues.None, handlerAt: true);
        }
        int box = Recording ? RecordOverflow(frame, form.TraceOp, result, code[pc], code[pc + 1], pc) : TraceValues.None;
        Set(frame, RegisterKind.Int, code[pc + 2], TraceValue.FromInt(result), box);
        frame.Pc = pc + 3;
        return null;
    }

    private MetaStop? IntToChar(MetaFrame frame, int pc)
    {
        var code = frame.Code.Code;
        char result = NumberOps.CastIntToChar(frame.Registers[0][code[pc]].AsInt);
        frame.Pc = pc + 2;
        if (Pending.Take() is { } error)
        {
            if (Recording)
                Abort(TraceAbort.Unsupported);
            return Raise(error, TraceValues.None, handlerAt: true);
        }
        int box = Recording ? GuardedChar(frame, code[pc], pc - 1) : TraceValues.None;
        Set(frame, RegisterKind.Int, code[pc + 1], TraceValue.FromInt(result), box);
        return null;
    }

    private int New(MetaFrame frame, int pc)
    {
        var code = frame.Code.Code;
        var cls = (JitClass)frame.Code.Descriptors[code[pc]]!;
        var instance = Construct(cls);
        Set(frame, RegisterKind.Ref, code[pc + 1], TraceValue.FromRef(instance), Recording ? RecordNew(cls, instance) : TraceValues.None);
        return pc + 2;
    }

    public static object Construct(JitClass cls)
    {
        var constructor = cls.Constructor ?? throw new MetaInterpreterException($"class {cls.Name} cannot be instantiated");
        return constructor.GetParameters().Length == 1 ? constructor.Invoke([""]) : constructor.Invoke(null);
    }

    private int GetField(MetaFrame frame, InstructionForm form, int pc)
    {
        var code = frame.Code.Code;
        var field = (JitField)frame.Code.Descriptors[code[pc]]!;
        var instance = frame.Registers[1][code[pc + 1]].AsRef ?? throw new MetaInterpreterException($"getfield {field.Name} of None");
        var value = TraceClrTypes.FromClr(field.Field.GetValue(instance), field.Field.FieldType);
        var kind = Kind(form.ArgCodes[^1]);
        int box = Recording ? RecordGetField(field, Box(frame, RegisterKind.Ref, code[pc + 1]), value) : TraceValues.None;
        Set(frame, kind, code[pc + 2], value, box);
        return pc + 3;
    }

    private int SetField(MetaFrame frame, InstructionForm form, int pc)
    {
        var code = frame.Code.Code;
        var field = (JitField)frame.Code.Descriptors[code[pc]]!;
        var instance = frame.Registers[1][code[pc + 1]].AsRef ?? throw new MetaInterpreterException($"setfield {field.Name} of None");
        var kind = Kind(form.ArgCodes[^1]);
        var value = frame.Registers[(int)kind][code[pc + 2]];
        field.Field.SetValue(instance, TraceClrTypes.ToClr(value, field.Field.FieldType));
        if (Recording)
            RecordSetField(field, Box(frame, RegisterKind.Ref, code[pc + 1]), Box(frame, kind, code[pc + 2]));
        return pc + 3;
    }

    /// <summary>Skips the I, R, F register lists of a merge point or can_enter_jit.</summary>
    private static int SkipLists(MetaFrame frame, int pc)
    {
        var code = frame.Code.Code;
        for (int list = 0; list < 3; list++)
            pc += 1 + code[pc];
        return pc;
    }

    /// <summary>Unwinds to the nearest handler. <paramref name="handlerAt"/>: the frame's Pc is just after the raising
    /// operation, where a catch_exception may follow; otherwise the exception leaves the frame at once.</summary>
    private MetaStop? Raise(object exception, int box, bool handlerAt)
    {
        while (true)
        {
            var frame = _frames[^1];
            var code = frame.Code.Code;
            if (handlerAt && frame.Pc < code.Length && _forms[code[frame.Pc]].Handler == Handler.CatchException)
            {
                frame.Caught = exception;
                frame.CaughtBox = box;
                frame.Pc = code[frame.Pc + 1];
                return null;
            }
            _frames.RemoveAt(_frames.Count - 1);
            if (_frames.Count == 0)
            {
                if (Recording)
                    Abort(TraceAbort.PortalRaised);
                Pending.Exception = (PyBaseException)exception;
                return MetaStop.Returned;
            }
            handlerAt = true;
        }
    }

    private MetaStop? Return(TraceValue value, int box)
    {
        var callee = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (_frames.Count == 0)
        {
            // a bridge (or a trace from the portal's start) may end with the portal returning: finish(result) hands
            // the result to the engine, which returns it from the portal; a loop's trace must come around
            if (Recording && !_mayReturn)
                Abort(TraceAbort.PortalReturned);
            else if (Recording)
                _trace!.Op(TraceOpcode.Finish, box == TraceValues.None ? [] : [box]);
            ReturnValue = value;
            return MetaStop.Returned;
        }
        if (callee.ResultRegister >= 0)
            Set(_frames[^1], callee.ResultKind, callee.ResultRegister, value, box);
        return null;
    }

    [DoesNotReturn]
    private static void Fail(string message) => throw new MetaInterpreterException(message);

    private static MetaInterpreterException Unsupported(string what) => new($"the JIT cannot run {what}");
}
