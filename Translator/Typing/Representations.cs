// Chooses the low-level representation of every annotation (PyPy's rtyper "repr" choice): int ->
// Signed, float -> Float, str -> Str, list(T) -> List(repr T), instance(C) -> Ptr(C), ... and builds one
// ClassDescriptor per annotated class with a field per inferred attribute. Used by lowering.
using System.Collections.Immutable;
using ClrPy.Translator.Annotation;

namespace ClrPy.Translator.Typing;

public sealed class Representations
{
    private readonly Dictionary<ClassDef, ClassDescriptor> _classes = [];

    public Representations(BuiltinClasses builtins)
    {
        Builtins = builtins;
    }

    public BuiltinClasses Builtins { get; }

    /// <summary>All class descriptors made so far (builtin exception classes included).</summary>
    public IEnumerable<ClassDescriptor> Classes => _classes.Values;

    public LowLevelType Of(Annotation.Annotation annotation) => annotation switch
    {
        SomeBool => LowLevelType.Bool,
        SomeUnsigned => LowLevelType.Unsigned,
        SomeInt => LowLevelType.Signed,
        SomeFloat => LowLevelType.Float,
        SomeChar => LowLevelType.Char,
        SomeStr => LowLevelType.Str,
        SomeNone => LowLevelType.None,
        SomeList list => new ListType(Of(list.Def.Item)),
        SomeDict dict => new DictType(Of(dict.Def.Key), Of(dict.Def.Value)),
        SomeTuple tuple => new TupleType([.. tuple.Items.Select(Of)]),
        SomeInstance instance => new InstanceType(ClassOf(instance.Class)),
        _ => Fallback?.Invoke(annotation) ?? throw new NotSupportedException($"no low-level representation for {annotation} yet"),
    };

    /// <summary>Representations of annotations this class cannot decide alone (functions, iterators), given by lowering.</summary>
    public Func<Annotation.Annotation, LowLevelType>? Fallback { get; init; }

    /// <summary>The descriptor of a class, with one field per attribute the class itself owns
    /// (attributes moved up to a base live on the base's descriptor).</summary>
    public ClassDescriptor ClassOf(ClassDef cls)
    {
        if (_classes.TryGetValue(cls, out var existing))
            return existing;
        ClassDescriptor descriptor;
        if (cls.IsBuiltin)
        {
            descriptor = Builtins[cls.Name];
            _classes[cls] = descriptor;
            return descriptor;
        }
        var baseDescriptor = cls.Base is null ? null : ClassOf(cls.Base);
        descriptor = new ClassDescriptor(cls.Name, baseDescriptor);
        _classes[cls] = descriptor;
        foreach (var attribute in cls.Attributes.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            if (attribute.Owner == cls && attribute.Annotation is not SomePbc and not SomeImpossible)
                descriptor.AddField(attribute.Name, Of(attribute.Annotation));
        }
        return descriptor;
    }

    /// <summary>The signature of a function whose parameters and result have these annotations.</summary>
    public FunctionType Signature(IEnumerable<Annotation.Annotation> parameters, Annotation.Annotation result) =>
        new(ImmutableArray.CreateRange(parameters.Select(Of)), Of(result));
}
