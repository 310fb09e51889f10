// Descriptors name what typed operations act on (classes, fields, functions, methods) without fixing
// a memory layout: the Managed data model maps a ClassDescriptor to a CLR class and a FieldDescriptor
// to a CLR field; the Native model to a type id and an offset. Created by lowering, read by backends.
using System.Collections.Immutable;

namespace ClrPy.Translator.Typing;

/// <summary>An RPy class after lowering: its base, its own fields, and the methods it defines or
/// overrides. Builtin exception classes are descriptors too (IsBuiltin).</summary>
public sealed class ClassDescriptor(string name, ClassDescriptor? baseClass, bool isBuiltin = false)
{
    private readonly List<FieldDescriptor> _fields = [];
    private readonly Dictionary<string, MethodDescriptor> _methods = [];

    public string Name { get; } = name;

    public ClassDescriptor? Base { get; } = baseClass;

    public bool IsBuiltin { get; } = isBuiltin;

    /// <summary>Fields declared by this class itself (inherited ones live on the bases).</summary>
    public IReadOnlyList<FieldDescriptor> Fields => _fields;

    public IReadOnlyDictionary<string, MethodDescriptor> Methods => _methods;

    public FieldDescriptor AddField(string name, LowLevelType type)
    {
        var field = new FieldDescriptor(this, name, type);
        _fields.Add(field);
        return field;
    }

    public MethodDescriptor AddMethod(string name, FunctionDescriptor implementation)
    {
        var method = new MethodDescriptor(this, name, implementation);
        _methods[name] = method;
        return method;
    }

    /// <summary>The field of this name on this class or a base, or null.</summary>
    public FieldDescriptor? FindField(string name)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            foreach (var field in cls._fields)
            {
                if (field.Name == name)
                    return field;
            }
        }
        return null;
    }

    /// <summary>The method this class runs for a name: its own, or the nearest base's.</summary>
    public MethodDescriptor? ResolveMethod(string name)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            if (cls._methods.TryGetValue(name, out var method))
                return method;
        }
        return null;
    }

    public bool IsSubclassOf(ClassDescriptor other)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            if (cls == other)
                return true;
        }
        return false;
    }

    public override string ToString() => Name;
}

public sealed record FieldDescriptor(ClassDescriptor Owner, string Name, LowLevelType Type)
{
    public override string ToString() => Owner.Name + "." + Name;
}

/// <summary>A function after lowering: the graph to run (set once it is lowered) and its signature.</summary>
public sealed class FunctionDescriptor(string name, ImmutableArray<LowLevelType> parameters, LowLevelType result)
{
    public string Name { get; } = name;

    public ImmutableArray<LowLevelType> Parameters { get; } = parameters;

    public LowLevelType Result { get; } = result;

    public TypedGraph? Graph { get; set; }

    public FunctionType Type => new(Parameters, Result);

    public override string ToString() => Name;
}

/// <summary>A method slot of a class: calls through it dispatch on the receiver's class (virtual call).</summary>
public sealed record MethodDescriptor(ClassDescriptor Owner, string Name, FunctionDescriptor Implementation)
{
    public override string ToString() => Owner.Name + "." + Name;
}
