// Writes a trace in the text form of PyPy's logs: the inputs as "[i0, p1]", then one op per line
// ("i3 = int_add(i0, 1)", "guard_true(i4) [i0, i1]", "jump(i3, descr=Loop0)"). TraceParser reads it back;
// used by tests (golden traces), by error messages and by the JIT log.
using System.Globalization;
using System.Text;

namespace ClrPy.Runtime.Jit.Trace;

public static class TracePrinter
{
    /// <summary>The whole trace; <paramref name="registry"/> names constant objects as <c>ConstPtr(name)</c>.</summary>
    public static string Print(TraceIr trace, TraceDescrRegistry? registry = null)
    {
        var text = new StringBuilder();
        text.Append('[');
        for (int input = 0; input < trace.InputCount; input++)
        {
            if (input > 0)
                text.Append(", ");
            AppendValue(text, trace, input, registry);
        }
        text.Append("]\n");
        for (int i = 0; i < trace.Ops.Length; i++)
        {
            AppendOp(text, trace, i, registry);
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One op, without newline.</summary>
    public static string PrintOp(TraceIr trace, int opIndex, TraceDescrRegistry? registry = null)
    {
        var text = new StringBuilder();
        AppendOp(text, trace, opIndex, registry);
        return text.ToString();
    }

    public static void AppendOp(StringBuilder text, TraceIr trace, int opIndex, TraceDescrRegistry? registry)
    {
        ref readonly var op = ref trace[opIndex];
        ref readonly var info = ref op.Info;
        if (op.Result != TraceValues.None)
        {
            AppendValue(text, trace, op.Result, registry);
            text.Append(" = ");
        }
        text.Append(info.Name).Append('(');
        var operands = trace.OperandsOf(in op);
        for (int i = 0; i < operands.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            AppendValue(text, trace, operands[i], registry);
        }
        if (!info.IsGuard && trace.DescrOf(in op) is { } descr)
            text.Append(operands.Length > 0 ? ", " : "").Append("descr=").Append(descr.Name);
        text.Append(')');
        if (op.InBounds)
            text.Append(" inbounds");
        if (info.IsGuard)
        {
            text.Append(" [");
            var failArgs = trace.FailArgsOf(in op);
            for (int i = 0; i < failArgs.Length; i++)
            {
                if (i > 0)
                    text.Append(", ");
                AppendValue(text, trace, failArgs[i], registry);
            }
            text.Append(']');
            if (trace.LayoutOf(opIndex) is { } layout)
                layout.Append(text.Append(' '), trace, failArgs, registry);
        }
    }

    public static void AppendValue(StringBuilder text, TraceIr trace, int value, TraceDescrRegistry? registry)
    {
        if (TraceValues.IsVariable(value))
        {
            text.Append(TraceOpcodes.KindLetter(trace.KindOf(value))).Append(value.ToString(CultureInfo.InvariantCulture));
            return;
        }
        AppendConstant(text, trace.ConstantValue(value), trace.KindOf(value), registry);
    }

    /// <summary>A constant as operands write it: 7, 1.5, "text", ConstClass(Node), ConstPtr(name).</summary>
    public static void AppendConstant(StringBuilder text, TraceValue constant, ValueKind kind, TraceDescrRegistry? registry)
    {
        switch (kind)
        {
            case ValueKind.Int:
                text.Append(constant.AsInt.ToString(CultureInfo.InvariantCulture));
                break;
            case ValueKind.Float:
                text.Append(FormatFloat(constant.AsFloat));
                break;
            default:
                AppendRef(text, constant.AsRef, registry);
                break;
        }
    }

    /// <summary>Shortest round-tripping form, always recognisably a float: 1.0, -0.0, 1E+20, nan, inf, -inf.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') >= 0 ? text : text + ".0";
    }

    private static void AppendRef(StringBuilder text, object? value, TraceDescrRegistry? registry)
    {
        switch (value)
        {
            case null:
                text.Append("ConstPtr(null)");
                break;
            case string str:
                AppendStringLiteral(text, str);
                break;
            case ClassDescr cls:
                text.Append("ConstClass(").Append(cls.Name).Append(')');
                break;
            default:
                text.Append("ConstPtr(");
                if (registry is not null && registry.TryGetConstantName(value, out string name))
                    text.Append(name);
                else
                    text.Append('?').Append(value.GetType().Name);
                text.Append(')');
                break;
        }
    }

    /// <summary>A quoted string with \" \\ \n \t \r and \uXXXX (other controls and non-ASCII) escapes; the JIT log quotes with it too.</summary>
    internal static void AppendStringLiteral(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < ' ' || c > '~')
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
