// The builtins RPy programs may name: functions, types, exception classes (with their bases),
// the supported standard modules and their members, and the clrpy.jit / clrpy.rlib helpers.
// Looked up by the module evaluator and the flow builder; the annotator gives each a meaning.
using System.Collections.Frozen;

namespace ClrPy.Translator.Descriptions;

public enum BuiltinKind
{
    /// <summary>A builtin function such as <c>len</c> or <c>print</c>.</summary>
    Function,
    /// <summary>A builtin type such as <c>int</c> or <c>list</c> (callable as a conversion).</summary>
    Type,
    /// <summary>A builtin exception class; Base names its base class.</summary>
    ExceptionClass,
    /// <summary>A supported standard or clrpy module (<c>math</c>, <c>os</c>, <c>clrpy.jit</c>).</summary>
    Module,
    /// <summary>A member of a supported module (<c>math.sqrt</c>, <c>clrpy.jit.promote</c>).</summary>
    ModuleMember,
}

/// <param name="Name">The name as written in Python (<c>len</c>, <c>ValueError</c>, <c>math.sqrt</c>).</param>
public sealed record BuiltinDesc(string Name, BuiltinKind Kind, BuiltinDesc? Base = null)
{
    /// <summary>True for an exception class that is <paramref name="other"/> or derives from it.</summary>
    public bool IsSubclassOf(BuiltinDesc other)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            if (cls == other)
                return true;
        }
        return false;
    }

    public override string ToString() => $"<builtin {Name}>";
}

public static class Builtins
{
    public static readonly BuiltinDesc BaseException = new("BaseException", BuiltinKind.ExceptionClass);
    public static readonly BuiltinDesc Exception = new("Exception", BuiltinKind.ExceptionClass, BaseException);
    public static readonly BuiltinDesc StopIteration = new("StopIteration", BuiltinKind.ExceptionClass, Exception);
    public static readonly BuiltinDesc AssertionError = new("AssertionError", BuiltinKind.ExceptionClass, Exception);
    private static readonly BuiltinDesc LookupError = new("LookupError", BuiltinKind.ExceptionClass, Exception);
    private static readonly BuiltinDesc ArithmeticError = new("ArithmeticError", BuiltinKind.ExceptionClass, Exception);
    private static readonly BuiltinDesc RuntimeError = new("RuntimeError", BuiltinKind.ExceptionClass, Exception);
    private static readonly BuiltinDesc ValueError = new("ValueError", BuiltinKind.ExceptionClass, Exception);

    private static readonly FrozenDictionary<string, BuiltinDesc> Globals = Build(
        [
            BaseException, Exception, StopIteration, AssertionError, LookupError, ArithmeticError, RuntimeError, ValueError,
            new("IndexError", BuiltinKind.ExceptionClass, LookupError),
            new("KeyError", BuiltinKind.ExceptionClass, LookupError),
            new("ZeroDivisionError", BuiltinKind.ExceptionClass, ArithmeticError),
            new("OverflowError", BuiltinKind.ExceptionClass, ArithmeticError),
            new("TypeError", BuiltinKind.ExceptionClass, Exception),
            new("AttributeError", BuiltinKind.ExceptionClass, Exception),
            new("NotImplementedError", BuiltinKind.ExceptionClass, RuntimeError),
            new("RecursionError", BuiltinKind.ExceptionClass, RuntimeError),
            new("MemoryError", BuiltinKind.ExceptionClass, Exception),
            new("UnicodeError", BuiltinKind.ExceptionClass, ValueError),
        ],
        BuiltinKind.Function,
        "print", "len", "range", "abs", "min", "max", "sum", "chr", "ord", "isinstance", "hash", "divmod", "round",
        "repr", "sorted", "enumerate", "zip", "reversed", "iter", "next", "id", "any", "all", "hex", "oct", "bin", "staticmethod", "classmethod", "super")
        .Concat(Build([], BuiltinKind.Type, "int", "float", "str", "bool", "list", "dict", "tuple", "set", "object", "type"))
        .ToFrozenDictionary();

    /// <summary>Names that exist in Python but are not RPy: naming one is a not-RPy diagnostic.</summary>
    public static readonly FrozenSet<string> Forbidden = FrozenSet.ToFrozenSet(
        ["eval", "exec", "globals", "locals", "vars", "compile", "__import__", "open", "input", "getattr", "setattr",
         "delattr", "hasattr", "property"]);

    private static readonly FrozenDictionary<string, string[]> ModuleMembers = new Dictionary<string, string[]>
    {
        ["math"] = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp", "log", "log10", "log2",
                    "floor", "ceil", "fabs", "pow", "degrees", "radians", "inf", "nan", "isfinite", "gcd", "factorial",
                    "pi", "e", "isnan", "isinf", "fmod", "hypot", "copysign", "trunc", "expm1", "log1p"],
        ["os"] = ["write", "read"],
        ["time"] = ["time", "perf_counter"],
        ["sys"] = ["exit", "argv", "stdout", "maxsize", "setrecursionlimit"],
        ["clrpy"] = ["jit", "rlib"],
        // exactly what lib/python/clrpy provides (a test compares the two)
        ["clrpy.jit"] = ["JitDriver", "elidable", "dont_look_inside", "unroll_safe", "promote", "we_are_jitted", "set_param"],
        ["clrpy.rlib"] = ["intmask", "r_uint", "ovfcheck", "r_int64", "we_are_translated"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, BuiltinDesc> Modules =
        ModuleMembers.Keys.ToFrozenDictionary(name => name, name => new BuiltinDesc(name, BuiltinKind.Module));

    private static readonly FrozenDictionary<string, BuiltinDesc> Members =
        ModuleMembers.SelectMany(module => module.Value.Select(member => module.Key + "." + member))
            .ToFrozenDictionary(name => name, name => Modules.TryGetValue(name, out var sub) ? sub : new BuiltinDesc(name, BuiltinKind.ModuleMember));

    /// <summary>A builtin visible without import (<c>len</c>, <c>ValueError</c>), or null.</summary>
    public static BuiltinDesc? LookupGlobal(string name) => Globals.GetValueOrDefault(name);

    /// <summary>A supported module by dotted name (<c>math</c>, <c>clrpy.jit</c>), or null.</summary>
    public static BuiltinDesc? LookupModule(string dottedName) => Modules.GetValueOrDefault(dottedName);

    /// <summary>A member of a supported module (<c>sqrt</c> of <c>math</c>), or null.</summary>
    /// <summary>The member names the translator knows of a builtin module.</summary>
    public static IReadOnlyList<string> MembersOf(string module) => ModuleMembers.GetValueOrDefault(module) ?? [];

    public static BuiltinDesc? LookupMember(BuiltinDesc module, string name) => Members.GetValueOrDefault(module.Name + "." + name);

    private static IEnumerable<KeyValuePair<string, BuiltinDesc>> Build(BuiltinDesc[] descs, BuiltinKind kind, params string[] names) =>
        descs.Concat(names.Select(name => new BuiltinDesc(name, kind))).Select(d => KeyValuePair.Create(d.Name, d));
}
