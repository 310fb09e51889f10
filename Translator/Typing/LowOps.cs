// THE table of the typed IR's operations: every low-level operation with its operand and result types,
// its effects, the RPy exception it may raise, the descriptor it needs, and its meaning. Lowering
// emits these, the verifier checks against this table, the graph interpreter and the backends
// implement each row. Signatures: i a machine word (Signed, or Unsigned for the operations whose bits
// do not depend on the sign: add, sub, mul, and, or, xor, lshift, eq, ne...), u Unsigned, f Float, b Bool, c Char, s Str, p instance, l list,
// d dict, t tuple, F function, v void, r any reference, * anything; `...` repeats the last operand.
namespace ClrPy.Translator.Typing;

public enum LowOpCode
{
    // integers (64-bit, wrapping) and their overflow-checked forms
    IntAdd, IntSub, IntMul, IntFloorDiv, IntMod, IntNeg, IntAbs, IntInvert, IntAnd, IntOr, IntXor,
    IntLShift, IntRShift, IntLt, IntLe, IntEq, IntNe, IntGt, IntGe, IntIsTrue, IntAddOvf, IntSubOvf,
    IntMulOvf, IntPow, UintFloorDiv, UintMod, UintRShift, UintLt, UintLe, UintGt, UintGe, CastIntToUint, CastUintToInt,
    CastUintToFloat,
    // floats
    FloatAdd, FloatSub, FloatMul, FloatTrueDiv, FloatFloorDiv, FloatMod, FloatPow, FloatNeg, FloatAbs,
    FloatLt, FloatLe, FloatEq, FloatNe, FloatGt, FloatGe, FloatIsTrue, FloatSqrt, FloatSin, FloatCos,
    FloatFloor, FloatCeil, FloatRound, IntMin, IntMax, FloatMin, FloatMax, FloatMath, FloatMath2, FloatIsNan,
    FloatIsInf, IntGcd,
    // conversions and booleans
    CastIntToFloat, CastFloatToInt, CastBoolToInt, CastCharToInt, CastIntToChar, CastCharToStr, BoolNot,
    SameAs,
    // characters and strings
    CharEq, CharLt, StrConcat, StrMul, StrEq, StrLt, StrLe, StrLen, StrGetItem, StrSlice, StrContains,
    StrHash, StrJoin, StrSplit, StrSplitSep, StrStrip, StrStartsWith, StrEndsWith, StrFind, StrReplace,
    StrLower, StrUpper, StrIsDigit, StrIsAlpha, StrIsSpace, StrToInt, StrToFloat, StrIsTrue, StrFindFrom, StrToList, StrStartsWithFrom,
    // text of values (type-directed: the operand's representation says how to print it)
    ToStr, ToRepr, FormatValue, FormatPercent,
    // lists
    NewList, ListLen, ListGetItem, ListSetItem, ListAppend, ListPop, ListInsert, ListExtend, ListDelItem,
    ListSlice, ListDelSlice, ListContains, ListIndex, ListReverse, ListSort, ListConcat, ListMul, ListRepeat, ListIsTrue,
    ListMin, ListMax, ListSum, ListEnumerate, ListZip,
    // dicts (insertion-ordered)
    NewDict, DictLen, DictGetItem, DictSetItem, DictDelItem, DictContains, DictGet, DictSetDefault,
    DictPop, DictPopDefault, DictKeys, DictValues, DictItems, DictIsTrue,
    // iteration (for-loops and comprehensions)
    IterNew, RangeIter, IterNext, RangeList,
    // tuples
    NewTuple, TupleGetItem, ValueEq, ValueLt, ValueLe, ValueHash,
    // instances
    New, GetField, SetField, InstanceOf, PtrEq, PtrNe, PtrIsNull, PtrNonNull,
    // calls
    DirectCall, MethodCall, IndirectCall,
    // the outside world
    WriteStdout, TimeTime,
    // JIT hints: nothing when interpreting or running translated code; the codewriter keeps them for the tracer
    JitMergePoint, JitCanEnterJit, JitPromote, JitWeAreJitted,
    // set_param: a call of the JIT engine when it runs
    JitSetParam,
}

