// Descriptors: what a trace op needs to know beyond its operands (which field, which array item kind, which
// function and its effects, which class, which loop, which guard). Made by the tracer (and by tests), kept in
// a trace's side table; the parser finds them by name in a TraceDescrRegistry. Descriptors made from real CLR
// members (ForField, ForMethod, ForType, an element Type) let backends emit direct access; the interpreter
// runs them through reflection (TraceClrTypes), which is their reference meaning.
using System.Reflection;
using ClrPy.Runtime.Managed;

namespace ClrPy.Runtime.Jit.Trace;

public abstract class TraceDescr(string name)
{
    /// <summary>The name the text form uses (<c>descr=Node.value</c>).</summary>
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>A field of objects of some class, with the accessors the trace interpreter runs on real objects.</summary>
public sealed class FieldDescr : TraceDescr
{
    private readonly Func<object, TraceValue> _read;
    private readonly Action<object, TraceValue> _write;

    private FieldDescr(string name, ValueKind kind, Func<object, TraceValue> read, Action<object, TraceValue> write)
        : base(name)
    {
        Kind = kind;
        _read = read;
        _write = write;
    }

    public ValueKind Kind { get; }

    /// <summary>
    /// A field of the interpreter's frame (a virtualizable): the optimizer keeps it in a value while the trace
    /// runs and writes it back only when leaving the trace or calling out. Only the trace accesses it meanwhile.
    /// </summary>
    public bool IsVirtualizable { get; private set; }

    /// <summary>
    /// A virtualizable field holding a list whose items belong to the frame too (<c>stack[*]</c>): the optimizer
    /// keeps the items it reads and writes at constant indexes in values as well. The list's array is only
    /// reached through this field while the trace runs, and its size does not change (PyPy's contract).
    /// </summary>
    public bool HasVirtualizableItems { get; private set; }

    /// <summary>Marks this field virtualizable (done once, when the descriptor is made), with its list's items
    /// when <paramref name="items"/>; returns it.</summary>
    public FieldDescr AsVirtualizable(bool items = false)
    {
        IsVirtualizable = true;
        HasVirtualizableItems = items;
        return this;
    }

    public static FieldDescr Int(string name, Func<object, long> get, Action<object, long> set) =>
        new(name, ValueKind.Int, o => TraceValue.FromInt(get(o)), (o, v) => set(o, v.AsInt));

    public static FieldDescr Float(string name, Func<object, double> get, Action<object, double> set) =>
        new(name, ValueKind.Float, o => TraceValue.FromFloat(get(o)), (o, v) => set(o, v.AsFloat));

    public static FieldDescr Ref(string name, Func<object, object?> get, Action<object, object?> set) =>
        new(name, ValueKind.Ref, o => TraceValue.FromRef(get(o)), (o, v) => set(o, v.AsRef));

    /// <summary>The real field, when the descriptor was made by <see cref="ForField"/> (backends access it directly).</summary>
    public FieldInfo? Field { get; private init; }

    /// <summary>An instance field of a class, of a type with a trace kind (see <see cref="TraceClrTypes"/>).</summary>
    public static FieldDescr ForField(FieldInfo field, string? name = null)
    {
        if (field.IsStatic || field.DeclaringType is not { IsValueType: false } owner)
            throw new ArgumentException($"{field.Name} is not an instance field of a class", nameof(field));
        var type = field.FieldType;
        return new FieldDescr(name ?? owner.Name + "." + field.Name, TraceClrTypes.KindOf(type),
            o => TraceClrTypes.FromClr(field.GetValue(o), type), (o, v) => field.SetValue(o, TraceClrTypes.ToClr(v, type)))
        {
            Field = field,
        };
    }

    public TraceValue Read(object instance) => _read(instance);

    public void Write(object instance, TraceValue value) => _write(instance, value);
}

/// <summary>
/// Arrays of one item kind, represented as <c>long[]</c>, <c>double[]</c> or <c>object?[]</c>, or as arrays of a
/// given <see cref="ElementType"/> (an RList's <c>T[]</c> items: int, bool, char, byte, a class, ...).
/// </summary>
public sealed class ArrayDescr(string name, ValueKind itemKind) : TraceDescr(name)
{
    /// <summary>Arrays of <paramref name="elementType"/>; items convert as <see cref="TraceClrTypes"/> says.</summary>
    public ArrayDescr(string name, Type elementType) : this(name, TraceClrTypes.KindOf(elementType)) => ElementType = elementType;

