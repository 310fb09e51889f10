// Array items a loop reaches at the same place in every iteration. In a loop body (the ops after a label, which
// the trace's jump goes back to) an item of an array at an index that the jumps pass back unchanged is the same
// item in every iteration: its address is computed once where the loop is entered (the preamble falling into the
// label, the engine entering at it), and the body reads and writes through it, without the CLR's bounds check
// on each access (brainfuck's `[->>+<<]` loops: a load of the array's length, a compare and a branch per item).
// The address is computed without throwing: out of bounds (or a null array) it is a null address, which the body
// never uses, as the trace's own guards exit before any access the interpreter would not have made. Elsewhere,
// an item reached more than once between two labels is reached through the address its first (checked) access
// takes. Part of LoopMethodEmitter.
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

internal sealed partial class LoopMethodEmitter
{
    /// <summary>An item address computed at a loop's entry: the array and index (variables or a constant index of
    /// the label's trace), the element type, the local holding the address.</summary>
    private readonly record struct ItemAddress(int Array, int Index, Type Element, int Local);

    /// <summary>Per label (its trace and op): the item addresses its loop body uses.</summary>
    private readonly Dictionary<(int Trace, int Op), List<ItemAddress>> _itemAddresses = [];

    /// <summary>While emitting a loop body: (array, index, element type) to the local holding the item's address.</summary>
    private readonly Dictionary<(int, int, Type), int> _addressOf = [];

    /// <summary>Per element type, a local holding the array while an address is computed.</summary>
    private readonly Dictionary<Type, int> _addressArrays = [];

    private static readonly MethodInfo NullRef = typeof(Unsafe).GetMethod(nameof(Unsafe.NullRef))!;

    /// <summary>The item op <paramref name="op"/> reads or writes, when it may be reached through an address.</summary>
    private static (int Array, int Index, Type Element)? AddressableItem(TraceIr trace, int op)
    {
        ref readonly var item = ref trace[op];
        if (item.Opcode is not (TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcF or TraceOpcode.SetarrayitemGc)
            || trace.DescrOf(in item) is not ArrayDescr { ElementType: var element } || !Addressable(element))
            return null;
        var args = trace.OperandsOf(in item);
        return (args[0], args[1], element);
    }

    /// <summary>Element types whose items are read and written through an address (ldind/stind have a form for them).</summary>
    private static bool Addressable(Type element) =>
        element == typeof(long) || element == typeof(ulong) || element == typeof(double) || element == typeof(int)
        || element == typeof(char) || element == typeof(byte) || element == typeof(bool);

    /// <summary>
    /// Finds, for each label that only its own trace jumps to, the items its body reads or writes at an array and
    /// index every such jump passes back unchanged (or a constant index), and gives each an address local.
    /// </summary>
    private void FindItemAddresses()
    {
        var jumpers = new Dictionary<LoopToken, List<(int Trace, int Op)>>(ReferenceEqualityComparer.Instance);
        for (int t = 0; t < _traces.Length; t++)
        {
            var ops = _traces[t].Ops;
            for (int i = 0; i < ops.Length; i++)
                if (ops[i].Opcode == TraceOpcode.Jump && _traces[t].DescrOf(in ops[i]) is LoopToken token)
                    (jumpers.TryGetValue(token, out var list) ? list : jumpers[token] = []).Add((t, i));
        }
        foreach (var (token, (t, labelOp, _)) in _labels)
        {
            if (!jumpers.TryGetValue(token, out var jumps) || jumps.Exists(jump => jump.Trace != t))
                continue;
            var trace = _traces[t];
            var operands = trace.OperandsOf(in trace[labelOp]);
            var invariant = new HashSet<int>();
            for (int k = 0; k < operands.Length; k++)
            {
                bool unchanged = true;
                foreach (var (_, jumpOp) in jumps)
                    unchanged &= trace.OperandsOf(in trace[jumpOp])[k] == operands[k];
                if (unchanged)
                    invariant.Add(operands[k]);
            }
            List<ItemAddress>? addresses = null;
            var ops = trace.Ops;
            for (int i = labelOp + 1; i < ops.Length && ops[i].Opcode != TraceOpcode.Label; i++)
            {
                if (AddressableItem(trace, i) is not var (array, index, element)
                    || !invariant.Contains(array) || !(TraceValues.IsConstant(index) || invariant.Contains(index)))
                    continue;
                addresses ??= [];
                if (!addresses.Exists(known => known.Array == array && known.Index == index && known.Element == element))
                    addresses.Add(new ItemAddress(array, index, element, NewLocal(element.MakeByRefType())));
            }
            if (addresses is not null)
                _itemAddresses[(t, labelOp)] = addresses;
        }
    }

