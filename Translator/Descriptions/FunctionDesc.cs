// A function or method of the program: its AST, its signature with default values evaluated at
// translation time, its decorators (JIT hints), and its flow graph once built.
// Created by ProgramLoader; graphs are built on demand by ProgramDesc.GetGraph.
using System.Collections.Immutable;
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Descriptions;

public enum FunctionKind
{
    /// <summary>A module-level function.</summary>
    Function,
    /// <summary>A method taking the instance as its first parameter.</summary>
    Method,
    /// <summary>A <c>@staticmethod</c> in a class body.</summary>
    StaticMethod,
    /// <summary>A <c>@classmethod</c> in a class body: its first parameter is the class.</summary>
    ClassMethod,
}

/// <summary>The JIT hints a function may carry as decorators (from <c>clrpy.jit</c>).</summary>
[Flags]
public enum FunctionHints
{
    None = 0,
    Elidable = 1,
    DontLookInside = 2,
    UnrollSafe = 4,
}

public sealed class FunctionDesc(
    FunctionDefStmt ast, ModuleDesc module, ClassDesc? owner, FunctionKind kind, FunctionHints hints,
    ImmutableArray<string> parameterNames, ImmutableArray<Constant?> defaults)
{
    public FunctionDefStmt Ast { get; } = ast;

    public string Name => Ast.Name;

    /// <summary><c>module.Class.name</c>, or <c>module.name</c>; the main module's functions have no prefix.</summary>
    public string QualifiedName => (Module.Name == "__main__" ? "" : Module.Name + ".") + (Owner is null ? "" : Owner.Name + ".") + Name;

    public ModuleDesc Module { get; } = module;

    /// <summary>The class whose body defines the function, or null for a module-level function.</summary>
    public ClassDesc? Owner { get; } = owner;

    public FunctionKind Kind { get; } = kind;

    public FunctionHints Hints { get; } = hints;

    /// <summary>All parameters in order (positional, then keyword-only).</summary>
    public ImmutableArray<string> ParameterNames { get; } = parameterNames;

    /// <summary>One entry per parameter: its default value, or null when it has none.</summary>
    public ImmutableArray<Constant?> Defaults { get; } = defaults;

    /// <summary>The flow graph, once built (see ProgramDesc.GetGraph).</summary>
    public FunctionGraph? Graph { get; internal set; }

    public override string ToString() => $"<function {QualifiedName}>";
}
