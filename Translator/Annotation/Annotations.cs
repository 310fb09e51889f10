// The annotator's lattice: one immutable record per kind of RPy value (PyPy's SomeXxx). The
// annotator binds one to every flow-graph variable; Lattice.Union joins them; the typer reads them.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Annotation;

/// <summary>What the annotator knows about a value. Equality is structural and ignores
/// <see cref="Origin"/>, so "did this variable's annotation change?" is a plain comparison.</summary>
public abstract record Annotation
{
    /// <summary>Where this type was introduced (the constant or operation that produced it), for the
    /// notes of a type-conflict diagnostic. Null for annotations made up by the annotator itself.</summary>
    public SourceSpan? Origin { get; init; }

    /// <summary>True when None is one of the values (nullable str/list/dict/instance/PBC, or None itself).</summary>
    public virtual bool CanBeNone => false;

    /// <summary>The type as the user writes it, for diagnostics: <c>int</c>, <c>list[str]</c>, <c>Node or None</c>.</summary>
    public abstract string UserName { get; }

    /// <summary>This annotation with a different origin (the origin never changes equality).</summary>
    public Annotation WithOrigin(SourceSpan? origin) => origin is null || origin == Origin ? this : this with { Origin = origin };

    public virtual bool Equals(Annotation? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();

    protected static string OrNone(string name, bool nullable) => nullable ? name + " or None" : name;

    protected static string Dumped(string dumped, bool nullable) => nullable ? dumped + "?" : dumped;
}

/// <summary>Bottom: no value reaches here (yet), e.g. the result of a call that always raises.</summary>
public sealed record SomeImpossible : Annotation
{
    public static readonly SomeImpossible Instance = new();

    public override string UserName => "nothing";

    public override string ToString() => "impossible";
}

/// <summary>A machine-word int. bool is a subtype: <see cref="SomeBool"/> joins with int to int.</summary>
public record SomeInt : Annotation
{
    public static readonly SomeInt Instance = new();

    public override string UserName => "int";

    public override string ToString() => "int";
}

/// <summary>An unsigned machine word (<c>r_uint</c>): joins with int to r_uint; division, modulo, shifts
/// and comparisons are unsigned.</summary>
public sealed record SomeUnsigned : SomeInt
{
    public static new readonly SomeUnsigned Instance = new();

    public override string UserName => "r_uint";

    public override string ToString() => "r_uint";
}

public sealed record SomeBool : SomeInt
{
    public static new readonly SomeBool Instance = new();

    public override string UserName => "bool";

    public override string ToString() => "bool";
}

public sealed record SomeFloat : Annotation
{
    public static readonly SomeFloat Instance = new();

    public override string UserName => "float";

    public override string ToString() => "float";
}

/// <summary>The constant None alone; joined with a nullable kind it becomes that kind's nullable form.</summary>
public sealed record SomeNone : Annotation
{
    public static readonly SomeNone Instance = new();

    public override bool CanBeNone => true;

    public override string UserName => "None";

    public override string ToString() => "None";
}

/// <summary>A str. A one-character str is a <see cref="SomeChar"/>, which joins with str to str.</summary>
public sealed record SomeStr(bool Nullable = false) : Annotation
{
    public static readonly SomeStr Instance = new();

    public override bool CanBeNone => Nullable;

    public override string UserName => OrNone("str", Nullable);

    public override string ToString() => Dumped("str", Nullable);
}

/// <summary>A str known to have length 1 (indexing a str, <c>chr()</c>, a one-letter literal).</summary>
public sealed record SomeChar : Annotation
{
    public static readonly SomeChar Instance = new();

    public override string UserName => "str";

    public override string ToString() => "char";
}

/// <summary>A list; its item type lives in the shared <see cref="ListDef"/>, so every place the same
/// list flows to sees (and generalizes) one item type.</summary>
public sealed record SomeList(ListDef Def, bool Nullable = false) : Annotation
{
    public override bool CanBeNone => Nullable;

