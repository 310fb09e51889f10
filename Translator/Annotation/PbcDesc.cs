// Descriptions of prebuilt constants that can be called or read (PyPy's Desc classes): functions,
// classes and bound methods. A SomePbc annotation is a set of them.
using ClrPy.Translator.Descriptions;

namespace ClrPy.Translator.Annotation;

/// <summary>One prebuilt constant. Identity is reference identity: the bookkeeper makes one per object.</summary>
public abstract class PbcDesc
{
    public abstract string Name { get; }

    /// <summary>How diagnostics name it: <c>function 'f'</c>, <c>class 'Node'</c>.</summary>
    public abstract string UserName { get; }

    public override string ToString() => Name;
}

/// <summary>A user function (or a method read from its class, or a static method).</summary>
public sealed class FunctionPbc(FunctionDesc function) : PbcDesc
{
    public FunctionDesc Function { get; } = function;

    public override string Name => Function.QualifiedName;

    public override string UserName => $"function '{Function.Name}'";
}

/// <summary>A class: calling it makes an instance (and calls <c>__init__</c>).</summary>
public sealed class ClassPbc(ClassDef cls) : PbcDesc
{
    public ClassDef Class { get; } = cls;

    public override string Name => Class.Name;

    public override string UserName => $"class '{Class.Name}'";
}

/// <summary><c>obj.method</c> read as a value: calling it calls the override chosen by the class of
/// the receiver, which is any subclass of <see cref="Receiver"/>.</summary>
public sealed class BoundMethodPbc(ClassDef receiver, string method) : PbcDesc
{
    public ClassDef Receiver { get; } = receiver;

    public string Method { get; } = method;

    public override string Name => Receiver.Name + "." + Method;

    public override string UserName => $"method '{Method}' of {Receiver.Name}";
}

/// <summary>A builtin function, type, module or module member (<c>len</c>, <c>math</c>, <c>math.sqrt</c>).</summary>
public sealed class BuiltinPbc(BuiltinDesc builtin) : PbcDesc
{
    public BuiltinDesc Builtin { get; } = builtin;

    public override string Name => Builtin.Name;

    public override string UserName => Builtin.Kind == BuiltinKind.Module ? $"module '{Builtin.Name}'" : $"builtin '{Builtin.Name}'";
}

/// <summary>A module of the program, read through <c>import mod</c>.</summary>
public sealed class ModulePbc(ModuleDesc module) : PbcDesc
{
    public ModuleDesc Module { get; } = module;

    public override string Name => Module.Name;

    public override string UserName => $"module '{Module.Name}'";
}
