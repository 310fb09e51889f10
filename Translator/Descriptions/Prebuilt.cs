// Objects created at translation time by module-level code: instances of user classes, lists and
// dicts. They become constants of the translated program (identity matters: they are mutable).
// Created by the module evaluator; the annotator reads their contents.
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Descriptions;

public sealed class PrebuiltInstance(ClassDesc cls, int id)
{
    public ClassDesc Class { get; } = cls;

    /// <summary>Numbers prebuilt instances of the program in creation order (for dumps).</summary>
    public int Id { get; } = id;

    /// <summary>Instance attributes set by <c>__init__</c> (or later module-level code), in order.</summary>
    public Dictionary<string, Constant> Fields { get; } = [];

    public override string ToString() => $"<prebuilt {Class.QualifiedName}#{Id}>";
}

public sealed class PrebuiltList(int id)
{
    public int Id { get; } = id;

    public List<Constant> Items { get; } = [];

    public override string ToString() => $"<prebuilt list#{Id}>";
}

public sealed class PrebuiltDict(int id)
{
    public int Id { get; } = id;

    /// <summary>Entries in insertion order; keys are distinct constants.</summary>
    public List<KeyValuePair<Constant, Constant>> Entries { get; } = [];

    public override string ToString() => $"<prebuilt dict#{Id}>";
}

/// <summary>An instance of a builtin class made at module level, e.g. <c>JitDriver(greens=[...], reds=[...])</c>:
/// the class and its constant arguments by keyword (positional ones as <c>0</c>, <c>1</c>, ...).</summary>
public sealed class PrebuiltBuiltinInstance(BuiltinDesc cls, int id)
{
    public BuiltinDesc Class { get; } = cls;

    public int Id { get; } = id;

    public Dictionary<string, Constant> Arguments { get; } = [];

    public override string ToString() => $"<prebuilt {Class.Name}#{Id}>";
}
