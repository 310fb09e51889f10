// The CLR types of a method's ref values. A trace's refs are untyped, but most come from an op whose CLR type is
// known (a field's declared type, an array's element type, a constructor's class, a method's return type): such a
// value gets a local of that type, so using it as that type needs no castclass, and the CLR sees one array value
// where it used to see a cast result per access (its bounds checks on that array then combine). A label argument
// is typed by what every jump of the method passes it (a fixpoint over the method's traces), a bridge's input by
// its guard's fail argument; trace inputs read from the frame are objects. Where a value must still be cast (an
// object-typed input used as a Machine), the cast's result is kept in a local and later uses of the value up to
// the next label take that instead of casting again. Part of LoopMethodEmitter.
using System.Reflection.Emit;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

internal sealed partial class LoopMethodEmitter
{
    /// <summary>Per trace, the CLR type of each ref variable's local (null for int and float variables).</summary>
    private Type?[][] _variableTypes = [];

    /// <summary>Casts done since the current label: a variable and the local holding it as the type it was cast to.</summary>
    private readonly Dictionary<int, (Type Type, int Local)> _refined = [];

    /// <summary>Per type, the locals holding cast results. A cast's local lives from the cast to the next label, so
    /// each stretch between labels takes them again from the first (<see cref="ForgetCasts"/>).</summary>
    private readonly Dictionary<Type, List<int>> _castLocals = [];
    private readonly Dictionary<Type, int> _castLocalsTaken = [];

    /// <summary>A label or a trace's start: the casts done before hold nothing the code after it may use.</summary>
    private void ForgetCasts()
    {
        _refined.Clear();
        _castLocalsTaken.Clear();
    }

    private int CastLocal(Type type)
    {
        var locals = _castLocals.TryGetValue(type, out var list) ? list : _castLocals[type] = [];
        int taken = _castLocalsTaken.GetValueOrDefault(type);
        _castLocalsTaken[type] = taken + 1;
        if (taken == locals.Count)
            locals.Add(NewLocal(type));
        return locals[taken];
    }

    /// <summary>
    /// Types every ref variable of every trace: results by their op, bridge inputs by their guard's fail argument,
    /// loop inputs as objects, and label arguments by the join of all values that reach them (the value defined
    /// before the label and each jump's value), widened until nothing changes.
    /// </summary>
    private void InferTypes()
    {
        var types = new Type?[_traces.Length][];
        var parents = new (int Trace, int Op)[_traces.Length];
        Array.Fill(parents, (-1, -1));
        for (int t = 0; t < _traces.Length; t++)
        {
            types[t] = new Type?[_traces[t].VariableCount];
            var ops = _traces[t].Ops;
            for (int i = 0; i < ops.Length; i++)
                if (ops[i].Info.IsGuard && _bridgeOfGuard.TryGetValue((FailDescr)_traces[t].DescrOf(in ops[i])!, out int bridge))
                    parents[bridge] = (t, i);
        }
        bool changed = true;
        void Widen(int t, int variable, Type? type)
        {
            if (type is null || _traces[t].KindOf(variable) != ValueKind.Ref)
                return;
            var joined = Join(types[t][variable], type);
            if (joined != types[t][variable])
            {
                types[t][variable] = joined;
                changed = true;
            }
        }
        while (changed)
        {
            changed = false;
            for (int t = 0; t < _traces.Length; t++)
            {
                var trace = _traces[t];
                var (parent, guardOp) = parents[t];
                var failArgs = parent >= 0 ? _traces[parent].FailArgsOf(in _traces[parent][guardOp]) : default;
                for (int k = 0; k < trace.InputCount; k++)
                    Widen(t, k, parent >= 0 ? TypeIn(types, parent, failArgs[k]) : typeof(object));
                var ops = trace.Ops;
                for (int i = 0; i < ops.Length; i++)
                {
                    ref readonly var op = ref ops[i];
                    if (op.Result >= 0)
                        Widen(t, op.Result, ResultType(types, t, in op));
                    if (op.Opcode == TraceOpcode.Jump && _labels.TryGetValue((LoopToken)trace.DescrOf(in op)!, out var target))
                    {
                        var values = trace.OperandsOf(in op);
                        var arguments = _traces[target.Trace].OperandsOf(in _traces[target.Trace][target.Op]);
                        for (int k = 0; k < Math.Min(values.Length, arguments.Length); k++)
                            Widen(target.Trace, arguments[k], TypeIn(types, t, values[k]));
                    }
                }
            }
        }
        for (int t = 0; t < types.Length; t++)
            for (int v = 0; v < types[t].Length; v++)
                if (_traces[t].KindOf(v) == ValueKind.Ref)
                    types[t][v] ??= typeof(object);
        _variableTypes = types;
    }

