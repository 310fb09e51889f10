// Each annotation gets its low-level representation; classes get one descriptor each, in the same
// hierarchy, and builtin exception classes map to the shared builtin descriptors.
using System.Collections.Immutable;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Typing;

public sealed class RepresentationsTests
{
    private readonly Representations _representations = new(new BuiltinClasses());

    [Test]
    public void Scalars_map_to_machine_representations()
    {
        Assert.That(_representations.Of(SomeInt.Instance), Is.EqualTo(LowLevelType.Signed));
        Assert.That(_representations.Of(SomeBool.Instance), Is.EqualTo(LowLevelType.Bool));
        Assert.That(_representations.Of(SomeFloat.Instance), Is.EqualTo(LowLevelType.Float));
        Assert.That(_representations.Of(SomeChar.Instance), Is.EqualTo(LowLevelType.Char));
        Assert.That(_representations.Of(new SomeStr(Nullable: true)), Is.EqualTo(LowLevelType.Str));
    }

    [Test]
    public void Containers_map_item_types_recursively()
    {
        var list = new SomeList(new ListDef(new SomeTuple([SomeInt.Instance, SomeStr.Instance])));
        var dict = new SomeDict(new DictDef(SomeStr.Instance, list));
        Assert.That(_representations.Of(dict).ToString(), Is.EqualTo("Dict(Str, List(Tuple(Signed, Str)))"));
    }

    [Test]
    public void Classes_keep_their_hierarchy_and_builtin_exceptions_are_shared()
    {
        var builtinBase = new ClassDef("Exception", null, isBuiltin: true);
        var error = new ClassDef("BankError", builtinBase);
        var specific = new ClassDef("InsufficientFunds", error);
        var descriptor = _representations.ClassOf(specific);
        Assert.That(descriptor.Base!.Name, Is.EqualTo("BankError"));
        Assert.That(descriptor.Base.Base, Is.SameAs(_representations.Builtins.Exception));
        Assert.That(_representations.ClassOf(specific), Is.SameAs(descriptor));
        Assert.That(_representations.Of(new SomeInstance(error)), Is.EqualTo(new InstanceType(descriptor.Base)));
    }
}
