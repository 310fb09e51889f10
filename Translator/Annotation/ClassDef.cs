// The annotator's view of one user or builtin class (PyPy's ClassDef): its place in the single-
// inheritance tree and the attributes inferred for its instances. Created by the annotator's bookkeeper.
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Annotation;

/// <summary>One inferred instance attribute: its joined annotation and the positions that read it.</summary>
public sealed class AttributeDef(string name, ClassDef owner)
{
    public string Name { get; } = name;

    /// <summary>The class that holds the attribute: the most derived class that covers every use.</summary>
    public ClassDef Owner { get; internal set; } = owner;

    public Annotation Annotation { get; internal set; } = SomeImpossible.Instance;

    internal HashSet<object> Readers { get; } = [];
}

public sealed class ClassDef
{
    private readonly List<ClassDef> _subclasses = [];

    public ClassDef(string name, ClassDef? @base, bool isBuiltin = false, ClassDesc? desc = null)
    {
        Name = name;
        Desc = desc;
        Base = @base;
        IsBuiltin = isBuiltin;
        Depth = @base is null ? 0 : @base.Depth + 1;
        @base?._subclasses.Add(this);
    }

    public string Name { get; }

    /// <summary>The user class this describes; null for builtin exception classes.</summary>
    public ClassDesc? Desc { get; }

    public ClassDef? Base { get; }

    /// <summary>True for the builtin exception classes (Exception, ValueError, ...).</summary>
    public bool IsBuiltin { get; }

    public int Depth { get; }

    public IReadOnlyList<ClassDef> Subclasses => _subclasses;

    /// <summary>Attributes owned by this class (not those of its bases), by name.</summary>
    public Dictionary<string, AttributeDef> Attributes { get; } = new(StringComparer.Ordinal);

    public bool IsSubclassOf(ClassDef other)
    {
        for (var walk = this; walk is not null; walk = walk.Base)
            if (walk == other)
                return true;
        return false;
    }

    /// <summary>The most derived class both are subclasses of, or null when they share no base.</summary>
    public static ClassDef? CommonBase(ClassDef left, ClassDef right)
    {
        while (left.Depth > right.Depth)
            left = left.Base!;
        while (right.Depth > left.Depth)
            right = right.Base!;
        while (left != right)
        {
            if (left.Base is null || right.Base is null)
                return null;
            left = left.Base;
            right = right.Base;
        }
        return left;
    }

    /// <summary>Finds the attribute on this class or a base, if any use recorded it.</summary>
    public AttributeDef? LookupAttribute(string name)
    {
        for (var walk = this; walk is not null; walk = walk.Base)
            if (walk.Attributes.TryGetValue(name, out var attribute))
                return attribute;
        return null;
    }

    /// <summary>This class and all its subclasses, depth first.</summary>
    public IEnumerable<ClassDef> SelfAndDescendants()
    {
        yield return this;
        foreach (var sub in _subclasses)
            foreach (var descendant in sub.SelfAndDescendants())
                yield return descendant;
    }

    public override string ToString() => Name;
}