    /// <summary>The CLR type of a value of trace <paramref name="t"/> as known so far (null: not yet, or the null constant).</summary>
    private Type? TypeIn(Type?[][] types, int t, int value)
    {
        var trace = _traces[t];
        if (TraceValues.IsVariable(value))
            return types[t][value];
        return trace.KindOf(value) == ValueKind.Ref ? ConstantType(trace.ConstantValue(value).AsRef) : null;
    }

    /// <summary>The type a ref constant's local has: its exact class (objects for boxed values and null).</summary>
    private static Type? ConstantType(object? constant) =>
        constant is null ? null : constant.GetType() is { IsValueType: false } type ? type : typeof(object);

    /// <summary>The CLR type of the ref an op pushes before its result is stored (object when the op does not say).</summary>
    private Type ResultType(Type?[][] types, int t, in TraceOp op)
    {
        var descr = _traces[t].DescrOf(in op);
        Type? type = op.Opcode switch
        {
            TraceOpcode.GetfieldGcR => (descr as FieldDescr)?.Field?.FieldType,
            TraceOpcode.GetarrayitemGcR => (descr as ArrayDescr)?.ElementType,
            TraceOpcode.New => (descr as ClassDescr)?.Constructor?.DeclaringType,
            TraceOpcode.NewArray => (descr as ArrayDescr)?.ElementType.MakeArrayType(),
            TraceOpcode.CallR => (descr as CallDescr)?.Method?.ReturnType,
            TraceOpcode.SameAsR => TypeIn(types, t, _traces[t].OperandsOf(in op)[0]),
            _ => null,
        };
        return type is null || type.IsValueType || type.IsPointer || type.IsByRef ? typeof(object) : type;
    }

    /// <summary>The most derived class both types are (object when one is an interface the other does not implement).</summary>
    private static Type Join(Type? a, Type b)
    {
        if (a is null || a == b)
            return b;
        if (a.IsAssignableFrom(b))
            return a;
        for (var type = b; type is not null; type = type.BaseType)
            if (type.IsAssignableFrom(a))
                return type;
        return typeof(object);
    }

    /// <summary>The CLR type of a value of the trace being emitted as it is on the stack after <see cref="Load"/>
    /// (null for the null constant, which fits any reference).</summary>
    private Type? StackType(int value) => _trace.KindOf(value) switch
    {
        ValueKind.Int => typeof(long),
        ValueKind.Float => typeof(double),
        _ => TypeIn(_variableTypes, _traceIndex, value),
    };

    /// <summary>Pushes a ref value as a <paramref name="type"/> (a reference type): as it is when its type says so,
    /// else the result of an earlier cast since the label, else cast now (and kept for the uses that follow).</summary>
    private void LoadAs(int value, Type type)
    {
        var known = StackType(value);
        if (known is null || type.IsAssignableFrom(known))
        {
            Load(value);
            return;
        }
        if (TraceValues.IsVariable(value) && _refined.TryGetValue(value, out var refined) && type.IsAssignableFrom(refined.Type))
        {
            _il.Emit(OpCodes.Ldloc, refined.Local);
            return;
        }
        Load(value);
        _il.Emit(OpCodes.Castclass, type);
        if (TraceValues.IsVariable(value))
        {
            int local = CastLocal(type);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, local);
            _refined[value] = (type, local);
        }
    }

    /// <summary>Pushes a value as a parameter or field of <paramref name="type"/> needs it (see <see cref="ToClr"/>).</summary>
    private void LoadClr(int value, Type type)
    {
        if (_trace.KindOf(value) == ValueKind.Ref && !type.IsValueType)
            LoadAs(value, type);
        else
        {
            Load(value);
            ToClr(type);
        }
    }

    /// <summary>Casts the ref on the stack, of type <paramref name="known"/> (null: the null constant), for a local of
    /// type <paramref name="target"/> when it is not one already.</summary>
    private void CastForLocal(Type? known, Type target)
    {
        if (known is not null && !target.IsAssignableFrom(known))
            _il.Emit(OpCodes.Castclass, target);
    }
}
