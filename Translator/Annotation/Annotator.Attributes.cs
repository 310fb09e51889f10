// Attributes for the annotator: instance attributes inferred per class (a read or write records the
// attribute on the receiver's class; used through a base class it moves up to that base), methods
// read as bound-method values, class attributes, and module members.
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed partial class Annotator
{
    private Annotation GetAttribute(Operation operation, Annotation owner, string name)
    {
        switch (owner)
        {
            case SomeImpossible:
                return owner;
            case SomeInstance instance when MethodTargets(instance.Class, name).Count > 0:
                return new SomePbc(Bookkeeper.BoundMethod(instance.Class, name)) { Origin = operation.Span };
            case SomeInstance instance:
                return ReadAttribute(operation, instance.Class, name);
            case SomeJitDriver:
                return new SomePbc(Bookkeeper.JitDriverMethod(name));
            case SomePbc { Single: ClassPbc cls } when ClassMember(cls.Class, name) is { } member:
                return member.WithOrigin(operation.Span);
            case SomePbc { Single: ModulePbc module } when module.Module.Globals.TryGetValue(name, out var global):
                return Bookkeeper.Of(global, operation.Span);
            case SomePbc { Single: BuiltinPbc { Builtin.Kind: BuiltinKind.Module } builtin }
                when Descriptions.Builtins.LookupMember(builtin.Builtin, name) is { } member:
                return Bookkeeper.Of(Constant.Of(member), operation.Span);
        }
        TypeErrors.MissingAttribute(operation.Span, owner.UserName, name);
        return null;
    }

    /// <summary>A class attribute (a constant of the class body) or a method read from the class.</summary>
    private Annotation? ClassMember(ClassDef cls, string name)
    {
        for (var desc = cls.Desc; desc is not null; desc = desc.Base)
        {
            if (desc.ClassAttributes.TryGetValue(name, out var constant))
                return Bookkeeper.Of(constant, desc.Ast.Span);
            if (desc.Methods.TryGetValue(name, out var method))
                return new SomePbc(Bookkeeper.DescOf(method));
        }
        return null;
    }

    private void SetAttribute(Operation operation, Annotation owner, string name, Annotation value)
    {
        switch (owner)
        {
            case SomeImpossible:
                return;
            case SomeInstance instance:
                WriteAttribute(instance.Class, name, value, operation.Span);
                return;
        }
        TypeErrors.Unsupported(operation.Span, $"cannot set attribute '{name}' of {owner.UserName}: classes and modules cannot be modified at run time", owner);
    }

    private Annotation ReadAttribute(Operation operation, ClassDef cls, string name)
    {
        var attribute = AttributeFor(cls, name);
        attribute.Readers.Add(_currentBlock!);
        return attribute.Annotation;
    }

    private void WriteAttribute(ClassDef cls, string name, Annotation value, Frontend.Text.SourceSpan at)
    {
        var attribute = AttributeFor(cls, name);
        var joined = Join(attribute.Annotation, value, value.Origin ?? at, $"attribute '{attribute.Owner.Name}.{name}'");
        if (joined == attribute.Annotation)
            return;
        attribute.Annotation = joined;
        foreach (var reader in attribute.Readers)
            Reschedule(reader);
    }

    /// <summary>The attribute seen from <paramref name="cls"/>: found on it or a base, or made on it,
    /// absorbing the same-named attributes of its subclasses (the move-up: a use through a base class
    /// makes one attribute shared by the whole subtree).</summary>
    private AttributeDef AttributeFor(ClassDef cls, string name)
    {
        if (cls.LookupAttribute(name) is { } existing)
            return existing;
        var attribute = new AttributeDef(name, cls);
        foreach (var below in cls.SelfAndDescendants())
        {
            if (below == cls || !below.Attributes.Remove(name, out var moved))
                continue;
            attribute.Annotation = Join(attribute.Annotation, moved.Annotation, moved.Annotation.Origin ?? cls.Desc!.Ast.Span, $"attribute '{cls.Name}.{name}'");
            attribute.Readers.UnionWith(moved.Readers);
            moved.Owner = cls;
        }
        cls.Attributes[name] = attribute;
        foreach (var reader in attribute.Readers)
            Reschedule(reader);
        return attribute;
    }

    private void RecordPrebuiltFields(PrebuiltInstance instance, SomeInstance annotation)
    {
        foreach (var (name, value) in instance.Fields)
            WriteAttribute(annotation.Class, name, Bookkeeper.Of(value, instance.Class.Ast.Span), instance.Class.Ast.Span);
    }

    /// <summary>Makes the ClassDef of every class of the program (so method calls through a base see
    /// every override) and records class-body constants as attributes of their class.</summary>
    private void RegisterClasses(ModuleDesc module, HashSet<ModuleDesc> seen)
    {
        if (!seen.Add(module))
            return;
        foreach (var cls in module.Classes)
        {
            var def = Bookkeeper.ClassDefOf(cls);
            foreach (var (name, value) in cls.ClassAttributes)
                if (value.Kind != ConstantKind.Function)
                    WriteAttribute(def, name, Bookkeeper.Of(value, cls.Ast.Span), cls.Ast.Span);
        }
        foreach (var global in module.Globals.Values)
            if (global.Kind == ConstantKind.Module)
                RegisterClasses(global.As<ModuleDesc>(), seen);
    }
}
