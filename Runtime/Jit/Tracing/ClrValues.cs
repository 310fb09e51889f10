// The trace descriptors of the translated program's members (fields, functions, classes), made once per member
// with the real CLR members, so that backends access them directly and the meta-interpreter calls functions
// through the descriptors' reference path. Used by the meta-interpreter (tracing and blackholing).
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Tracing;

/// <summary>The trace descriptors of the translated program's members, made on first use.</summary>
public sealed class ClrDescrs
{
    private readonly Dictionary<JitField, FieldDescr> _fields = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JitFunction, CallDescr> _calls = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, ClassDescr> _classes = [];

    public FieldDescr Field(JitField field)
    {
        if (!_fields.TryGetValue(field, out var descr))
        {
            descr = FieldDescr.ForField(field.Field, field.Name);
            _fields.Add(field, descr = field.Has(JitFieldFlags.Virtualizable)
                ? descr.AsVirtualizable(items: field.Has(JitFieldFlags.VirtualizableItems)) : descr);
        }
        return descr;
    }

    public CallDescr Call(JitFunction function)
    {
        if (_calls.TryGetValue(function, out var descr))
            return descr;
        var effects = (function.Has(JitFunctionFlags.Elidable) ? CallEffects.Elidable : CallEffects.None)
            | (function.Has(JitFunctionFlags.ReadOnly) ? CallEffects.ReadOnly : CallEffects.None)
            | (function.Has(JitFunctionFlags.CanRaise) ? CallEffects.CanRaise : CallEffects.None);
        _calls.Add(function, descr = CallDescr.ForMethod(function.Method, effects, function.Name));
        return descr;
    }

    public ClassDescr Class(JitClass cls) => Class(cls.Type);

    /// <summary>The class descriptor of a type; `new` runs its constructor taking nothing, or (exception classes) one str.</summary>
    public ClassDescr Class(Type type)
    {
        if (_classes.TryGetValue(type, out var descr))
            return descr;
        if (type.GetConstructor(Type.EmptyTypes) is not null)
            descr = ClassDescr.ForType(type);
        else if (type.GetConstructor([typeof(string)]) is { } withMessage)
            descr = new ClassDescr(type.Name, type, () => withMessage.Invoke([""]));
        else
            descr = new ClassDescr(type.Name, type);
        _classes.Add(type, descr);
        return descr;
    }

    private readonly Dictionary<Type, ListDescrs> _lists = [];

    /// <summary>The descriptors traces read and write an <c>RList&lt;T&gt;</c> with directly, by its CLR type.</summary>
    public ListDescrs List(Type listType)
    {
        if (_lists.TryGetValue(listType, out var descrs))
            return descrs;
        if (!listType.IsGenericType || listType.GetGenericTypeDefinition() != typeof(RList<>))
            throw new ArgumentException($"{listType.Name} is not an RList", nameof(listType));
        var element = listType.GetGenericArguments()[0];
        const System.Reflection.BindingFlags Private = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
        string name = "list<" + (TraceClrTypes.KindOf(element) == ValueKind.Ref && element != typeof(string) ? element.Name : element.Name.ToLowerInvariant()) + ">";
        descrs = new ListDescrs(
            FieldDescr.ForField(listType.GetField(RList<int>.CountFieldName, Private)!, name + ".count"),
            FieldDescr.ForField(listType.GetField(RList<int>.ItemsFieldName, Private)!, name + ".items"),
            new ArrayDescr(name + "[]", element));
        _lists.Add(listType, descrs);
        return descrs;
    }
}

/// <summary>How a trace reaches into an RList: its item count, its items array (at least count long), the array's items.</summary>
public sealed record ListDescrs(FieldDescr Count, FieldDescr Items, ArrayDescr Array);
