// What each row of the LowOps table does, as the graph interpreter runs it: Python's integer and float
// semantics (floor division, modulo, rounding), str/list/dict operations, fields and calls. Operations
// that raise make an RPy exception pending and return null.
using System.Globalization;
using System.Numerics;
using ClrPy.Runtime.Builtins;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Managed.Ops;
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Interpretation;

public sealed partial class GraphInterpreter
{
    private object? Execute(TypedOperation operation, Dictionary<TypedVariable, object?> values)
    {
        var a = new object?[operation.Args.Length];
        for (int i = 0; i < a.Length; i++)
            a[i] = Evaluate(operation.Args[i], values);
        return Apply(operation.Code, operation.Descriptor, a);
    }

    /// <summary>One operation of the LowOps table on argument values (shared by graphs and jitcodes).</summary>
    private object? Apply(LowOpCode code, object? descriptor, object?[] a)
    {
        long I(int k) => a[k] switch { bool b => b ? 1 : 0, ulong u => unchecked((long)u), var v => (long)v! };
        ulong U(int k) => a[k] is ulong u ? u : unchecked((ulong)I(k));
        double F(int k) => a[k] is long l ? l : (double)a[k]!;
        string S(int k) => a[k] is char c ? c.ToString() : (string)a[k]!;
        List<object?> L(int k) => ((RpyList)a[k]!).Items;
        switch (code)
        {
            case LowOpCode.IntAdd: return unchecked(I(0) + I(1));
            case LowOpCode.IntSub: return unchecked(I(0) - I(1));
            case LowOpCode.IntMul: return unchecked(I(0) * I(1));
            case LowOpCode.IntFloorDiv: return FromRuntime(NumberOps.IntFloorDiv(I(0), I(1)));
            case LowOpCode.IntMod: return FromRuntime(NumberOps.IntMod(I(0), I(1)));
            case LowOpCode.IntNeg: return unchecked(-I(0));
            case LowOpCode.IntAbs: return unchecked(I(0) < 0 ? -I(0) : I(0));
            case LowOpCode.IntInvert: return ~I(0);
            case LowOpCode.IntAnd: return I(0) & I(1);
            case LowOpCode.IntOr: return I(0) | I(1);
            case LowOpCode.IntXor: return I(0) ^ I(1);
            case LowOpCode.IntLShift: return I(1) < 0 ? Raised("ValueError", "negative shift count") : I(1) >= 64 ? 0L : I(0) << (int)I(1);
            case LowOpCode.IntRShift: return I(1) < 0 ? Raised("ValueError", "negative shift count") : I(0) >> (int)Math.Min(I(1), 63);
            case LowOpCode.IntLt: return I(0) < I(1);
            case LowOpCode.IntLe: return I(0) <= I(1);
            case LowOpCode.IntEq: return I(0) == I(1);
            case LowOpCode.IntNe: return I(0) != I(1);
            case LowOpCode.IntGt: return I(0) > I(1);
            case LowOpCode.IntGe: return I(0) >= I(1);
            case LowOpCode.IntIsTrue: return I(0) != 0;
            case LowOpCode.IntAddOvf: return FromRuntime(NumberOps.IntAddOvf(I(0), I(1)));
            case LowOpCode.IntSubOvf: return FromRuntime(NumberOps.IntSubOvf(I(0), I(1)));
            case LowOpCode.IntMulOvf: return FromRuntime(NumberOps.IntMulOvf(I(0), I(1)));
            case LowOpCode.IntPow: return FromRuntime(NumberOps.IntPow(I(0), I(1)));
            case LowOpCode.UintFloorDiv: return U(1) == 0 ? Raised("ZeroDivisionError", NumberOps.DivisionByZero) : U(0) / U(1);
            case LowOpCode.UintMod: return U(1) == 0 ? Raised("ZeroDivisionError", NumberOps.ModuloByZero) : U(0) % U(1);
            case LowOpCode.UintRShift: return I(1) < 0 ? Raised("ValueError", "negative shift count") : I(1) >= 64 ? 0UL : U(0) >> (int)I(1);
            case LowOpCode.UintLt: return U(0) < U(1);
            case LowOpCode.UintLe: return U(0) <= U(1);
            case LowOpCode.UintGt: return U(0) > U(1);
            case LowOpCode.UintGe: return U(0) >= U(1);
            case LowOpCode.CastIntToUint: return U(0);
            case LowOpCode.CastUintToInt: return I(0);
            case LowOpCode.CastUintToFloat: return (double)U(0);
            case LowOpCode.FloatAdd: return F(0) + F(1);
            case LowOpCode.FloatSub: return F(0) - F(1);
            case LowOpCode.FloatMul: return F(0) * F(1);
            case LowOpCode.FloatTrueDiv: return F(1) == 0 ? Raised("ZeroDivisionError", "float division by zero") : F(0) / F(1);
            case LowOpCode.FloatFloorDiv: return FromRuntime(NumberOps.FloatFloorDiv(F(0), F(1)));
            case LowOpCode.FloatMod: return FromRuntime(NumberOps.FloatMod(F(0), F(1)));
            case LowOpCode.FloatPow:
                return F(0) == 0 && F(1) < 0 ? Raised("ZeroDivisionError", "0.0 cannot be raised to a negative power") : Math.Pow(F(0), F(1));
            case LowOpCode.FloatNeg: return -F(0);
            case LowOpCode.FloatAbs: return Math.Abs(F(0));
            case LowOpCode.FloatLt: return F(0) < F(1);
            case LowOpCode.FloatLe: return F(0) <= F(1);
            case LowOpCode.FloatEq: return F(0) == F(1);
            case LowOpCode.FloatNe: return F(0) != F(1);
            case LowOpCode.FloatGt: return F(0) > F(1);
            case LowOpCode.FloatGe: return F(0) >= F(1);
            case LowOpCode.FloatIsTrue: return F(0) != 0;
            case LowOpCode.FloatSqrt: return F(0) < 0 ? Raised("ValueError", "math domain error") : Math.Sqrt(F(0));
            case LowOpCode.FloatSin: return Math.Sin(F(0));
            case LowOpCode.FloatCos: return Math.Cos(F(0));
            case LowOpCode.FloatFloor: return FromRuntime(NumberOps.FloatFloor(F(0)));
            case LowOpCode.FloatCeil: return FromRuntime(NumberOps.FloatCeil(F(0)));
            case LowOpCode.IntMin: return Math.Min(I(0), I(1));
            case LowOpCode.IntMax: return Math.Max(I(0), I(1));
            case LowOpCode.FloatMin: return F(1) < F(0) ? F(1) : F(0);
            case LowOpCode.FloatMax: return F(1) > F(0) ? F(1) : F(0);
            case LowOpCode.FloatRound: return NumberOps.FloatRound(F(0), I(1));
            case LowOpCode.FloatMath or LowOpCode.FloatMath2:
            {
                double result = PythonMath.Call((MathFunction)descriptor!, F(0), a.Length > 1 ? F(1) : 0.0, out var error);
                return error == MathError.None ? result : Raised(PythonMath.ErrorClass(error), PythonMath.ErrorMessage(error));
            }
            case LowOpCode.FloatIsNan: return double.IsNaN(F(0));
            case LowOpCode.FloatIsInf: return double.IsInfinity(F(0));
            case LowOpCode.IntGcd: return NumberOps.IntGcd(I(0), I(1));
            case LowOpCode.JitMergePoint or LowOpCode.JitCanEnterJit: return null;
            case LowOpCode.JitPromote: return a[0];
            case LowOpCode.JitWeAreJitted: return false;
            case LowOpCode.JitSetParam:
                // no JIT here: only checked, as with CLRPY_JIT=off (ProgramRunner reports a bad setting)
                Runtime.Jit.Warmup.JitParameters.Check(S(0), a[1]);
                return null;
            case LowOpCode.CastIntToFloat: return (double)I(0);
            case LowOpCode.CastFloatToInt: return FromRuntime(NumberOps.CastFloatToInt(F(0)));
            case LowOpCode.CastBoolToInt: return I(0);
            case LowOpCode.CastCharToInt: return (long)(char)a[0]!;
            case LowOpCode.CastIntToChar: return I(0) is < 0 or > 0xFFFF ? Raised("ValueError", NumberOps.ChrOutOfRange(I(0))) : (char)I(0);
            case LowOpCode.CastCharToStr: return S(0);
            case LowOpCode.BoolNot: return !(bool)a[0]!;
            case LowOpCode.SameAs: return a[0];
            case LowOpCode.CharEq: return (char)a[0]! == (char)a[1]!;
            case LowOpCode.CharLt: return (char)a[0]! < (char)a[1]!;
            case LowOpCode.StrConcat: return S(0) + S(1);
            case LowOpCode.StrMul: return FromRuntime(StrOps.Repeat(S(0), I(1)));
            case LowOpCode.StrEq: return a[0] is null || a[1] is null ? a[0] is null && a[1] is null : S(0) == S(1);
            case LowOpCode.StrLt: return string.CompareOrdinal(S(0), S(1)) < 0;
            case LowOpCode.StrLe: return string.CompareOrdinal(S(0), S(1)) <= 0;
            case LowOpCode.StrLen: return (long)S(0).Length;
            case LowOpCode.StrGetItem: return FromRuntime(StrOps.GetItem(S(0), I(1)));
            case LowOpCode.StrSlice: return FromRuntime(StrOps.Slice(S(0), I(1), I(2), I(3)));
            case LowOpCode.StrContains: return S(0).Contains(S(1), StringComparison.Ordinal);
            case LowOpCode.StrHash: return PyValues.Hash(S(0));
            case LowOpCode.StrJoin: return string.Join(S(0), L(1).Select(item => item is char c ? c.ToString() : (string)item!));
            case LowOpCode.StrSplit: return new RpyList([.. StrOps.Split(S(0))]);
            case LowOpCode.StrSplitSep: return StrOps.Split(S(0), S(1)) is { } parts ? new RpyList([.. parts]) : FromRuntime<object?>(null);
            case LowOpCode.StrStrip: return StrOps.Strip(S(0));
            case LowOpCode.StrStartsWith: return S(0).StartsWith(S(1), StringComparison.Ordinal);
            case LowOpCode.StrEndsWith: return S(0).EndsWith(S(1), StringComparison.Ordinal);
            case LowOpCode.StrFind: return StrOps.Find(S(0), S(1), 0);
            case LowOpCode.StrReplace: return StrOps.Replace(S(0), S(1), S(2));
            case LowOpCode.StrLower: return StrOps.Lower(S(0));
            case LowOpCode.StrUpper: return StrOps.Upper(S(0));
            case LowOpCode.StrIsDigit: return StrOps.IsDigit(S(0));
            case LowOpCode.StrIsAlpha: return StrOps.IsAlpha(S(0));
            case LowOpCode.StrIsSpace: return StrOps.IsSpace(S(0));
            case LowOpCode.StrToInt: return FromRuntime(StrOps.ToInt(S(0)));
            case LowOpCode.StrToFloat: return FromRuntime(StrOps.ToFloat(S(0)));
            case LowOpCode.StrIsTrue: return a[0] is not null && S(0).Length > 0;
            case LowOpCode.StrFindFrom: return StrOps.Find(S(0), S(1), I(2));
            case LowOpCode.StrStartsWithFrom: return StrOps.StartsWith(S(0), S(1), I(2));
            case LowOpCode.StrToList: return new RpyList([.. S(0).Select(c => (object?)c)]);
            case LowOpCode.ToStr: return PyValues.Str(a[0]);
            case LowOpCode.ToRepr: return PyValues.Repr(a[0]);
            case LowOpCode.FormatValue: return Formatted(() => PythonFormat.Format(a[0], S(1), PyValues.Str));
            case LowOpCode.FormatPercent:
                return Formatted(() => PythonFormat.Percent(S(0), ((RpyTuple)a[1]!).Items, PyValues.Str, PyValues.Repr));
            default:
                return ExecuteObjectOperation(code, descriptor, a);
        }
    }

