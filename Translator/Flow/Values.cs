// The values a flow graph computes with: SSA Variables (assigned exactly once, by a block input, an
// operation or an exception link) and Constants (known at translation time). Built by the flow
// builder, read by the checker, the printers and the annotator.
using System.Collections.Immutable;
using System.Globalization;
using ClrPy.Runtime.Builtins;
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Flow;

/// <summary>An operand of an operation or a link: a Variable or a Constant.</summary>
public abstract class Value
{
    private protected Value()
    {
    }
}

/// <summary>An SSA variable. Identity is the object; Id is unique within its graph and only used for
/// hashing and debugging (printers renumber variables in reading order).</summary>
public sealed class Variable(int id, string? nameHint) : Value
{
    public int Id { get; } = id;

    /// <summary>The source name this variable holds a value of, if any (printed as <c>v3_count</c>).</summary>
    public string? NameHint { get; } = nameHint;

    public override string ToString() => NameHint is null ? $"v{Id}" : $"v{Id}_{NameHint}";
}

public enum ConstantKind
{
    None,
    Bool,
    /// <summary>A 64-bit machine integer (long).</summary>
    Int,
    /// <summary>A double.</summary>
    Float,
    /// <summary>A string (System.String).</summary>
    Str,
    /// <summary>An immutable tuple of constants (ImmutableArray&lt;Constant&gt;).</summary>
    Tuple,
    /// <summary>A module-level or class-level function (FunctionDesc).</summary>
    Function,
    /// <summary>A user class (ClassDesc).</summary>
    Class,
    /// <summary>A builtin function, class, exception class or module member (BuiltinDesc).</summary>
    Builtin,
    /// <summary>A module (ModuleDesc), e.g. the value of <c>import helpers</c>.</summary>
    Module,
    /// <summary>A prebuilt instance of a user class (PrebuiltInstance).</summary>
    Instance,
    /// <summary>A prebuilt, mutable list (PrebuiltList).</summary>
    List,
    /// <summary>A prebuilt, mutable dict (PrebuiltDict).</summary>
    Dict,
    /// <summary>A prebuilt instance of a builtin class such as JitDriver (PrebuiltBuiltinInstance).</summary>
    BuiltinInstance,
}

/// <summary>A value known at translation time. Immutable kinds compare by value; prebuilt objects
/// (instances, lists, dicts) and descriptions compare by identity.</summary>
public sealed class Constant : Value, IEquatable<Constant>
{
    private Constant(ConstantKind kind, object? value)
    {
        Kind = kind;
        Value = value;
    }

    public ConstantKind Kind { get; }

    /// <summary>null (None), bool, long, double, string, ImmutableArray&lt;Constant&gt; (Tuple),
    /// or the FunctionDesc / ClassDesc / BuiltinDesc / ModuleDesc / PrebuiltInstance / PrebuiltList /
    /// PrebuiltDict it stands for.</summary>
    public object? Value { get; }

    public static Constant None { get; } = new(ConstantKind.None, null);

    public static Constant True { get; } = new(ConstantKind.Bool, true);

    public static Constant False { get; } = new(ConstantKind.Bool, false);

    public static Constant Bool(bool value) => value ? True : False;

    public static Constant Int(long value) => new(ConstantKind.Int, value);

    public static Constant Float(double value) => new(ConstantKind.Float, value);

    public static Constant Str(string value) => new(ConstantKind.Str, value);

    public static Constant Tuple(ImmutableArray<Constant> items) => new(ConstantKind.Tuple, items);

    public static Constant Of(FunctionDesc function) => new(ConstantKind.Function, function);

    public static Constant Of(ClassDesc cls) => new(ConstantKind.Class, cls);

    public static Constant Of(BuiltinDesc builtin) => new(ConstantKind.Builtin, builtin);

    public static Constant Of(ModuleDesc module) => new(ConstantKind.Module, module);

    public static Constant Of(PrebuiltInstance instance) => new(ConstantKind.Instance, instance);

    public static Constant Of(PrebuiltList list) => new(ConstantKind.List, list);

    public static Constant Of(PrebuiltDict dict) => new(ConstantKind.Dict, dict);

    public static Constant Of(PrebuiltBuiltinInstance instance) => new(ConstantKind.BuiltinInstance, instance);

    public bool IsBool(bool value) => Kind == ConstantKind.Bool && (bool)Value! == value;

    public T As<T>() where T : class => (T)Value!;

    public bool Equals(Constant? other)
    {
        if (other is null || other.Kind != Kind)
            return false;
        return Kind switch
        {
            ConstantKind.None => true,
            ConstantKind.Tuple => ((ImmutableArray<Constant>)Value!).SequenceEqual((ImmutableArray<Constant>)other.Value!),
            ConstantKind.Float => ((double)Value!).Equals((double)other.Value!),
            ConstantKind.Bool or ConstantKind.Int or ConstantKind.Str => Value!.Equals(other.Value),
            _ => ReferenceEquals(Value, other.Value),
        };
    }

    public override bool Equals(object? obj) => obj is Constant other && Equals(other);

    public override int GetHashCode()
    {
        if (Kind == ConstantKind.Tuple)
        {
            var hash = new HashCode();
            foreach (var item in (ImmutableArray<Constant>)Value!)
                hash.Add(item);
            return hash.ToHashCode();
        }
        return HashCode.Combine(Kind, Value);
    }

    /// <summary>The Python-like source text of the constant (<c>'abc'</c>, <c>2.0</c>, <c>&lt;class Foo&gt;</c>).</summary>
    public override string ToString() => Kind switch
    {
        ConstantKind.None => "None",
        ConstantKind.Bool => (bool)Value! ? "True" : "False",
        ConstantKind.Int => ((long)Value!).ToString(CultureInfo.InvariantCulture),
        ConstantKind.Float => PythonText.FloatRepr((double)Value!),
        ConstantKind.Str => PythonText.StrRepr((string)Value!),
        ConstantKind.Tuple => TupleText((ImmutableArray<Constant>)Value!),
        _ => Value!.ToString()!,
    };

    private static string TupleText(ImmutableArray<Constant> items) =>
        items.Length == 1 ? $"({items[0]},)" : "(" + string.Join(", ", items) + ")";
}
