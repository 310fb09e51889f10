// A user class: base class (a user class or a builtin exception class), mixins, methods, class
// attributes (constants) and the JIT field declarations. Created by ProgramLoader; read by the
// flow builder and the annotator.
using System.Collections.Immutable;
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Descriptions;

public sealed class ClassDesc(ClassDefStmt ast, ModuleDesc module)
{
    public ClassDefStmt Ast { get; } = ast;

    public string Name => Ast.Name;

    public string QualifiedName => (Module.Name == "__main__" ? "" : Module.Name + ".") + Name;

    public ModuleDesc Module { get; } = module;

    /// <summary>The user base class, or null when the class derives from object or a builtin class.</summary>
    public ClassDesc? Base { get; internal set; }

    /// <summary>The builtin base (an exception class such as ValueError) when the first base is builtin.</summary>
    public BuiltinDesc? BuiltinBase { get; internal set; }

    /// <summary>Further bases after the first: mixins, which must not define <c>__init__</c>.</summary>
    public List<ClassDesc> Mixins { get; } = [];

    /// <summary>Methods defined in this class body (not inherited), in source order.</summary>
    public Dictionary<string, FunctionDesc> Methods { get; } = [];

    /// <summary>Class attributes defined in this class body with their constant values.</summary>
    public Dictionary<string, Constant> ClassAttributes { get; } = [];

    /// <summary><c>_immutable_fields_</c> entries as written (e.g. <c>consts[*]</c>).</summary>
    public ImmutableArray<string> ImmutableFields { get; internal set; } = [];

    /// <summary><c>_virtualizable_</c> entries as written (e.g. <c>stack[*]</c>).</summary>
    public ImmutableArray<string> VirtualizableFields { get; internal set; } = [];

    /// <summary><c>__slots__</c> when declared.</summary>
    public ImmutableArray<string>? Slots { get; internal set; }

    /// <summary>True when the class is, or derives from, a builtin exception class.</summary>
    public bool IsException => BuiltinBase is not null || (Base?.IsException ?? false);

    /// <summary>Looks a method up along the base chain, then the mixins (Python's MRO for RPy's single inheritance).</summary>
    public FunctionDesc? FindMethod(string name)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            if (cls.Methods.TryGetValue(name, out var method))
                return method;
            foreach (var mixin in cls.Mixins)
            {
                if (mixin.FindMethod(name) is { } mixed)
                    return mixed;
            }
        }
        return null;
    }

    /// <summary>True when this class is <paramref name="other"/> or derives from it.</summary>
    public bool IsSubclassOf(ClassDesc other)
    {
        for (var cls = this; cls is not null; cls = cls.Base)
        {
            if (cls == other || cls.Mixins.Any(m => m.IsSubclassOf(other)))
                return true;
        }
        return false;
    }

    public override string ToString() => $"<class {QualifiedName}>";
}
