// Python's arithmetic, comparisons, truth and a few builtins over translation-time constants,
// with RPy's 64-bit ints (a constant that does not fit is an error). Used by ConstantEvaluator.
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Constant = ClrPy.Translator.Flow.Constant;
using Kind = ClrPy.Translator.Flow.ConstantKind;

namespace ClrPy.Translator.Descriptions;

public static class ConstantArithmetic
{
    public static Constant IntLiteral(BigInteger value, SourceSpan span)
    {
        if (value < long.MinValue || value > long.MaxValue)
            TranslationErrors.NotRpy(span, "integer constant does not fit in 64 bits");
        return Constant.Int((long)value);
    }

    /// <summary>The constant of a literal; bytes, complex and ellipsis literals are not RPy.</summary>
    public static Constant Literal(ConstantExpr literal) => literal.Kind switch
    {
        ConstantKind.None => Constant.None,
        ConstantKind.Bool => Constant.Bool((bool)literal.Value!),
        ConstantKind.Int => IntLiteral((BigInteger)literal.Value!, literal.Span),
        ConstantKind.Float => Constant.Float((double)literal.Value!),
        ConstantKind.Str => Constant.Str((string)literal.Value!),
        _ => NotRpy(literal.Span, $"{(literal.Kind == ConstantKind.Bytes ? "bytes" : literal.Kind.ToString().ToLowerInvariant())} literals are not RPy"),
    };

    /// <summary>Whether a constant's truth can change while the program runs (a prebuilt list or dict
    /// that code mutates): the flow builder must test it at run time instead of folding it.</summary>
    public static bool IsMutable(Constant value) => value.Value is PrebuiltList or PrebuiltDict;

    public static bool Truth(Constant value) => value.Value switch
    {
        null => false,
        bool b => b,
        long i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ImmutableArray<Constant> tuple => tuple.Length > 0,
        PrebuiltList list => list.Items.Count > 0,
        PrebuiltDict dict => dict.Entries.Count > 0,
        _ => true,
    };

    public static Constant Binary(BinaryOperator op, Constant left, Constant right, SourceSpan span, Func<IEnumerable<Constant>, Constant> newList)
    {
        object? a = left.Value is bool lb ? (lb ? 1L : 0L) : left.Value;
        object? b = right.Value is bool rb ? (rb ? 1L : 0L) : right.Value;
        switch (a, b)
        {
            case (long x, long y):
                return IntBinary(op, x, y, span);
            case (long or double, long or double):
                return FloatBinary(op, Convert.ToDouble(a, CultureInfo.InvariantCulture), Convert.ToDouble(b, CultureInfo.InvariantCulture), span);
            case (string x, string y) when op == BinaryOperator.Add:
                return Constant.Str(x + y);
            case (string x, long n) when op == BinaryOperator.Mult:
                return Constant.Str(string.Concat(Enumerable.Repeat(x, RepeatCount(x.Length, n, span, "string", "characters"))));
            case (ImmutableArray<Constant> x, ImmutableArray<Constant> y) when op == BinaryOperator.Add:
                return Constant.Tuple(x.AddRange(y));
            case (ImmutableArray<Constant> x, long n) when op == BinaryOperator.Mult:
                return Constant.Tuple([.. Enumerable.Repeat(x, RepeatCount(x.Length, n, span, "tuple", "items")).SelectMany(t => t)]);
            case (PrebuiltList x, PrebuiltList y) when op == BinaryOperator.Add:
                return newList(x.Items.Concat(y.Items));
            case (PrebuiltList x, long n) when op == BinaryOperator.Mult:
                return newList(Enumerable.Repeat(x.Items, RepeatCount(x.Items.Count, n, span, "list", "items")).SelectMany(items => items).ToList());
            default:
                return Fail(span, $"cannot evaluate {OperatorText(op)} on {left} and {right} at translation time");
        }
    }

    /// <summary>The most items (or characters) of a string, tuple or list that <c>*</c> builds at translation time:
    /// the result is a constant of the translated program, built in the translator's memory and written into the
    /// assembly.</summary>
    public const long MaxRepeatedLength = 1 << 24;

    /// <summary>How many times <c>*</c> repeats a sequence of <paramref name="length"/> items (none for n &lt;= 0, as
    /// in Python); a result longer than <see cref="MaxRepeatedLength"/> is an error at <paramref name="span"/>.</summary>
    private static int RepeatCount(long length, long n, SourceSpan span, string kind, string items)
    {
        long times = Math.Max(0, n);
        if (length > 0 && times > MaxRepeatedLength / length)
            return Fail<int>(span, string.Create(CultureInfo.InvariantCulture,
                $"a {kind} of {(BigInteger)length * times:N0} {items} is too big to build at translation time (at most {MaxRepeatedLength:N0})"));
        return length == 0 ? 0 : (int)times;
    }

