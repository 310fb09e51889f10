// The tracer's half of the meta-interpreter: how a trace starts at a merge point (reds become inputs, greens
// constants), what each operation records (constant operands fold; known classes and immutable fields of
// constant objects need no op), the guards with their resume data, closing the loop, and aborting (after which
// the same frames simply run on as the blackhole interpreter).
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Jit.Resume;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Tracing;

public sealed partial class MetaInterpreter
{
    private TraceBuilder? _trace;
    private bool _skipMergePoint;
    /// <summary>Whether the trace may end with the portal returning (bridges do, loops must close).</summary>
    private bool _mayReturn;
    private TraceValue[] _startGreens = [];
    private readonly List<ResumeData> _resumes = [];
    private readonly Dictionary<int, Type> _knownClasses = [];
    private readonly Dictionary<JitFunction, int> _inlinedSizes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MetaFrame, int> _frameStarts = new(ReferenceEqualityComparer.Instance);
    private int _traceLimit = int.MaxValue;
    /// <summary>
    /// Lists read from `[*]` immutable fields of constant objects: their items and length never change. The engine
    /// shares one table between its traces, so a bridge that finds such a list in a register (not read from its
    /// field in this trace) still folds its items; weak, so it keeps no list alive.
    /// </summary>
    public System.Runtime.CompilerServices.ConditionalWeakTable<object, object> ImmutableContainers { get; init; } = [];

    public bool Recording => _trace is not null;

    /// <summary>Why tracing stopped before closing the loop; null while tracing or after success.</summary>
    public TraceAbort? AbortReason { get; private set; }

    /// <summary>After an abort for trace length: the inlined function that recorded the most operations.</summary>
    public JitFunction? BiggestCallee { get; private set; }

    /// <summary>The resume data of each guard of the trace, by FailDescr.Index.</summary>
    public IReadOnlyList<ResumeData> Resumes => _resumes;

    public LoopToken? Token { get; private set; }

    /// <summary>Starts tracing at the driver's merge point with the greens and reds in <paramref name="state"/>; with
    /// <paramref name="mayReturn"/> (a trace from the portal's entry) the trace may end with the portal returning.</summary>
    public void BeginLoop(JitDriverState state, LoopToken token, int traceLimit, bool mayReturn = false)
    {
        _trace = new TraceBuilder();
        _seenGreens.Clear();
        _offsets.Clear();
        _virtualizableLists.Clear();
        _afterCanEnterJit = false;
        _traceLimit = traceLimit;
        Token = token;
        var portal = NewFrame(_driver.Portal.JitCode);
        portal.Pc = _driver.MergePointOffset;
        _frames.Clear();
        _frames.Add(portal);
        var variables = _driver.Variables;
        _startGreens = new TraceValue[_driver.Greens.Length];
        var reds = new List<int>();
        for (int position = 0; position < variables.Length; position++)
        {
            var kind = variables[position].Kind;
            int slot = _driver.Slots[position];
            var value = kind switch
            {
                RegisterKind.Int => TraceValue.FromInt(state.Ints[slot]),
                RegisterKind.Ref => TraceValue.FromRef(state.Refs[slot]),
                _ => TraceValue.FromFloat(state.Floats[slot]),
            };
            int register = MergePointRegister(portal, kind, slot);
            portal.Registers[(int)kind][register] = value;
            if (position < _driver.Greens.Length)
            {
                _startGreens[position] = value;
                portal.Boxes[(int)kind][register] = Constant(kind, value);
            }
            else
            {
                int input = _trace.Input(ValueKindOf(kind));
                portal.Boxes[(int)kind][register] = input;
                reds.Add(input);
            }
        }
        _trace.Op(TraceOpcode.Label, token, [.. reds]);
        _skipMergePoint = true;
        _mayReturn = mayReturn;
        if (WantLocations)
            NoteLocation(_startGreens);
    }

