// Lays out ONE DynamicMethod for a loop and all its bridges: a prologue (constants into locals, the pending
// exception from the frame, a switch on the entry label), each trace's ops (TraceOpEmitter.cs), jumps to labels
// of this method as IL branches, guard failures out of line (into their bridge, or an exit storing the fail
// arguments in the frame), and the exit table. Used by CilJitBackend; every method goes through IlValidator.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

/// <summary>The backend produced code it cannot use: a bug in ClrPy or a trace it does not accept, naming the trace and op.</summary>
public sealed class JitCompileException(string message, Exception? inner = null) : Exception(message, inner);

internal sealed partial class LoopMethodEmitter
{
    private static readonly Type[] Parameters = [typeof(LoopCodeClosure), typeof(JitFrame), typeof(int)];
    private static readonly FieldInfo ClosureConstants = typeof(LoopCodeClosure).GetField(nameof(LoopCodeClosure.Constants))!;
    private static readonly FieldInfo ClosureEntryShift = typeof(LoopCodeClosure).GetField(nameof(LoopCodeClosure.EntryShift))!;
    private static readonly FieldInfo FrameInts = typeof(JitFrame).GetField(nameof(JitFrame.Ints))!;
    private static readonly FieldInfo FrameFloats = typeof(JitFrame).GetField(nameof(JitFrame.Floats))!;
    private static readonly FieldInfo FrameRefs = typeof(JitFrame).GetField(nameof(JitFrame.Refs))!;
    private static readonly FieldInfo FramePending = typeof(JitFrame).GetField(nameof(JitFrame.PendingException))!;
    private static readonly FieldInfo SlotValue = typeof(RefSlot).GetField(nameof(RefSlot.Value))!;

    /// <summary>The entry the backend calls once right after compiling, so the CLR compiles the method then.</summary>
    public const int WarmUpEntry = -2;

    private readonly IlBuffer _il = new();
    private readonly List<Type> _locals = [];
    private readonly List<object> _constants = [];
    private readonly List<(int Local, Type Type)> _constantSlots = [];
    private readonly Dictionary<(object, Type), int> _constantLocals = new(ConstantKeyComparer.Instance);
    private readonly List<JitExit> _exits = [];
    private readonly TraceIr[] _traces;
    private readonly FailDescr?[] _bridgeGuards;
    private readonly int[][] _variableLocals;
    private readonly IlLabel[] _traceStarts;
    /// <summary>The index in <see cref="_traces"/> of each loop's trace (one loop, or the loops of a group).</summary>
    private readonly int[] _loopTraces;
    private readonly Dictionary<FailDescr, int> _bridgeOfGuard = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LoopToken, (int Trace, int Op, IlLabel Label)> _labels = new(ReferenceEqualityComparer.Instance);
    private readonly List<(int Op, IlLabel Stub, bool IsGuard)> _outOfLine = [];
    private readonly List<(int Instruction, int Trace, int Op)> _opStarts = [];
    private readonly int _pending;
    private readonly int _overflow;
    private int _frameSize;
    private TraceIr _trace = null!;
    private int _traceIndex;
    private int _opIndex;

    public LoopMethodEmitter(TraceIr loop, IReadOnlyList<AttachedBridge> bridges) : this([(loop, bridges)])
    {
    }

    /// <summary>
    /// One method for several loops, each with its bridges (a <see cref="LoopGroup"/>): jumps between them are
    /// branches. The method's entries are, per loop in order, its start and then its labels (<see cref="EntryBases"/>).
    /// </summary>
    public LoopMethodEmitter(IReadOnlyList<(TraceIr Loop, IReadOnlyList<AttachedBridge> Bridges)> loops)
    {
        int traceCount = 0;
        foreach (var (_, bridges) in loops)
            traceCount += bridges.Count + 1;
        _traces = new TraceIr[traceCount];
        _bridgeGuards = new FailDescr?[traceCount];
        _loopTraces = new int[loops.Count];
        int next = 0;
        for (int l = 0; l < loops.Count; l++)
        {
            var (loop, bridges) = loops[l];
            _loopTraces[l] = next;
            _traces[next++] = loop;
            foreach (var bridge in bridges)
            {
                _traces[next] = bridge.Bridge;
                _bridgeGuards[next] = bridge.Guard;
                if (!_bridgeOfGuard.TryAdd(bridge.Guard, next))
                    throw new ArgumentException($"guard {bridge.Guard.Name} has two bridges");
                next++;
            }
        }
        _pending = NewLocal(typeof(object));
        _overflow = NewLocal(typeof(int));
        _variableLocals = new int[_traces.Length][];
        _traceStarts = new IlLabel[_traces.Length];
        for (int t = 0; t < _traces.Length; t++)
        {
            var trace = _traces[t];
            _traceStarts[t] = _il.DefineLabel();
            var ops = trace.Ops;
            for (int i = 0; i < ops.Length; i++)
                if (ops[i].Opcode == TraceOpcode.Label && !_labels.TryAdd((LoopToken)trace.DescrOf(in ops[i])!, (t, i, _il.DefineLabel())))
                    throw Error(t, i, "a second label with the same token in one method");
        }
        InferTypes();
        for (int t = 0; t < _traces.Length; t++)
            _variableLocals[t] = AllocateLocals(t);
        FindItemAddresses();
        OpCount = 0;
        foreach (var trace in _traces)
            OpCount += trace.Ops.Length;
    }

