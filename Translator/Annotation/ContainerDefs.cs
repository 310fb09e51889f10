// The shared item types of lists and dicts (PyPy's ListDef/DictDef): union-find cells whose item
// annotations generalize in place. Created by the annotator for each list/dict constructor; unified by Lattice.Union.
namespace ClrPy.Translator.Annotation;

/// <summary>Told when a generalized container item or class attribute must re-flow the positions
/// that read it. Implemented by the annotator; null in lattice-only tests.</summary>
public interface IReflowScheduler
{
    void Reschedule(object readPosition);
}

/// <summary>A union-find cell: after two defs are unified both <see cref="Find"/> the same
/// representative, which owns the item annotations and the set of positions that read them.</summary>
public abstract class ContainerDef(IReflowScheduler? scheduler)
{
    private ContainerDef? _parent;
    private HashSet<object>? _readers;
    private IReflowScheduler? _scheduler = scheduler;

    public ContainerDef Find()
    {
        var root = this;
        while (root._parent is { } up)
            root = up;
        var walk = this;
        while (walk._parent is { } next && next != root)
        {
            walk._parent = root;
            walk = next;
        }
        return root;
    }

    /// <summary>Records that <paramref name="readPosition"/> depends on the items, so it is re-flowed
    /// when they generalize.</summary>
    public void AddReader(object readPosition) => (Find()._readers ??= []).Add(readPosition);

    /// <summary>Makes <paramref name="absorbed"/> (a representative) point at this representative.</summary>
    protected void Absorb(ContainerDef absorbed)
    {
        absorbed._parent = this;
        _scheduler ??= absorbed._scheduler;
        if (absorbed._readers is { } readers)
        {
            (_readers ??= []).UnionWith(readers);
            absorbed._readers = null;
        }
    }

    protected void RescheduleReaders()
    {
        if (_scheduler is null || _readers is null)
            return;
        foreach (var reader in _readers)
            _scheduler.Reschedule(reader);
    }
}

public sealed class ListDef(Annotation item, IReflowScheduler? scheduler = null) : ContainerDef(scheduler)
{
    private Annotation _item = item;

    public Annotation Item => Root._item;

    private ListDef Root => (ListDef)Find();

    /// <summary>Joins <paramref name="added"/> into the item type (a list receiving a new value).</summary>
    public void Generalize(Annotation added)
    {
        var root = Root;
        var joined = Lattice.Union(root._item, added, "list item");
        if (joined == root._item)
            return;
        root._item = joined;
        root.RescheduleReaders();
    }

    /// <summary>Makes two lists share one item type (both flow to the same place).</summary>
    public static void Unify(ListDef left, ListDef right)
    {
        ListDef a = left.Root, b = right.Root;
        if (a == b)
            return;
        var joined = Lattice.Union(a._item, b._item, "list item");
        bool changed = joined != a._item || joined != b._item;
        a.Absorb(b);
        a._item = joined;
        if (changed)
            a.RescheduleReaders();
    }

    public override bool Equals(object? obj) => obj is ListDef other && Find() == other.Find();

    // Unification changes the representative, so the hash cannot depend on it.
    public override int GetHashCode() => 0x115D;
}

public sealed class DictDef(Annotation key, Annotation value, IReflowScheduler? scheduler = null) : ContainerDef(scheduler)
{
    private Annotation _key = key;
    private Annotation _value = value;

    public Annotation Key => Root._key;

    public Annotation Value => Root._value;

    private DictDef Root => (DictDef)Find();

    public void Generalize(Annotation key, Annotation value)
    {
        var root = Root;
        var joinedKey = Lattice.Union(root._key, key, "dict key");
        var joinedValue = Lattice.Union(root._value, value, "dict value");
        if (joinedKey == root._key && joinedValue == root._value)
            return;
        root._key = joinedKey;
        root._value = joinedValue;
        root.RescheduleReaders();
    }

    public static void Unify(DictDef left, DictDef right)
    {
        DictDef a = left.Root, b = right.Root;
        if (a == b)
            return;
        var key = Lattice.Union(a._key, b._key, "dict key");
        var value = Lattice.Union(a._value, b._value, "dict value");
        bool changed = key != a._key || key != b._key || value != a._value || value != b._value;
        a.Absorb(b);
        a._key = key;
        a._value = value;
        if (changed)
            a.RescheduleReaders();
    }

    public override bool Equals(object? obj) => obj is DictDef other && Find() == other.Find();

    public override int GetHashCode() => 0xD1C7;
}