    /// <summary>
    /// Starts tracing a bridge from a failing guard: its inputs are the guard's fail arguments (of the given kinds),
    /// the frames are rebuilt from the resume data, and the trace ends at the first merge point of the portal whose
    /// greens <see cref="FindLoop"/> knows a loop for, with a jump to it.
    /// </summary>
    public void BeginBridge(ResumeData resume, ReadOnlySpan<TraceValue> failValues, ReadOnlySpan<ValueKind> failKinds, int traceLimit)
    {
        _trace = new TraceBuilder();
        _seenGreens.Clear();
        _offsets.Clear();
        _virtualizableLists.Clear();
        _afterCanEnterJit = false;
        _traceLimit = traceLimit;
        Token = null;
        var inputs = new int[failKinds.Length];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = _trace.Input(failKinds[i]);
        RebuildFrames(resume, failValues, inputs);
        _skipMergePoint = false;
        _mayReturn = true;
        _startGreens = [];
    }

    /// <summary>Whether to note get_printable_location's text at each merge point passed (for the logs: it runs user code).</summary>
    public bool WantLocations { get; init; }

    /// <summary>The location the interpreter was at from each op index on (for the logs).</summary>
    public List<(int OpIndex, string Location)> Locations { get; } = [];

    private void NoteLocation(ReadOnlySpan<TraceValue> greens) =>
        Locations.Add((_trace!.OpCount, PrintableLocation(greens) ?? PlainLocation(greens)));

