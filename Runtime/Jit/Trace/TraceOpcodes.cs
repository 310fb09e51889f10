// The trace operations (PyPy's resoperation.py): one enum and ONE table of properties per opcode (text name,
// operand kinds, result kind, flags). The builder, printer, parser, interpreter, optimizer and backends all
// read this table instead of keeping their own lists of which op is pure, a guard, or takes a descriptor.
namespace ClrPy.Runtime.Jit.Trace;

/// <summary>The kind of a trace value; <see cref="Void"/> is the result kind of ops that produce nothing.</summary>
public enum ValueKind : byte { Void, Int, Ref, Float }

[Flags]
public enum OpFlags : ushort
{
    None = 0,
    /// <summary>The result depends only on the operands; no effects, cannot fail. Candidates for folding and CSE.</summary>
    Pure = 1 << 0,
    /// <summary>Checks a condition and leaves the trace through its fail descriptor when it does not hold.</summary>
    Guard = 1 << 1,
    /// <summary>A call; whether it may raise, read or write is in its <see cref="CallDescr"/>.</summary>
    Call = 1 << 2,
    /// <summary>Integer arithmetic that records whether it overflowed, for the guard_(no_)overflow right after it.</summary>
    Overflow = 1 << 3,
    /// <summary>The trace does not continue after this op (jump, finish).</summary>
    Final = 1 << 4,
    /// <summary>Reads or allocates without writing: removable when its result is unused, but not pure.</summary>
    NoSideEffect = 1 << 5,
    /// <summary>Writes memory (setfield, setarrayitem).</summary>
    WritesMemory = 1 << 6,
}

/// <summary>Which descriptor an op takes (guards always have a <see cref="FailDescr"/>, made by the builder).</summary>
public enum DescrKind : byte { None, Field, Array, Class, Call, Loop }

public enum TraceOpcode : byte
{
    IntAdd, IntSub, IntMul, IntFloorDiv, IntMod, IntAnd, IntOr, IntXor, IntLShift, IntRShift, UintRShift,
    IntNeg, IntInvert,
    IntLt, IntLe, IntEq, IntNe, IntGt, IntGe, UintLt, UintLe, UintGt, UintGe, IntIsTrue, IntIsZero,
    IntAddOvf, IntSubOvf, IntMulOvf,
    FloatAdd, FloatSub, FloatMul, FloatTrueDiv, FloatNeg, FloatAbs,
    FloatLt, FloatLe, FloatEq, FloatNe, FloatGt, FloatGe,
    CastIntToFloat, CastFloatToInt, SameAsI, SameAsR, SameAsF,
    PtrEq, PtrNe,
    GuardTrue, GuardFalse, GuardValue, GuardClass, GuardNonnull, GuardIsnull, GuardNonnullClass,
    GuardNoException, GuardException, GuardNoOverflow, GuardOverflow,
    GetfieldGcI, GetfieldGcR, GetfieldGcF, SetfieldGc,
    GetarrayitemGcI, GetarrayitemGcR, GetarrayitemGcF, SetarrayitemGc, ArraylenGc,
    Strlen, Strgetitem,
    New, NewArray,
    CallI, CallR, CallF, CallN,
    Label, Jump, Finish,
}

/// <summary>
/// One row of the opcode table. <see cref="OperandKinds"/> has one letter per operand: i, r, f, or * for
/// "the kind the descriptor says" (setfield's value, call arguments) or "any, but equal" (guard_value);
/// variadic ops (calls, label, jump, finish) have <see cref="Arity"/> -1.
/// </summary>
public readonly record struct OpcodeInfo(TraceOpcode Opcode, string Name, int Arity, string OperandKinds,
    ValueKind Result, OpFlags Flags, DescrKind Descr)
{
    public bool IsPure => (Flags & OpFlags.Pure) != 0;
    public bool IsGuard => (Flags & OpFlags.Guard) != 0;
    public bool IsCall => (Flags & OpFlags.Call) != 0;
    public bool IsOverflow => (Flags & OpFlags.Overflow) != 0;
    public bool HasDescr => Descr != DescrKind.None;
    public bool IsFinal => (Flags & OpFlags.Final) != 0;
    public bool IsVariadic => Arity < 0;
}

public static class TraceOpcodes
{
    private const string Variadic = "...";
    private const OpFlags P = OpFlags.Pure;
    private const OpFlags G = OpFlags.Guard;
    private const OpFlags Ovf = OpFlags.Overflow;
    private const OpFlags Read = OpFlags.NoSideEffect;
    private const OpFlags Write = OpFlags.WritesMemory;
    private const OpFlags Call = OpFlags.Call;
    private const DescrKind FieldD = DescrKind.Field, ArrayD = DescrKind.Array, ClassD = DescrKind.Class;
    private const DescrKind CallD = DescrKind.Call, LoopD = DescrKind.Loop;
    private const OpFlags Final = OpFlags.Final;
    private const ValueKind V = ValueKind.Void, I = ValueKind.Int, R = ValueKind.Ref, F = ValueKind.Float;