    /// <summary>The ops of every trace in the method.</summary>
    public int OpCount { get; }

    /// <summary>For a group (several loops), per loop: the method's entry number of its start; its label k is entry
    /// base + 1 + k. Null for one loop, whose start is entry -1 and label k entry k.</summary>
    public int[]? EntryBases { get; private set; }

    /// <summary>
    /// Locals a method declares (unused) for the CLR to compile it without optimizing: the CLR's JIT gives up
    /// optimizing methods of more than 2,000 locals. That compiles 3-4x faster and runs 2-4x slower (bench/jit's
    /// brainfuck), which pays for code that runs a few thousand times; see SegmentedVersion for the tier-up.
    /// </summary>
    public const int UnoptimizedLocals = 2001;

    /// <summary>Emits, validates and creates the method; returns its code (a delegate closed over the constants).
    /// <paramref name="optimize"/> false asks the CLR for quick code (<see cref="UnoptimizedLocals"/>).</summary>
    /// <param name="optimizedOrNothing">refuse (a JitCompileException) a method the CLR would compile without
    /// optimizing for its size (<see cref="WithinOptimizingLimits"/>): a merged version or a group, which only pays
    /// when it runs faster than the code it replaces.</param>
    public LoopVersion Compile(string name, bool optimize = true, bool optimizedOrNothing = false)
    {
        CheckBridges();
        for (int t = 0; t < _traces.Length; t++)
            EmitTrace(t);
        EmitGuardExits();
        var entries = EmitEntries();
        int prologueStart = _il.Instructions.Count;
        EmitPrologue(entries);
        var prologue = _il.Instructions.GetRange(prologueStart, _il.Instructions.Count - prologueStart);
        _il.Instructions.RemoveRange(prologueStart, prologue.Count);
        _il.Instructions.InsertRange(0, prologue);

        try
        {
            IlValidator.Validate(new IlMethodShape(name, Parameters, typeof(int), _locals), _il.Instructions);
        }
        catch (IlValidationException error)
        {
            int index = error.Index - prologue.Count;
            var (_, trace, op) = index < 0 || _opStarts.Count == 0 ? (0, 0, -1) : _opStarts.FindLast(start => start.Instruction <= index);
            throw op < 0
                ? new JitCompileException($"internal error: invalid IL in the prologue of {name}: {error.Message}", error)
                : Error(trace, op, "internal error: " + error.Message, error);
        }
        // every local is written before it is read, so none needs zeroing: a group's method has hundreds, and zeroing
        // them cost each entry from the trampoline (the CLR still zeroes the references it cannot see written first)
        var method = new DynamicMethod(name, typeof(int), Parameters, typeof(LoopMethodEmitter).Module, skipVisibility: true)
        {
            InitLocals = false,
        };
        if (!optimize)
            for (int i = 0; i < UnoptimizedLocals; i++)
                _locals.Add(typeof(int));
        var generator = method.GetILGenerator();
        _il.WriteTo(generator, _locals);
        if (optimizedOrNothing && WithinOptimizingLimits(generator.ILOffset) is { } limit)
            throw new JitCompileException($"{name} is too big for the CLR to optimize: {limit}");
        _method = method;
        _constantValues = [.. _constants];
        var code = (JitLoopCode)method.CreateDelegate(typeof(JitLoopCode), new LoopCodeClosure(_constantValues, 0));
        code(WarmUpFrame, WarmUpEntry);
        return new LoopVersion(code, [.. _exits], _frameSize);
    }