[Flags]
public enum OpEffects
{
    None = 0,
    /// <summary>No side effect: may be removed when unused, and folded with constant operands.</summary>
    Pure = 1,
    /// <summary>May raise the RPy exception named in the table (the block's exception exit handles it).</summary>
    CanRaise = 2,
    ReadsHeap = 4,
    WritesHeap = 8,
    Allocates = 16,
    /// <summary>Calls user code: any effect, any exception.</summary>
    Calls = 32,
    /// <summary>Input or output outside the program.</summary>
    External = 64,
}

/// <summary>What an operation's Descriptor must be.</summary>
public enum DescriptorKind { None, Class, Field, Function, Method, Index, MathFunction, JitDriver }

public sealed record LowOpInfo(
    LowOpCode Code, string Name, string Signature, OpEffects Effects, string? Raises, DescriptorKind Descriptor,
    string Description)
{
    /// <summary>Operand slots parsed from the signature (`...` marks a repeated last slot).</summary>
    public string[] Operands { get; } = ParseOperands(Signature, out _);

    public char Result { get; } = Signature[^1];

    public bool IsVariadic => Signature.Contains("...", StringComparison.Ordinal);

    private static string[] ParseOperands(string signature, out char result)
    {
        int arrow = signature.IndexOf("->", StringComparison.Ordinal);
        result = signature[arrow + 2];
        string operands = signature[..arrow].Replace("...", "", StringComparison.Ordinal);
        return operands.Length == 0 ? [] : operands.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }
}

public static class LowOps
{
    private const OpEffects P = OpEffects.Pure;
    private const OpEffects R = OpEffects.CanRaise;
    private const OpEffects PR = OpEffects.Pure | OpEffects.CanRaise;
    private const OpEffects Read = OpEffects.ReadsHeap;
    private const OpEffects ReadR = OpEffects.ReadsHeap | OpEffects.CanRaise;
    private const OpEffects Write = OpEffects.WritesHeap;
    private const OpEffects WriteR = OpEffects.WritesHeap | OpEffects.CanRaise;
    private const OpEffects Alloc = OpEffects.Allocates;
    private const OpEffects ReadAlloc = OpEffects.ReadsHeap | OpEffects.Allocates;

    private static LowOpInfo Op(LowOpCode code, string name, string signature, OpEffects effects, string description,
        string? raises = null, DescriptorKind descriptor = DescriptorKind.None) =>
        new(code, name, signature, effects, raises, descriptor, description);

