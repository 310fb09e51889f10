// How CLR types of real fields, array items, parameters and results map to trace values: the kind a type
// has in a trace, and the conversions both ways (ints narrower than long wrap, bool is 0/1 and stores
// "nonzero", char is its UTF-16 code). Used by the descriptors' reflection paths (the reference semantics
// that the trace interpreter runs); the CIL backend emits the same conversions as IL.
namespace ClrPy.Runtime.Jit.Trace;

public static class TraceClrTypes
{
    /// <summary>The kind of trace value a CLR type holds: long/ulong/int/bool/char/byte are Int, double is Float,
    /// reference types and structs (boxed in traces: RPy tuples are ValueTuples) are Ref. Other primitives have none.</summary>
    public static bool TryKindOf(Type type, out ValueKind kind)
    {
        kind = ValueKind.Void;
        if (type == typeof(long) || type == typeof(ulong) || type == typeof(int) || type == typeof(bool) || type == typeof(char) || type == typeof(byte))
            kind = ValueKind.Int;
        else if (type == typeof(double))
            kind = ValueKind.Float;
        else if (!type.IsByRef && !type.IsPointer && !type.IsPrimitive && !type.IsEnum)
            kind = ValueKind.Ref; // classes, and structs (RPy tuples) boxed
        return kind != ValueKind.Void;
    }

    public static ValueKind KindOf(Type type) => TryKindOf(type, out var kind) ? kind
        : throw new ArgumentException($"{type.Name} has no trace value kind (long, int, bool, char, byte, double or a reference type)");

    /// <summary>The CLR value (boxed) that a trace value becomes when stored in a slot of <paramref name="type"/>.</summary>
    public static object? ToClr(TraceValue value, Type type)
    {
        if (type == typeof(long)) return value.AsInt;
        if (type == typeof(ulong)) return unchecked((ulong)value.AsInt);
        if (type == typeof(int)) return unchecked((int)value.AsInt);
        if (type == typeof(bool)) return value.AsInt != 0;
        if (type == typeof(char)) return unchecked((char)value.AsInt);
        if (type == typeof(byte)) return unchecked((byte)value.AsInt);
        if (type == typeof(double)) return value.AsFloat;
        return value.AsRef;
    }

    /// <summary>The trace value of a CLR value read from a slot of <paramref name="type"/>.</summary>
    public static TraceValue FromClr(object? value, Type type)
    {
        if (type == typeof(long)) return TraceValue.FromInt((long)value!);
        if (type == typeof(ulong)) return TraceValue.FromInt(unchecked((long)(ulong)value!));
        if (type == typeof(int)) return TraceValue.FromInt((int)value!);
        if (type == typeof(bool)) return TraceValue.FromInt((bool)value! ? 1 : 0);
        if (type == typeof(char)) return TraceValue.FromInt((char)value!);
        if (type == typeof(byte)) return TraceValue.FromInt((byte)value!);
        if (type == typeof(double)) return TraceValue.FromFloat((double)value!);
        return TraceValue.FromRef(value);
    }
}