    private DynamicMethod? _method;
    private object[] _constantValues = [];

    /// <summary>After <see cref="Compile"/> of a group: the code entered as its loop number <paramref name="member"/>
    /// (its start is entry -1, its label k entry k), the same method with the member's entry base in its closure.</summary>
    public JitLoopCode CodeOfMember(int member) =>
        (JitLoopCode)_method!.CreateDelegate(typeof(JitLoopCode), new LoopCodeClosure(_constantValues, EntryBases![member] + 1));

    private static readonly JitFrame WarmUpFrame = new(0);

    /// <summary>
    /// Null when the CLR's JIT optimizes a method of this size, else the limit it passes: past any of 60,000 bytes of
    /// IL, 20,000 IL instructions, 2,000 blocks, 2,000 locals or 8,000 references to locals and arguments it
    /// compiles without optimizing (MinOpts), code that runs 2-4x slower. Checked with a twentieth to spare (blocks
    /// and references are counted as IL sees them, the JIT's own count differs a little).
    /// </summary>
    private string? WithinOptimizingLimits(int ilBytes)
    {
        int instructions = 0, blocks = 0, references = 0;
        foreach (var instruction in _il.Instructions)
        {
            if (instruction.IsLabelMark)
            {
                blocks++;
                continue;
            }
            instructions++;
            var flow = instruction.OpCode.FlowControl;
            if (flow is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw)
                blocks++;
            string opcode = instruction.OpCode.Name!;
            if (opcode.StartsWith("ldloc", StringComparison.Ordinal) || opcode.StartsWith("stloc", StringComparison.Ordinal)
                || opcode.StartsWith("ldarg", StringComparison.Ordinal) || opcode.StartsWith("starg", StringComparison.Ordinal))
                references++;
        }
        return ilBytes > 57_000 ? $"{ilBytes} bytes of IL"
            : instructions > 19_000 ? $"{instructions} IL instructions"
            : blocks > 1_900 ? $"{blocks} blocks"
            : _locals.Count > 1_900 ? $"{_locals.Count} locals"
            : references > 7_600 ? $"{references} references to locals"
            : null;
    }

    private void CheckBridges() => CheckBridges(_traces, _bridgeGuards, _bridgeOfGuard);

    /// <summary>
    /// Checks that each bridge of a version (<paramref name="traces"/>[t], t &gt; 0, for guard
    /// <paramref name="bridgeGuards"/>[t]) belongs to a guard of the loop or of another bridge, and takes the
    /// guard's fail arguments as its inputs. Shared with <see cref="SegmentedVersion"/>.
    /// </summary>
    internal static void CheckBridges(TraceIr[] traces, FailDescr?[] bridgeGuards, Dictionary<FailDescr, int> bridgeOfGuard)
    {
        var found = new bool[traces.Length];
        for (int t = 0; t < traces.Length; t++)
        {
            var trace = traces[t];
            var ops = trace.Ops;
            for (int i = 0; i < ops.Length; i++)
            {
                if (!ops[i].Info.IsGuard || !bridgeOfGuard.TryGetValue((FailDescr)trace.DescrOf(in ops[i])!, out int bridge))
                    continue;
                found[bridge] = true;
                var failArgs = trace.FailArgsOf(in ops[i]);
                var target = traces[bridge];
                if (failArgs.Length != target.InputCount)
                    throw Error(traces, bridgeGuards, t, i, $"its bridge takes {target.InputCount} input(s), the guard has {failArgs.Length} fail argument(s)");
                for (int k = 0; k < failArgs.Length; k++)
                    if (trace.KindOf(failArgs[k]) != target.KindOf(k))
                        throw Error(traces, bridgeGuards, t, i, $"fail argument {k + 1} is {trace.KindOf(failArgs[k])}, its bridge's input is {target.KindOf(k)}");
            }
        }
        for (int b = 1; b < traces.Length; b++)
            if (bridgeGuards[b] is not null && !found[b])
                throw new ArgumentException($"guard {bridgeGuards[b]!.Name} is not a guard of this loop or of its bridges");
    }