    private static Constant IntBinary(BinaryOperator op, long x, long y, SourceSpan span)
    {
        BigInteger result;
        switch (op)
        {
            case BinaryOperator.Add: result = (BigInteger)x + y; break;
            case BinaryOperator.Sub: result = (BigInteger)x - y; break;
            case BinaryOperator.Mult: result = (BigInteger)x * y; break;
            case BinaryOperator.Div:
                return y == 0 ? Fail(span, "division by zero") : Constant.Float((double)x / y);
            case BinaryOperator.FloorDiv or BinaryOperator.Mod:
                if (y == 0)
                    return Fail(span, "division by zero");
                var quotient = BigInteger.DivRem(x, y, out var remainder);
                if (remainder != 0 && (remainder < 0) != (y < 0))
                {
                    quotient -= 1;
                    remainder += y;
                }
                result = op == BinaryOperator.FloorDiv ? quotient : remainder;
                break;
            case BinaryOperator.Pow:
                if (y < 0)
                    return Constant.Float(Math.Pow(x, y));
                result = y > 64 && Math.Abs(x) > 1 ? BigInteger.Pow(2, 64) : BigInteger.Pow(x, (int)Math.Min(y, 64));
                if (Math.Abs(x) <= 1)
                    result = x == -1 && y % 2 == 1 ? -1 : (x == 0 && y > 0 ? 0 : 1);
                break;
            case BinaryOperator.LShift:
                result = y is < 0 or > 64 ? BigInteger.Pow(2, 64) : (BigInteger)x << (int)y;
                break;
            case BinaryOperator.RShift:
                result = x >> (int)Math.Min(y, 63);
                break;
            case BinaryOperator.BitAnd: result = x & y; break;
            case BinaryOperator.BitOr: result = x | y; break;
            case BinaryOperator.BitXor: result = x ^ y; break;
            default:
                return Fail(span, $"cannot evaluate {OperatorText(op)} on ints at translation time");
        }
        return result < long.MinValue || result > long.MaxValue ? Fail(span, "integer constant does not fit in 64 bits") : Constant.Int((long)result);
    }

    private static Constant FloatBinary(BinaryOperator op, double x, double y, SourceSpan span) => op switch
    {
        BinaryOperator.Add => Constant.Float(x + y),
        BinaryOperator.Sub => Constant.Float(x - y),
        BinaryOperator.Mult => Constant.Float(x * y),
        BinaryOperator.Div => y == 0 ? Fail(span, "division by zero") : Constant.Float(x / y),
        BinaryOperator.FloorDiv => y == 0 ? Fail(span, "division by zero") : Constant.Float(Math.Floor(x / y)),
        BinaryOperator.Mod => y == 0 ? Fail(span, "division by zero") : Constant.Float(x - y * Math.Floor(x / y)),
        BinaryOperator.Pow => Constant.Float(Math.Pow(x, y)),
        _ => Fail(span, $"cannot evaluate {OperatorText(op)} on floats at translation time"),
    };

    public static Constant Unary(UnaryOperator op, Constant operand, SourceSpan span) => (op, operand.Value) switch
    {
        (UnaryOperator.Not, _) => Constant.Bool(!Truth(operand)),
        (UnaryOperator.USub, long i) when i != long.MinValue => Constant.Int(-i),
        (UnaryOperator.USub, double d) => Constant.Float(-d),
        (UnaryOperator.UAdd, long or double) => operand,
        (UnaryOperator.Invert, long i) => Constant.Int(~i),
        _ => Fail(span, $"cannot evaluate this unary operator on {operand} at translation time"),
    };

