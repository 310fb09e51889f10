// Checks the IL of a method before it is emitted, as the CLR's verifier would: the stack depth never goes
// below zero, every instruction finds operands of the kinds it needs (int32, int64, float, native int or
// an object reference of a suitable type), every branch target is reached with one stack shape, calls
// and field accesses get arguments assignable to their parameters, and `ret` leaves exactly the return
// value. The `tail.` prefix is refused outright (DESIGN.md decision 3). A violation is an internal error
// naming the method, the instruction's index and what was wrong.
using System.Reflection;
using System.Reflection.Emit;

namespace ClrPy.Backends.Cil.Validation;

/// <summary>An emitter produced invalid IL: a bug in ClrPy, reported with its method and instruction.</summary>
public sealed class IlValidationException(string method, int index, IlInstruction? instruction, string problem)
    : Exception($"invalid IL in {method} at instruction {index} ({instruction?.ToString() ?? "end"}): {problem}")
{
    public string Method { get; } = method;

    public int Index { get; } = index;
}

public static class IlValidator
{
    /// <summary>The verification type of a stack slot: int32, int64, native int, float, or a reference type
    /// (NullType for the null constant, which fits any reference).</summary>
    private enum Kind { Int32, Int64, NativeInt, Float, Ref, ByRef }

    private sealed class NullType;