    private void EmitTrace(int t)
    {
        _trace = _traces[t];
        _traceIndex = t;
        _outOfLine.Clear();
        ForgetCasts();
        _addressOf.Clear();
        PlanRepeatedItems(t, 0);
        _il.MarkLabel(_traceStarts[t]);
        if (t > 0)
            ResetOverflow();
        var ops = _trace.Ops;
        if (ops.Length == 0 || !ops[^1].Info.IsFinal)
            throw Error(t, Math.Max(0, ops.Length - 1), "the trace does not end in a jump or finish");
        for (int i = 0; i < ops.Length; i++)
        {
            _opIndex = i;
            _opStarts.Add((_il.Instructions.Count, t, i));
            ref readonly var op = ref ops[i];
            if (op.Info.IsFinal && i != ops.Length - 1)
                throw Error(t, i, "ops follow the trace's jump or finish");
            switch (op.Opcode)
            {
                case TraceOpcode.Label:
                    EmitItemAddresses(t, i);
                    _il.MarkLabel(_labels[(LoopToken)_trace.DescrOf(in op)!].Label);
                    ForgetCasts();
                    EnterItemAddresses(t, i);
                    PlanRepeatedItems(t, i + 1);
                    break;
                case TraceOpcode.Jump: EmitJump(in op); break;
                case TraceOpcode.Finish: EmitExit(JitExitKind.Finished, _trace.OperandsOf(in op), null, null); break;
                default:
                    if (op.Info.IsGuard)
                        EmitGuard(in op);
                    else
                        EmitOp(in op);
                    break;
            }
        }
        foreach (var (opIndex, stub, isGuard) in _outOfLine)
        {
            _opIndex = opIndex;
            if (isGuard)
            {
                EmitGuardFailure(in ops[opIndex], stub);
                continue;
            }
            _opStarts.Add((_il.Instructions.Count, _traceIndex, opIndex));
            _il.MarkLabel(stub);
            EmitUnexpectedRaise((CallDescr)_trace.DescrOf(in ops[opIndex])!);
        }
    }