    private static readonly LowOpInfo[] Table =
    [
        Op(LowOpCode.IntAdd, "int_add", "i,i->i", P, "a + b, wrapping at 64 bits"),
        Op(LowOpCode.IntSub, "int_sub", "i,i->i", P, "a - b, wrapping"),
        Op(LowOpCode.IntMul, "int_mul", "i,i->i", P, "a * b, wrapping"),
        Op(LowOpCode.IntFloorDiv, "int_floordiv", "i,i->i", PR, "a // b rounding toward minus infinity (Python)", "ZeroDivisionError"),
        Op(LowOpCode.IntMod, "int_mod", "i,i->i", PR, "a % b with the sign of b (Python)", "ZeroDivisionError"),
        Op(LowOpCode.IntNeg, "int_neg", "i->i", P, "-a, wrapping"),
        Op(LowOpCode.IntAbs, "int_abs", "i->i", P, "abs(a), wrapping"),
        Op(LowOpCode.IntInvert, "int_invert", "i->i", P, "~a"),
        Op(LowOpCode.IntAnd, "int_and", "i,i->i", P, "a & b"),
        Op(LowOpCode.IntOr, "int_or", "i,i->i", P, "a | b"),
        Op(LowOpCode.IntXor, "int_xor", "i,i->i", P, "a ^ b"),
        Op(LowOpCode.IntLShift, "int_lshift", "i,i->i", PR, "a << b, wrapping; b < 0 raises", "ValueError"),
        Op(LowOpCode.IntRShift, "int_rshift", "i,i->i", PR, "a >> b (arithmetic); b < 0 raises", "ValueError"),
        Op(LowOpCode.IntLt, "int_lt", "i,i->b", P, "a < b"),
        Op(LowOpCode.IntLe, "int_le", "i,i->b", P, "a <= b"),
        Op(LowOpCode.IntEq, "int_eq", "i,i->b", P, "a == b"),
        Op(LowOpCode.IntNe, "int_ne", "i,i->b", P, "a != b"),
        Op(LowOpCode.IntGt, "int_gt", "i,i->b", P, "a > b"),
        Op(LowOpCode.IntGe, "int_ge", "i,i->b", P, "a >= b"),
        Op(LowOpCode.IntIsTrue, "int_is_true", "i->b", P, "a != 0"),
        Op(LowOpCode.IntAddOvf, "int_add_ovf", "i,i->i", PR, "a + b; OverflowError when it does not fit (ovfcheck)", "OverflowError"),
        Op(LowOpCode.IntSubOvf, "int_sub_ovf", "i,i->i", PR, "a - b; OverflowError when it does not fit", "OverflowError"),
        Op(LowOpCode.IntMulOvf, "int_mul_ovf", "i,i->i", PR, "a * b; OverflowError when it does not fit", "OverflowError"),
        Op(LowOpCode.IntPow, "int_pow", "i,i->i", PR, "a ** b for b >= 0, wrapping; b < 0 raises", "ValueError"),
        Op(LowOpCode.UintFloorDiv, "uint_floordiv", "u,u->u", PR, "a // b, unsigned", "ZeroDivisionError"),
        Op(LowOpCode.UintMod, "uint_mod", "u,u->u", PR, "a % b, unsigned", "ZeroDivisionError"),
        Op(LowOpCode.UintRShift, "uint_rshift", "u,i->u", PR, "a >> b (logical); b < 0 raises", "ValueError"),
        Op(LowOpCode.UintLt, "uint_lt", "u,u->b", P, "a < b, unsigned"),
        Op(LowOpCode.UintLe, "uint_le", "u,u->b", P, "a <= b, unsigned"),
        Op(LowOpCode.UintGt, "uint_gt", "u,u->b", P, "a > b, unsigned"),
        Op(LowOpCode.UintGe, "uint_ge", "u,u->b", P, "a >= b, unsigned"),
        Op(LowOpCode.CastIntToUint, "cast_int_to_uint", "i->u", P, "r_uint(a): the same bits, unsigned"),
        Op(LowOpCode.CastUintToInt, "cast_uint_to_int", "u->i", P, "intmask(a): the same bits, signed"),
        Op(LowOpCode.CastUintToFloat, "cast_uint_to_float", "u->f", P, "float(a) of an unsigned word"),
        Op(LowOpCode.FloatAdd, "float_add", "f,f->f", P, "a + b"),
        Op(LowOpCode.FloatSub, "float_sub", "f,f->f", P, "a - b"),
        Op(LowOpCode.FloatMul, "float_mul", "f,f->f", P, "a * b"),
        Op(LowOpCode.FloatTrueDiv, "float_truediv", "f,f->f", PR, "a / b", "ZeroDivisionError"),
        Op(LowOpCode.FloatFloorDiv, "float_floordiv", "f,f->f", PR, "a // b (Python: floor of the quotient)", "ZeroDivisionError"),
        Op(LowOpCode.FloatMod, "float_mod", "f,f->f", PR, "a % b with the sign of b (Python)", "ZeroDivisionError"),
        Op(LowOpCode.FloatPow, "float_pow", "f,f->f", PR, "a ** b", "ZeroDivisionError"),
        Op(LowOpCode.FloatNeg, "float_neg", "f->f", P, "-a"),
        Op(LowOpCode.FloatAbs, "float_abs", "f->f", P, "abs(a)"),
        Op(LowOpCode.FloatLt, "float_lt", "f,f->b", P, "a < b"),
        Op(LowOpCode.FloatLe, "float_le", "f,f->b", P, "a <= b"),
        Op(LowOpCode.FloatEq, "float_eq", "f,f->b", P, "a == b"),
        Op(LowOpCode.FloatNe, "float_ne", "f,f->b", P, "a != b"),
        Op(LowOpCode.FloatGt, "float_gt", "f,f->b", P, "a > b"),
        Op(LowOpCode.FloatGe, "float_ge", "f,f->b", P, "a >= b"),
        Op(LowOpCode.FloatIsTrue, "float_is_true", "f->b", P, "a != 0.0"),
        Op(LowOpCode.FloatSqrt, "float_sqrt", "f->f", PR, "math.sqrt(a); a < 0 raises", "ValueError"),
        Op(LowOpCode.FloatSin, "float_sin", "f->f", P, "math.sin(a)"),
        Op(LowOpCode.FloatCos, "float_cos", "f->f", P, "math.cos(a)"),
        Op(LowOpCode.FloatFloor, "float_floor", "f->i", PR, "math.floor(a) as an int; inf/nan raise", "OverflowError"),
        Op(LowOpCode.FloatCeil, "float_ceil", "f->i", PR, "math.ceil(a) as an int; inf/nan raise", "OverflowError"),
        Op(LowOpCode.FloatRound, "float_round", "f,i->f", P, "round(a, ndigits) rounding half to even like CPython"),
        Op(LowOpCode.IntMin, "int_min", "i,i->i", P, "min(a, b)"),
        Op(LowOpCode.IntMax, "int_max", "i,i->i", P, "max(a, b)"),
        Op(LowOpCode.FloatMin, "float_min", "f,f->f", P, "min(a, b)"),
        Op(LowOpCode.FloatMax, "float_max", "f,f->f", P, "max(a, b)"),
        Op(LowOpCode.FloatMath, "float_math", "f->f", PR, "math.NAME(a) for the descriptor's one-argument function (PythonMath: "
            + "ValueError for a domain error, OverflowError for a range error)", "ValueError", DescriptorKind.MathFunction),
        Op(LowOpCode.FloatMath2, "float_math2", "f,f->f", PR, "math.NAME(a, b) for the descriptor's two-argument function, "
            + "errors as for float_math (log(a, 1.0) raises ZeroDivisionError)", "ValueError", DescriptorKind.MathFunction),
        Op(LowOpCode.FloatIsNan, "float_isnan", "f->b", P, "math.isnan(a)"),
        Op(LowOpCode.FloatIsInf, "float_isinf", "f->b", P, "math.isinf(a)"),
        Op(LowOpCode.IntGcd, "int_gcd", "i,i->i", P, "math.gcd(a, b), never negative"),
        Op(LowOpCode.CastIntToFloat, "cast_int_to_float", "i->f", P, "float(a)"),
        Op(LowOpCode.CastFloatToInt, "cast_float_to_int", "f->i", PR, "int(a), truncating toward zero; inf/nan raise", "OverflowError"),
        Op(LowOpCode.CastBoolToInt, "cast_bool_to_int", "b->i", P, "int(a): 0 or 1"),
        Op(LowOpCode.CastCharToInt, "cast_char_to_int", "c->i", P, "ord(c)"),
        Op(LowOpCode.CastIntToChar, "cast_int_to_char", "i->c", PR, "chr(i); outside 0..0x10FFFF raises", "ValueError"),
        Op(LowOpCode.CastCharToStr, "cast_char_to_str", "c->s", P, "a char as a one-character str"),
        Op(LowOpCode.BoolNot, "bool_not", "b->b", P, "not a"),
        Op(LowOpCode.SameAs, "same_as", "*->*", P, "a copy of the value (merges values of the same representation)"),
        Op(LowOpCode.CharEq, "char_eq", "c,c->b", P, "a == b"),
        Op(LowOpCode.CharLt, "char_lt", "c,c->b", P, "a < b by code point"),
        Op(LowOpCode.StrConcat, "str_concat", "s,s->s", Alloc, "a + b"),
        Op(LowOpCode.StrMul, "str_mul", "s,i->s", Alloc | OpEffects.CanRaise, "a * n (empty for n <= 0)", "MemoryError"),
        Op(LowOpCode.StrEq, "str_eq", "s,s->b", P, "a == b (None equals only None)"),
        Op(LowOpCode.StrLt, "str_lt", "s,s->b", P, "a < b by code points"),
        Op(LowOpCode.StrLe, "str_le", "s,s->b", P, "a <= b by code points"),
        Op(LowOpCode.StrLen, "str_len", "s->i", P, "len(a)"),
        Op(LowOpCode.StrGetItem, "str_getitem", "s,i->c", PR, "a[i], negative i counting from the end", "IndexError"),
        Op(LowOpCode.StrSlice, "str_slice", "s,i,i,i->s", Alloc | OpEffects.CanRaise, "a[start:stop:step]; an omitted bound is the Signed minimum, Python's defaults and clamping apply", "ValueError"),
        Op(LowOpCode.StrContains, "str_contains", "s,s->b", P, "needle in a"),
        Op(LowOpCode.StrHash, "str_hash", "s->i", P, "hash(a) (deterministic within one run)"),
        Op(LowOpCode.StrJoin, "str_join", "s,l->s", ReadAlloc, "sep.join(items)"),
        Op(LowOpCode.StrSplit, "str_split", "s->l", Alloc, "a.split() on runs of whitespace"),
        Op(LowOpCode.StrSplitSep, "str_split_sep", "s,s->l", R | OpEffects.Allocates, "a.split(sep); an empty sep raises", "ValueError"),
        Op(LowOpCode.StrStrip, "str_strip", "s->s", Alloc, "a.strip()"),
        Op(LowOpCode.StrStartsWith, "str_startswith", "s,s->b", P, "a.startswith(prefix)"),
        Op(LowOpCode.StrEndsWith, "str_endswith", "s,s->b", P, "a.endswith(suffix)"),
        Op(LowOpCode.StrFind, "str_find", "s,s->i", P, "a.find(needle), -1 when absent"),
        Op(LowOpCode.StrReplace, "str_replace", "s,s,s->s", Alloc, "a.replace(old, new)"),
        Op(LowOpCode.StrLower, "str_lower", "s->s", Alloc, "a.lower()"),
        Op(LowOpCode.StrUpper, "str_upper", "s->s", Alloc, "a.upper()"),
        Op(LowOpCode.StrIsDigit, "str_isdigit", "s->b", P, "a.isdigit()"),
        Op(LowOpCode.StrIsAlpha, "str_isalpha", "s->b", P, "a.isalpha()"),
        Op(LowOpCode.StrIsSpace, "str_isspace", "s->b", P, "a.isspace()"),
        Op(LowOpCode.StrToInt, "str_to_int", "s->i", PR, "int(a) in base 10", "ValueError"),
        Op(LowOpCode.StrToFloat, "str_to_float", "s->f", PR, "float(a)", "ValueError"),
        Op(LowOpCode.StrIsTrue, "str_is_true", "s->b", P, "bool(a): False for None and for the empty string"),
        Op(LowOpCode.StrFindFrom, "str_find_from", "s,s,i->i", P, "a.find(needle, start), -1 when absent"),
        Op(LowOpCode.StrToList, "str_to_list", "s->l", Alloc, "list(a): its characters"),
        Op(LowOpCode.StrStartsWithFrom, "str_startswith_from", "s,s,i->b", P, "a.startswith(prefix, start), start clamped like Python"),
        Op(LowOpCode.ToStr, "to_str", "*->s", ReadAlloc, "str(a): exactly CPython's text for the operand's representation"),
        Op(LowOpCode.ToRepr, "to_repr", "*->s", ReadAlloc, "repr(a): exactly CPython's text"),
        Op(LowOpCode.FormatValue, "format_value", "*,s->s", ReadAlloc | OpEffects.CanRaise, "format(a, spec), one f-string field", "ValueError"),
        Op(LowOpCode.FormatPercent, "format_percent", "s,t->s", ReadAlloc | OpEffects.CanRaise, "fmt % args with %d %s %f %x %r and widths", "TypeError"),
        Op(LowOpCode.NewList, "newlist", "*...->l", Alloc, "a new list holding the operands"),
        Op(LowOpCode.ListLen, "list_len", "l->i", Read, "len(a)"),
        Op(LowOpCode.ListGetItem, "list_getitem", "l,i->*", ReadR, "a[i], negative i counting from the end", "IndexError"),
        Op(LowOpCode.ListSetItem, "list_setitem", "l,i,*->v", WriteR, "a[i] = v", "IndexError"),
        Op(LowOpCode.ListAppend, "list_append", "l,*->v", Write, "a.append(v)"),
        Op(LowOpCode.ListPop, "list_pop", "l,i->*", WriteR, "a.pop(i); an empty list or a bad index raises", "IndexError"),
        Op(LowOpCode.ListInsert, "list_insert", "l,i,*->v", Write, "a.insert(i, v), i clamped like Python"),
        Op(LowOpCode.ListExtend, "list_extend", "l,l->v", Write | Read, "a.extend(b)"),
        Op(LowOpCode.ListDelItem, "list_delitem", "l,i->v", WriteR, "del a[i]", "IndexError"),
        Op(LowOpCode.ListSlice, "list_slice", "l,i,i,i->l", ReadAlloc | OpEffects.CanRaise, "a[start:stop:step], bounds as for str_slice", "ValueError"),
        Op(LowOpCode.ListDelSlice, "list_delslice", "l,i,i,i->v", Write | OpEffects.CanRaise, "del a[start:stop:step], bounds as for str_slice", "ValueError"),
        Op(LowOpCode.ListContains, "list_contains", "l,*->b", Read, "v in a (== on items)"),
        Op(LowOpCode.ListIndex, "list_index", "l,*->i", ReadR, "a.index(v)", "ValueError"),
        Op(LowOpCode.ListReverse, "list_reverse", "l->v", Write, "a.reverse()"),
        Op(LowOpCode.ListSort, "list_sort", "l->v", Write, "a.sort() by the items' natural order (stable)"),
        Op(LowOpCode.ListConcat, "list_concat", "l,l->l", ReadAlloc, "a + b"),
        Op(LowOpCode.ListMul, "list_mul", "l,i->l", ReadAlloc | OpEffects.CanRaise, "a * n", "MemoryError"),
        Op(LowOpCode.ListRepeat, "list_repeat", "*,i->l", Alloc | OpEffects.CanRaise, "[v] * n: one list of n items v (RepeatFusion makes it)", "MemoryError"),
        Op(LowOpCode.ListIsTrue, "list_is_true", "l->b", Read, "bool(a): False for None and for an empty list"),
        Op(LowOpCode.ListMin, "list_min", "l->*", ReadR, "min(a); an empty list raises", "ValueError"),
        Op(LowOpCode.ListMax, "list_max", "l->*", ReadR, "max(a); an empty list raises", "ValueError"),
        Op(LowOpCode.ListSum, "list_sum", "l,*->*", Read, "sum(a, start) of numbers"),
        Op(LowOpCode.ListEnumerate, "list_enumerate", "l,i->l", ReadAlloc, "list(enumerate(a, start)): (index, item) tuples"),
        Op(LowOpCode.ListZip, "list_zip", "l,l...->l", ReadAlloc, "list(zip(a, b, ...)): tuples, as long as the shortest list"),
        Op(LowOpCode.NewDict, "newdict", "*...->d", Alloc, "a new dict from alternating keys and values"),
        Op(LowOpCode.DictLen, "dict_len", "d->i", Read, "len(a)"),
        Op(LowOpCode.DictGetItem, "dict_getitem", "d,*->*", ReadR, "a[k]", "KeyError"),
        Op(LowOpCode.DictSetItem, "dict_setitem", "d,*,*->v", Write, "a[k] = v (a new key goes last)"),
        Op(LowOpCode.DictDelItem, "dict_delitem", "d,*->v", WriteR, "del a[k]", "KeyError"),
        Op(LowOpCode.DictContains, "dict_contains", "d,*->b", Read, "k in a"),
        Op(LowOpCode.DictGet, "dict_get", "d,*,*->*", Read, "a.get(k, default)"),
        Op(LowOpCode.DictSetDefault, "dict_setdefault", "d,*,*->*", Write | Read, "a.setdefault(k, default)"),
        Op(LowOpCode.DictPop, "dict_pop", "d,*->*", WriteR, "a.pop(k)", "KeyError"),
        Op(LowOpCode.DictPopDefault, "dict_pop_default", "d,*,*->*", Write | Read, "a.pop(k, default)"),
        Op(LowOpCode.DictKeys, "dict_keys", "d->l", ReadAlloc, "list(a.keys()) in insertion order"),
        Op(LowOpCode.DictValues, "dict_values", "d->l", ReadAlloc, "list(a.values())"),
        Op(LowOpCode.DictItems, "dict_items", "d->l", ReadAlloc, "list(a.items()) as (key, value) tuples"),
        Op(LowOpCode.DictIsTrue, "dict_is_true", "d->b", Read, "bool(a): False for None and for an empty dict"),
        Op(LowOpCode.IterNew, "iter_new", "*->r", ReadAlloc, "an iterator over a list, str (chars), dict (keys, snapshot) or tuple"),
        Op(LowOpCode.RangeIter, "range_iter", "i,i,i->r", R | OpEffects.Allocates, "an iterator over range(start, stop, step); step 0 raises", "ValueError"),
        Op(LowOpCode.IterNext, "iter_next", "r->*", OpEffects.WritesHeap | OpEffects.ReadsHeap | OpEffects.CanRaise, "the next item; StopIteration at the end", "StopIteration"),
        Op(LowOpCode.RangeList, "range_list", "i,i,i->l", R | OpEffects.Allocates, "list(range(start, stop, step)); step 0 raises", "ValueError"),
        Op(LowOpCode.NewTuple, "newtuple", "*...->t", P, "a tuple of the operands"),
        Op(LowOpCode.TupleGetItem, "tuple_getitem", "t->*", P, "a[n] for the constant index n of the descriptor", descriptor: DescriptorKind.Index),
        Op(LowOpCode.ValueEq, "value_eq", "*,*->b", Read, "a == b for tuples and other compound values (item by item)"),
        Op(LowOpCode.ValueLt, "value_lt", "*,*->b", Read, "a < b for tuples and lists (item by item, like CPython)"),
        Op(LowOpCode.ValueLe, "value_le", "*,*->b", Read, "a <= b for tuples and lists"),
        Op(LowOpCode.ValueHash, "value_hash", "*->i", Read, "hash(a) for tuples and other compound values"),
        Op(LowOpCode.New, "new", "->p", Alloc, "a new instance of the descriptor's class, fields zero/null", descriptor: DescriptorKind.Class),
        Op(LowOpCode.GetField, "getfield", "p->*", Read, "a.field; a must not be null", descriptor: DescriptorKind.Field),
        Op(LowOpCode.SetField, "setfield", "p,*->v", Write, "a.field = v", descriptor: DescriptorKind.Field),
        Op(LowOpCode.InstanceOf, "instanceof", "r->b", P, "isinstance(a, cls); False for None", descriptor: DescriptorKind.Class),
        Op(LowOpCode.PtrEq, "ptr_eq", "r,r->b", P, "a is b"),
        Op(LowOpCode.PtrNe, "ptr_ne", "r,r->b", P, "a is not b"),
        Op(LowOpCode.PtrIsNull, "ptr_iszero", "r->b", P, "a is None"),
        Op(LowOpCode.PtrNonNull, "ptr_nonzero", "r->b", P, "a is not None"),
        Op(LowOpCode.DirectCall, "direct_call", "*...->*", OpEffects.Calls | OpEffects.CanRaise, "calls the descriptor's function", descriptor: DescriptorKind.Function),
        Op(LowOpCode.MethodCall, "method_call", "p,*...->*", OpEffects.Calls | OpEffects.CanRaise,
            "calls the method of the receiver's class (virtual dispatch through the descriptor's slot)", descriptor: DescriptorKind.Method),
        Op(LowOpCode.IndirectCall, "indirect_call", "F,*...->*", OpEffects.Calls | OpEffects.CanRaise, "calls a first-class function value"),
        Op(LowOpCode.WriteStdout, "write_stdout", "s->v", OpEffects.External, "writes text to the buffered standard output"),
        Op(LowOpCode.TimeTime, "time_time", "->f", OpEffects.External, "time.time()"),
        Op(LowOpCode.JitMergePoint, "jit_merge_point", "*...->v", OpEffects.None,
            "driver.jit_merge_point(...): the greens then the reds, in the driver's order; no effect outside the JIT", descriptor: DescriptorKind.JitDriver),
        Op(LowOpCode.JitCanEnterJit, "can_enter_jit", "*...->v", OpEffects.None,
            "driver.can_enter_jit(...): a backward jump of the user program, greens then reds; no effect outside the JIT", descriptor: DescriptorKind.JitDriver),
        Op(LowOpCode.JitPromote, "jit_promote", "*->*", P, "promote(a): a itself; the tracer guards on its value and goes on with a constant"),
        Op(LowOpCode.JitWeAreJitted, "we_are_jitted", "->b", P, "we_are_jitted(): False when interpreting, in translated code and in the blackhole interpreter; the tracer records True"),
        Op(LowOpCode.JitSetParam, "jit_set_param", "s,*->v", OpEffects.External,
            "set_param(driver, name, value): sets the descriptor's driver's JIT parameter when it runs (value: an int, a str for enable_opts, None for off); a bad name or value ends the program with a message. Traces call it as a residual call with its effect, never folded",
            descriptor: DescriptorKind.JitDriver),
    ];