    private readonly record struct Slot(Kind Kind, Type? Type)
    {
        public override string ToString() => Kind switch
        {
            Kind.Ref => Type == typeof(NullType) ? "null" : Type!.Name,
            Kind.ByRef => Type!.Name + "&",
            _ => Kind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Types of the running runtime answer reflection questions; types being built may not.</summary>
    private static bool IsRuntimeType(Type type) => type.GetType().FullName == "System.RuntimeType";

    private static Slot SlotOf(Type type)
    {
        if (type.IsByRef)
            return new Slot(Kind.ByRef, type.GetElementType());
        if (type == typeof(bool) || type == typeof(char) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(short)
            || type == typeof(ushort) || type == typeof(int) || type == typeof(uint) || IsRuntimeType(type) && type.IsEnum)
            return new Slot(Kind.Int32, typeof(int));
        if (type == typeof(long) || type == typeof(ulong))
            return new Slot(Kind.Int64, typeof(long));
        if (type == typeof(double) || type == typeof(float))
            return new Slot(Kind.Float, typeof(double));
        if (type == typeof(IntPtr) || type == typeof(UIntPtr))
            return new Slot(Kind.NativeInt, typeof(IntPtr));
        return new Slot(Kind.Ref, type);
    }

    /// <summary>Checks the method; returns the maximum stack depth. <paramref name="isAssignable"/> answers
    /// whether a value of the second type may be stored where the first is expected (the emitter knows the
    /// hierarchy of the classes it is building; the default asks reflection).</summary>
    public static int Validate(IlMethodShape method, IReadOnlyList<IlInstruction> code, Func<Type, Type, bool>? isAssignable = null)
    {
        isAssignable ??= (target, source) => target.IsAssignableFrom(source);
        var states = new Dictionary<IlLabel, List<Slot>>();
        var marked = new HashSet<IlLabel>();
        var stack = new List<Slot>();
        bool reachable = true;
        int maxDepth = 0;
        for (int index = 0; index < code.Count; index++)
        {
            var instruction = code[index];
            void Fail(string problem) => throw new IlValidationException(method.Name, index, instruction, problem);
            if (instruction.Marks is { } mark)
            {
                if (!marked.Add(mark))
                    Fail($"label L{mark.Id} is marked twice");
                if (states.TryGetValue(mark, out var expected))
                {
                    if (reachable && !SameShape(stack, expected))
                        Fail($"the stack [{string.Join(", ", stack)}] differs from [{string.Join(", ", expected)}] at the branch target");
                    stack = [.. expected];
                }
                else
                {
                    // a label first reached here (or after an unconditional jump: then with an empty stack)
                    if (!reachable)
                        stack = [];
                    states[mark] = [.. stack];
                }
                reachable = true;
                continue;
            }
            if (!reachable)
                Fail("unreachable instruction after an unconditional jump (no label)");
            Slot Pop()
            {
                if (stack.Count == 0)
                    Fail("the stack is empty");
                var top = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                return top;
            }
            void PopAssignable(Type target, string what)
            {
                var slot = Pop();
                if (!Fits(slot, target, isAssignable))
                    Fail($"{what} needs {target.Name}, the stack has {slot}");
            }
            void Push(Type type) => stack.Add(SlotOf(type));
            void PopIndex(string what)
            {
                var index = Pop();
                if (index.Kind is not (Kind.Int32 or Kind.NativeInt))
                    Fail($"{what} needs an int32 or native int index, the stack has {index}");
            }
            Type PopArray(string what)
            {
                var array = Pop();
                if (array.Kind != Kind.Ref || array.Type == typeof(NullType) || !array.Type!.IsArray)
                    Fail($"{what} needs an array, the stack has {array}");
                return array.Type!.GetElementType()!;
            }
            void Branch(IlLabel label)
            {
                if (states.TryGetValue(label, out var expected))
                {
                    if (!SameShape(stack, expected))
                        Fail($"a branch to L{label.Id} with the stack [{string.Join(", ", stack)}], where it is [{string.Join(", ", expected)}]");
                }
                else
                {
                    states[label] = [.. stack];
                }
            }
            var op = instruction.OpCode;
            if (op == OpCodes.Tailcall)
                Fail("the tail. prefix is never emitted (DESIGN.md decision 3)");
            string name = op.Name!;
            switch (name)
            {
                case "nop":
                    break;
                case "ldarg" or "ldarg.s" or "ldarg.0" or "ldarg.1" or "ldarg.2" or "ldarg.3":
                {
                    int number = char.IsAsciiDigit(name[^1]) ? name[^1] - '0' : (int)instruction.Operand!;
                    if (number >= method.Parameters.Count)
                        Fail($"argument {number} does not exist");
                    Push(method.Parameters[number]);
                    break;
                }
                case "starg" or "starg.s":
                {
                    int number = (int)instruction.Operand!;
                    if (number >= method.Parameters.Count)
                        Fail($"argument {number} does not exist");
                    PopAssignable(method.Parameters[number], $"argument {number}");
                    break;
                }
                case "ldloca" or "ldloca.s":
                {
                    int number = (int)instruction.Operand!;
                    if (number >= method.Locals.Count)
                        Fail($"local {number} does not exist");
                    stack.Add(new Slot(Kind.ByRef, method.Locals[number]));
                    break;
                }
                case "ldftn":
                    Push(typeof(IntPtr));
                    break;
                case "calli":
                {
                    var signature = (IlSignature)instruction.Operand!;
                    if (Pop().Kind != Kind.NativeInt)
                        Fail("calli needs a function pointer (native int) on top of its arguments");
                    for (int i = signature.Parameters.Count - 1; i >= 0; i--)
                        PopAssignable(signature.Parameters[i], $"argument {i} of calli");
                    if (signature.ReturnType != typeof(void))
                        Push(signature.ReturnType);
                    break;
                }
                case "ldloc" or "ldloc.s" or "ldloc.0" or "ldloc.1" or "ldloc.2" or "ldloc.3":
                {
                    int number = char.IsAsciiDigit(name[^1]) ? name[^1] - '0' : (int)instruction.Operand!;
                    if (number >= method.Locals.Count)
                        Fail($"local {number} does not exist");
                    Push(method.Locals[number]);
                    break;
                }
                case "stloc" or "stloc.s" or "stloc.0" or "stloc.1" or "stloc.2" or "stloc.3":
                {
                    int number = char.IsAsciiDigit(name[^1]) ? name[^1] - '0' : (int)instruction.Operand!;
                    if (number >= method.Locals.Count)
                        Fail($"local {number} does not exist");
                    PopAssignable(method.Locals[number], $"local {number}");
                    break;
                }
                case var _ when name.StartsWith("ldc.i4", StringComparison.Ordinal):
                    Push(typeof(int));
                    break;
                case "ldc.i8":
                    Push(typeof(long));
                    break;
                case "ldc.r8" or "ldc.r4":
                    Push(typeof(double));
                    break;
                case "ldstr":
                    Push(typeof(string));
                    break;
                case "ldnull":
                    stack.Add(new Slot(Kind.Ref, typeof(NullType)));
                    break;
                case "dup":
                {
                    var top = Pop();
                    stack.Add(top);
                    stack.Add(top);
                    break;
                }
                case "pop":
                    Pop();
                    break;
                case "add" or "sub" or "mul" or "div" or "div.un" or "rem" or "rem.un" or "and" or "or" or "xor"
                    or "add.ovf" or "sub.ovf" or "mul.ovf" or "add.ovf.un" or "sub.ovf.un" or "mul.ovf.un":
                {
                    var right = Pop();
                    var left = Pop();
                    bool integerOnly = name is "and" or "or" or "xor" || name.EndsWith(".un", StringComparison.Ordinal) || name.Contains(".ovf", StringComparison.Ordinal);
                    var result = Numeric(left, right);
                    if (result is null || integerOnly && result == Kind.Float)
                        Fail($"{name} of {left} and {right}");
                    stack.Add(new Slot(result!.Value, null));
                    break;
                }
                case "shl" or "shr" or "shr.un":
                {
                    var amount = Pop();
                    var value = Pop();
                    if (amount.Kind is not (Kind.Int32 or Kind.NativeInt) || value.Kind is Kind.Float or Kind.Ref)
                        Fail($"{name} of {value} by {amount}");
                    stack.Add(value);
                    break;
                }
                case "neg" or "not":
                {
                    var value = Pop();
                    if (value.Kind == Kind.Ref || name == "not" && value.Kind == Kind.Float)
                        Fail($"{name} of {value}");
                    stack.Add(value);
                    break;
                }
                case "ceq" or "clt" or "clt.un" or "cgt" or "cgt.un":
                {
                    var right = Pop();
                    var left = Pop();
                    if (!Comparable(left, right))
                        Fail($"{name} of {left} and {right}");
                    Push(typeof(int));
                    break;
                }
                case var _ when name.StartsWith("conv.", StringComparison.Ordinal):
                {
                    var value = Pop();
                    if (value.Kind == Kind.Ref)
                        Fail($"{name} of a reference ({value})");
                    Push(ConversionResult(name));
                    break;
                }
                case "br" or "br.s":
                    Branch((IlLabel)instruction.Operand!);
                    reachable = false;
                    break;
                case "brtrue" or "brtrue.s" or "brfalse" or "brfalse.s":
                {
                    var value = Pop();
                    if (value.Kind == Kind.Float)
                        Fail($"{name} of a float");
                    Branch((IlLabel)instruction.Operand!);
                    break;
                }
                case var _ when name is "beq" or "beq.s" or "bne.un" or "bne.un.s" || name.StartsWith("blt", StringComparison.Ordinal)
                    || name.StartsWith("ble", StringComparison.Ordinal) || name.StartsWith("bgt", StringComparison.Ordinal) || name.StartsWith("bge", StringComparison.Ordinal):
                {
                    var right = Pop();
                    var left = Pop();
                    if (!Comparable(left, right))
                        Fail($"{name} of {left} and {right}");
                    Branch((IlLabel)instruction.Operand!);
                    break;
                }
                case "switch":
                {
                    if (Pop().Kind != Kind.Int32)
                        Fail("switch needs an int32");
                    foreach (var label in (IlLabel[])instruction.Operand!)
                        Branch(label);
                    break;
                }
                case "ret":
                {
                    if (method.ReturnType != typeof(void))
                        PopAssignable(method.ReturnType, "the return value");
                    if (stack.Count != 0)
                        Fail($"ret leaves {stack.Count} value(s) on the stack");
                    reachable = false;
                    break;
                }
                case "throw":
                    PopAssignable(typeof(Exception), "throw");
                    reachable = false;
                    break;
                case "call" or "callvirt" or "newobj":
                {
                    var (target, parameters, returns, receiver) = instruction.Operand switch
                    {
                        IlMethod spelled => (spelled.Method, spelled.Parameters, spelled.ReturnType, spelled.Receiver),
                        MethodBase reflected => (reflected, reflected.GetParameters().Select(p => p.ParameterType).ToList(),
                            reflected is MethodInfo info ? info.ReturnType : typeof(void), reflected.IsStatic ? null : reflected.DeclaringType),
                        _ => throw new IlValidationException(method.Name, index, instruction, "a call without a method"),
                    };
                    if (instruction.Operand is IlMethod && ReflectedParameterCount(target) is { } count && count != parameters.Count)
                        Fail($"{target.Name} takes {count} parameters, the call states {parameters.Count}");
                    string[]? names = instruction.Operand is MethodBase ? [.. target.GetParameters().Select(p => p.Name ?? "")] : null;
                    for (int i = parameters.Count - 1; i >= 0; i--)
                        PopAssignable(parameters[i], $"argument {(names is null ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "'" + names[i] + "'")} of {target.Name}");
                    if (name != "newobj" && receiver is not null)
                    {
                        var slot = Pop();
                        bool fits = slot.Kind == Kind.ByRef ? slot.Type == receiver : Fits(slot, receiver, isAssignable);
                        if (!fits)
                            Fail($"the receiver of {target.Name} needs {receiver.Name}, the stack has {slot}");
                    }
                    if (name == "newobj")
                        Push(receiver ?? target.DeclaringType!);
                    else if (returns != typeof(void))
                        Push(returns);
                    break;
                }
                case "ldfld" or "stfld" or "ldsfld" or "stsfld":
                {
                    var (fieldType, owner, fieldName) = instruction.Operand switch
                    {
                        IlField spelled => (spelled.FieldType, spelled.Owner, spelled.Field.Name),
                        FieldInfo reflected => (reflected.FieldType, reflected.DeclaringType!, reflected.Name),
                        _ => throw new IlValidationException(method.Name, index, instruction, "a field access without a field"),
                    };
                    if (name is "stfld" or "stsfld")
                        PopAssignable(fieldType, $"field {fieldName}");
                    if (name is "ldfld" or "stfld")
                    {
                        var slot = Pop();
                        bool fits = slot.Kind == Kind.ByRef ? slot.Type == owner : Fits(slot, owner, isAssignable);
                        if (!fits)
                            Fail($"the object of field {fieldName} needs {owner.Name}, the stack has {slot}");
                    }
                    if (name is "ldfld" or "ldsfld")
                        Push(fieldType);
                    break;
                }
                case "ldtoken":
                    Push(instruction.Operand switch
                    {
                        MethodBase or IlMethod => typeof(RuntimeMethodHandle),
                        FieldInfo or IlField => typeof(RuntimeFieldHandle),
                        Type => typeof(RuntimeTypeHandle),
                        _ => throw new IlValidationException(method.Name, index, instruction, "ldtoken of no member"),
                    });
                    break;
                case "newarr":
                {
                    var length = Pop();
                    if (length.Kind is not (Kind.Int32 or Kind.NativeInt))
                        Fail($"newarr needs an int32 or native int length, the stack has {length}");
                    Push(((Type)instruction.Operand!).MakeArrayType());
                    break;
                }
                case "ldlen":
                {
                    var array = Pop();
                    if (array.Kind != Kind.Ref || array.Type != typeof(NullType) && !array.Type!.IsArray)
                        Fail($"ldlen of {array}");
                    Push(typeof(IntPtr));
                    break;
                }
                case "ldelema":
                {
                    // only of value types here: ldelema of a reference type checks the array's exact type at run time
                    var wanted = (Type)instruction.Operand!;
                    PopIndex(name);
                    var element = PopArray(name);
                    if (!wanted.IsValueType || element != wanted)
                        Fail($"ldelema {wanted.Name} of an array of {element.Name} (only of a value type, the array's own)");
                    stack.Add(new Slot(Kind.ByRef, wanted));
                    break;
                }
                case var _ when name.StartsWith("ldind.", StringComparison.Ordinal):
                {
                    var address = Pop();
                    if (address.Kind != Kind.ByRef)
                        Fail($"{name} needs an address, the stack has {address}");
                    Push(name == "ldind.ref" ? address.Type! : ElementSlotType(name.Replace("ldind", "ldelem"), null, address.Type!));
                    break;
                }
                case var _ when name.StartsWith("stind.", StringComparison.Ordinal):
                {
                    var value = Pop();
                    var address = Pop();
                    if (address.Kind != Kind.ByRef)
                        Fail($"{name} needs an address, the stack has {address}");
                    var wanted = name == "stind.ref" ? address.Type! : ElementSlotType(name.Replace("stind", "stelem"), null, address.Type!);
                    if (!Fits(value, wanted, isAssignable))
                        Fail($"{name} of {value} into a {address.Type!.Name}");
                    break;
                }
                case var _ when name.StartsWith("ldelem", StringComparison.Ordinal):
                {
                    PopIndex(name);
                    var element = PopArray(name);
                    Push(ElementSlotType(name, instruction.Operand as Type, element));
                    break;
                }
                case var _ when name.StartsWith("stelem", StringComparison.Ordinal):
                {
                    var value = Pop();
                    PopIndex(name);
                    var element = PopArray(name);
                    var wanted = ElementSlotType(name, instruction.Operand as Type, element);
                    if (!Fits(value, wanted, isAssignable) && !(name == "stelem.ref" && value.Kind == Kind.Ref))
                        Fail($"{name} of {value} into an array of {element.Name}");
                    break;
                }
                case "box":
                {
                    var value = Pop();
                    if (value.Kind is Kind.Ref or Kind.ByRef && !((Type)instruction.Operand!).IsValueType)
                        Fail($"box of {value}");
                    Push(typeof(object));
                    break;
                }
                case "unbox.any":
                    if (Pop().Kind != Kind.Ref)
                        Fail("unbox.any of a value that is not an object");
                    Push((Type)instruction.Operand!);
                    break;
                case "castclass" or "isinst":
                {
                    var value = Pop();
                    if (value.Kind != Kind.Ref || value.Type is { IsValueType: true })
                        Fail($"{name} of {value}: it takes an object reference, not a value type");
                    Push((Type)instruction.Operand!);
                    break;
                }
                default:
                    Fail($"the validator does not know {name}; teach it before emitting it");
                    break;
            }
            maxDepth = Math.Max(maxDepth, stack.Count);
        }
        if (reachable)
            throw new IlValidationException(method.Name, code.Count, null, "the method can run past its last instruction");
        foreach (var label in states.Keys.Where(label => !marked.Contains(label)))
            throw new IlValidationException(method.Name, code.Count, null, $"a branch to L{label.Id}, which is never marked");
        return maxDepth;
    }

    /// <summary>The parameter count reflection reports, where it can (not for methods of types being built).</summary>
    private static int? ReflectedParameterCount(MethodBase method)
    {
        try
        {
            return method.GetParameters().Length;
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool SameShape(List<Slot> a, List<Slot> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => pair.First.Kind == pair.Second.Kind
            && (pair.First.Kind != Kind.Ref || pair.First.Type == pair.Second.Type));

    private static bool Fits(Slot slot, Type target, Func<Type, Type, bool> isAssignable)
    {
        var wanted = SlotOf(target);
        if (slot.Kind != wanted.Kind)
            return false;
        if (slot.Kind == Kind.ByRef)
            return slot.Type == wanted.Type;
        if (slot.Kind != Kind.Ref)
            return true;
        if (slot.Type == typeof(NullType))
            return !target.IsValueType;
        return slot.Type == target || isAssignable(target, slot.Type!);
    }

    private static Kind? Numeric(Slot left, Slot right) => (left.Kind, right.Kind) switch
    {
        (Kind.Int32, Kind.Int32) => Kind.Int32,
        (Kind.Int64, Kind.Int64) => Kind.Int64,
        (Kind.Float, Kind.Float) => Kind.Float,
        (Kind.NativeInt, Kind.NativeInt) or (Kind.Int32, Kind.NativeInt) or (Kind.NativeInt, Kind.Int32) => Kind.NativeInt,
        _ => null,
    };

    private static bool Comparable(Slot left, Slot right) =>
        Numeric(left, right) is not null || left.Kind == Kind.Ref && right.Kind == Kind.Ref;

    /// <summary>The item type an ldelem/stelem form reads or writes: its suffix, its type operand, or (ref) the array's.</summary>
    private static Type ElementSlotType(string name, Type? operand, Type element) => name[(name.IndexOf('.') + 1)..] switch
    {
        "i1" or "u1" or "i2" or "u2" or "i4" or "u4" => typeof(int),
        "i8" or "u8" => typeof(long),
        "r4" or "r8" => typeof(double),
        "i" => typeof(IntPtr),
        "ref" => element,
        _ => operand ?? element,
    };

    private static Type ConversionResult(string name) => name switch
    {
        "conv.i8" or "conv.u8" or "conv.ovf.i8" or "conv.ovf.u8" or "conv.ovf.i8.un" or "conv.ovf.u8.un" => typeof(long),
        "conv.r8" or "conv.r4" or "conv.r.un" => typeof(double),
        "conv.i" or "conv.u" or "conv.ovf.i" or "conv.ovf.u" => typeof(IntPtr),
        _ => typeof(int),
    };
}