    public static bool Compare(CompareOperator op, Constant left, Constant right, SourceSpan span)
    {
        switch (op)
        {
            case CompareOperator.Is: return left.Equals(right) && (left.Kind is Kind.None or Kind.Bool || ReferenceEquals(left.Value, right.Value));
            case CompareOperator.IsNot: return !Compare(CompareOperator.Is, left, right, span);
            case CompareOperator.Eq: return Equal(left, right);
            case CompareOperator.NotEq: return !Equal(left, right);
            case CompareOperator.In or CompareOperator.NotIn:
                bool found = right.Value switch
                {
                    ImmutableArray<Constant> tuple => tuple.Any(item => Equal(item, left)),
                    PrebuiltList list => list.Items.Any(item => Equal(item, left)),
                    PrebuiltDict dict => dict.Entries.Any(entry => Equal(entry.Key, left)),
                    string text when left.Value is string part => text.Contains(part, StringComparison.Ordinal),
                    _ => Fail<bool>(span, "cannot evaluate 'in' at translation time"),
                };
                return found == (op == CompareOperator.In);
        }
        int order = (left.Value, right.Value) switch
        {
            (long x, long y) => x.CompareTo(y),
            (long or double, long or double) => Convert.ToDouble(left.Value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right.Value, CultureInfo.InvariantCulture)),
            (string x, string y) => string.CompareOrdinal(x, y),
            _ => Fail<int>(span, $"cannot compare {left} and {right} at translation time"),
        };
        return op switch
        {
            CompareOperator.Lt => order < 0,
            CompareOperator.LtE => order <= 0,
            CompareOperator.Gt => order > 0,
            _ => order >= 0,
        };
    }

    private static bool Equal(Constant left, Constant right) => (left.Value, right.Value) switch
    {
        (long or double, long or double) when left.Kind != right.Kind =>
            Convert.ToDouble(left.Value, CultureInfo.InvariantCulture) == Convert.ToDouble(right.Value, CultureInfo.InvariantCulture),
        _ => left.Equals(right),
    };

    public static Constant Subscript(Constant container, Constant index, SourceSpan span)
    {
        if (container.Value is PrebuiltDict dict)
        {
            foreach (var entry in dict.Entries)
            {
                if (Equal(entry.Key, index))
                    return entry.Value;
            }
            return Fail(span, $"key {index} is not in the dict");
        }
        if (index.Value is not long i)
            return Fail(span, "only constant int indexes can be evaluated at translation time");
        IReadOnlyList<Constant> items = container.Value switch
        {
            ImmutableArray<Constant> tuple => tuple,
            PrebuiltList list => list.Items,
            string text => [.. text.Select(c => Constant.Str(c.ToString()))],
            _ => Fail<IReadOnlyList<Constant>>(span, $"{container} cannot be indexed at translation time"),
        };
        long at = i < 0 ? i + items.Count : i;
        return at >= 0 && at < items.Count ? items[(int)at] : Fail(span, "index out of range");
    }

    /// <summary>The builtins that make sense on constants; null when the builtin is not one of them.</summary>
    public static Constant? CallBuiltin(BuiltinDesc builtin, List<Constant> args, SourceSpan span,
        Func<IEnumerable<Constant>, Constant> newList, Func<PrebuiltDict> newDict)
    {
        switch (builtin.Name, args.Count)
        {
            case ("len", 1):
                return Constant.Int(args[0].Value switch
                {
                    string s => s.Length,
                    ImmutableArray<Constant> t => t.Length,
                    PrebuiltList l => l.Items.Count,
                    PrebuiltDict d => d.Entries.Count,
                    _ => Fail<int>(span, "len() of this value cannot be evaluated at translation time"),
                });
            case ("int", 1) when args[0].Value is long or bool or double:
                return args[0].Value is double real ? Constant.Int((long)Math.Truncate(real)) : Constant.Int(Convert.ToInt64(args[0].Value, CultureInfo.InvariantCulture));
            case ("float", 1) when args[0].Value is long or double:
                return Constant.Float(Convert.ToDouble(args[0].Value, CultureInfo.InvariantCulture));
            case ("str", 1) when args[0].Kind is Kind.Int or Kind.Str or Kind.Float or Kind.Bool or Kind.None:
                return Constant.Str(args[0].ToString() is var text && args[0].Kind == Kind.Str ? (string)args[0].Value! : text);
            case ("chr", 1) when args[0].Value is long code:
                return Constant.Str(char.ConvertFromUtf32((int)code));
            case ("ord", 1) when args[0].Value is string { Length: 1 } single:
                return Constant.Int(single[0]);
            case ("abs", 1) when args[0].Value is long or double:
                return args[0].Value is long n ? Constant.Int(Math.Abs(n)) : Constant.Float(Math.Abs((double)args[0].Value!));
            case ("min" or "max", >= 2):
                var best = args[0];
                foreach (var arg in args.Skip(1))
                {
                    bool less = Compare(CompareOperator.Lt, arg, best, span);
                    if (builtin.Name == "min" ? less : Compare(CompareOperator.Gt, arg, best, span))
                        best = arg;
                }
                return best;
            case ("list", 0):
                return newList([]);
            case ("list", 1) when args[0].Value is ImmutableArray<Constant> or PrebuiltList:
                return newList(args[0].Value is PrebuiltList source ? source.Items.ToList() : (ImmutableArray<Constant>)args[0].Value!);
            case ("tuple", 0):
                return Constant.Tuple([]);
            case ("dict", 0):
                return Constant.Of(newDict());
            default:
                return null;
        }
    }

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+", BinaryOperator.Sub => "-", BinaryOperator.Mult => "*", BinaryOperator.Div => "/",
        BinaryOperator.FloorDiv => "//", BinaryOperator.Mod => "%", BinaryOperator.Pow => "**", BinaryOperator.LShift => "<<",
        BinaryOperator.RShift => ">>", BinaryOperator.BitAnd => "&", BinaryOperator.BitOr => "|", BinaryOperator.BitXor => "^",
        _ => "@",
    };

    private static Constant Fail(SourceSpan span, string message) => Fail<Constant>(span, message);

    private static Constant NotRpy(SourceSpan span, string message)
    {
        TranslationErrors.NotRpy(span, message);
        return null!;
    }

    private static T Fail<T>(SourceSpan span, string message)
    {
        TranslationErrors.ModuleLevel(span, message);
        return default!;
    }
}