    private object? ExecuteObjectOperation(LowOpCode code, object? descriptor, object?[] a)
    {
        long I(int k) => (long)a[k]!;
        List<object?> L(int k) => ((RpyList)a[k]!).Items;
        RpyDict D(int k) => (RpyDict)a[k]!;
        switch (code)
        {
            case LowOpCode.NewList: return new RpyList([.. a]);
            case LowOpCode.ListLen: return (long)L(0).Count;
            case LowOpCode.ListGetItem:
            {
                int index = PyValues.Index(I(1), L(0).Count);
                return index < 0 ? Raised("IndexError", "list index out of range") : L(0)[index];
            }
            case LowOpCode.ListSetItem:
            {
                int index = PyValues.Index(I(1), L(0).Count);
                if (index < 0)
                    return Raised("IndexError", "list assignment index out of range");
                L(0)[index] = a[2];
                return null;
            }
            case LowOpCode.ListAppend: L(0).Add(a[1]); return null;
            case LowOpCode.ListPop:
            {
                var items = L(0);
                if (items.Count == 0)
                    return Raised("IndexError", "pop from empty list");
                int index = PyValues.Index(I(1), items.Count);
                if (index < 0)
                    return Raised("IndexError", "pop index out of range");
                var item = items[index];
                items.RemoveAt(index);
                return item;
            }
            case LowOpCode.ListInsert:
            {
                var items = L(0);
                long index = I(1) < 0 ? Math.Max(0, I(1) + items.Count) : Math.Min(I(1), items.Count);
                items.Insert((int)index, a[2]);
                return null;
            }
            case LowOpCode.ListExtend: L(0).AddRange([.. L(1)]); return null;
            case LowOpCode.ListDelItem:
            {
                int index = PyValues.Index(I(1), L(0).Count);
                if (index < 0)
                    return Raised("IndexError", "list assignment index out of range");
                L(0).RemoveAt(index);
                return null;
            }
            case LowOpCode.ListSlice when I(3) == 0:
            case LowOpCode.ListDelSlice when I(3) == 0:
                return Raised("ValueError", SliceIndices.ZeroStepMessage);
            case LowOpCode.ListSlice:
            {
                var items = L(0);
                return new RpyList([.. PyValues.SlicePositions(I(1), I(2), I(3), items.Count).Select(i => items[i])]);
            }
            case LowOpCode.ListDelSlice:
            {
                var items = L(0);
                foreach (int i in PyValues.SlicePositions(I(1), I(2), I(3), items.Count).OrderDescending())
                    items.RemoveAt(i);
                return null;
            }
            case LowOpCode.ListMin or LowOpCode.ListMax:
            {
                var items = L(0);
                if (items.Count == 0)
                    return Raised("ValueError", (code == LowOpCode.ListMin ? "min" : "max") + "() arg is an empty sequence");
                var best = items[0];
                foreach (var item in items.Skip(1))
                {
                    int order = PyValues.Compare(item, best);
                    if (code == LowOpCode.ListMin ? order < 0 : order > 0)
                        best = item;
                }
                return best;
            }
            case LowOpCode.ListSum:
            {
                object? total = a[1];
                foreach (var item in L(0))
                    total = total is double || item is double ? (object)(ToDouble(total) + ToDouble(item)) : unchecked((long)total! + (long)item!);
                return total;
            }
            case LowOpCode.ListContains: return L(0).Any(item => PyValues.Equal(item, a[1]));
            case LowOpCode.ListIndex:
            {
                int index = L(0).FindIndex(item => PyValues.Equal(item, a[1]));
                return index < 0 ? Raised("ValueError", PyValues.Repr(a[1]) + " is not in list") : (long)index;
            }
            case LowOpCode.ListReverse: L(0).Reverse(); return null;
            case LowOpCode.ListSort:
            {
                var sorted = L(0).Order(Comparer<object?>.Create(PyValues.Compare)).ToList();
                L(0).Clear();
                L(0).AddRange(sorted);
                return null;
            }
            case LowOpCode.ListConcat: return new RpyList([.. L(0), .. L(1)]);
            case LowOpCode.ListMul:
                return L(0).Count > 0 && Math.Max(0, I(1)) > Array.MaxLength / L(0).Count ? Raised("MemoryError", "")
                    : new RpyList([.. Enumerable.Repeat(L(0), (int)Math.Max(0, I(1))).SelectMany(items => items)]);
            case LowOpCode.ListRepeat:
                return I(1) > Array.MaxLength ? Raised("MemoryError", "") : new RpyList([.. Enumerable.Repeat(a[0], (int)Math.Max(0, I(1)))]);
            case LowOpCode.ListIsTrue: return a[0] is RpyList nonEmptyList && nonEmptyList.Items.Count > 0;
            case LowOpCode.DictIsTrue: return a[0] is RpyDict nonEmptyDict && nonEmptyDict.Items.Count > 0;
            case LowOpCode.IterNew: return new RpyIterator(Items(a[0]).GetEnumerator());
            case LowOpCode.RangeIter:
                return I(2) == 0 ? Raised("ValueError", "range() arg 3 must not be zero") : new RpyIterator(Range(I(0), I(1), I(2)).GetEnumerator());
            case LowOpCode.RangeList:
                return I(2) == 0 ? Raised("ValueError", "range() arg 3 must not be zero") : new RpyList([.. Range(I(0), I(1), I(2))]);
            case LowOpCode.IterNext:
            {
                var iterator = (RpyIterator)a[0]!;
                return iterator.Items.MoveNext() ? iterator.Items.Current : Raised("StopIteration", "");
            }
            case LowOpCode.NewDict:
            {
                var dict = new RpyDict();
                for (int i = 0; i + 1 < a.Length; i += 2)
                    dict.Items[a[i]!] = a[i + 1];
                return dict;
            }
            case LowOpCode.DictLen: return (long)D(0).Items.Count;
            case LowOpCode.DictGetItem: return D(0).Items.TryGetValue(a[1]!, out var found) ? found : Raised("KeyError", PyValues.Repr(a[1]));
            case LowOpCode.DictSetItem: D(0).Items[a[1]!] = a[2]; return null;
            case LowOpCode.DictDelItem: return D(0).Items.Remove(a[1]!) ? null : Raised("KeyError", PyValues.Repr(a[1]));
            case LowOpCode.DictContains: return D(0).Items.ContainsKey(a[1]!);
            case LowOpCode.DictGet: return D(0).Items.TryGetValue(a[1]!, out var value) ? value : a[2];
            case LowOpCode.DictSetDefault:
                if (!D(0).Items.TryGetValue(a[1]!, out var existing))
                    D(0).Items[a[1]!] = existing = a[2];
                return existing;
            case LowOpCode.DictPop: return D(0).Items.Remove(a[1]!, out var removed) ? removed : Raised("KeyError", PyValues.Repr(a[1]));
            case LowOpCode.ListEnumerate: return new RpyList([.. L(0).Select((item, i) => (object?)new RpyTuple([I(1) + i, item]))]);
            case LowOpCode.ListZip:
            {
                int shortest = a.Min(list => ((RpyList)list!).Items.Count);
                return new RpyList([.. Enumerable.Range(0, shortest).Select(i => (object?)new RpyTuple([.. a.Select(list => ((RpyList)list!).Items[i])]))]);
            }
            case LowOpCode.DictPopDefault: return D(0).Items.Remove(a[1]!, out var popped) ? popped : a[2];
            case LowOpCode.DictKeys: return new RpyList([.. D(0).Items.Keys]);
            case LowOpCode.DictValues: return new RpyList([.. D(0).Items.Values]);
            case LowOpCode.DictItems: return new RpyList([.. D(0).Items.Select(p => (object?)new RpyTuple([p.Key, p.Value]))]);
            case LowOpCode.NewTuple: return new RpyTuple([.. a]);
            case LowOpCode.TupleGetItem: return ((RpyTuple)a[0]!).Items[(int)descriptor!];
            case LowOpCode.ValueEq: return PyValues.Equal(a[0], a[1]);
            case LowOpCode.ValueLt: return PyValues.Compare(a[0], a[1]) < 0;
            case LowOpCode.ValueLe: return PyValues.Compare(a[0], a[1]) <= 0;
            case LowOpCode.ValueHash: return PyValues.Hash(a[0]);
            case LowOpCode.New: return new RpyInstance((ClassDescriptor)descriptor!);
            case LowOpCode.GetField:
            {
                var field = (FieldDescriptor)descriptor!;
                var instance = (RpyInstance?)a[0] ?? throw new InvalidOperationException($"getfield {field} of None");
                return instance.Fields.TryGetValue(field, out var fieldValue) ? fieldValue : DefaultOf(field.Type);
            }
            case LowOpCode.SetField:
            {
                var field = (FieldDescriptor)descriptor!;
                var instance = (RpyInstance?)a[0] ?? throw new InvalidOperationException($"setfield {field} of None");
                instance.Fields[field] = a[1];
                return null;
            }
            case LowOpCode.InstanceOf: return a[0] is RpyInstance candidate && candidate.Class.IsSubclassOf((ClassDescriptor)descriptor!);
            case LowOpCode.PtrEq: return ReferenceEquals(a[0], a[1]) || PyValues.Equal(a[0], a[1]) && a[0] is not RpyInstance;
            case LowOpCode.PtrNe: return !(ReferenceEquals(a[0], a[1]) || PyValues.Equal(a[0], a[1]) && a[0] is not RpyInstance);
            case LowOpCode.PtrIsNull: return a[0] is null;
            case LowOpCode.PtrNonNull: return a[0] is not null;
            case LowOpCode.DirectCall: return Invoke((FunctionDescriptor)descriptor!, a);
            case LowOpCode.MethodCall:
            {
                var slot = (MethodDescriptor)descriptor!;
                var receiver = (RpyInstance?)a[0] ?? throw new InvalidOperationException($"method {slot.Name} called on None");
                var method = receiver.Class.ResolveMethod(slot.Name) ?? throw new InvalidOperationException($"{receiver.Class} has no method {slot.Name}");
                return Invoke(method.Implementation, a);
            }
            case LowOpCode.IndirectCall: return Invoke((FunctionDescriptor)a[0]!, a[1..]);
            case LowOpCode.WriteStdout: stdout.Write((string)a[0]!); return null;
            case LowOpCode.TimeTime: return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            default:
                throw new InvalidOperationException("the graph interpreter does not implement " + code.Name());
        }
    }