    public ValueKind ItemKind { get; } = itemKind;

    public Type ElementType { get; } = itemKind switch
    {
        ValueKind.Int => typeof(long),
        ValueKind.Float => typeof(double),
        _ => typeof(object),
    };

    private bool IsDefaultRepresentation => ElementType == typeof(long) || ElementType == typeof(double) || ElementType == typeof(object);

    public object Create(long length) => !IsDefaultRepresentation ? Array.CreateInstance(ElementType, length) : ItemKind switch
    {
        ValueKind.Int => new long[length],
        ValueKind.Float => new double[length],
        _ => new object?[length],
    };

    public long Length(object array) => ((Array)array).LongLength;

    public TraceValue Read(object array, long index) => !IsDefaultRepresentation
        ? TraceClrTypes.FromClr(((Array)array).GetValue(index), ElementType)
        : ItemKind switch
        {
            ValueKind.Int => TraceValue.FromInt(((long[])array)[index]),
            ValueKind.Float => TraceValue.FromFloat(((double[])array)[index]),
            _ => TraceValue.FromRef(((object?[])array)[index]),
        };

    public void Write(object array, long index, TraceValue value)
    {
        if (!IsDefaultRepresentation)
        {
            ((Array)array).SetValue(TraceClrTypes.ToClr(value, ElementType), index);
            return;
        }
        switch (ItemKind)
        {
            case ValueKind.Int: ((long[])array)[index] = value.AsInt; break;
            case ValueKind.Float: ((double[])array)[index] = value.AsFloat; break;
            default: ((object?[])array)[index] = value.AsRef; break;
        }
    }
}

/// <summary>What a call may do, as far as the optimizer is concerned (PyPy's EffectInfo, reduced).</summary>
[Flags]
public enum CallEffects : byte
{
    /// <summary>May read and write anything; cannot raise.</summary>
    None = 0,
    /// <summary>Writes nothing (reads may still see earlier writes).</summary>
    ReadOnly = 1 << 0,
    /// <summary>Same arguments give the same result: calls can be folded or shared (implies ReadOnly).</summary>
    Elidable = 1 << 1 | ReadOnly,
    /// <summary>May raise: the trace checks with guard_no_exception or guard_exception right after.</summary>
    CanRaise = 1 << 2,
}

/// <summary>
/// The function a call runs. It raises by storing the exception object in <paramref name="raised"/> (and
/// returning any value); the caller's pending-exception slot then holds it until a guard consumes it.
/// </summary>
public delegate TraceValue TraceCallTarget(ReadOnlySpan<TraceValue> arguments, ref object? raised);

public sealed class CallDescr(string name, ValueKind resultKind, ValueKind[] argumentKinds, CallEffects effects,
    TraceCallTarget target) : TraceDescr(name)
{
    public ValueKind ResultKind { get; } = resultKind;

    public ReadOnlySpan<ValueKind> ArgumentKinds => argumentKinds;

    public CallEffects Effects { get; } = effects;

    public bool CanRaise => (Effects & CallEffects.CanRaise) != 0;

    public bool IsElidable => (Effects & CallEffects.Elidable) == CallEffects.Elidable;

    public TraceCallTarget Target { get; } = target;

    /// <summary>The static method called, when the descriptor was made by <see cref="ForMethod"/>.</summary>
    public MethodInfo? Method { get; private init; }

    /// <summary>
    /// A call of a static method with parameters and result of trace kinds. It raises as translated code does,
    /// by setting <see cref="Pending.Exception"/>; <see cref="Target"/> (the reference path, by reflection) takes
    /// the exception from there into the trace's pending slot, as backends do after a direct call.
    /// </summary>
    public static CallDescr ForMethod(MethodInfo method, CallEffects effects, string? name = null)
    {
        if (!method.IsStatic || method.ContainsGenericParameters)
            throw new ArgumentException($"{method.Name} is not a closed static method", nameof(method));
        var parameters = method.GetParameters();
        var parameterTypes = new Type[parameters.Length];
        var kinds = new ValueKind[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
            kinds[i] = TraceClrTypes.KindOf(parameterTypes[i] = parameters[i].ParameterType);
        var returnType = method.ReturnType;
        var resultKind = returnType == typeof(void) ? ValueKind.Void : TraceClrTypes.KindOf(returnType);
        return new CallDescr(name ?? method.Name, resultKind, kinds, effects, (ReadOnlySpan<TraceValue> arguments, ref object? raised) =>
        {
            var boxed = new object?[arguments.Length];
            for (int i = 0; i < boxed.Length; i++)
                boxed[i] = TraceClrTypes.ToClr(arguments[i], parameterTypes[i]);
            object? result = method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, boxed, null);
            if (Pending.Exception is not null)
                raised = Pending.Take();
            return resultKind == ValueKind.Void ? default : TraceClrTypes.FromClr(result, returnType);
        })
        {
            Method = method,
        };
    }
}

/// <summary>
/// A class: what guard_class and guard_exception compare the exact runtime type with (as PyPy compares
/// vtables), and how <c>new</c> makes an instance. Also the value of <c>ConstClass(name)</c> constants.
/// </summary>
public sealed class ClassDescr(string name, Type type, Func<object>? create = null) : TraceDescr(name)
{
    public Type Type { get; } = type;

