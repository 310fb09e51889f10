// Expression nodes of the AST (see Ast.cs for statements). Names follow CPython's `ast` classes
// with an Expr suffix; operators are enums whose member names are CPython's operator class names.
using System.Collections.Immutable;
using System.Numerics;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Syntax;

public abstract record Expr(SourceSpan Span) : Node(Span);

public enum BinaryOperator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }

public enum UnaryOperator { Invert, Not, UAdd, USub }

public enum BoolOperator { And, Or }

public enum CompareOperator { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn }

public enum ConstantKind { None, Bool, Int, Float, Imaginary, Str, Bytes, Ellipsis }

/// <summary>A literal. Value is null (None, Ellipsis), bool, BigInteger (Int), double (Float, and the
/// imaginary part of Imaginary), string (Str; implicit concatenation already applied) or
/// ImmutableArray&lt;byte&gt; (Bytes).</summary>
public sealed record ConstantExpr(ConstantKind Kind, object? Value, SourceSpan Span) : Expr(Span)
{
    public static ConstantExpr None(SourceSpan span) => new(ConstantKind.None, null, span);
    public static ConstantExpr Bool(bool value, SourceSpan span) => new(ConstantKind.Bool, value, span);
    public static ConstantExpr Int(BigInteger value, SourceSpan span) => new(ConstantKind.Int, value, span);
    public static ConstantExpr Float(double value, SourceSpan span) => new(ConstantKind.Float, value, span);
    public static ConstantExpr Imaginary(double value, SourceSpan span) => new(ConstantKind.Imaginary, value, span);
    public static ConstantExpr Str(string value, SourceSpan span) => new(ConstantKind.Str, value, span);
    public static ConstantExpr Bytes(ImmutableArray<byte> value, SourceSpan span) => new(ConstantKind.Bytes, value, span);
    public static ConstantExpr Ellipsis(SourceSpan span) => new(ConstantKind.Ellipsis, null, span);
}

public sealed record NameExpr(string Id, SourceSpan Span) : Expr(Span);

public sealed record BoolOpExpr(BoolOperator Op, ImmutableArray<Expr> Values, SourceSpan Span) : Expr(Span);

/// <summary>The walrus <c>target := value</c>.</summary>
public sealed record NamedExpr(Expr Target, Expr Value, SourceSpan Span) : Expr(Span);

public sealed record BinOpExpr(Expr Left, BinaryOperator Op, Expr Right, SourceSpan Span) : Expr(Span);

public sealed record UnaryOpExpr(UnaryOperator Op, Expr Operand, SourceSpan Span) : Expr(Span);

public sealed record LambdaExpr(Arguments Args, Expr Body, SourceSpan Span) : Expr(Span);

/// <summary><c>body if test else orelse</c>.</summary>
public sealed record IfExpr(Expr Test, Expr Body, Expr OrElse, SourceSpan Span) : Expr(Span);

/// <summary>A dict display; a null key marks <c>**mapping</c> (its mapping is the value).</summary>
public sealed record DictExpr(ImmutableArray<Expr?> Keys, ImmutableArray<Expr> Values, SourceSpan Span) : Expr(Span);

public sealed record SetExpr(ImmutableArray<Expr> Elts, SourceSpan Span) : Expr(Span);

public sealed record ListCompExpr(Expr Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expr(Span);

public sealed record SetCompExpr(Expr Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expr(Span);

public sealed record DictCompExpr(Expr Key, Expr Value, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expr(Span);

public sealed record GeneratorExpr(Expr Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expr(Span);

public sealed record AwaitExpr(Expr Value, SourceSpan Span) : Expr(Span);

public sealed record YieldExpr(Expr? Value, SourceSpan Span) : Expr(Span);

public sealed record YieldFromExpr(Expr Value, SourceSpan Span) : Expr(Span);

/// <summary>A chained comparison <c>left op1 c1 op2 c2 ...</c>.</summary>
public sealed record CompareExpr(Expr Left, ImmutableArray<CompareOperator> Ops, ImmutableArray<Expr> Comparators, SourceSpan Span) : Expr(Span);

/// <summary>A call; positional arguments may be StarredExpr (<c>*args</c>), keywords with a null
/// name are <c>**kwargs</c>.</summary>
public sealed record CallExpr(Expr Func, ImmutableArray<Expr> Args, ImmutableArray<Keyword> Keywords, SourceSpan Span) : Expr(Span);

/// <summary>A replacement field of an f-string. Conversion is -1 (none) or the code of 's', 'r', 'a';
/// FormatSpec is a JoinedStrExpr when present.</summary>
public sealed record FormattedValueExpr(Expr Value, int Conversion, Expr? FormatSpec, SourceSpan Span) : Expr(Span);

/// <summary>An f-string (after implicit concatenation): ConstantExpr(Str) and FormattedValueExpr parts.</summary>
public sealed record JoinedStrExpr(ImmutableArray<Expr> Values, SourceSpan Span) : Expr(Span);

public sealed record AttributeExpr(Expr Value, string Attr, SourceSpan Span) : Expr(Span);

/// <summary><c>value[slice]</c>; a multi-dimensional subscript has a TupleExpr slice, as in CPython.</summary>
public sealed record SubscriptExpr(Expr Value, Expr Slice, SourceSpan Span) : Expr(Span);

public sealed record StarredExpr(Expr Value, SourceSpan Span) : Expr(Span);

public sealed record ListExpr(ImmutableArray<Expr> Elts, SourceSpan Span) : Expr(Span);

public sealed record TupleExpr(ImmutableArray<Expr> Elts, SourceSpan Span) : Expr(Span);

/// <summary><c>lower:upper:step</c> inside a subscript.</summary>
public sealed record SliceExpr(Expr? Lower, Expr? Upper, Expr? Step, SourceSpan Span) : Expr(Span);