    private static readonly OpcodeInfo[] Table = BuildTable();
    private static readonly Dictionary<string, TraceOpcode> ByName = BuildNameIndex();

    public static int Count => Table.Length;

    public static ref readonly OpcodeInfo Info(TraceOpcode opcode) => ref Table[(int)opcode];

    public static string Name(TraceOpcode opcode) => Table[(int)opcode].Name;

    public static bool TryParse(string name, out TraceOpcode opcode) => ByName.TryGetValue(name, out opcode);

    /// <summary>The getfield_gc op reading a field of <paramref name="kind"/>.</summary>
    public static TraceOpcode FieldRead(ValueKind kind) => kind switch
    {
        ValueKind.Int => TraceOpcode.GetfieldGcI,
        ValueKind.Float => TraceOpcode.GetfieldGcF,
        _ => TraceOpcode.GetfieldGcR,
    };

    /// <summary>The getarrayitem_gc op reading an item of <paramref name="kind"/>.</summary>
    public static TraceOpcode ItemRead(ValueKind kind) => kind switch
    {
        ValueKind.Int => TraceOpcode.GetarrayitemGcI,
        ValueKind.Float => TraceOpcode.GetarrayitemGcF,
        _ => TraceOpcode.GetarrayitemGcR,
    };

    /// <summary>The letter used in value names and operand kinds: i, p (refs, as in PyPy's logs) or f.</summary>
    public static char KindLetter(ValueKind kind) => kind switch
    {
        ValueKind.Int => 'i',
        ValueKind.Ref => 'p',
        ValueKind.Float => 'f',
        _ => 'v',
    };

