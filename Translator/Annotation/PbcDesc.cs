// Descriptions of prebuilt constants that can be called or read (PyPy's Desc classes): functions,
// classes and bound methods. A SomePbc annotation is a set of them.
namespace ClrPy.Translator.Annotation;

/// <summary>One prebuilt constant. Identity is reference identity: the bookkeeper makes one per object.</summary>
public abstract class PbcDesc
{
    public abstract string Name { get; }

    /// <summary>How diagnostics name it: <c>function 'f'</c>, <c>class 'Node'</c>.</summary>
    public abstract string UserName { get; }

    public override string ToString() => Name;
}
