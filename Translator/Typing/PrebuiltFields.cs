// The initial field values of a prebuilt instance (one made by module-level code at translation time),
// for whatever materializes prebuilt constants (the graph interpreter, the backends): the attributes
// its __init__ set, and for a field that also exists as a class attribute (an attribute some instances
// assign and others only read from their class), the class attribute's value, as `new` does at run time.
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Typing;

public static class PrebuiltFields
{
    /// <summary>Each field of <paramref name="cls"/> (the instance's own class) with a known initial value.</summary>
    public static IEnumerable<(FieldDescriptor Field, Constant Value)> Of(PrebuiltInstance instance, ClassDescriptor cls)
    {
        for (var owner = cls; owner is not null; owner = owner.Base)
        {
            foreach (var field in owner.Fields)
            {
                var value = instance.Fields.GetValueOrDefault(field.Name) ?? ClassAttribute(instance.Class, field.Name);
                if (value is not null)
                    yield return (field, value);
            }
        }
    }

    private static Constant? ClassAttribute(ClassDesc? desc, string name)
    {
        for (; desc is not null; desc = desc.Base)
        {
            if (desc.ClassAttributes.TryGetValue(name, out var value))
                return value;
        }
        return null;
    }
}