    private static OpcodeInfo[] BuildTable()
    {
        var table = new OpcodeInfo[(int)TraceOpcode.Finish + 1];
        void Row(TraceOpcode op, string name, string operands, ValueKind result, OpFlags flags,
            DescrKind descr = DescrKind.None) =>
            table[(int)op] = new OpcodeInfo(op, name, operands == Variadic ? -1 : operands.Length,
                operands == Variadic ? "" : operands, result, flags, descr);

        // int_floordiv and int_mod round toward negative infinity like Python's // and % (as the jitcodes' ops
        // do); the tracer guards divisors against zero, so a zero divisor is an error in the trace itself.
        Row(TraceOpcode.IntAdd, "int_add", "ii", I, P);
        Row(TraceOpcode.IntSub, "int_sub", "ii", I, P);
        Row(TraceOpcode.IntMul, "int_mul", "ii", I, P);
        Row(TraceOpcode.IntFloorDiv, "int_floordiv", "ii", I, P);
        Row(TraceOpcode.IntMod, "int_mod", "ii", I, P);
        Row(TraceOpcode.IntAnd, "int_and", "ii", I, P);
        Row(TraceOpcode.IntOr, "int_or", "ii", I, P);
        Row(TraceOpcode.IntXor, "int_xor", "ii", I, P);
        Row(TraceOpcode.IntLShift, "int_lshift", "ii", I, P);
        Row(TraceOpcode.IntRShift, "int_rshift", "ii", I, P);
        Row(TraceOpcode.UintRShift, "uint_rshift", "ii", I, P);
        Row(TraceOpcode.IntNeg, "int_neg", "i", I, P);
        Row(TraceOpcode.IntInvert, "int_invert", "i", I, P);
        Row(TraceOpcode.IntLt, "int_lt", "ii", I, P);
        Row(TraceOpcode.IntLe, "int_le", "ii", I, P);
        Row(TraceOpcode.IntEq, "int_eq", "ii", I, P);
        Row(TraceOpcode.IntNe, "int_ne", "ii", I, P);
        Row(TraceOpcode.IntGt, "int_gt", "ii", I, P);
        Row(TraceOpcode.IntGe, "int_ge", "ii", I, P);
        Row(TraceOpcode.UintLt, "uint_lt", "ii", I, P);
        Row(TraceOpcode.UintLe, "uint_le", "ii", I, P);
        Row(TraceOpcode.UintGt, "uint_gt", "ii", I, P);
        Row(TraceOpcode.UintGe, "uint_ge", "ii", I, P);
        Row(TraceOpcode.IntIsTrue, "int_is_true", "i", I, P);
        Row(TraceOpcode.IntIsZero, "int_is_zero", "i", I, P);
        Row(TraceOpcode.IntAddOvf, "int_add_ovf", "ii", I, Ovf);
        Row(TraceOpcode.IntSubOvf, "int_sub_ovf", "ii", I, Ovf);
        Row(TraceOpcode.IntMulOvf, "int_mul_ovf", "ii", I, Ovf);

        Row(TraceOpcode.FloatAdd, "float_add", "ff", F, P);
        Row(TraceOpcode.FloatSub, "float_sub", "ff", F, P);
        Row(TraceOpcode.FloatMul, "float_mul", "ff", F, P);
        Row(TraceOpcode.FloatTrueDiv, "float_truediv", "ff", F, P);
        Row(TraceOpcode.FloatNeg, "float_neg", "f", F, P);
        Row(TraceOpcode.FloatAbs, "float_abs", "f", F, P);
        Row(TraceOpcode.FloatLt, "float_lt", "ff", I, P);
        Row(TraceOpcode.FloatLe, "float_le", "ff", I, P);
        Row(TraceOpcode.FloatEq, "float_eq", "ff", I, P);
        Row(TraceOpcode.FloatNe, "float_ne", "ff", I, P);
        Row(TraceOpcode.FloatGt, "float_gt", "ff", I, P);
        Row(TraceOpcode.FloatGe, "float_ge", "ff", I, P);

        Row(TraceOpcode.CastIntToFloat, "cast_int_to_float", "i", F, P);
        Row(TraceOpcode.CastFloatToInt, "cast_float_to_int", "f", I, P);
        Row(TraceOpcode.SameAsI, "same_as_i", "i", I, P);
        Row(TraceOpcode.SameAsR, "same_as_r", "r", R, P);
        Row(TraceOpcode.SameAsF, "same_as_f", "f", F, P);
        Row(TraceOpcode.PtrEq, "ptr_eq", "rr", I, P);
        Row(TraceOpcode.PtrNe, "ptr_ne", "rr", I, P);

        Row(TraceOpcode.GuardTrue, "guard_true", "i", V, G);
        Row(TraceOpcode.GuardFalse, "guard_false", "i", V, G);
        Row(TraceOpcode.GuardValue, "guard_value", "**", V, G);
        Row(TraceOpcode.GuardClass, "guard_class", "rr", V, G);
        Row(TraceOpcode.GuardNonnull, "guard_nonnull", "r", V, G);
        Row(TraceOpcode.GuardIsnull, "guard_isnull", "r", V, G);
        Row(TraceOpcode.GuardNonnullClass, "guard_nonnull_class", "rr", V, G);
        Row(TraceOpcode.GuardNoException, "guard_no_exception", "", V, G);
        Row(TraceOpcode.GuardException, "guard_exception", "r", R, G);
        Row(TraceOpcode.GuardNoOverflow, "guard_no_overflow", "", V, G);
        Row(TraceOpcode.GuardOverflow, "guard_overflow", "", V, G);

        Row(TraceOpcode.GetfieldGcI, "getfield_gc_i", "r", I, Read, FieldD);
        Row(TraceOpcode.GetfieldGcR, "getfield_gc_r", "r", R, Read, FieldD);
        Row(TraceOpcode.GetfieldGcF, "getfield_gc_f", "r", F, Read, FieldD);
        Row(TraceOpcode.SetfieldGc, "setfield_gc", "r*", V, Write, FieldD);
        Row(TraceOpcode.GetarrayitemGcI, "getarrayitem_gc_i", "ri", I, Read, ArrayD);
        Row(TraceOpcode.GetarrayitemGcR, "getarrayitem_gc_r", "ri", R, Read, ArrayD);
        Row(TraceOpcode.GetarrayitemGcF, "getarrayitem_gc_f", "ri", F, Read, ArrayD);
        Row(TraceOpcode.SetarrayitemGc, "setarrayitem_gc", "ri*", V, Write, ArrayD);
        Row(TraceOpcode.ArraylenGc, "arraylen_gc", "r", I, Read, ArrayD);
        Row(TraceOpcode.Strlen, "strlen", "r", I, P);
        Row(TraceOpcode.Strgetitem, "strgetitem", "ri", I, P);
        Row(TraceOpcode.New, "new", "", R, Read, ClassD);
        Row(TraceOpcode.NewArray, "new_array", "i", R, Read, ArrayD);

        Row(TraceOpcode.CallI, "call_i", Variadic, I, Call, CallD);
        Row(TraceOpcode.CallR, "call_r", Variadic, R, Call, CallD);
        Row(TraceOpcode.CallF, "call_f", Variadic, F, Call, CallD);
        Row(TraceOpcode.CallN, "call_n", Variadic, V, Call, CallD);

        Row(TraceOpcode.Label, "label", Variadic, V, OpFlags.None, LoopD);
        Row(TraceOpcode.Jump, "jump", Variadic, V, Final, LoopD);
        Row(TraceOpcode.Finish, "finish", Variadic, V, Final);

        for (int i = 0; i < table.Length; i++)
            if (table[i].Name is null)
                throw new InvalidOperationException($"trace opcode {(TraceOpcode)i} has no row in the opcode table");
        return table;
    }

    private static Dictionary<string, TraceOpcode> BuildNameIndex()
    {
        var index = new Dictionary<string, TraceOpcode>(Table.Length, StringComparer.Ordinal);
        foreach (var row in Table)
            index.Add(row.Name, row.Opcode);
        return index;
    }
}