    /// <summary>get_printable_location's text for these greens; null without one, or when it raises or returns None:
    /// it is the program's code, run for the logs only, and must neither break the JIT nor change what the program sees.</summary>
    private string? PrintableLocation(ReadOnlySpan<TraceValue> greens)
    {
        if (_driver.PrintableLocation is not { } printable)
            return null;
        var parameters = printable.GetParameters();
        var arguments = new object?[parameters.Length];
        for (int i = 0; i < arguments.Length && i < greens.Length; i++)
            arguments[i] = TraceClrTypes.ToClr(greens[i], parameters[i].ParameterType);
        var pending = Managed.Pending.Exception;
        Managed.Pending.Exception = null;
        try
        {
            var text = printable.Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, arguments, null);
            return Managed.Pending.Exception is not null ? null : text switch
            {
                string str => str,
                char character => character.ToString(),
                _ => null,
            };
        }
        catch (Exception)
        {
            return null; // a CLR exception out of the program's code (a bug in it, or in its translation)
        }
        finally
        {
            Managed.Pending.Exception = pending;
        }
    }

    private string PlainLocation(ReadOnlySpan<TraceValue> greens)
    {
        var parts = new string[greens.Length];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = _driver.Greens[i].Name + "=" + greens[i];
        return string.Join(", ", parts);
    }

    /// <summary>A trace's text with a `# location` line before the ops recorded at each location.</summary>
    public string Annotate(string traceText)
    {
        if (Locations.Count == 0)
            return traceText;
        var lines = traceText.Split('\n');
        var text = new System.Text.StringBuilder();
        int next = 0;
        for (int line = 0; line < lines.Length; line++)
        {
            // line 0 lists the inputs; line k + 1 is op k
            while (line > 0 && next < Locations.Count && Locations[next].OpIndex <= line - 1)
                text.Append("# ").Append(Locations[next++].Location).Append('\n');
            text.Append(lines[line]);
            if (line < lines.Length - 1)
                text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>While tracing: the loop to jump to from a merge point with these greens, or null to trace on.</summary>
    public Func<ReadOnlySpan<TraceValue>, LoopToken?>? FindLoop { get; set; }

    /// <summary>While tracing: whether a loop may still be traced from these greens (not blacklisted); a trace
    /// that comes to such greens a second time stops there (<see cref="TraceAbort.InnerLoop"/>).</summary>
    public Func<ReadOnlySpan<TraceValue>, bool>? MayTraceLoop { get; set; }

    /// <summary>After an <see cref="TraceAbort.InnerLoop"/> abort: the greens of the loop the trace went around.</summary>
    public TraceValue[]? InnerLoopGreens { get; private set; }

    private readonly HashSet<TraceValue[]> _seenGreens = new(GreenKeyComparer.Instance);

    /// <summary>The portal passed can_enter_jit since its last merge point: the next one is a loop header.</summary>
    private bool _afterCanEnterJit;

    /// <summary>The recorded trace (after <see cref="MetaStop.LoopClosed"/>).</summary>
    public TraceIr BuildTrace() => (_trace ?? throw new InvalidOperationException("not tracing")).Build();

    /// <summary>Rebuilds the frames a failing guard describes, to run on as the blackhole interpreter.</summary>
    public void BeginResume(ResumeData resume, ReadOnlySpan<TraceValue> failValues)
    {
        _trace = null;
        RebuildFrames(resume, failValues, []);
    }

    /// <summary>Makes the frames of resume data; while recording, register boxes are the given inputs (by fail argument) or constants.</summary>
    private void RebuildFrames(ResumeData resume, ReadOnlySpan<TraceValue> failValues, ReadOnlySpan<int> inputs)
    {
        _frames.Clear();
        foreach (var saved in resume.Frames)
        {
            var frame = NewFrame(saved.CodeIndex);
            frame.Pc = saved.Pc;
            frame.ResultKind = saved.ResultKind;
            frame.ResultRegister = saved.ResultRegister;
            for (int kind = 0; kind < 3; kind++)
            {
                foreach (var slot in saved.Registers[kind])
                {
                    frame.Registers[kind][slot.Register] = slot.FailArg < 0 ? slot.Constant : failValues[slot.FailArg];
                    if (Recording)
                        frame.Boxes[kind][slot.Register] = slot.FailArg < 0 ? Constant((RegisterKind)kind, slot.Constant) : inputs[slot.FailArg];
                }
            }
            _frames.Add(frame);
        }
    }

    /// <summary>Copies the portal's greens and reds at its merge point into the driver's exchange area.</summary>
    public void WriteMergePoint(JitDriverState state) => WriteMergePoint(_frames[0], _driver, state);

    /// <summary>Copies the greens and reds of a portal frame at its merge point into a state of its driver's shape.</summary>
    private static void WriteMergePoint(MetaFrame portal, JitDriverDescriptor driver, JitDriverState state)
    {
        var variables = driver.Variables;
        for (int position = 0; position < variables.Length; position++)
        {
            var kind = variables[position].Kind;
            int slot = driver.Slots[position];
            state.Set(kind, slot, portal.Registers[(int)kind][MergePointRegister(portal, kind, slot)]);
        }
    }

    /// <summary>The register the merge point at the frame's Pc lists in slot <paramref name="slot"/> of a kind.</summary>
    private static int MergePointRegister(MetaFrame portal, RegisterKind kind, int slot)
    {
        var code = portal.Code.Code;
        int list = portal.Pc + 2;
        for (int k = 0; k < (int)kind; k++)
            list += 1 + code[list];
        if (slot >= code[list])
            Fail($"the merge point lists {code[list]} {kind} registers, the driver needs slot {slot}");
        return code[list + 1 + slot];
    }

    private MetaStop? MergePoint(MetaFrame portal, int pc)
    {
        if (_skipMergePoint)
        {
            _skipMergePoint = false;
            return null;
        }
        if (!Recording)
            return MetaStop.AtMergePoint;
        bool atLoopHeader = _afterCanEnterJit;
        _afterCanEnterJit = false;
        var variables = _driver.Variables;
        var greens = GreensAt(portal);
        for (int position = 0; position < greens.Length; position++)
        {
            var kind = variables[position].Kind;
            int register = MergePointRegister(portal, kind, _driver.Slots[position]);
            // greens are constants in a trace, as PyPy's codewriter promotes them: a green computed from reds (a pc read
            // from a jump table in a bridge) is guarded to its value here, and a failing guard resumes at this merge point
            portal.Boxes[(int)kind][register] = PromoteBox(portal, kind, register, greens[position]);
        }
        if (WantLocations)
            NoteLocation(greens);
        LoopToken target;
        if (Token is not null && greens.AsSpan().SequenceEqual(_startGreens))
            target = Token;
        else
        {
            // a bridge ends where a loop starts; so does a loop's trace reaching another loop (an inner loop already
            // compiled is entered, not unrolled into this trace, as PyPy does)
            if (FindLoop?.Invoke(greens) is not { } found)
            {
                // only greens a can_enter_jit led to start loops
                if (!atLoopHeader || _seenGreens.Add(greens) || MayTraceLoop?.Invoke(greens) != true)
                    return null;
                // around an inner loop: PyPy would compile a loop from here; the engine traces it on its own instead
                InnerLoopGreens = greens;
                Abort(TraceAbort.InnerLoop);
                return MetaStop.AtMergePoint;
            }
            target = found;
            Token ??= found;
        }
        var jumpArgs = new int[_driver.Reds.Length];
        for (int position = _driver.Greens.Length; position < variables.Length; position++)
        {
            var kind = variables[position].Kind;
            int register = MergePointRegister(portal, kind, _driver.Slots[position]);
            jumpArgs[position - _driver.Greens.Length] = Box(portal, kind, register);
        }
        _trace!.Op(TraceOpcode.Jump, target, jumpArgs);
        return MetaStop.LoopClosed;
    }

    /// <summary>Makes the greens of an inlined portal frame at its merge point constants (guard_value on the ones
    /// that are not yet).</summary>
    private void PromoteGreens(MetaFrame portal, JitDriverDescriptor driver)
    {
        for (int position = 0; position < driver.Greens.Length; position++)
        {
            var kind = driver.Variables[position].Kind;
            int register = MergePointRegister(portal, kind, driver.Slots[position]);
            if (!portal.IsConstantRegister(kind, register))
                portal.Boxes[(int)kind][register] = PromoteBox(portal, kind, register, portal.Registers[(int)kind][register]);
        }
    }

    /// <summary>The values of the driver's greens in a portal frame at its merge point.</summary>
    private TraceValue[] GreensAt(MetaFrame portal)
    {
        var greens = new TraceValue[_driver.Greens.Length];
        for (int position = 0; position < greens.Length; position++)
        {
            var kind = _driver.Variables[position].Kind;
            greens[position] = portal.Registers[(int)kind][MergePointRegister(portal, kind, _driver.Slots[position])];
        }
        return greens;
    }

    private void CountStep()
    {
        if (Recording && _trace!.OpCount > _traceLimit)
        {
            BiggestCallee = Biggest();
            Abort(TraceAbort.TooLong);
        }
    }

    private void Abort(TraceAbort reason)
    {
        AbortReason ??= reason;
        _trace = null;
    }

    private void EnteredFunction(JitFunction function) => _frameStarts[_frames[^1]] = _trace!.OpCount;

    /// <summary>The inlined function with the most recorded operations, counting the frames still open.</summary>
    private JitFunction? Biggest()
    {
        foreach (var (frame, start) in _frameStarts)
        {
            var function = FunctionOf(frame);
            if (function is not null)
                _inlinedSizes[function] = Math.Max(_inlinedSizes.GetValueOrDefault(function), _trace!.OpCount - start);
        }
        JitFunction? biggest = null;
        int size = -1;
        foreach (var (function, recorded) in _inlinedSizes)
        {
            if (recorded > size)
                (biggest, size) = (function, recorded);
        }
        return biggest;
    }

    private readonly Dictionary<int, JitFunction> _functionsByCode = [];

    private JitFunction? FunctionOf(MetaFrame frame)
    {
        if (_functionsByCode.Count == 0)
        {
            foreach (var code in _program.Codes)
            {
                foreach (var descriptor in code.Descriptors)
                {
                    if (descriptor is JitFunction { JitCode: >= 0 } function)
                        _functionsByCode.TryAdd(function.JitCode, function);
                    else if (descriptor is JitMethodSlot slot)
                    {
                        foreach (var (_, implementation) in slot.Implementations)
                        {
                            if (implementation.JitCode >= 0)
                                _functionsByCode.TryAdd(implementation.JitCode, implementation);
                        }
                    }
                }
            }
        }
        return _functionsByCode.GetValueOrDefault(frame.CodeIndex);
    }

    /// <summary>The trace value of a register: recorded when written; a constant register's value on first read.</summary>
    private int Box(MetaFrame frame, RegisterKind kind, int register)
    {
        if (!Recording)
            return TraceValues.None;
        int box = frame.Boxes[(int)kind][register];
        if (box != TraceValues.None)
            return box;
        if (!frame.IsConstantRegister(kind, register))
            Fail($"{frame.Code.Name}: register {kind} {register} read before it was written");
        return frame.Boxes[(int)kind][register] = Constant(kind, frame.Registers[(int)kind][register]);
    }

    private int Constant(RegisterKind kind, TraceValue value) => kind switch
    {
        RegisterKind.Int => _trace!.ConstInt(value.AsInt),
        RegisterKind.Ref => _trace!.ConstRef(value.AsRef),
        _ => _trace!.ConstFloat(value.AsFloat),
    };

    private int ConstantOfKind(ValueKind kind, TraceValue value) => kind switch
    {
        ValueKind.Int => _trace!.ConstInt(value.AsInt),
        ValueKind.Float => _trace!.ConstFloat(value.AsFloat),
        _ => _trace!.ConstRef(value.AsRef),
    };

    private static ValueKind ValueKindOf(RegisterKind kind) => kind switch
    {
        RegisterKind.Int => ValueKind.Int,
        RegisterKind.Ref => ValueKind.Ref,
        _ => ValueKind.Float,
    };

    private int RecordPure(TraceOpcode opcode, TraceValue result, int a, int b = TraceValues.None)
    {
        bool constant = TraceValues.IsConstant(a) && (b == TraceValues.None || TraceValues.IsConstant(b));
        if (constant)
            return ConstantOfKind(TraceOpcodes.Info(opcode).Result, result);
        if (opcode is TraceOpcode.IntAdd or TraceOpcode.IntSub && ConstantOffset(opcode, a, b) is var (value, offset) && value != TraceValues.None)
        {
            if (_offsets.ContainsKey(value))
                return RecordOffset(value, offset);
            int sum = _trace!.Op(opcode, a, b);
            _offsets[sum] = (value, offset);
            return sum;
        }
        return b == TraceValues.None ? _trace!.Op(opcode, a) : _trace!.Op(opcode, a, b);
    }

    /// <summary>For the values this trace computed as a variable plus a constant (wrapping): that variable and constant.</summary>
    private readonly Dictionary<int, (int Value, long Offset)> _offsets = [];

    /// <summary>a + c, c + a or a - c with one variable operand: the variable and c (or -c); None otherwise.</summary>
    private (int Value, long Offset) ConstantOffset(TraceOpcode opcode, int a, int b)
    {
        if (TraceValues.IsConstant(b) && !TraceValues.IsConstant(a))
        {
            long c = _trace!.ConstantValue(b).AsInt;
            return (a, opcode == TraceOpcode.IntAdd ? c : unchecked(-c));
        }
        if (opcode == TraceOpcode.IntAdd && TraceValues.IsConstant(a) && !TraceValues.IsConstant(b))
            return (b, _trace!.ConstantValue(a).AsInt);
        return (TraceValues.None, 0);
    }

    /// <summary>
    /// value + offset, reassociated as the interpreter's index arithmetic needs it: (x + 1) - 1 is x itself and
    /// (x + 1) + 2 is x + 3, so a stack slot or a tape cell reached twice is the same trace value both times.
    /// </summary>
    private int RecordOffset(int value, long offset)
    {
        if (_offsets.TryGetValue(value, out var known))
            (value, offset) = (known.Value, unchecked(known.Offset + offset));
        if (offset == 0)
            return value;
        int result = _trace!.Op(TraceOpcode.IntAdd, value, _trace.ConstInt(offset));
        _offsets[result] = (value, offset);
        return result;
    }

    private void GuardCondition(MetaFrame frame, int register, bool condition, int otherBranch)
    {
        int box = Box(frame, RegisterKind.Int, register);
        if (TraceValues.IsConstant(box))
            return;
        Guard(condition ? TraceOpcode.GuardTrue : TraceOpcode.GuardFalse, [box], otherBranch);
    }

    private void GuardClass(MetaFrame frame, int box, Type type, int resumePc)
    {
        if (TraceValues.IsConstant(box) || _knownClasses.TryGetValue(box, out var known) && known == type)
            return;
        Guard(TraceOpcode.GuardNonnullClass, [box, _trace!.ConstRef(_descrs.Class(type))], resumePc);
        _knownClasses[box] = type;
    }

    private int PromoteBox(MetaFrame frame, RegisterKind kind, int register, TraceValue value)
    {
        int box = Box(frame, kind, register);
        if (TraceValues.IsConstant(box))
            return box;
        int constant = Constant(kind, value);
        Guard(TraceOpcode.GuardValue, [box, constant], frame.Pc);
        return constant;
    }

    private int RecordOverflow(MetaFrame frame, TraceOpcode opcode, long result, int registerA, int registerB, int pc)
    {
        int a = Box(frame, RegisterKind.Int, registerA), b = Box(frame, RegisterKind.Int, registerB);
        if (TraceValues.IsConstant(a) && TraceValues.IsConstant(b))
            return _trace!.ConstInt(result);
        int box = _trace!.Op(opcode, a, b);
        Guard(TraceOpcode.GuardNoOverflow, [], pc - 1);
        return box;
    }

    private int GuardedChar(MetaFrame frame, int register, int resumePc)
    {
        int box = Box(frame, RegisterKind.Int, register);
        if (TraceValues.IsConstant(box))
            return box;
        Guard(TraceOpcode.GuardTrue, [_trace!.Op(TraceOpcode.IntGe, box, _trace.ConstInt(0))], resumePc);
        Guard(TraceOpcode.GuardTrue, [_trace.Op(TraceOpcode.IntLe, box, _trace.ConstInt(0x10FFFF))], resumePc);
        return box;
    }

    private int RecordNew(JitClass cls, object instance)
    {
        int box = _trace!.Op(TraceOpcode.New, _descrs.Class(cls));
        _knownClasses[box] = instance.GetType();
        return box;
    }

    private int RecordGetField(JitField field, int instance, TraceValue value)
    {
        var descr = _descrs.Field(field);
        if (TraceValues.IsConstant(instance) && field.Has(JitFieldFlags.Immutable))
        {
            if (field.Has(JitFieldFlags.ImmutableItems) && value.AsRef is { } container)
                ImmutableContainers.TryAdd(container, container);
            return ConstantOfKind(descr.Kind, value);
        }
        int box = _trace!.Op(TraceOpcodes.FieldRead(descr.Kind), descr, instance);
        if (field.Has(JitFieldFlags.VirtualizableItems))
            _virtualizableLists.Add(box);
        return box;
    }

    /// <summary>Trace values read from a `[*]` field of a virtualizable (a frame's stack or locals): accesses to
    /// their items get a constant index.</summary>
    private readonly HashSet<int> _virtualizableLists = [];

    private void RecordSetField(JitField field, int instance, int value) =>
        _trace!.Op(TraceOpcode.SetfieldGc, _descrs.Field(field), instance, value);

    /// <summary>Records a call that really ran: folded when elidable with constant arguments; a guard on its exception after it.</summary>
    private int RecordCall(MetaFrame frame, CallDescr descr, bool elidableSite, int argumentCount, TraceValue result,
        object? raised, RegisterKind resultKind, int resultRegister, out int exceptionBox)
    {
        exceptionBox = TraceValues.None;
        var arguments = _argumentBoxes.AsSpan(0, argumentCount);
        if ((elidableSite || descr.IsElidable || ReadsImmutableItems(descr, arguments)) && raised is null && AllConstant(arguments))
            return resultRegister >= 0 ? Constant(resultKind, result) : TraceValues.None;
        var opcode = descr.ResultKind switch
        {
            ValueKind.Int => TraceOpcode.CallI,
            ValueKind.Ref => TraceOpcode.CallR,
            ValueKind.Float => TraceOpcode.CallF,
            _ => TraceOpcode.CallN,
        };
        int box = _trace!.Op(opcode, descr, arguments);
        if (!descr.CanRaise)
            return box;
        // the guard resumes after the call: with the result in its register, or raising the pending exception
        if (resultRegister >= 0)
            Set(frame, resultKind, resultRegister, result, box);
        if (raised is null)
            Guard(TraceOpcode.GuardNoException, [], frame.Pc);
        else
            exceptionBox = Guard(TraceOpcode.GuardException, [_trace.ConstRef(_descrs.Class(raised.GetType()))], frame.Pc);
        return box;
    }

    /// <summary>An operation helper reading an item or the length of a list whose items never change.</summary>
    private bool ReadsImmutableItems(CallDescr call, ReadOnlySpan<int> arguments) =>
        arguments.Length > 0 && TraceValues.IsConstant(arguments[0])
        && (call.Name.StartsWith("jit$op$list_getitem$", StringComparison.Ordinal) || call.Name.StartsWith("jit$op$list_len$", StringComparison.Ordinal))
        && _trace!.ConstantValue(arguments[0]).AsRef is { } list && ImmutableContainers.TryGetValue(list, out _);

    private static bool AllConstant(ReadOnlySpan<int> boxes)
    {
        foreach (int box in boxes)
        {
            if (!TraceValues.IsConstant(box))
                return false;
        }
        return true;
    }

    /// <summary>Records a guard whose failure resumes the innermost frame at <paramref name="resumePc"/>.</summary>
    private int Guard(TraceOpcode opcode, ReadOnlySpan<int> operands, int resumePc)
    {
        var failArgs = new List<int>();
        var positions = new Dictionary<int, int>();
        var frames = new ResumeFrame[_frames.Count];
        for (int i = 0; i < frames.Length; i++)
        {
            var frame = _frames[i];
            int pc = i == frames.Length - 1 ? resumePc : frame.Pc;
            var liveness = JitCodeLiveness.Of(frame.Code);
            // a caller's result register is written when its callee returns
            var callee = i + 1 < _frames.Count ? _frames[i + 1] : null;
            var registers = new ResumeSlot[3][];
            for (int kind = 0; kind < 3; kind++)
            {
                var slots = new List<ResumeSlot>();
                for (int register = 0; register < frame.Code.VariableRegisters[kind]; register++)
                {
                    int box = frame.Boxes[kind][register];
                    if (box == TraceValues.None || !liveness.IsLive(pc, (RegisterKind)kind, register)
                        || callee is not null && (int)callee.ResultKind == kind && callee.ResultRegister == register)
                        continue;
                    if (TraceValues.IsConstant(box))
                    {
                        slots.Add(new ResumeSlot((ushort)register, -1, _trace!.ConstantValue(box)));
                        continue;
                    }
                    if (!positions.TryGetValue(box, out int position))
                    {
                        positions.Add(box, position = failArgs.Count);
                        failArgs.Add(box);
                    }
                    slots.Add(new ResumeSlot((ushort)register, position, default));
                }
                registers[kind] = [.. slots];
            }
            frames[i] = new ResumeFrame(frame.CodeIndex, pc, frame.ResultKind,
                frame.ResultRegister, registers);
        }
        int result = _trace!.Guard(opcode, operands, [.. failArgs]);
        _resumes.Add(new ResumeData(frames, failArgs.Count));
        return result;
    }
}
