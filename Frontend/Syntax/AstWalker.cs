// Walks AST records generically, in CPython's field order (the order of each record's constructor
// parameters), under CPython's node and field names. Shared by AstNormalizedDump (the differential
// test format) and AstPrinter (the readable dump with spans); not used on any hot path.
using System.Collections;
using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using System.Text;

namespace ClrPy.Frontend.Syntax;

internal static class AstWalker
{
    /// <summary>A field of a node type: its CPython name and how to read it.</summary>
    internal sealed record Field(string Name, PropertyInfo Property);

    private static readonly ConcurrentDictionary<Type, Field[]> FieldCache = new();

    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["OrElse"] = "orelse", ["FinalBody"] = "finalbody", ["PosOnlyArgs"] = "posonlyargs",
        ["KwOnlyArgs"] = "kwonlyargs", ["VarArg"] = "vararg", ["KwArg"] = "kwarg", ["AsName"] = "asname",
    };

    private static readonly Dictionary<Type, string> KindNames = new()
    {
        [typeof(NamedExpr)] = "NamedExpr", [typeof(IfExpr)] = "IfExp", [typeof(GeneratorExpr)] = "GeneratorExp",
        [typeof(ExprStmt)] = "Expr", [typeof(Arguments)] = "arguments", [typeof(Arg)] = "arg",
        [typeof(Keyword)] = "keyword", [typeof(Alias)] = "alias", [typeof(WithItem)] = "withitem",
        [typeof(Comprehension)] = "comprehension",
    };

    /// <summary>CPython's class name for a node (AsyncFunctionDef/AsyncFor/AsyncWith for async forms).</summary>
    public static string KindName(Node node)
    {
        switch (node)
        {
            case FunctionDefStmt { IsAsync: true }: return "AsyncFunctionDef";
            case ForStmt { IsAsync: true }: return "AsyncFor";
            case WithStmt { IsAsync: true }: return "AsyncWith";
        }
        var type = node.GetType();
        if (KindNames.TryGetValue(type, out var name))
            return name;
        string typeName = type.Name;
        if (typeName.EndsWith("Stmt", StringComparison.Ordinal) || typeName.EndsWith("Expr", StringComparison.Ordinal))
            return typeName[..^4];
        return typeName;
    }

    /// <summary>Whether CPython gives this node a lineno (statements, expressions, arg, keyword, alias, handlers).</summary>
    public static bool HasLine(Node node) => node is Stmt or Expr or Arg or Keyword or Alias or ExceptHandler;

    /// <summary>The fields of a node in CPython order, without Span and without the IsAsync flags that
    /// CPython expresses as a separate class.</summary>
    public static Field[] Fields(Node node) => FieldCache.GetOrAdd(node.GetType(), type =>
    {
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        var fields = new List<Field>();
        foreach (var parameter in parameters)
        {
            string name = parameter.Name!;
            if (name == "Span" || name == "Source" || (name == "IsAsync" && type != typeof(Comprehension)))
                continue;
            fields.Add(new Field(CPythonFieldName(type, name), type.GetProperty(name)!));
        }
        return fields.ToArray();
    });

    private static string CPythonFieldName(Type type, string name)
    {
        if (name == "Name" && (type == typeof(Arg) || type == typeof(Keyword)))
            return "arg";
        if (FieldNames.TryGetValue(name, out var mapped))
            return mapped;
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>Splits a node's non-empty fields into scalar texts (<c>name=value</c>, lists of scalars
    /// joined by <paramref name="listSeparator"/>) and child fields holding nodes (null entries allowed).</summary>
    public static (List<string> Scalars, List<(string Field, List<object?> Values)> Children) Split(Node node, string listSeparator)
    {
        var scalars = new List<string>();
        var children = new List<(string, List<object?>)>();
        foreach (var field in Fields(node))
        {
            object? value = field.Property.GetValue(node);
            if (value is null)
                continue;
            if (ListItems(value) is { } items)
            {
                if (items.Count == 0)
                    continue;
                if (items.All(i => i is not null && ScalarText(i) is not null))
                    scalars.Add(field.Name + "=[" + string.Join(listSeparator, items.Select(i => ScalarText(i!))) + "]");
                else
                    children.Add((field.Name, items));
            }
            else if (ScalarText(value) is { } scalar)
            {
                scalars.Add(field.Name + "=" + scalar);
            }
            else
            {
                children.Add((field.Name, [value]));
            }
        }
        return (scalars, children);
    }

    /// <summary>Converts a field value to a scalar text, or returns null when it holds nodes.</summary>
    public static string? ScalarText(object value) => value switch
    {
        string s => s,
        bool b => b ? "1" : "0",
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => null,
    };

    /// <summary>The elements of a list-valued field, or null when the value is not a list.</summary>
    public static List<object?>? ListItems(object value)
    {
        if (value is string || value is not IEnumerable enumerable)
            return null;
        var items = new List<object?>();
        foreach (var item in enumerable)
            items.Add(item);
        return items;
    }

    /// <summary><c>TYPE VALUE</c> of a constant in the differential dump format.</summary>
    public static string ConstantText(ConstantExpr constant) => constant.Kind switch
    {
        ConstantKind.None => "None",
        ConstantKind.Ellipsis => "Ellipsis",
        ConstantKind.Bool => (bool)constant.Value! ? "bool True" : "bool False",
        ConstantKind.Int => "int " + ((BigInteger)constant.Value!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ConstantKind.Float => "float " + FloatBits((double)constant.Value!),
        ConstantKind.Imaginary => "complex " + FloatBits(0.0) + " " + FloatBits((double)constant.Value!),
        ConstantKind.Str => "str " + Quote((string)constant.Value!),
        ConstantKind.Bytes => "bytes " + Convert.ToHexString(((System.Collections.Immutable.ImmutableArray<byte>)constant.Value!).AsSpan()).ToLowerInvariant(),
        _ => throw new InvalidOperationException("unknown constant kind"),
    };

    private static string FloatBits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16");

    public static string Quote(string text)
    {
        var result = new StringBuilder("\"");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case '"': result.Append("\\\""); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case >= ' ' and <= '~': result.Append(c); break;
                default:
                    int codePoint = c;
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        codePoint = char.ConvertToUtf32(c, text[++i]);
                    result.Append("\\u{").Append(codePoint.ToString("X")).Append('}');
                    break;
            }
        }
        return result.Append('"').ToString();
    }
}
