// The one exception of the lattice: two annotations that have no RPy union. Thrown by Lattice.Union
// through a [DoesNotReturn] helper; the annotator turns it into a located diagnostic (TypeErrors).
using System.Diagnostics.CodeAnalysis;

namespace ClrPy.Translator.Annotation;

/// <param name="Subject">What could not be both, when the lattice knows it (<c>list item</c>);
/// null when it is the variable or value being joined.</param>
public sealed class AnnotationConflict(Annotation left, Annotation right, string? subject, string? reason)
    : Exception($"{subject ?? "value"} can be {left.UserName} or {right.UserName}")
{
    public Annotation Left { get; } = left;

    public Annotation Right { get; } = right;

    public string? Subject { get; } = subject;

    /// <summary>An extra explanation, e.g. "Leaf and Node have no common base class".</summary>
    public string? Reason { get; } = reason;

    [DoesNotReturn]
    public static void Throw(Annotation left, Annotation right, string? subject, string? reason = null) =>
        throw new AnnotationConflict(left, right, subject, reason);
}
