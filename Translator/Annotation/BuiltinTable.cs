// THE table of builtins: every builtin function, module function (math, time, os, clrpy.*) and
// str/list/dict method RPy supports, with its arity and the rule giving its result annotation.
// The annotator calls BuiltinTable.CallFunction / CallMethod; nothing else knows builtin result types.
using System.Collections.Frozen;

namespace ClrPy.Translator.Annotation;

/// <param name="MaxArgs">-1 for any number of positional arguments.</param>
public sealed record BuiltinSignature(string Name, int MinArgs, int MaxArgs, Func<BuiltinCall, Annotation> Result);

public static class BuiltinTable
{
    private static readonly Annotation Int = SomeInt.Instance;
    private static readonly Annotation Float = SomeFloat.Instance;
    private static readonly Annotation Bool = SomeBool.Instance;
    private static readonly Annotation Str = SomeStr.Instance;
    private static readonly Annotation None = SomeNone.Instance;

    private static readonly string[] MathFloatFunctions =
        ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp", "log",
         "log10", "log2", "pow", "fabs", "hypot", "fmod", "copysign", "degrees", "radians", "expm1", "log1p"];

    private static readonly string[] NoOpJitHints = ["jit_merge_point", "can_enter_jit"];

    private static readonly FrozenDictionary<string, BuiltinSignature> FunctionTable = BuildFunctions();

    private static readonly FrozenDictionary<string, BuiltinSignature> MethodTable = BuildMethods();

    /// <summary>The result of calling builtin <c>call.Name</c> (e.g. <c>len</c>, <c>math.sqrt</c>).</summary>
    public static Annotation CallFunction(BuiltinCall call)
    {
        if (!FunctionTable.TryGetValue(call.Name, out var signature))
            TypeErrors.Error(TypeErrors.UnsupportedOperationId, call.Span, $"'{call.Name}' is not supported in RPy");
        return Invoke(signature, call, call.Name + "()");
    }

    /// <summary>The result of <c>receiver.method(args)</c> for str, list and dict receivers.</summary>
    public static Annotation CallMethod(BuiltinCall call)
    {
        var receiver = call.Receiver!;
        string kind = KindOf(receiver) ?? "";
        if (!MethodTable.TryGetValue(kind + "." + call.Name, out var signature))
            TypeErrors.UnknownMethod(call.Span, receiver, call.Name);
        if (receiver.CanBeNone)
            TypeErrors.Unsupported(call.Span, $"calling '{call.Name}' on a value that can be None ({receiver.UserName})", receiver);
        return Invoke(signature, call, $"{kind}.{call.Name}()");
    }

    private static string? KindOf(Annotation receiver) => receiver switch
    {
        SomeStr or SomeChar => "str",
        SomeList => "list",
        SomeDict => "dict",
        _ => null,
    };

    private static Annotation Invoke(BuiltinSignature signature, BuiltinCall call, string displayName)
    {
        int given = call.PositionalCount;
        if (given < signature.MinArgs || (signature.MaxArgs >= 0 && given > signature.MaxArgs))
        {
            int expected = given < signature.MinArgs ? signature.MinArgs : signature.MaxArgs;
            string range = signature.MaxArgs == signature.MinArgs ? Plural(expected)
                : signature.MaxArgs < 0 ? $"at least {Plural(signature.MinArgs)}"
                : $"{signature.MinArgs} to {Plural(signature.MaxArgs)}";
            TypeErrors.Error(TypeErrors.ArityId, call.Span, $"{displayName} takes {range} but {given} {(given == 1 ? "was" : "were")} given");
        }
        return call.Made(signature.Result(call));
    }

    private static string Plural(int count) => count == 1 ? "1 argument" : $"{count} arguments";

    private static FrozenDictionary<string, BuiltinSignature> BuildFunctions()
    {
        var table = new Dictionary<string, BuiltinSignature>(StringComparer.Ordinal);
        void Add(string name, int min, int max, Func<BuiltinCall, Annotation> result) => table.Add(name, new BuiltinSignature(name, min, max, result));

        Add("len", 1, 1, call => Sized(call, call[0]) ? Int : Bad(call, $"len() of {call[0].UserName}", call[0]));
        Add("range", 1, 3, call => RequireInts(call) ? call.Services.NewList(Int, call.Span) : Int);
        Add("abs", 1, 1, call => Numeric(call, call[0]) is SomeFloat ? Float : Int);
        Add("min", 1, -1, MinMax);
        Add("max", 1, -1, MinMax);
        Add("sum", 1, 2, call => Numeric(call, call.ItemOf(call[0]) ?? Bad(call, $"sum() of {call[0].UserName}", call[0])) is SomeFloat ? Float : Int);
        Add("int", 0, 2, call => Int);
        Add("float", 0, 1, call => Float);
        Add("str", 0, 1, call => Str);
        Add("repr", 1, 1, call => Str);
        Add("bool", 0, 1, call => Bool);
        Add("chr", 1, 1, call => SomeChar.Instance);
        Add("ord", 1, 1, call => call[0] is SomeStr or SomeChar ? Int : Bad(call, $"ord() of {call[0].UserName}", call[0]));
        Add("isinstance", 2, 2, call => Bool);
        Add("hash", 1, 1, call => Int);
        Add("id", 1, 1, call => Int);
        Add("divmod", 2, 2, call =>
        {
            var number = call.Join(Numeric(call, call[0]), Numeric(call, call[1]), "divmod() operand");
            return new SomeTuple([number, number]);
        });
        Add("round", 1, 2, call => call.PositionalCount == 2 ? Float : Int);
        Add("list", 0, 1, call => call.Services.NewList(call.PositionalCount == 0 ? SomeImpossible.Instance : Iterated(call, call[0]), call.Span));
        Add("dict", 0, 0, call => call.Services.NewDict(SomeImpossible.Instance, SomeImpossible.Instance, call.Span));
        Add("sorted", 1, 1, call => call.Services.NewList(Iterated(call, call[0]), call.Span));
        Add("reversed", 1, 1, call => call.Services.NewList(Iterated(call, call[0]), call.Span));
        Add("enumerate", 1, 2, call => call.Services.NewList(new SomeTuple([Int, Iterated(call, call[0])]), call.Span));
        Add("zip", 1, -1, call => call.Services.NewList(new SomeTuple([.. call.Args.Take(call.PositionalCount).Select(arg => Iterated(call, arg))]), call.Span));
        Add("print", 0, -1, call => None);
        foreach (string name in MathFloatFunctions)
            Add("math." + name, 1, 2, call => Float);
        Add("math.floor", 1, 1, call => Int);
        Add("math.ceil", 1, 1, call => Int);
        Add("math.trunc", 1, 1, call => Int);
        Add("math.isfinite", 1, 1, call => Bool);
        Add("math.gcd", 2, 2, call => Int);
        Add("math.factorial", 1, 1, call => Int);
        Add("sys.setrecursionlimit", 1, 1, call => None);
        Add("clrpy.rlib.r_int64", 1, 1, call => Int);
        Add("clrpy.rlib.we_are_translated", 0, 0, call => Bool);
        Add("any", 1, 1, call => { Iterated(call, call[0]); return Bool; });
        Add("all", 1, 1, call => { Iterated(call, call[0]); return Bool; });
        foreach (string name in new[] { "hex", "oct", "bin" })
            Add(name, 1, 1, call => call[0] is SomeInt ? Str : Bad(call, $"{name}() of {call[0].UserName}", call[0]));
        Add("iter", 1, 1, call => { Iterated(call, call[0]); return new SomeIterator(call[0]); });
        Add("next", 1, 1, call => call[0] is SomeIterator iterator ? Iterated(call, iterator.Container) : Bad(call, $"next() of {call[0].UserName}", call[0]));
        Add("math.isnan", 1, 1, call => Bool);
        Add("math.isinf", 1, 1, call => Bool);
        Add("time.time", 0, 0, call => Float);
        Add("time.perf_counter", 0, 0, call => Float);
        Add("os.write", 2, 2, call => Int);
        Add("clrpy.rlib.intmask", 1, 1, call => Int);
        Add("clrpy.rlib.r_uint", 1, 1, call => SomeUnsigned.Instance);
        Add("clrpy.rlib.ovfcheck", 1, 1, call => Numeric(call, call[0]));
        Add("clrpy.jit.promote", 1, 1, call => call[0]);
        Add("clrpy.jit.we_are_jitted", 0, 0, call => Bool);
        Add("clrpy.jit.set_param", 3, 3, SetParam);
        foreach (string hint in NoOpJitHints)
            Add("clrpy.jit.JitDriver." + hint, 0, 0, call => None);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, BuiltinSignature> BuildMethods()
    {
        var table = new Dictionary<string, BuiltinSignature>(StringComparer.Ordinal);
        void Add(string name, int min, int max, Func<BuiltinCall, Annotation> result) => table.Add(name, new BuiltinSignature(name, min, max, result));
        SomeList List(BuiltinCall call) => (SomeList)call.Receiver!;
        SomeDict Dict(BuiltinCall call) => (SomeDict)call.Receiver!;
        Annotation Item(BuiltinCall call) => call.ItemOf(call.Receiver!)!;
        Annotation DictValue(BuiltinCall call)
        {
            call.Services.ReadItems(Dict(call).Def);
            return Dict(call).Def.Value;
        }

        Add("str.join", 1, 1, call => Iterated(call, call[0]) is SomeStr or SomeChar or SomeImpossible ? Str : Bad(call, $"str.join() of {call[0].UserName}", call[0]));
        Add("str.encode", 0, 1, call => Str);
        Add("str.split", 0, 2, call => call.Services.NewList(Str, call.Span));
        Add("str.rsplit", 0, 2, call => call.Services.NewList(Str, call.Span));
        Add("str.splitlines", 0, 0, call => call.Services.NewList(Str, call.Span));
        foreach (string name in new[] { "strip", "lstrip", "rstrip", "lower", "upper", "replace", "capitalize", "title", "ljust", "rjust", "center", "zfill" })
            Add("str." + name, 0, 3, call => Str);
        foreach (string name in new[] { "startswith", "endswith" })
            Add("str." + name, 1, 3, call => Bool);
        foreach (string name in new[] { "isdigit", "isalpha", "isspace", "isalnum", "islower", "isupper" })
            Add("str." + name, 0, 0, call => Bool);
        foreach (string name in new[] { "find", "rfind", "index", "rindex", "count" })
            Add("str." + name, 1, 3, call => Int);

        Add("list.append", 1, 1, call => { call.AddItem(List(call), call[0]); return None; });
        Add("list.insert", 2, 2, call => { call.AddItem(List(call), call[1]); return None; });
        Add("list.extend", 1, 1, call => { call.AddItem(List(call), Iterated(call, call[0])); return None; });
        Add("list.pop", 0, 1, Item);
        Add("list.remove", 1, 1, call => None);
        Add("list.reverse", 0, 0, call => None);
        Add("list.sort", 0, 0, call => None);
        Add("list.clear", 0, 0, call => None);
        Add("list.index", 1, 1, call => Int);
        Add("list.count", 1, 1, call => Int);
        Add("list.copy", 0, 0, call => call.Services.NewList(Item(call), call.Span));

        Add("dict.get", 1, 2, call =>
        {
            call.AddEntry(Dict(call), call[0], SomeImpossible.Instance);
            var value = DictValue(call);
            if (call.PositionalCount == 2)
                return call.Join(value, call[1], "dict.get() result");
            // Without a default the result is nullable when the value type can be None; a dict of
            // numbers keeps its value type (CPython's None for a missing key has no number form).
            return value is SomeInt or SomeFloat or SomeChar or SomeTuple or SomeImpossible ? value : call.Join(value, None, "dict.get() result");
        });
        Add("dict.setdefault", 2, 2, call => { call.AddEntry(Dict(call), call[0], call[1]); return DictValue(call); });
        Add("dict.pop", 1, 2, call => call.PositionalCount == 2 ? call.Join(DictValue(call), call[1], "dict.pop() result") : DictValue(call));
        Add("dict.keys", 0, 0, call => call.Services.NewList(Item(call), call.Span));
        Add("dict.values", 0, 0, call => call.Services.NewList(DictValue(call), call.Span));
        Add("dict.items", 0, 0, call => call.Services.NewList(new SomeTuple([Item(call), DictValue(call)]), call.Span));
        Add("dict.clear", 0, 0, call => None);
        Add("dict.copy", 0, 0, call => call.Services.NewDict(Item(call), DictValue(call), call.Span));
        Add("dict.update", 1, 1, call =>
        {
            if (call[0] is not SomeDict other)
                return Bad(call, $"dict.update() with {call[0].UserName}", call[0]);
            call.Services.ReadItems(other.Def);
            call.AddEntry(Dict(call), other.Def.Key, other.Def.Value);
            return None;
        });
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Annotation MinMax(BuiltinCall call)
    {
        if (call.PositionalCount == 1)
            return call.ItemOf(call[0]) ?? Bad(call, $"{call.Name}() of {call[0].UserName}", call[0]);
        var result = call[0];
        for (int i = 1; i < call.PositionalCount; i++)
            result = call.Join(result, call[i], $"{call.Name}() argument");
        return result;
    }

    private static bool Sized(BuiltinCall call, Annotation value) =>
        value is SomeStr or SomeChar or SomeTuple || call.ItemOf(value) is not null;

    private static bool RequireInts(BuiltinCall call)
    {
        for (int i = 0; i < call.PositionalCount; i++)
            if (call[i] is not SomeInt)
                Bad(call, $"{call.Name}() argument {i + 1} must be int, not {call[i].UserName}", call[i]);
        return true;
    }

    private static Annotation Numeric(BuiltinCall call, Annotation value) =>
        value is SomeInt or SomeFloat or SomeImpossible ? value : Bad(call, $"{call.Name}() of {value.UserName}: a number is required", value);

    private static Annotation Iterated(BuiltinCall call, Annotation iterable) =>
        call.ItemOf(iterable) ?? Bad(call, $"{iterable.UserName} is not iterable", iterable);

    /// <summary>set_param(driver, name, value): JIT parameters are ints (bools count), or a str for enable_opts; "off"
    /// takes any of these or None. Which name takes which is checked when the call runs, as on CPython.</summary>
    private static Annotation SetParam(BuiltinCall call)
    {
        if (call[0] is not SomeJitDriver)
            Bad(call, $"set_param() of {call[0].UserName}: its first argument is the JitDriver whose parameter it sets", call[0]);
        if (call[1] is not (SomeStr or SomeChar))
            Bad(call, $"set_param() with a name of type {call[1].UserName}: the name is a str such as \"threshold\"", call[1]);
        if (call[2] is not (SomeInt or SomeStr or SomeChar or SomeNone))
            Bad(call, $"set_param() with a value of type {call[2].UserName}: JIT parameters are ints, or a str for enable_opts", call[2]);
        return None;
    }

    private static Annotation Bad(BuiltinCall call, string message, Annotation operand)
    {
        TypeErrors.Unsupported(call.Span, message, operand);
        return operand;
    }
}
