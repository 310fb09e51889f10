// What a builtin's result rule sees: the argument annotations, the call's span, and the few annotator
// services a rule needs (fresh containers, registering reads, joining items with located errors).
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Annotation;

/// <summary>The annotator's side of a builtin call. Implemented by the annotator (and by tests).</summary>
public interface IBuiltinServices
{
    /// <summary>A new list whose item type is re-flowed through this services' scheduler.</summary>
    SomeList NewList(Annotation item, SourceSpan origin);

    SomeDict NewDict(Annotation key, Annotation value, SourceSpan origin);

    /// <summary>Records that the current position reads the items of a container.</summary>
    void ReadItems(ContainerDef container);

    /// <summary>The class of a builtin exception (<c>ValueError</c>), for calls of exception classes.</summary>
    ClassDef BuiltinClass(string name);
}

/// <param name="Receiver">The object of a method call (<c>s</c> in <c>s.strip()</c>); null for functions.</param>
/// <param name="Keywords">Names of the keyword arguments, whose values follow the positional ones in Args.</param>
public sealed record BuiltinCall(
    string Name, Annotation? Receiver, ImmutableArray<Annotation> Args, ImmutableArray<string> Keywords,
    SourceSpan Span, IBuiltinServices Services)
{
    public int PositionalCount => Args.Length - Keywords.Length;

    public Annotation this[int index] => Args[index];

    /// <summary>An annotation produced by this call (its origin is the call).</summary>
    public Annotation Made(Annotation result) => result.WithOrigin(Span);

    /// <summary>The item type of something iterable, registering the read; null when it is not iterable.</summary>
    public Annotation? ItemOf(Annotation iterable)
    {
        switch (iterable)
        {
            case SomeList list:
                Services.ReadItems(list.Def);
                return list.Def.Item;
            case SomeDict dict:
                Services.ReadItems(dict.Def);
                return dict.Def.Key;
            case SomeStr or SomeChar:
                return SomeChar.Instance.WithOrigin(Span);
            case SomeTuple tuple when tuple.Items.Length > 0:
                return tuple.Items.Aggregate((left, right) => Lattice.Union(left, right, "tuple item"));
            default:
                return null;
        }
    }

    /// <summary>Joins a new item into a list, reporting a conflict at this call.</summary>
    public void AddItem(SomeList list, Annotation item)
    {
        try
        {
            list.Def.Generalize(item);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, Span, "list item");
        }
    }

    public void AddEntry(SomeDict dict, Annotation key, Annotation value)
    {
        try
        {
            dict.Def.Generalize(key, value);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, Span, "dict item");
        }
    }

    public Annotation Join(Annotation left, Annotation right, string subject)
    {
        try
        {
            return Lattice.Union(left, right);
        }
        catch (AnnotationConflict conflict)
        {
            TypeErrors.Conflict(conflict, Span, subject);
            return null;
        }
    }
}