    public override string UserName => OrNone($"list[{Def.Item.UserName}]", Nullable);

    public bool Equals(SomeList? other) => other is not null && Nullable == other.Nullable && Def.Find() == other.Def.Find();

    public override int GetHashCode() => HashCode.Combine(typeof(SomeList), Nullable);

    public override string ToString() => Dumped($"list({Def.Item})", Nullable);
}

/// <summary>A dict; key and value types live in the shared <see cref="DictDef"/>.</summary>
public sealed record SomeDict(DictDef Def, bool Nullable = false) : Annotation
{
    public override bool CanBeNone => Nullable;

    public override string UserName => OrNone($"dict[{Def.Key.UserName}, {Def.Value.UserName}]", Nullable);

    public bool Equals(SomeDict? other) => other is not null && Nullable == other.Nullable && Def.Find() == other.Def.Find();

    public override int GetHashCode() => HashCode.Combine(typeof(SomeDict), Nullable);

    public override string ToString() => Dumped($"dict({Def.Key}, {Def.Value})", Nullable);
}

/// <summary>A fixed-length tuple, each position with its own type. Never None.</summary>
public sealed record SomeTuple(ImmutableArray<Annotation> Items) : Annotation
{
    public override string UserName => "tuple[" + string.Join(", ", Items.Select(item => item.UserName)) + "]";

    public bool Equals(SomeTuple? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(typeof(SomeTuple), Items.Length);

    public override string ToString() => "tuple(" + string.Join(", ", Items) + ")";
}

/// <summary>An instance of <see cref="Class"/> or of one of its subclasses (exceptions included).</summary>
public sealed record SomeInstance(ClassDef Class, bool Nullable = false) : Annotation
{
    public override bool CanBeNone => Nullable;

    public override string UserName => OrNone(Class.Name, Nullable);

    public override string ToString() => Dumped($"instance({Class.Name})", Nullable);
}

/// <summary>A prebuilt constant that is one of a known set of functions, classes or bound methods
/// (PyPy's SomePBC); calling it calls one of them, so they must have compatible signatures.</summary>
public sealed record SomePbc(ImmutableHashSet<PbcDesc> Descs, bool Nullable = false) : Annotation
{
    public SomePbc(PbcDesc desc) : this(ImmutableHashSet.Create(desc)) { }

    public override bool CanBeNone => Nullable;

    public override string UserName => OrNone(Descs.Count == 1 ? Descs.First().UserName : "one of " + DescList, Nullable);

    /// <summary>The single description when the value is known exactly.</summary>
    public PbcDesc? Single => Descs.Count == 1 ? Descs.First() : null;

    private string DescList => string.Join(", ", Descs.Select(desc => desc.UserName).Order(StringComparer.Ordinal));

    public bool Equals(SomePbc? other) => other is not null && Nullable == other.Nullable && Descs.SetEquals(other.Descs);

    public override int GetHashCode() => HashCode.Combine(typeof(SomePbc), Descs.Count, Nullable);

    public override string ToString() => Dumped("pbc(" + string.Join(", ", Descs.Select(desc => desc.ToString()).Order(StringComparer.Ordinal)) + ")", Nullable);
}

/// <summary>The iterator of a for-loop or comprehension over <see cref="Container"/>.</summary>
public sealed record SomeIterator(Annotation Container) : Annotation
{
    public override string UserName => $"iterator over {Container.UserName}";

    public override string ToString() => $"iter({Container})";
}

/// <summary>A slice object <c>start:stop:step</c>, only used as an index.</summary>
public sealed record SomeSlice : Annotation
{
    public static readonly SomeSlice Instance = new();

    public override string UserName => "slice";

    public override string ToString() => "slice";
}

/// <summary>A <c>clrpy.jit.JitDriver</c>: its methods are JIT hints, no-ops for the annotator.</summary>
public sealed record SomeJitDriver : Annotation
{
    public static readonly SomeJitDriver Instance = new();

    public override string UserName => "JitDriver";

    public override string ToString() => "jitdriver";
}