    /// <summary>Computes the addresses of the items the loop body at label (<paramref name="t"/>, <paramref name="labelOp"/>)
    /// uses, from its operands' locals (called on each way into the loop but its own jump).</summary>
    private void EmitItemAddresses(int t, int labelOp)
    {
        if (!_itemAddresses.TryGetValue((t, labelOp), out var addresses))
            return;
        var trace = _traces[t];
        foreach (var address in addresses)
        {
            var arrayType = address.Element.MakeArrayType();
            if (!_addressArrays.TryGetValue(address.Element, out int array))
                _addressArrays[address.Element] = array = NewLocal(arrayType);
            var outside = _il.DefineLabel();
            var done = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, _variableLocals[t][address.Array]);
            CastForLocal(_variableTypes[t][address.Array], arrayType);
            _il.Emit(OpCodes.Stloc, array);
            _il.Emit(OpCodes.Ldloc, array);
            _il.Emit(OpCodes.Brfalse, outside);
            LoadIndex(trace, t, address.Index);
            _il.Emit(OpCodes.Ldloc, array);
            _il.Emit(OpCodes.Ldlen);
            _il.Emit(OpCodes.Conv_U8);
            _il.Emit(OpCodes.Bge_Un, outside);
            _il.Emit(OpCodes.Ldloc, array);
            LoadIndex(trace, t, address.Index);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Ldelema, address.Element);
            _il.Emit(OpCodes.Stloc, address.Local);
            _il.Emit(OpCodes.Br, done);
            _il.MarkLabel(outside);
            _il.Emit(OpCodes.Call, NullRef.MakeGenericMethod(address.Element));
            _il.Emit(OpCodes.Stloc, address.Local);
            _il.MarkLabel(done);
        }
    }

    private void LoadIndex(TraceIr trace, int t, int index)
    {
        if (TraceValues.IsConstant(index))
            _il.Emit(OpCodes.Ldc_I8, trace.ConstantValue(index).AsInt);
        else
            _il.Emit(OpCodes.Ldloc, _variableLocals[t][index]);
    }

    /// <summary>From here to the next label the body of label (<paramref name="t"/>, <paramref name="labelOp"/>) is
    /// emitted: its items are reached through their addresses.</summary>
    private void EnterItemAddresses(int t, int labelOp)
    {
        _addressOf.Clear();
        if (_itemAddresses.TryGetValue((t, labelOp), out var addresses))
            foreach (var address in addresses)
                _addressOf[(address.Array, address.Index, address.Element)] = address.Local;
    }

    /// <summary>Ops of the region being emitted that take their item's address first, for the region's later
    /// accesses to the same item: op index to the address local.</summary>
    private readonly Dictionary<int, int> _takeAddressAt = [];

    /// <summary>Per element type, the address locals of items reached more than once in a region, reused by later regions.</summary>
    private readonly Dictionary<Type, List<int>> _repeatedAddressLocals = [];

    /// <summary>
    /// Plans the region of trace <paramref name="t"/> from op <paramref name="first"/> to the next label: an item the
    /// region reads or writes more than once (a read and then a write of a cell) is reached by the first access with
    /// its bounds check, which keeps the item's address, and by the later ones through it (in a long method the CLR
    /// checks the bounds again at each).
    /// </summary>
    private void PlanRepeatedItems(int t, int first)
    {
        _takeAddressAt.Clear();
        var trace = _traces[t];
        var ops = trace.Ops;
        var seen = new Dictionary<(int, int, Type), (int FirstOp, int Count)>();
        for (int i = first; i < ops.Length && ops[i].Opcode != TraceOpcode.Label; i++)
        {
            if (AddressableItem(trace, i) is not { } key || _addressOf.ContainsKey(key))
                continue;
            seen[key] = seen.TryGetValue(key, out var known) ? (known.FirstOp, known.Count + 1) : (i, 1);
        }
        var used = new Dictionary<Type, int>();
        foreach (var ((_, _, element), (firstOp, count)) in seen)
        {
            if (count < 2)
                continue;
            var locals = _repeatedAddressLocals.TryGetValue(element, out var list) ? list : _repeatedAddressLocals[element] = [];
            int n = used.TryGetValue(element, out int u) ? u : 0;
            used[element] = n + 1;
            if (n == locals.Count)
                locals.Add(NewLocal(element.MakeByRefType()));
            _takeAddressAt[firstOp] = locals[n];
        }
    }

    /// <summary>The first of several accesses to an item in a region: takes its address (with the bounds check
    /// unless the optimizer proved the access <paramref name="inBounds"/>), keeps it for the others, and reads or
    /// writes through it.</summary>
    private bool TryTakeAddress(ReadOnlySpan<int> args, Type element, int result, int value, bool inBounds)
    {
        if (!_takeAddressAt.TryGetValue(_opIndex, out int local))
            return false;
        LoadItemAddress(args, element, inBounds);
        _il.Emit(OpCodes.Stloc, local);
        _addressOf[(args[0], args[1], element)] = local;
        return TryAccessThroughAddress(args, element, result, value);
    }

    private static readonly MethodInfo ArrayData = typeof(MemoryMarshal).GetMethods()
        .Single(method => method.Name == nameof(MemoryMarshal.GetArrayDataReference) && method.IsGenericMethodDefinition);

    private static readonly MethodInfo AddToAddress = typeof(Unsafe).GetMethods()
        .Single(method => method.Name == nameof(Unsafe.Add) && method.GetParameters() is [{ ParameterType.IsByRef: true }, { ParameterType: var offset }]
            && offset == typeof(nint));

    /// <summary>
    /// Pushes the address of item args[1] of array args[0]: with the CLR's bounds check (ldelema), or, for an access
    /// the optimizer proved <paramref name="inBounds"/> (TraceOpFlags.InBounds), from the array's data without one.
    /// </summary>
    private void LoadItemAddress(ReadOnlySpan<int> args, Type element, bool inBounds)
    {
        if (!inBounds)
        {
            LoadArrayAndIndex(args, element);
            _il.Emit(OpCodes.Ldelema, element);
            return;
        }
        LoadAs(args[0], element.MakeArrayType());
        _il.Emit(OpCodes.Call, ArrayData.MakeGenericMethod(element));
        Load(args[1]);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Call, AddToAddress.MakeGenericMethod(element));
    }

    /// <summary>Reads or writes an item the optimizer proved in bounds through its address, without the CLR's check
    /// (items of types ldind/stind reach: references keep stelem.ref's type check).</summary>
    private bool TryAccessInBounds(in TraceOp op, ReadOnlySpan<int> args, Type element, int result, int value)
    {
        if (!op.InBounds || !Addressable(element))
            return false;
        LoadItemAddress(args, element, inBounds: true);
        AccessThroughAddress(element, result, value);
        return true;
    }

    /// <summary>Reads (<paramref name="value"/> None) or writes an item through its address, when the loop body has one for it.</summary>
    private bool TryAccessThroughAddress(ReadOnlySpan<int> args, Type element, int result, int value)
    {
        if (!_addressOf.TryGetValue((args[0], args[1], element), out int local))
            return false;
        _il.Emit(OpCodes.Ldloc, local);
        AccessThroughAddress(element, result, value);
        return true;
    }

    /// <summary>With an item's address on the stack: reads it into <paramref name="result"/> (<paramref name="value"/>
    /// None) or writes <paramref name="value"/> into it.</summary>
    private void AccessThroughAddress(Type element, int result, int value)
    {
        if (value == TraceValues.None)
        {
            _il.Emit(LoadIndirect(element));
            FromClr(element);
            Store(result);
        }
        else
        {
            LoadClr(value, element);
            _il.Emit(StoreIndirect(element));
        }
    }

    private static OpCode LoadIndirect(Type element) =>
        element == typeof(long) || element == typeof(ulong) ? OpCodes.Ldind_I8 : element == typeof(double) ? OpCodes.Ldind_R8
        : element == typeof(int) ? OpCodes.Ldind_I4 : element == typeof(char) ? OpCodes.Ldind_U2 : OpCodes.Ldind_U1;

    private static OpCode StoreIndirect(Type element) =>
        element == typeof(long) || element == typeof(ulong) ? OpCodes.Stind_I8 : element == typeof(double) ? OpCodes.Stind_R8
        : element == typeof(int) ? OpCodes.Stind_I4 : element == typeof(char) ? OpCodes.Stind_I2 : OpCodes.Stind_I1;
}