    /// <summary>A label of this method is a branch (its arguments receive the values all at once, through the
    /// stack); a label of another loop is an exit the trampoline follows.</summary>
    private void EmitJump(in TraceOp op)
    {
        var token = (LoopToken)_trace.DescrOf(in op)!;
        var values = _trace.OperandsOf(in op);
        if (!_labels.TryGetValue(token, out var target))
        {
            EmitExit(JitExitKind.Jumped, values, null, token);
            return;
        }
        var targetTrace = _traces[target.Trace];
        var arguments = targetTrace.OperandsOf(in targetTrace[target.Op]);
        if (arguments.Length != values.Length)
            throw Error(_traceIndex, _opIndex, $"the jump passes {values.Length} value(s), label {token.Name} takes {arguments.Length}");
        // a value already in its argument's local (a loop invariant the jump passes back) is not moved: the CLR then
        // sees no new definition of that local in the loop, and keeps what it knows about it (an array's length)
        var moved = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            moved[i] = !(target.Trace == _traceIndex && TraceValues.IsVariable(values[i])
                && _variableLocals[_traceIndex][values[i]] == _variableLocals[target.Trace][arguments[i]]);
            if (!moved[i])
                continue;
            Load(values[i]);
            if (_trace.KindOf(values[i]) == ValueKind.Ref)
                CastForLocal(StackType(values[i]), _variableTypes[target.Trace][arguments[i]]!);
        }
        for (int i = arguments.Length - 1; i >= 0; i--)
            if (moved[i])
                _il.Emit(OpCodes.Stloc, _variableLocals[target.Trace][arguments[i]]);
        if (target.Trace != _traceIndex)
            ResetOverflow();
        _il.Emit(OpCodes.Br, target.Label);
    }

    private void EmitGuardFailure(in TraceOp op, IlLabel stub)
    {
        var guard = (FailDescr)_trace.DescrOf(in op)!;
        var failArgs = _trace.FailArgsOf(in op);
        if (!_bridgeOfGuard.TryGetValue(guard, out int bridge))
        {
            _guardExits.Add((_traceIndex, _opIndex, stub, ExitKey(failArgs)));
            return;
        }
        _opStarts.Add((_il.Instructions.Count, _traceIndex, _opIndex));
        _il.MarkLabel(stub);
        // the bridge's inputs may share locals with this trace's values: all are loaded before any is stored
        for (int k = 0; k < failArgs.Length; k++)
        {
            Load(failArgs[k]);
            if (_trace.KindOf(failArgs[k]) == ValueKind.Ref)
                CastForLocal(StackType(failArgs[k]), _variableTypes[bridge][k]!);
        }
        for (int k = failArgs.Length - 1; k >= 0; k--)
            _il.Emit(OpCodes.Stloc, _variableLocals[bridge][k]);
        _il.Emit(OpCodes.Br, _traceStarts[bridge]);
    }

    /// <summary>The exits of guards without a bridge in this method, emitted after every trace: (trace, op, the
    /// label the guard branches to, what the exit stores).</summary>
    private readonly List<(int Trace, int Op, IlLabel Stub, string Key)> _guardExits = [];

    /// <summary>What an exit of these values stores in the frame: each value's kind and local (or constant).</summary>
    private string ExitKey(ReadOnlySpan<int> values)
    {
        var key = new System.Text.StringBuilder();
        foreach (int value in values)
        {
            var kind = _trace.KindOf(value);
            key.Append(kind switch { ValueKind.Int => 'i', ValueKind.Float => 'f', _ => 'r' });
            if (TraceValues.IsVariable(value))
                key.Append(_variableLocals[_traceIndex][value]);
            else
            {
                var constant = _trace.ConstantValue(value);
                key.Append(kind switch
                {
                    ValueKind.Int => "c" + constant.AsInt,
                    ValueKind.Float => "c" + BitConverter.DoubleToInt64Bits(constant.AsFloat),
                    _ => constant.AsRef is null ? "n" : "k" + ConstantLocal(constant.AsRef, ConstantType(constant.AsRef)!),
                });
            }
            key.Append(',');
        }
        return key.ToString();
    }

    /// <summary>
    /// The exits of guards without a bridge here. Guards whose exits store the same locals (common: the same
    /// interpreter state, in the same shared locals) share one exit's code: each sets its exit number and branches
    /// there. A method's exits are about half its IL otherwise, and the CLR optimizes only methods under its limits
    /// (IL size, references to locals).
    /// </summary>
    private void EmitGuardExits()
    {
        var sharing = new Dictionary<string, int>();
        foreach (var exit in _guardExits)
            sharing[exit.Key] = sharing.GetValueOrDefault(exit.Key) + 1;
        var tails = new Dictionary<string, IlLabel>();
        foreach (var (t, op, stub, key) in _guardExits)
        {
            _trace = _traces[t];
            _traceIndex = t;
            _opIndex = op;
            _opStarts.Add((_il.Instructions.Count, t, op));
            _il.MarkLabel(stub);
            ref readonly var guardOp = ref _trace[op];
            var guard = (FailDescr)_trace.DescrOf(in guardOp)!;
            var failArgs = _trace.FailArgsOf(in guardOp);
            if (sharing[key] == 1)
            {
                EmitExit(JitExitKind.GuardFailed, failArgs, guard, null);
                continue;
            }
            _il.Emit(OpCodes.Ldc_I4, _exits.Count);
            _il.Emit(OpCodes.Stloc, ExitNumber);
            _exits.Add(new JitExit(JitExitKind.GuardFailed, _trace, _opIndex, guard, null, ExitKinds(failArgs)));
            if (tails.TryGetValue(key, out var tail))
            {
                _il.Emit(OpCodes.Br, tail);
                continue;
            }
            tail = _il.DefineLabel();
            tails[key] = tail;
            _il.MarkLabel(tail);
            EmitExitStores(failArgs, hot: false);
            _il.Emit(OpCodes.Ldloc, ExitNumber);
            _il.Emit(OpCodes.Ret);
        }
    }

    /// <summary>The local holding the number of a shared exit's guard.</summary>
    private int ExitNumber => _exitNumber >= 0 ? _exitNumber : _exitNumber = NewLocal(typeof(int));

    private int _exitNumber = -1;

    private ValueKind[] ExitKinds(ReadOnlySpan<int> values)
    {
        var kinds = new ValueKind[values.Length];
        for (int k = 0; k < values.Length; k++)
            kinds[k] = _trace.KindOf(values[k]);
        return kinds;
    }

    /// <summary>Stores the values in the frame's slots 0.., the pending exception in the frame, and returns the exit's number.</summary>
    private void EmitExit(JitExitKind kind, ReadOnlySpan<int> values, FailDescr? guard, LoopToken? target)
    {
        EmitExitStores(values, hot: kind != JitExitKind.GuardFailed);
        _il.Emit(OpCodes.Ldc_I4, _exits.Count);
        _il.Emit(OpCodes.Ret);
        _exits.Add(new JitExit(kind, _trace, _opIndex, guard, target, ExitKinds(values)));
    }

    /// <summary>Stores the values in the frame's slots 0.. and the pending exception in the frame.</summary>
    private void EmitExitStores(ReadOnlySpan<int> values, bool hot)
    {
        // the exits taken on every pass between loops (jumps, and finishes: a portal call's return) store a ref only
        // when the slot holds another one: the same objects go round (brainfuck's machine, a null pending
        // exception), and a store of a ref is a call of the GC's write barrier
        var kinds = ExitKinds(values);
        for (int k = 0; k < values.Length; k++)
        {
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldfld, FrameArray(kinds[k]));
            _il.Emit(OpCodes.Ldc_I4, k);
            if (kinds[k] == ValueKind.Ref)
            {
                _il.Emit(OpCodes.Ldelema, typeof(RefSlot));
                if (hot)
                {
                    _il.Emit(OpCodes.Stloc, SlotAddress);
                    int value = values[k];
                    StoreIfChanged(() => _il.Emit(OpCodes.Ldloc, SlotAddress), SlotValue, () => Load(value));
                    continue;
                }
                Load(values[k]);
                _il.Emit(OpCodes.Stfld, SlotValue);
                continue;
            }
            Load(values[k]);
            _il.Emit(kinds[k] == ValueKind.Int ? OpCodes.Stelem_I8 : OpCodes.Stelem_R8);
        }
        _frameSize = Math.Max(_frameSize, values.Length);
        if (hot)
            StoreIfChanged(() => _il.Emit(OpCodes.Ldarg_1), FramePending, () => _il.Emit(OpCodes.Ldloc, _pending));
        else
        {
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldloc, _pending);
            _il.Emit(OpCodes.Stfld, FramePending);
        }
    }

    /// <summary>object.field = value unless it holds that value already (<paramref name="loadObject"/> pushes the object
    /// or, for a struct, its address; <paramref name="loadValue"/> the value).</summary>
    private void StoreIfChanged(Action loadObject, FieldInfo field, Action loadValue)
    {
        var same = _il.DefineLabel();
        loadObject();
        _il.Emit(OpCodes.Ldfld, field);
        loadValue();
        _il.Emit(OpCodes.Beq, same);
        loadObject();
        loadValue();
        _il.Emit(OpCodes.Stfld, field);
        _il.MarkLabel(same);
    }

    /// <summary>The local holding the address of a frame's ref slot while an exit stores into it.</summary>
    private int SlotAddress => _slotAddress >= 0 ? _slotAddress : _slotAddress = NewLocal(typeof(RefSlot).MakeByRefType());

    private int _slotAddress = -1;

    /// <summary>Entry k loads label k's arguments of the loop from the frame and branches to it. In a group, each
    /// loop's entries are its start (its inputs from the frame) and then its labels.</summary>
    private IlLabel[] EmitEntries()
    {
        var entries = new List<IlLabel>();
        bool group = _loopTraces.Length > 1;
        var bases = group ? new int[_loopTraces.Length] : null;
        for (int l = 0; l < _loopTraces.Length; l++)
        {
            int t = _loopTraces[l];
            var loop = _traces[t];
            if (bases is not null)
            {
                bases[l] = entries.Count;
                var start = _il.DefineLabel();
                entries.Add(start);
                _il.MarkLabel(start);
                LoadInputs(t);
            }
            var ops = loop.Ops;
            for (int i = 0; i < ops.Length; i++)
            {
                if (ops[i].Opcode != TraceOpcode.Label)
                    continue;
                var entry = _il.DefineLabel();
                entries.Add(entry);
                _il.MarkLabel(entry);
                LoadFromFrame(t, loop.OperandsOf(in ops[i]));
                EmitItemAddresses(t, i);
                _il.Emit(OpCodes.Br, _labels[(LoopToken)loop.DescrOf(in ops[i])!].Label);
            }
        }
        EntryBases = bases;
        return [.. entries];
    }

    /// <summary>Loads trace <paramref name="t"/>'s inputs from the frame's slots 0.. and branches to its start.</summary>
    private void LoadInputs(int t)
    {
        var trace = _traces[t];
        Span<int> inputs = trace.InputCount <= 64 ? stackalloc int[trace.InputCount] : new int[trace.InputCount];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = i;
        LoadFromFrame(t, inputs);
        _il.Emit(OpCodes.Br, _traceStarts[t]);
    }

    private void EmitPrologue(IlLabel[] entries)
    {
        var run = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldc_I4, WarmUpEntry);
        _il.Emit(OpCodes.Bne_Un, run);
        _il.Emit(OpCodes.Ldc_I4, -1);
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(run);
        for (int i = 0; i < _constants.Count; i++)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, ClosureConstants);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Ldelem_Ref);
            var (local, type) = _constantSlots[i];
            if (type != typeof(object))
                _il.Emit(OpCodes.Castclass, type);
            _il.Emit(OpCodes.Stloc, local);
        }
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldfld, FramePending);
        _il.Emit(OpCodes.Stloc, _pending);
        if (entries.Length > 0)
        {
            _il.Emit(OpCodes.Ldarg_2);
            if (EntryBases is not null)
            {
                // a group's member enters at its own entries: -1 (its start) is its base, label k its base + 1 + k
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldfld, ClosureEntryShift);
                _il.Emit(OpCodes.Add);
            }
            _il.Emit(OpCodes.Switch, entries);
        }
        LoadInputs(0);
    }

    private void LoadFromFrame(int trace, ReadOnlySpan<int> variables)
    {
        for (int k = 0; k < variables.Length; k++)
        {
            var kind = _traces[trace].KindOf(variables[k]);
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldfld, FrameArray(kind));
            _il.Emit(OpCodes.Ldc_I4, k);
            if (kind == ValueKind.Ref)
            {
                _il.Emit(OpCodes.Ldelema, typeof(RefSlot));
                _il.Emit(OpCodes.Ldfld, SlotValue);
                CastForLocal(typeof(object), _variableTypes[trace][variables[k]]!);
            }
            else
                _il.Emit(kind == ValueKind.Int ? OpCodes.Ldelem_I8 : OpCodes.Ldelem_R8);
            _il.Emit(OpCodes.Stloc, _variableLocals[trace][variables[k]]);
        }
        _frameSize = Math.Max(_frameSize, variables.Length);
    }

    private void ResetOverflow()
    {
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Stloc, _overflow);
    }

    private static FieldInfo FrameArray(ValueKind kind) => kind switch
    {
        ValueKind.Int => FrameInts,
        ValueKind.Float => FrameFloats,
        _ => FrameRefs,
    };

    private static Type ClrTypeOf(ValueKind kind) => kind switch
    {
        ValueKind.Int => typeof(long),
        ValueKind.Float => typeof(double),
        _ => typeof(object),
    };

    /// <summary>The local holding <paramref name="value"/> as a <paramref name="type"/>, loaded once by the prologue.</summary>
    private int ConstantLocal(object value, Type type)
    {
        if (_constantLocals.TryGetValue((value, type), out int local))
            return local;
        local = NewLocal(type);
        _constants.Add(value);
        _constantSlots.Add((local, type));
        _constantLocals.Add((value, type), local);
        return local;
    }

    /// <summary>
    /// IL locals for a trace's variables, shared by variables whose lifetimes do not overlap (a linear scan over the
    /// trace): the CLR compiles a method with few locals much faster, and tracks them all in registers. A variable is
    /// defined at its op (inputs before the first op, label operands at their label) and lives to its last use as an
    /// operand or fail argument; one defined before a label and used after it lives to the end, since a jump to the
    /// label re-enters there, and keeps a local of its own. The other locals are shared with the other traces of the
    /// method (<see cref="_sharedLocals"/>): such a value is dead once its trace leaves the stretch between two labels
    /// (by a jump, or a guard into its bridge), and both load all their values before storing any. A group's method
    /// then has a few hundred locals instead of thousands: the CLR tracks them all, so it neither spills them nor
    /// zeroes the untracked references on each entry.
    /// </summary>
    private int[] AllocateLocals(int t)
    {
        var trace = _traces[t];
        var types = _variableTypes[t];
        var ops = trace.Ops;
        int count = trace.VariableCount;
        var definedAt = new int[count];
        var lastUse = new int[count];
        Array.Fill(definedAt, -1);
        Array.Fill(lastUse, -1);
        for (int i = 0; i < ops.Length; i++)
        {
            ref readonly var op = ref ops[i];
            if (op.Result >= 0)
                definedAt[op.Result] = i;
            if (op.Opcode == TraceOpcode.Label)
            {
                foreach (int operand in trace.OperandsOf(in op))
                    if (operand >= 0)
                        definedAt[operand] = i;
            }
            foreach (int operand in trace.OperandsOf(in op))
                if (operand >= 0)
                    lastUse[operand] = i;
            foreach (int operand in trace.FailArgsOf(in op))
                if (operand >= 0)
                    lastUse[operand] = i;
        }
        for (int i = 0; i < ops.Length; i++)
        {
            if (ops[i].Opcode != TraceOpcode.Label)
                continue;
            for (int v = 0; v < count; v++)
                if (definedAt[v] < i && lastUse[v] > i)
                    lastUse[v] = int.MaxValue;
        }
        var locals = new int[count];
        Array.Fill(locals, -1);
        var free = new Dictionary<Type, Stack<int>>();
        Type TypeOf(int v) => types[v] ?? ClrTypeOf(trace.KindOf(v));
        Stack<int> Free(Type type)
        {
            if (free.TryGetValue(type, out var stack))
                return stack;
            // every shared local is free at the start of a trace, the first made on top
            stack = new Stack<int>();
            if (_sharedLocals.TryGetValue(type, out var shared))
                for (int k = shared.Count - 1; k >= 0; k--)
                    stack.Push(shared[k]);
            return free[type] = stack;
        }
        int opCount = ops.Length;
        var endingAt = new List<int>[opCount + 1];
        void Assign(int v)
        {
            if (locals[v] >= 0)
                return;
            var type = TypeOf(v);
            if (lastUse[v] == int.MaxValue)
            {
                locals[v] = NewLocal(type); // lives on where a jump re-enters the trace: its own
                return;
            }
            var pool = Free(type);
            if (pool.Count > 0)
                locals[v] = pool.Pop();
            else
            {
                locals[v] = NewLocal(type);
                (_sharedLocals.TryGetValue(type, out var shared) ? shared : _sharedLocals[type] = []).Add(locals[v]);
            }
            int end = lastUse[v] < 0 ? definedAt[v] + 1 : lastUse[v] + 1;
            if (end <= opCount)
                (endingAt[end] ??= []).Add(v);
        }
        for (int v = 0; v < trace.InputCount; v++)
            Assign(v);
        for (int i = 0; i <= ops.Length; i++)
        {
            if (endingAt[i] is { } ended)
                foreach (int v in ended)
                    Free(TypeOf(v)).Push(locals[v]);
            if (i == ops.Length)
                break;
            ref readonly var op = ref ops[i];
            if (op.Opcode == TraceOpcode.Label)
                foreach (int operand in trace.OperandsOf(in op))
                    if (operand >= 0)
                        Assign(operand);
            if (op.Result >= 0)
                Assign(op.Result);
        }
        for (int v = 0; v < count; v++)
            if (locals[v] < 0)
                locals[v] = NewLocal(TypeOf(v));
        return locals;
    }

    /// <summary>The locals of each type the traces of the method share for values that do not outlive their stretch.</summary>
    private readonly Dictionary<Type, List<int>> _sharedLocals = [];

    private int NewLocal(Type type)
    {
        _locals.Add(type);
        return _locals.Count - 1;
    }

    private JitCompileException Error(int trace, int op, string message, Exception? inner = null) =>
        Error(_traces, _bridgeGuards, trace, op, message, inner);

    private static JitCompileException Error(TraceIr[] traces, FailDescr?[] bridgeGuards, int trace, int op, string message, Exception? inner = null) =>
        new($"{(bridgeGuards[trace] is null ? "loop" : $"bridge {trace} (at guard {bridgeGuards[trace]!.Name})")} op {op} ({TracePrinter.PrintOp(traces[trace], op)}): {message}", inner);

    private sealed class ConstantKeyComparer : IEqualityComparer<(object, Type)>
    {
        public static readonly ConstantKeyComparer Instance = new();

        public bool Equals((object, Type) x, (object, Type) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((object, Type) key) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item1) ^ key.Item2.GetHashCode();
    }
}

/// <summary>What a loop method's delegate is closed over: the constants its prologue loads, and the shift from the
/// entry it is called with to its own entry number (a group's member: its entry base + 1; otherwise 0).</summary>
internal sealed class LoopCodeClosure(object[] constants, int entryShift)
{
    public readonly object[] Constants = constants;
    public readonly int EntryShift = entryShift;
}