    public Func<object>? Create { get; } = create;

    public bool IsClassOf(object? instance) => instance is not null && instance.GetType() == Type;

    /// <summary>The parameterless constructor <c>new</c> runs, when made by <see cref="ForType"/>.</summary>
    public ConstructorInfo? Constructor { get; private init; }

    /// <summary>A class whose instances <c>new</c> makes with its parameterless constructor.</summary>
    public static ClassDescr ForType(Type type, string? name = null)
    {
        var constructor = type.IsValueType ? null : type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes);
        if (constructor is null)
            throw new ArgumentException($"{type.Name} is not a class with a parameterless constructor", nameof(type));
        return new ClassDescr(name ?? type.Name, type, () => constructor.Invoke(null)) { Constructor = constructor };
    }
}

/// <summary>The target of a jump: the label carrying the same token.</summary>
public sealed class LoopToken(string name) : TraceDescr(name);

/// <summary>
/// The exit of one guard. <see cref="Index"/> numbers a trace's guards in order; the values saved when the
/// guard fails are the guard op's fail arguments. The optimizer keeps the same FailDescr on the guards it keeps
/// (so bridges and the tracer's resume data stay attached) and, when it returns, sets <see cref="Layout"/> to the
/// returned trace's layout for the guard (how to rebuild the original fail arguments from the saved ones); a
/// guard it duplicates (loop peeling) gets a copy whose <see cref="Original"/> is the recorded guard.
/// </summary>
public sealed class FailDescr(int index) : TraceDescr("Guard" + index)
{
    public int Index { get; } = index;

    /// <summary>
    /// How to rebuild the original fail arguments from the saved ones, for the code compiled from the trace the
    /// optimizer returned last for this guard; null when they are the same. Read by ResumeMaterializer.
    /// </summary>
    public ResumeLayout? Layout { get; set; }

    /// <summary>The guard the tracer recorded (this one, unless this is a copy).</summary>
    public FailDescr Original => _original ?? this;

    private FailDescr? _original;

    /// <summary>
    /// The code a failure of this guard continues in when its bridge is compiled on its own (not into the guard's
    /// method): the trampoline runs it with the fail arguments as its inputs. Set and cleared by the JIT engine.
    /// </summary>
    public Backend.CompiledLoop? Bridge { get; set; }

    /// <summary>A new exit for a copy of this guard (numbered <paramref name="index"/>), resuming like the original.</summary>
    public FailDescr CopyAs(int index) => new(index) { _original = Original };
}

/// <summary>Descriptors and named constant objects, found by name when parsing and named when printing.</summary>
public sealed class TraceDescrRegistry
{
    private readonly Dictionary<string, TraceDescr> _descriptors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<object, string> _constantNames = new(ReferenceEqualityComparer.Instance);

    public TraceDescrRegistry Add(TraceDescr descr)
    {
        _descriptors.Add(descr.Name, descr);
        return this;
    }

    /// <summary>Names an object so traces can refer to it as <c>ConstPtr(name)</c>.</summary>
    public TraceDescrRegistry AddConstant(string name, object value)
    {
        _constants.Add(name, value);
        _constantNames.Add(value, name);
        return this;
    }

    public bool TryGetDescr(string name, out TraceDescr descr) => _descriptors.TryGetValue(name, out descr!);

    public bool TryGetConstant(string name, out object value) => _constants.TryGetValue(name, out value!);

    public bool TryGetConstantName(object value, out string name) => _constantNames.TryGetValue(value, out name!);
}