    private static IEnumerable<object?> Items(object? iterable) => iterable switch
    {
        RpyList list => ByIndex(list.Items),
        string text => text.Select(c => (object?)c),
        RpyDict dict => dict.Items.Keys.ToList(),
        RpyTuple tuple => tuple.Items,
        _ => throw new InvalidOperationException("cannot iterate over " + PyValues.Repr(iterable)),
    };

    /// <summary>A list's items read one by one as the loop advances, so appends during the loop are seen.</summary>
    private static IEnumerable<object?> ByIndex(List<object?> items)
    {
        for (int i = 0; i < items.Count; i++)
            yield return items[i];
    }

    private static IEnumerable<object?> Range(long start, long stop, long step)
    {
        for (long i = start; step > 0 ? i < stop : i > stop; i += step)
            yield return i;
    }

    private static double ToDouble(object? value) => value is long l ? l : (double)value!;

    /// <summary>The result of a runtime helper, or the RPy exception it left in the runtime's Pending slot.</summary>
    private object? FromRuntime<T>(T result) =>
        Pending.Take() is { } raised ? Raised(raised.ClassName, raised.Message) : result;

    private object? Raised(string className, string message)
    {
        Raise(className, message);
        return null;
    }

    private object? Formatted(Func<string> format)
    {
        try
        {
            return format();
        }
        catch (FormatError error)
        {
            return Raised(error.PythonClass, error.Message);
        }
    }
}
