// The high-level, untyped operations of flow graphs (PyPy flowspace style) and their ONE table of
// properties: name, arity, whether the operation can raise, whether it is free of side effects,
// and what it means. The builder emits them; the annotator gives each a meaning per argument type.
namespace ClrPy.Translator.Flow;

public enum OpCode
{
    Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor,
    InplaceAdd, InplaceMul,
    Neg, Pos, Invert, Not, IsTrue,
    Lt, Le, Eq, Ne, Gt, Ge, Is, IsNot, Contains,
    GetAttr, SetAttr, GetItem, SetItem, DelItem, GetSlice, SetSlice, DelSlice,
    NewList, NewDict, NewTuple, NewSet, NewSlice, Unpack,
    SimpleCall, CallArgs, CallMethod,
    Iter, Next, Len, IsInstance, Type, Format, BuildStr,
}

/// <param name="Arity">Number of arguments; -1 when variadic (see the description).</param>
/// <param name="CanRaise">Can raise an exception RPy code may catch (the builder gives such an
/// operation an exception exit when it is inside <c>try</c>). Int arithmetic wraps in RPy, so add,
/// sub and mul cannot raise (overflow is only checked by <c>ovfcheck</c>, a call); division,
/// modulo, power and shifts can.</param>
/// <param name="Pure">Has no side effect: may be removed when its result is unused and it cannot raise.</param>
public sealed record OpInfo(OpCode Code, string Name, int Arity, bool CanRaise, bool Pure, string Description)
{
    /// <summary>True for operations whose result is always a bool (a switch may test it directly).</summary>
    public bool ReturnsBool => Code is OpCode.Not or OpCode.IsTrue or OpCode.Lt or OpCode.Le or OpCode.Eq
        or OpCode.Ne or OpCode.Gt or OpCode.Ge or OpCode.Is or OpCode.IsNot or OpCode.Contains or OpCode.IsInstance;
}

/// <summary>The table, indexed by OpCode (a test checks the order).</summary>
public static class OpCodes
{
    private static readonly OpInfo[] Table =
    [
        new(OpCode.Add, "add", 2, false, true, "a + b (numbers, str/list/tuple concatenation)"),
        new(OpCode.Sub, "sub", 2, false, true, "a - b"),
        new(OpCode.Mul, "mul", 2, false, true, "a * b (numbers, sequence repetition)"),
        new(OpCode.TrueDiv, "truediv", 2, true, true, "a / b, always a float; ZeroDivisionError"),
        new(OpCode.FloorDiv, "floordiv", 2, true, true, "a // b with Python's floor semantics; ZeroDivisionError"),
        new(OpCode.Mod, "mod", 2, true, true, "a % b with Python's floor semantics, or %-formatting of a str"),
        new(OpCode.Pow, "pow", 2, true, true, "a ** b"),
        new(OpCode.LShift, "lshift", 2, true, true, "a << b"),
        new(OpCode.RShift, "rshift", 2, true, true, "a >> b"),
        new(OpCode.And, "and_", 2, false, true, "a & b"),
        new(OpCode.Or, "or_", 2, false, true, "a | b"),
        new(OpCode.Xor, "xor", 2, false, true, "a ^ b"),
        new(OpCode.InplaceAdd, "inplace_add", 2, false, false, "a += b: extends a list in place, else like add"),
        new(OpCode.InplaceMul, "inplace_mul", 2, false, false, "a *= b: repeats a list in place, else like mul"),
        new(OpCode.Neg, "neg", 1, false, true, "-a"),
        new(OpCode.Pos, "pos", 1, false, true, "+a"),
        new(OpCode.Invert, "invert", 1, false, true, "~a"),
        new(OpCode.Not, "not_", 1, false, true, "not a (a bool)"),
        new(OpCode.IsTrue, "is_true", 1, false, true, "bool(a): the truth value a switch tests"),
        new(OpCode.Lt, "lt", 2, false, true, "a < b"),
        new(OpCode.Le, "le", 2, false, true, "a <= b"),
        new(OpCode.Eq, "eq", 2, false, true, "a == b"),
        new(OpCode.Ne, "ne", 2, false, true, "a != b"),
        new(OpCode.Gt, "gt", 2, false, true, "a > b"),
        new(OpCode.Ge, "ge", 2, false, true, "a >= b"),
        new(OpCode.Is, "is_", 2, false, true, "a is b (identity)"),
        new(OpCode.IsNot, "is_not", 2, false, true, "a is not b"),
        new(OpCode.Contains, "contains", 2, false, true, "contains(container, item): item in container"),
        new(OpCode.GetAttr, "getattr", 2, false, true, "getattr(obj, 'name'): the name is always a str constant"),
        new(OpCode.SetAttr, "setattr", 3, false, false, "setattr(obj, 'name', value)"),
        new(OpCode.GetItem, "getitem", 2, true, true, "obj[index]; IndexError, KeyError"),
        new(OpCode.SetItem, "setitem", 3, true, false, "obj[index] = value; IndexError"),
        new(OpCode.DelItem, "delitem", 2, true, false, "del obj[index]; IndexError, KeyError"),
        new(OpCode.GetSlice, "getslice", 3, false, true, "obj[start:stop] (None for an omitted bound)"),
        new(OpCode.SetSlice, "setslice", 4, false, false, "obj[start:stop] = value"),
        new(OpCode.DelSlice, "delslice", 3, false, false, "del obj[start:stop]"),
        new(OpCode.NewList, "newlist", -1, false, true, "[items...]"),
        new(OpCode.NewDict, "newdict", -1, false, true, "{k1: v1, k2: v2, ...}: keys and values alternate"),
        new(OpCode.NewTuple, "newtuple", -1, false, true, "(items...)"),
        new(OpCode.NewSet, "newset", -1, false, true, "{items...}"),
        new(OpCode.NewSlice, "newslice", 3, false, true, "slice(start, stop, step) for obj[a:b:c]"),
        new(OpCode.Unpack, "unpack", 2, true, true, "unpack(seq, n): the n items of seq as an n-tuple; ValueError if it has another length"),
        new(OpCode.SimpleCall, "simple_call", -1, true, false, "f(args...): positional arguments only"),
        new(OpCode.CallArgs, "call_args", -1, true, false,
            "call_args(f, shape, args...): shape is a constant tuple of str naming the keywords of the last arguments, "
            + "preceded by '*' when the argument before those is a tuple whose items are passed positionally"),
        new(OpCode.CallMethod, "call_method", -1, true, false, "call_method(obj, 'name', args...): obj.name(args...)"),
        new(OpCode.Iter, "iter", 1, false, false, "iter(x) for a for-loop or a comprehension"),
        new(OpCode.Next, "next", 1, true, false, "next(iterator); StopIteration ends the loop"),
        new(OpCode.Len, "len", 1, false, true, "len(x)"),
        new(OpCode.IsInstance, "isinstance", 2, false, true, "isinstance(x, cls); also matches exceptions in handlers"),
        new(OpCode.Type, "type", 1, false, true, "type(x)"),
        new(OpCode.Format, "format", 2, false, true, "format(value, spec): one f-string field, spec is a str"),
        new(OpCode.BuildStr, "buildstr", -1, false, true, "the concatenation of str parts (an f-string)"),
    ];

    public static IReadOnlyList<OpInfo> All => Table;

    public static OpInfo Info(this OpCode code) => Table[(int)code];

    public static string Name(this OpCode code) => Table[(int)code].Name;
}
