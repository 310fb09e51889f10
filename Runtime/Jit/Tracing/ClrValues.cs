// The bridge between the JIT's values (TraceValue words, floats and refs) and the translated program's CLR
// values: conversions by CLR type, and the trace descriptors (fields, calls, classes) made once per member of
// the translated assembly. Used by the meta-interpreter (tracing and blackholing) and the resume code.
using System.Reflection;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Tracing;

public static class ClrValues
{
    /// <summary>The register kind of a CLR type as the CIL backend maps RPy types (void: Void).</summary>
    public static ValueKind KindOf(Type type) =>
        type == typeof(void) ? ValueKind.Void
        : type == typeof(long) || type == typeof(ulong) || type == typeof(bool) || type == typeof(char) || type == typeof(int) ? ValueKind.Int
        : type == typeof(double) ? ValueKind.Float
        : ValueKind.Ref;

    public static TraceValue FromClr(object? value) => value switch
    {
        long l => TraceValue.FromInt(l),
        ulong u => TraceValue.FromInt(unchecked((long)u)),
        bool b => TraceValue.FromInt(b ? 1 : 0),
        char c => TraceValue.FromInt(c),
        int i => TraceValue.FromInt(i),
        double d => TraceValue.FromFloat(d),
        _ => TraceValue.FromRef(value),
    };

    public static object? ToClr(TraceValue value, Type type) =>
        type == typeof(long) ? value.AsInt
        : type == typeof(ulong) ? unchecked((ulong)value.AsInt)
        : type == typeof(bool) ? value.AsInt != 0
        : type == typeof(char) ? (char)value.AsInt
        : type == typeof(int) ? (int)value.AsInt
        : type == typeof(double) ? value.AsFloat
        : value.AsRef;

    /// <summary>Calls a static method of the translated program; its RPy exception, if any, is taken from Pending into <paramref name="raised"/>.</summary>
    public static TraceValue Invoke(MethodInfo method, ParameterInfo[] parameters, ReadOnlySpan<TraceValue> arguments, ref object? raised)
    {
        var boxed = new object?[parameters.Length];
        for (int i = 0; i < boxed.Length; i++)
            boxed[i] = ToClr(arguments[i], parameters[i].ParameterType);
        object? result = method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, boxed, null);
        if (Pending.Exception is { } exception)
        {
            raised = exception;
            Pending.Exception = null;
        }
        return FromClr(result);
    }
}

/// <summary>The trace descriptors of the translated program's members, made on first use.</summary>
public sealed class ClrDescrs
{
    private readonly Dictionary<JitField, FieldDescr> _fields = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JitFunction, CallDescr> _calls = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, ClassDescr> _classes = [];

    public FieldDescr Field(JitField field)
    {
        if (_fields.TryGetValue(field, out var descr))
            return descr;
        var info = field.Field;
        var type = info.FieldType;
        descr = ClrValues.KindOf(type) switch
        {
            ValueKind.Int => FieldDescr.Int(field.Name, o => ClrValues.FromClr(info.GetValue(o)).AsInt, (o, v) => info.SetValue(o, ClrValues.ToClr(TraceValue.FromInt(v), type))),
            ValueKind.Float => FieldDescr.Float(field.Name, o => (double)info.GetValue(o)!, (o, v) => info.SetValue(o, v)),
            _ => FieldDescr.Ref(field.Name, info.GetValue, info.SetValue),
        };
        _fields.Add(field, descr);
        return descr;
    }

    public CallDescr Call(JitFunction function)
    {
        if (_calls.TryGetValue(function, out var descr))
            return descr;
        var method = function.Method;
        var parameters = method.GetParameters();
        var kinds = new ValueKind[parameters.Length];
        for (int i = 0; i < kinds.Length; i++)
            kinds[i] = ClrValues.KindOf(parameters[i].ParameterType);
        var effects = (function.Has(JitFunctionFlags.Elidable) ? CallEffects.Elidable : CallEffects.None)
            | (function.Has(JitFunctionFlags.CanRaise) ? CallEffects.CanRaise : CallEffects.None);
        descr = new CallDescr(function.Name, ClrValues.KindOf(method.ReturnType), kinds, effects,
            (ReadOnlySpan<TraceValue> arguments, ref object? raised) => ClrValues.Invoke(method, parameters, arguments, ref raised));
        _calls.Add(function, descr);
        return descr;
    }

    public ClassDescr Class(JitClass cls) => Class(cls.Type);

    /// <summary>The class descriptor of a type; `new` makes instances with its constructor taking nothing (or one str, for exceptions).</summary>
    public ClassDescr Class(Type type)
    {
        if (_classes.TryGetValue(type, out var descr))
            return descr;
        Func<object>? create = null;
        if (type.GetConstructor(Type.EmptyTypes) is { } plain)
            create = () => plain.Invoke(null);
        else if (type.GetConstructor([typeof(string)]) is { } withMessage)
            create = () => withMessage.Invoke([""]);
        _classes.Add(type, descr = new ClassDescr(type.Name, type, create));
        return descr;
    }
}
