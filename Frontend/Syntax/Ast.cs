// The RPy/Python abstract syntax tree: immutable records, one per construct, each with its source
// span. Field names and order follow CPython's `ast` module so that trees can be compared with it
// (see AstNormalizedDump). Built by the parser, consumed by the translator.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Syntax;

public abstract record Node(SourceSpan Span);

public sealed record Module(SourceText Source, ImmutableArray<Stmt> Body, SourceSpan Span) : Node(Span);

// ---- statements ----

public abstract record Stmt(SourceSpan Span) : Node(Span);

/// <summary><c>def</c> (or <c>async def</c>). The span starts at the <c>def</c> keyword, as in CPython.</summary>
public sealed record FunctionDefStmt(
    string Name, Arguments Args, ImmutableArray<Stmt> Body, ImmutableArray<Expr> DecoratorList,
    Expr? Returns, bool IsAsync, SourceSpan Span) : Stmt(Span);

/// <summary><c>class</c>. The span starts at the <c>class</c> keyword, as in CPython.</summary>
public sealed record ClassDefStmt(
    string Name, ImmutableArray<Expr> Bases, ImmutableArray<Keyword> Keywords, ImmutableArray<Stmt> Body,
    ImmutableArray<Expr> DecoratorList, SourceSpan Span) : Stmt(Span);

public sealed record ReturnStmt(Expr? Value, SourceSpan Span) : Stmt(Span);

public sealed record DeleteStmt(ImmutableArray<Expr> Targets, SourceSpan Span) : Stmt(Span);

/// <summary><c>a = b = value</c>: one target per <c>=</c>.</summary>
public sealed record AssignStmt(ImmutableArray<Expr> Targets, Expr Value, SourceSpan Span) : Stmt(Span);

public sealed record AugAssignStmt(Expr Target, BinaryOperator Op, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary><c>target: annotation [= value]</c>; Simple is true for a bare name not in parentheses.</summary>
public sealed record AnnAssignStmt(Expr Target, Expr Annotation, Expr? Value, bool Simple, SourceSpan Span) : Stmt(Span);

public sealed record ForStmt(
    Expr Target, Expr Iter, ImmutableArray<Stmt> Body, ImmutableArray<Stmt> OrElse, bool IsAsync,
    SourceSpan Span) : Stmt(Span);

public sealed record WhileStmt(Expr Test, ImmutableArray<Stmt> Body, ImmutableArray<Stmt> OrElse, SourceSpan Span) : Stmt(Span);

/// <summary><c>if</c>; an <c>elif</c> chain is a nested IfStmt alone in OrElse, as in CPython.</summary>
public sealed record IfStmt(Expr Test, ImmutableArray<Stmt> Body, ImmutableArray<Stmt> OrElse, SourceSpan Span) : Stmt(Span);

public sealed record WithStmt(ImmutableArray<WithItem> Items, ImmutableArray<Stmt> Body, bool IsAsync, SourceSpan Span) : Stmt(Span);

public sealed record RaiseStmt(Expr? Exc, Expr? Cause, SourceSpan Span) : Stmt(Span);

public sealed record TryStmt(
    ImmutableArray<Stmt> Body, ImmutableArray<ExceptHandler> Handlers, ImmutableArray<Stmt> OrElse,
    ImmutableArray<Stmt> FinalBody, SourceSpan Span) : Stmt(Span);

public sealed record AssertStmt(Expr Test, Expr? Msg, SourceSpan Span) : Stmt(Span);

public sealed record ImportStmt(ImmutableArray<Alias> Names, SourceSpan Span) : Stmt(Span);

/// <summary><c>from .mod import a as b</c>; Module is null for <c>from . import x</c>; Level counts the dots.
/// A star import is one Alias named <c>*</c>.</summary>
public sealed record ImportFromStmt(string? Module, ImmutableArray<Alias> Names, int Level, SourceSpan Span) : Stmt(Span);

public sealed record GlobalStmt(ImmutableArray<string> Names, SourceSpan Span) : Stmt(Span);

public sealed record NonlocalStmt(ImmutableArray<string> Names, SourceSpan Span) : Stmt(Span);

/// <summary>An expression used as a statement (CPython's <c>Expr</c>).</summary>
public sealed record ExprStmt(Expr Value, SourceSpan Span) : Stmt(Span);

public sealed record PassStmt(SourceSpan Span) : Stmt(Span);

public sealed record BreakStmt(SourceSpan Span) : Stmt(Span);

public sealed record ContinueStmt(SourceSpan Span) : Stmt(Span);

// ---- parts of statements ----

/// <summary>A function's parameters. KwDefaults has one entry per KwOnlyArgs entry (null when none);
/// Defaults belong to the last parameters of PosOnlyArgs + Args.</summary>
public sealed record Arguments(
    ImmutableArray<Arg> PosOnlyArgs, ImmutableArray<Arg> Args, Arg? VarArg, ImmutableArray<Arg> KwOnlyArgs,
    ImmutableArray<Expr?> KwDefaults, Arg? KwArg, ImmutableArray<Expr> Defaults, SourceSpan Span) : Node(Span);

public sealed record Arg(string Name, Expr? Annotation, SourceSpan Span) : Node(Span);

/// <summary>A keyword argument in a call or class header; Name is null for <c>**mapping</c>.</summary>
public sealed record Keyword(string? Name, Expr Value, SourceSpan Span) : Node(Span);

/// <summary><c>name [as asname]</c> in an import.</summary>
public sealed record Alias(string Name, string? AsName, SourceSpan Span) : Node(Span);

public sealed record ExceptHandler(Expr? Type, string? Name, ImmutableArray<Stmt> Body, SourceSpan Span) : Node(Span);

public sealed record WithItem(Expr ContextExpr, Expr? OptionalVars, SourceSpan Span) : Node(Span);

/// <summary>One <c>for target in iter if cond...</c> clause of a comprehension.</summary>
public sealed record Comprehension(Expr Target, Expr Iter, ImmutableArray<Expr> Ifs, bool IsAsync, SourceSpan Span) : Node(Span);
