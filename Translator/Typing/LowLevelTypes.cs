// The representations of the typed IR: what each RPy value becomes after lowering. They name classes
// and containers abstractly (through descriptors) so that both data models of DESIGN.md can implement
// them: Managed (CLR classes, growable arrays, System.String) and Native (our own heap layout).
using System.Collections.Immutable;

namespace ClrPy.Translator.Typing;

/// <summary>The coarse kind of a representation, used by the operation table to state operand types.</summary>
public enum TypeKind
{
    /// <summary>No value (the result of setfield, list_append, ...).</summary>
    Void,
    /// <summary>A signed 64-bit machine integer.</summary>
    Signed,
    /// <summary>An unsigned 64-bit machine integer (r_uint): the same bits as Signed, read unsigned.</summary>
    Unsigned,
    /// <summary>An IEEE double.</summary>
    Float,
    Bool,
    /// <summary>One character of a str (a str known to have length 1).</summary>
    Char,
    /// <summary>An immutable string; may be null (None) when the annotation is nullable.</summary>
    Str,
    /// <summary>A reference to an instance of a class (possibly null).</summary>
    Instance,
    /// <summary>A reference to a growable list of one item type (possibly null).</summary>
    List,
    /// <summary>A reference to an insertion-ordered dict (possibly null).</summary>
    Dict,
    /// <summary>A fixed-size tuple value, each position with its own type.</summary>
    Tuple,
    /// <summary>A reference to one of a known set of functions with one signature.</summary>
    Function,
    /// <summary>The None constant where nothing else is known (a pointer that is always null).</summary>
    NoneType,
    /// <summary>The state of a for-loop over a list, str, dict, tuple or range.</summary>
    Iterator,
}

public abstract record LowLevelType
{
    public abstract TypeKind Kind { get; }

    /// <summary>True for representations that are references and so can hold None (null).</summary>
    public bool IsReference => Kind is TypeKind.Str or TypeKind.Instance or TypeKind.List or TypeKind.Dict
        or TypeKind.Function or TypeKind.NoneType or TypeKind.Iterator;

    public static readonly PrimitiveType Void = new(TypeKind.Void, "Void");
    public static readonly PrimitiveType Signed = new(TypeKind.Signed, "Signed");
    public static readonly PrimitiveType Unsigned = new(TypeKind.Unsigned, "Unsigned");
    public static readonly PrimitiveType Float = new(TypeKind.Float, "Float");
    public static readonly PrimitiveType Bool = new(TypeKind.Bool, "Bool");
    public static readonly PrimitiveType Char = new(TypeKind.Char, "Char");
    public static readonly PrimitiveType Str = new(TypeKind.Str, "Str");
    public static readonly PrimitiveType None = new(TypeKind.NoneType, "NoneType");
}

public sealed record PrimitiveType(TypeKind PrimitiveKind, string Name) : LowLevelType
{
    public override TypeKind Kind => PrimitiveKind;

    public override string ToString() => Name;
}

public sealed record InstanceType(ClassDescriptor Class) : LowLevelType
{
    public override TypeKind Kind => TypeKind.Instance;

    public override string ToString() => "Ptr(" + Class.Name + ")";
}

public sealed record ListType(LowLevelType Item) : LowLevelType
{
    public override TypeKind Kind => TypeKind.List;

    public override string ToString() => $"List({Item})";
}

public sealed record DictType(LowLevelType Key, LowLevelType Value) : LowLevelType
{
    public override TypeKind Kind => TypeKind.Dict;

    public override string ToString() => $"Dict({Key}, {Value})";
}

public sealed record TupleType(ImmutableArray<LowLevelType> Items) : LowLevelType
{
    public override TypeKind Kind => TypeKind.Tuple;

    public bool Equals(TupleType? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(Items.Length, (hash, item) => HashCode.Combine(hash, item));

    public override string ToString() => "Tuple(" + string.Join(", ", Items) + ")";
}

public sealed record FunctionType(ImmutableArray<LowLevelType> Parameters, LowLevelType Result) : LowLevelType
{
    public override TypeKind Kind => TypeKind.Function;

    public bool Equals(FunctionType? other) =>
        other is not null && Result == other.Result && Parameters.SequenceEqual(other.Parameters);

    public override int GetHashCode() => Parameters.Aggregate(Result.GetHashCode(), (hash, item) => HashCode.Combine(hash, item));

    public override string ToString() => "Func(" + string.Join(", ", Parameters) + " -> " + Result + ")";
}

/// <summary>An iterator yielding items of one representation.</summary>
public sealed record IteratorType(LowLevelType Item) : LowLevelType
{
    public override TypeKind Kind => TypeKind.Iterator;

    public override string ToString() => $"Iter({Item})";
}
