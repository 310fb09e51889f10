// Pass: integer bounds. Keeps [lo, hi] for every int value, from constants, arithmetic on bounded operands,
// masks, lengths (>= 0), array indices (an item access succeeded) and what guards on comparisons established;
// comparisons whose outcome the bounds decide become constants, guards that must hold go, and overflow ops that
// cannot overflow become plain ops without their guard_no_overflow. Index checks against one length are also
// kept per base (IndexWindow): after base - 1 and base + 47 were checked below n, base + 44 is. Where one stretch of
// trace (up to a label) checks three or more offsets of a base below one length, the first of those guards is
// strengthened: it checks the lowest and the highest offset at once (two guards resuming like it), and the others
// go. Failing there instead of at a later check only resumes the interpreter earlier, which then does what it
// would have. Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed.Ops;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class BoundsPass(TraceRewriter rewriter)
{
    private const long Min = long.MinValue, Max = long.MaxValue;

    private long[] _lo = new long[64];
    private long[] _hi = new long[64];

    /// <summary>
    /// Per (base, n): the offsets c for which a guard established uint_lt(base + c, n), with the value base + c. Then
    /// base + c2 is below n too for any c2 between two such offsets whose lower value is known non-negative: that
    /// value is below 2^31 (an index that reached an item), so adding the small difference of the offsets cannot wrap.
    /// </summary>
    private readonly Dictionary<(int Base, int Length), List<(long Offset, int Value)>> _indexWindows = [];

    /// <summary>Per index-check guard of the input to strengthen: its base and length (input values) and the lowest
    /// and highest offsets its stretch of trace checks (see <see cref="PlanWindows"/>).</summary>
    private readonly Dictionary<int, (int Base, int Length, long Low, long High)> _windowAt = [];

    private int _nextGuardIndex;

    /// <summary>The output index of the last label: a value defined before it may be one of its operands, which a
    /// jump gives another value, so only values defined after it are taken apart as base + offset.</summary>
    private int _stretchStart;

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        Array.Fill(_lo, Min);
        Array.Fill(_hi, Max);
        _indexWindows.Clear();
        _stretchStart = -1;
        PlanWindows(input);
        var ops = input.Ops;
        bool dropNoOverflow = false;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Opcode == TraceOpcode.GuardNoOverflow && dropNoOverflow)
            {
                dropNoOverflow = false;
                continue;
            }
            dropNoOverflow = false;
            switch (op.Opcode)
            {
                case TraceOpcode.Label:
                    _stretchStart = rewriter.Output.OpCount;
                    rewriter.Copy(pc);
                    foreach (int operand in input.OperandsOf(in op))
                        Set(rewriter.Map(operand), Min, Max);
                    _indexWindows.Clear();
                    break;
                case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF or TraceOpcode.SetarrayitemGc:
                    // an index that reached an item is one of the array's: a guard checked it before, as every trace does
                    Intersect(rewriter.Map(input.OperandsOf(in op)[1]), 0, int.MaxValue);
                    if (op.Result != TraceValues.None && input.KindOf(op.Result) == ValueKind.Int)
                        CopyWithBounds(pc);
                    else
                        rewriter.Copy(pc);
                    break;
                case TraceOpcode.GuardTrue or TraceOpcode.GuardFalse:
                    if (_windowAt.TryGetValue(pc, out var window))
                        CheckWindow(pc, window);
                    int condition = rewriter.Map(input.OperandsOf(in op)[0]);
                    bool wanted = op.Opcode == TraceOpcode.GuardTrue;
                    if (wanted ? Lo(condition) > 0 || Hi(condition) < 0 || IsIndexCheckInWindow(condition) : Lo(condition) == 0 && Hi(condition) == 0)
                        break;
                    rewriter.Copy(pc);
                    Refine(condition, wanted);
                    break;
                case TraceOpcode.GuardValue when input.KindOf(input.OperandsOf(in op)[0]) == ValueKind.Int:
                    var pair = rewriter.MapOperands(in op);
                    int value = pair[0], constant = pair[1];
                    rewriter.Copy(pc);
                    Intersect(value, Lo(constant), Hi(constant));
                    break;
                case TraceOpcode.IntAddOvf or TraceOpcode.IntSubOvf or TraceOpcode.IntMulOvf:
                    var operands = rewriter.MapOperands(in op);
                    var (lo, hi, exact) = Arithmetic(op.Opcode, operands[0], operands[1]);
                    bool guarded = pc + 1 < ops.Length && ops[pc + 1].Opcode == TraceOpcode.GuardNoOverflow;
                    if (exact && guarded)
                    {
                        var plain = op.Opcode switch
                        {
                            TraceOpcode.IntAddOvf => TraceOpcode.IntAdd,
                            TraceOpcode.IntSubOvf => TraceOpcode.IntSub,
                            _ => TraceOpcode.IntMul,
                        };
                        int result = rewriter.Emit(plain, null, operands);
                        rewriter.SetResult(op.Result, result);
                        Set(result, lo, hi);
                        dropNoOverflow = true;
                    }
                    else
                        Set(rewriter.Copy(pc), exact ? lo : Min, exact ? hi : Max);
                    break;
                default:
                    if (op.Result != TraceValues.None && input.KindOf(op.Result) == ValueKind.Int && !op.Info.IsGuard)
                        CopyWithBounds(pc);
                    else
                        rewriter.Copy(pc);
                    break;
            }
        }
        return rewriter.Finish();
    }

    /// <summary>
    /// Finds, per stretch of the input between labels, the guards <c>guard_true(uint_lt(base + c, n))</c> on one base
    /// and length; where they check three or more offsets, the first is planned to check the lowest and the highest
    /// (<see cref="_windowAt"/>). Every later check of the stretch then lies in the window.
    /// </summary>
    private void PlanWindows(TraceIr input)
    {
        _windowAt.Clear();
        var ops = input.Ops;
        var definedAt = new int[input.VariableCount];
        Array.Fill(definedAt, -1);
        var stretch = new Dictionary<(int Base, int Length), (int First, HashSet<long> Offsets)>();
        int stretchStart = -1;
        _nextGuardIndex = 0;
        for (int pc = 0; pc <= ops.Length; pc++)
        {
            if (pc == ops.Length || ops[pc].Opcode == TraceOpcode.Label)
            {
                foreach (var ((start, length), (first, offsets)) in stretch)
                    if (offsets.Count >= 3)
                        _windowAt[first] = (start, length, offsets.Min(), offsets.Max());
                stretch.Clear();
                if (pc == ops.Length)
                    break;
                stretchStart = pc;
            }
            ref readonly var op = ref ops[pc];
            if (op.Result >= 0)
                definedAt[op.Result] = pc;
            if (input.DescrOf(in op) is FailDescr exit)
                _nextGuardIndex = Math.Max(_nextGuardIndex, exit.Index + 1);
            if (op.Opcode != TraceOpcode.GuardTrue || input.OperandsOf(in op)[0] is not (>= 0 and var condition)
                || definedAt[condition] < 0 || input[definedAt[condition]].Opcode != TraceOpcode.UintLt)
                continue;
            var compared = input.OperandsOf(in input[definedAt[condition]]);
            if (!TraceValues.IsVariable(compared[1]))
                continue;
            var (@base, offset) = InputLinear(input, definedAt, stretchStart, compared[0]);
            var key = (@base, compared[1]);
            if (stretch.TryGetValue(key, out var known))
                known.Offsets.Add(offset);
            else
                stretch[key] = (pc, [offset]);
        }
    }

    /// <summary><see cref="Linear"/> on the input trace, for a value defined after <paramref name="stretchStart"/>.</summary>
    private static (int Base, long Offset) InputLinear(TraceIr input, int[] definedAt, int stretchStart, int value)
    {
        if (value < 0 || definedAt[value] <= stretchStart)
            return (value, 0);
        ref readonly var op = ref input[definedAt[value]];
        return SplitOffset(value, op.Opcode, input.OperandsOf(in op),
            operand => TraceValues.IsConstant(operand) && input.KindOf(operand) == ValueKind.Int ? input.ConstantValue(operand).AsInt : null);
    }

    /// <summary>
    /// In place of index-check guard <paramref name="pc"/>: guards that base + low and base + high are below the
    /// length, resuming like it, so that it and the stretch's other checks of the base fall in the window. Only when
    /// the length is known to be a non-negative int (a list's count): the window then holds without wrapping.
    /// </summary>
    private void CheckWindow(int pc, (int Base, int Length, long Low, long High) window)
    {
        int start = rewriter.Map(window.Base), length = rewriter.Map(window.Length);
        if (Lo(length) < 0 || Hi(length) > int.MaxValue)
            return;
        foreach (long offset in (ReadOnlySpan<long>)[window.Low, window.High])
        {
            int index = start;
            if (offset != 0)
            {
                int constant = rewriter.Output.ConstInt(offset);
                index = rewriter.Emit(TraceOpcode.IntAdd, null, [start, constant]);
                var (lo, hi, exact) = Arithmetic(TraceOpcode.IntAdd, start, constant);
                Set(index, exact ? lo : Min, exact ? hi : Max);
            }
            if (Decide(TraceOpcode.UintLt, index, length) == true)
                continue;
            int condition = rewriter.Emit(TraceOpcode.UintLt, null, [index, length]);
            Set(condition, 0, 1);
            var exit = (FailDescr)rewriter.Input.DescrOf(in rewriter.Input[pc])!;
            rewriter.EmitGuard(TraceOpcode.GuardTrue, [condition], pc, null, exit.CopyAs(_nextGuardIndex++));
            Refine(condition, true);
        }
    }

    /// <summary>Whether <paramref name="condition"/> is uint_lt(index, length) with the index in a checked window.</summary>
    private bool IsIndexCheckInWindow(int condition) =>
        rewriter.TryGetDefinition(condition, out var opcode, out int definition) && opcode == TraceOpcode.UintLt
        && rewriter.OutputOperands(definition) is var operands && InIndexWindow(operands[0], operands[1]);

    private void CopyWithBounds(int pc)
    {
        ref readonly var op = ref rewriter.Input[pc];
        var operands = rewriter.MapOperands(in op);
        int a = operands.Length > 0 ? operands[0] : TraceValues.None;
        int b = operands.Length > 1 ? operands[1] : TraceValues.None;
        if (FoldPass.IsBoolean(op.Opcode) && Decide(op.Opcode, a, b) is bool known)
        {
            rewriter.SetResult(op.Result, rewriter.Output.ConstInt(known ? 1 : 0));
            return;
        }
        int result = rewriter.Copy(pc);
        long lo = Min, hi = Max;
        switch (op.Opcode)
        {
            case TraceOpcode.IntAdd or TraceOpcode.IntSub or TraceOpcode.IntMul:
                var arithmetic = Arithmetic(op.Opcode, a, b);
                if (arithmetic.Exact)
                    (lo, hi) = (arithmetic.Lo, arithmetic.Hi);
                break;
            case TraceOpcode.IntAnd when Lo(a) >= 0 || Lo(b) >= 0:
                (lo, hi) = (0, Lo(a) >= 0 && Lo(b) >= 0 ? Math.Min(Hi(a), Hi(b)) : Lo(a) >= 0 ? Hi(a) : Hi(b));
                break;
            case TraceOpcode.IntMod when IsConstant(b) && Lo(b) != 0:
                (lo, hi) = Lo(b) > 0 ? (0L, Lo(b) - 1) : (Lo(b) + 1, 0L);
                break;
            case TraceOpcode.IntFloorDiv when IsConstant(b) && Lo(b) > 0:
                (lo, hi) = (NumberOps.IntFloorDiv(Lo(a), Lo(b)), NumberOps.IntFloorDiv(Hi(a), Lo(b)));
                break;
            case TraceOpcode.IntRShift when IsConstant(b) && Lo(b) is >= 0 and < 64:
                (lo, hi) = (Lo(a) >> (int)Lo(b), Hi(a) >> (int)Lo(b));
                break;
            case TraceOpcode.UintRShift when IsConstant(b) && Lo(b) is >= 1 and < 64:
                (lo, hi) = Lo(a) >= 0 ? (Lo(a) >> (int)Lo(b), Hi(a) >> (int)Lo(b)) : (0, (long)(ulong.MaxValue >> (int)Lo(b)));
                break;
            case TraceOpcode.IntNeg when Lo(a) != Min:
                (lo, hi) = (-Hi(a), -Lo(a));
                break;
            case TraceOpcode.SameAsI:
                (lo, hi) = (Lo(a), Hi(a));
                break;
            case TraceOpcode.ArraylenGc or TraceOpcode.Strlen:
            case TraceOpcode.GetfieldGcI when InBoundsPass.IsListCount(rewriter.Input.DescrOf(in op)) == true:
                (lo, hi) = (0, int.MaxValue);
                break;
            case TraceOpcode.Strgetitem:
                (lo, hi) = (0, char.MaxValue);
                break;
            default:
                if (FoldPass.IsBoolean(op.Opcode))
                    (lo, hi) = (0, 1);
                break;
        }
        Set(result, lo, hi);
    }

    /// <summary>The bounds of a + b, a - b or a * b (ovf or not); Exact is false when they could overflow.</summary>
    private (long Lo, long Hi, bool Exact) Arithmetic(TraceOpcode opcode, int a, int b)
    {
        long? lo, hi;
        switch (opcode)
        {
            case TraceOpcode.IntAdd or TraceOpcode.IntAddOvf:
                (lo, hi) = (FoldRules.AddOvf(Lo(a), Lo(b)), FoldRules.AddOvf(Hi(a), Hi(b)));
                break;
            case TraceOpcode.IntSub or TraceOpcode.IntSubOvf:
                (lo, hi) = (FoldRules.SubOvf(Lo(a), Hi(b)), FoldRules.SubOvf(Hi(a), Lo(b)));
                break;
            default:
                long? p1 = FoldRules.MulOvf(Lo(a), Lo(b)), p2 = FoldRules.MulOvf(Lo(a), Hi(b));
                long? p3 = FoldRules.MulOvf(Hi(a), Lo(b)), p4 = FoldRules.MulOvf(Hi(a), Hi(b));
                if (p1 is null || p2 is null || p3 is null || p4 is null)
                    return (Min, Max, false);
                lo = Math.Min(Math.Min(p1.Value, p2.Value), Math.Min(p3.Value, p4.Value));
                hi = Math.Max(Math.Max(p1.Value, p2.Value), Math.Max(p3.Value, p4.Value));
                break;
        }
        return lo is null || hi is null ? (Min, Max, false) : (lo.Value, hi.Value, true);
    }

    /// <summary>The outcome of a comparison if the bounds decide it.</summary>
    private bool? Decide(TraceOpcode opcode, int a, int b)
    {
        if (opcode == TraceOpcode.UintLt && InIndexWindow(a, b))
            return true;
        if (opcode is >= TraceOpcode.UintLt and <= TraceOpcode.UintGe)
        {
            if (Lo(a) < 0 || Lo(b) < 0)
                return null;
            opcode = opcode - TraceOpcode.UintLt + TraceOpcode.IntLt;
        }
        return opcode switch
        {
            TraceOpcode.IntLt => Hi(a) < Lo(b) ? true : Lo(a) >= Hi(b) ? false : null,
            TraceOpcode.IntLe => Hi(a) <= Lo(b) ? true : Lo(a) > Hi(b) ? false : null,
            TraceOpcode.IntGt => Decide(TraceOpcode.IntLt, b, a),
            TraceOpcode.IntGe => Decide(TraceOpcode.IntLe, b, a),
            TraceOpcode.IntEq => Lo(a) == Hi(a) && Lo(b) == Hi(b) && Lo(a) == Lo(b) ? true : Hi(a) < Lo(b) || Hi(b) < Lo(a) ? false : null,
            TraceOpcode.IntNe => !Decide(TraceOpcode.IntEq, a, b),
            TraceOpcode.IntIsTrue => Lo(a) > 0 || Hi(a) < 0 ? true : Lo(a) == 0 && Hi(a) == 0 ? false : null,
            TraceOpcode.IntIsZero => !Decide(TraceOpcode.IntIsTrue, a, b),
            _ => null,
        };
    }

    /// <summary>What a guard that <paramref name="condition"/> is <paramref name="holds"/> says about the compared values.</summary>
    private void Refine(int condition, bool holds)
    {
        if (!holds)
            Intersect(condition, 0, 0);
        if (!rewriter.TryGetDefinition(condition, out var opcode, out int definition))
        {
            if (holds)
                ExcludeZero(condition);
            return;
        }
        if (holds && FoldPass.IsBoolean(opcode))
            Intersect(condition, 1, 1);
        var operands = rewriter.OutputOperands(definition);
        int a = operands.Length > 0 ? operands[0] : TraceValues.None;
        int b = operands.Length > 1 ? operands[1] : TraceValues.None;
        if (!holds)
            opcode = opcode switch
            {
                TraceOpcode.IntLt => TraceOpcode.IntGe,
                TraceOpcode.IntLe => TraceOpcode.IntGt,
                TraceOpcode.IntGt => TraceOpcode.IntLe,
                TraceOpcode.IntGe => TraceOpcode.IntLt,
                TraceOpcode.IntEq => TraceOpcode.IntNe,
                TraceOpcode.IntNe => TraceOpcode.IntEq,
                TraceOpcode.IntIsTrue => TraceOpcode.IntIsZero,
                TraceOpcode.IntIsZero => TraceOpcode.IntIsTrue,
                _ => TraceOpcode.Finish,
            };
        switch (opcode)
        {
            case TraceOpcode.UintLt when TraceValues.IsVariable(b):
                if (holds && Lo(b) >= 0)
                    Intersect(a, 0, Hi(b) - 1); // below a non-negative length, unsigned: a signed index in range
                var (start, offset) = Linear(a);
                var key = (start, b);
                if (!_indexWindows.TryGetValue(key, out var checkedOffsets))
                    _indexWindows[key] = checkedOffsets = [];
                checkedOffsets.Add((offset, a));
                break;
            case TraceOpcode.IntLt:
                Less(a, b, 1);
                break;
            case TraceOpcode.IntLe:
                Less(a, b, 0);
                break;
            case TraceOpcode.IntGt:
                Less(b, a, 1);
                break;
            case TraceOpcode.IntGe:
                Less(b, a, 0);
                break;
            case TraceOpcode.IntEq:
                Intersect(a, Lo(b), Hi(b));
                Intersect(b, Lo(a), Hi(a));
                break;
            case TraceOpcode.IntIsZero:
                Intersect(a, 0, 0);
                break;
            case TraceOpcode.IntIsTrue:
                ExcludeZero(a);
                break;
            default:
                if (holds && !FoldPass.IsBoolean(opcode))
                    ExcludeZero(condition);
                break;
        }
    }

    /// <summary>A value as base + constant offset: from int_add or int_sub with a constant, else itself + 0.</summary>
    private (int Base, long Offset) Linear(int value) =>
        TraceValues.IsVariable(value) && rewriter.TryGetDefinition(value, out var opcode, out int definition) && definition > _stretchStart
            ? SplitOffset(value, opcode, rewriter.OutputOperands(definition), operand => IsConstant(operand) ? Lo(operand) : null)
            : (value, 0);

    /// <summary>
    /// <paramref name="value"/>, defined by <paramref name="opcode"/>(<paramref name="operands"/>), as base + offset
    /// when it adds or subtracts a small constant (<paramref name="intConstant"/>: an operand's value when it is an
    /// int constant), else itself + 0. Offsets stay far below 2^63 apart, so their differences cannot wrap.
    /// </summary>
    private static (int Base, long Offset) SplitOffset(int value, TraceOpcode opcode, ReadOnlySpan<int> operands, Func<int, long?> intConstant)
    {
        if (opcode is not (TraceOpcode.IntAdd or TraceOpcode.IntSub))
            return (value, 0);
        long? Small(int operand) => intConstant(operand) is long constant && constant is > -(1L << 40) and < 1L << 40 ? constant : null;
        if (Small(operands[1]) is long right && TraceValues.IsVariable(operands[0]))
            return (operands[0], opcode == TraceOpcode.IntAdd ? right : -right);
        if (opcode == TraceOpcode.IntAdd && Small(operands[0]) is long left && TraceValues.IsVariable(operands[1]))
            return (operands[1], left);
        return (value, 0);
    }

    /// <summary>Whether uint_lt(<paramref name="index"/>, <paramref name="length"/>) holds because the index lies
    /// between two offsets of its base already checked below the length (<see cref="_indexWindows"/>).</summary>
    private bool InIndexWindow(int index, int length)
    {
        if (!TraceValues.IsVariable(length) || _indexWindows.Count == 0)
            return false;
        var (start, offset) = Linear(index);
        if (!_indexWindows.TryGetValue((start, length), out var checkedOffsets))
            return false;
        bool below = false, above = false;
        foreach (var (known, value) in checkedOffsets)
        {
            below |= known <= offset && Lo(value) >= 0 && Hi(value) <= int.MaxValue;
            above |= known >= offset;
        }
        return below && above;
    }

    /// <summary>a + gap &lt;= b.</summary>
    private void Less(int a, int b, long gap)
    {
        if (Hi(b) != Min || gap == 0)
            Intersect(a, Min, Hi(b) - gap);
        if (Lo(a) != Max || gap == 0)
            Intersect(b, Lo(a) + gap, Max);
    }

    private void ExcludeZero(int value)
    {
        if (Lo(value) == 0)
            Intersect(value, 1, Max);
        else if (Hi(value) == 0)
            Intersect(value, Min, -1);
    }

    private void Intersect(int value, long lo, long hi)
    {
        if (TraceValues.IsVariable(value))
            Set(value, Math.Max(Lo(value), lo), Math.Min(Hi(value), hi));
    }

    private static bool IsConstant(int value) => TraceValues.IsConstant(value);

    private long Lo(int value) => TraceValues.IsConstant(value) ? rewriter.IntOf(value) : value < _lo.Length ? _lo[value] : Min;

    private long Hi(int value) => TraceValues.IsConstant(value) ? rewriter.IntOf(value) : value < _hi.Length ? _hi[value] : Max;

    private void Set(int value, long lo, long hi)
    {
        if (!TraceValues.IsVariable(value))
            return;
        if (value >= _lo.Length)
        {
            int size = Math.Max(value + 1, _lo.Length * 2), old = _lo.Length;
            Array.Resize(ref _lo, size);
            Array.Resize(ref _hi, size);
            Array.Fill(_lo, Min, old, size - old);
            Array.Fill(_hi, Max, old, size - old);
        }
        _lo[value] = lo;
        _hi[value] = hi;
    }
}