    public static IReadOnlyList<LowOpInfo> All => Table;

    public static LowOpInfo Info(this LowOpCode code) => Table[(int)code];

    public static string Name(this LowOpCode code) => Table[(int)code].Name;

    /// <summary>Whether a representation fits a signature slot letter.</summary>
    public static bool Fits(char slot, LowLevelType type) => slot switch
    {
        '*' => true,
        'i' => type.Kind is TypeKind.Signed or TypeKind.Unsigned,
        'u' => type.Kind == TypeKind.Unsigned,
        'f' => type.Kind == TypeKind.Float,
        'b' => type.Kind == TypeKind.Bool,
        'c' => type.Kind == TypeKind.Char,
        's' => type.Kind is TypeKind.Str or TypeKind.NoneType,
        'p' => type.Kind is TypeKind.Instance or TypeKind.NoneType,
        'l' => type.Kind is TypeKind.List or TypeKind.NoneType,
        'd' => type.Kind is TypeKind.Dict or TypeKind.NoneType,
        't' => type.Kind == TypeKind.Tuple,
        'F' => type.Kind is TypeKind.Function,
        'r' => type.IsReference,
        'v' => type.Kind == TypeKind.Void,
        _ => throw new ArgumentException("unknown signature slot " + slot),
    };
}
