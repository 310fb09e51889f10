// The annotator's registry of things that must have ONE identity for the whole program: the ClassDef
// of each class, the PBC description of each function/class/builtin, the ListDef of each prebuilt
// list, and the annotation of each constant. Used by the annotator; read by the typer afterwards.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed class Bookkeeper(IReflowScheduler scheduler)
{
    private readonly Dictionary<object, ClassDef> _classDefs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, PbcDesc> _descs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(ClassDef, string), PbcDesc> _boundMethods = [];
    private readonly Dictionary<string, PbcDesc> _jitDriverMethods = [];
    private readonly Dictionary<object, Annotation> _prebuilt = new(ReferenceEqualityComparer.Instance);

    /// <summary>Called with each prebuilt instance the first time a graph uses it, so its fields
    /// become attribute writes on its class.</summary>
    public Action<PrebuiltInstance, SomeInstance>? PrebuiltInstanceSeen { get; set; }

    public IReflowScheduler Scheduler { get; } = scheduler;

    /// <summary>Every ClassDef made so far (user and builtin).</summary>
    public IEnumerable<ClassDef> ClassDefs => _classDefs.Values;

    public ClassDef ClassDefOf(ClassDesc cls)
    {
        if (_classDefs.TryGetValue(cls, out var existing))
            return existing;
        var baseDef = cls.Base is { } userBase ? ClassDefOf(userBase)
            : cls.BuiltinBase is { } builtinBase ? ClassDefOf(builtinBase) : null;
        var def = new ClassDef(cls.QualifiedName, baseDef, desc: cls);
        _classDefs[cls] = def;
        return def;
    }

    public ClassDef ClassDefOf(BuiltinDesc exceptionClass)
    {
        if (_classDefs.TryGetValue(exceptionClass, out var existing))
            return existing;
        var baseDef = exceptionClass.Base is { } parent ? ClassDefOf(parent) : null;
        var def = new ClassDef(exceptionClass.Name, baseDef, isBuiltin: true);
        _classDefs[exceptionClass] = def;
        return def;
    }

    /// <summary>The ClassDef of a builtin exception class by name (<c>ValueError</c>).</summary>
    public ClassDef BuiltinClass(string name) =>
        ClassDefOf(Descriptions.Builtins.LookupGlobal(name) ?? throw new InvalidOperationException($"no builtin {name}"));

    /// <summary>The ClassDef an exception-handler case or isinstance argument names, or null.</summary>
    public ClassDef? ClassDefOf(Constant cls) => cls.Value switch
    {
        ClassDesc user => ClassDefOf(user),
        BuiltinDesc { Kind: BuiltinKind.ExceptionClass } builtin => ClassDefOf(builtin),
        _ => null,
    };

    public PbcDesc DescOf(FunctionDesc function) => Cached(function, () => new FunctionPbc(function));

    public PbcDesc DescOf(ClassDef cls) => Cached(cls, () => new ClassPbc(cls));

    public PbcDesc BoundMethod(ClassDef receiver, string method)
    {
        if (!_boundMethods.TryGetValue((receiver, method), out var desc))
            _boundMethods[(receiver, method)] = desc = new BoundMethodPbc(receiver, method);
        return desc;
    }

    /// <summary>A method of a JitDriver (<c>jit_merge_point</c>, <c>can_enter_jit</c>) read as a value.</summary>
    public PbcDesc JitDriverMethod(string name)
    {
        if (!_jitDriverMethods.TryGetValue(name, out var desc))
            _jitDriverMethods[name] = desc = new BuiltinPbc(new BuiltinDesc("clrpy.jit.JitDriver." + name, BuiltinKind.ModuleMember));
        return desc;
    }

    /// <summary>The annotation of a constant, with <paramref name="origin"/> as where it came from.</summary>
    public Annotation Of(Constant constant, SourceSpan? origin)
    {
        Annotation annotation = constant.Kind switch
        {
            ConstantKind.None => SomeNone.Instance,
            ConstantKind.Bool => SomeBool.Instance,
            ConstantKind.Int => SomeInt.Instance,
            ConstantKind.Float => SomeFloat.Instance,
            ConstantKind.Str => constant.As<string>().Length == 1 ? SomeChar.Instance : SomeStr.Instance,
            ConstantKind.Tuple => new SomeTuple([.. ((ImmutableArray<Constant>)constant.Value!).Select(item => Of(item, origin))]),
            ConstantKind.Function => new SomePbc(DescOf(constant.As<FunctionDesc>())),
            ConstantKind.Class => new SomePbc(DescOf(ClassDefOf(constant.As<ClassDesc>()))),
            ConstantKind.Builtin => OfBuiltin(constant.As<BuiltinDesc>()),
            ConstantKind.Module => new SomePbc(Cached(constant.Value!, () => new ModulePbc(constant.As<ModuleDesc>()))),
            ConstantKind.Instance => OfPrebuilt(constant.As<PrebuiltInstance>(), origin),
            ConstantKind.List => OfPrebuilt(constant.As<PrebuiltList>(), origin),
            ConstantKind.Dict => OfPrebuilt(constant.As<PrebuiltDict>(), origin),
            ConstantKind.BuiltinInstance when constant.As<PrebuiltBuiltinInstance>().Class.Name == "clrpy.jit.JitDriver" => SomeJitDriver.Instance,
            _ => throw new InvalidOperationException($"constant of kind {constant.Kind}"),
        };
        return annotation.WithOrigin(origin);
    }

    private Annotation OfBuiltin(BuiltinDesc builtin) => builtin.Name switch
    {
        "math.pi" or "math.e" or "math.inf" or "math.nan" => SomeFloat.Instance,
        "sys.maxsize" => SomeInt.Instance,
        _ when builtin.Kind == BuiltinKind.ExceptionClass => new SomePbc(DescOf(ClassDefOf(builtin))),
        _ => new SomePbc(Cached(builtin, () => new BuiltinPbc(builtin))),
    };

    private Annotation OfPrebuilt(PrebuiltInstance instance, SourceSpan? origin)
    {
        if (_prebuilt.TryGetValue(instance, out var known))
            return known;
        var annotation = new SomeInstance(ClassDefOf(instance.Class));
        _prebuilt[instance] = annotation;
        PrebuiltInstanceSeen?.Invoke(instance, annotation);
        return annotation;
    }

    private Annotation OfPrebuilt(PrebuiltList list, SourceSpan? origin)
    {
        if (_prebuilt.TryGetValue(list, out var known))
            return known;
        var def = new ListDef(SomeImpossible.Instance, Scheduler);
        var annotation = new SomeList(def);
        _prebuilt[list] = annotation;
        foreach (var item in list.Items)
            def.Generalize(Of(item, origin));
        return annotation;
    }

    private Annotation OfPrebuilt(PrebuiltDict dict, SourceSpan? origin)
    {
        if (_prebuilt.TryGetValue(dict, out var known))
            return known;
        var def = new DictDef(SomeImpossible.Instance, SomeImpossible.Instance, Scheduler);
        var annotation = new SomeDict(def);
        _prebuilt[dict] = annotation;
        foreach (var (key, value) in dict.Entries)
            def.Generalize(Of(key, origin), Of(value, origin));
        return annotation;
    }

    private PbcDesc Cached(object key, Func<PbcDesc> make)
    {
        if (!_descs.TryGetValue(key, out var desc))
            _descs[key] = desc = make();
        return desc;
    }
}
