// The IL of the ops that touch objects: fields, arrays, strings, allocation and calls. Descriptors made from
// real CLR members (a FieldInfo, an element Type, a constructor, a static MethodInfo) become direct IL; those
// with only delegates go through JitHelpers and DelegateCallSite. Part of LoopMethodEmitter.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;

namespace ClrPy.Backends.Cil.Jit;

internal sealed partial class LoopMethodEmitter
{
    private static readonly FieldInfo PendingException = typeof(Pending).GetField(nameof(Pending.Exception))!;
    private static readonly MethodInfo StringLength = typeof(string).GetProperty(nameof(string.Length))!.GetMethod!;
    private static readonly MethodInfo StringChar = typeof(string).GetMethod("get_Chars", [typeof(int)])!;
    private static readonly MethodInfo CreateObject = typeof(JitHelpers).GetMethod(nameof(JitHelpers.Create))!;
    private static readonly MethodInfo UnexpectedRaise = typeof(JitHelpers).GetMethod(nameof(JitHelpers.UnexpectedRaise))!;

    /// <summary>The helpers reading and writing a field through its descriptor's delegates, by kind.</summary>
    private static readonly MethodInfo[] FieldReaders = Helpers(nameof(JitHelpers.ReadInt), nameof(JitHelpers.ReadRef), nameof(JitHelpers.ReadFloat));
    private static readonly MethodInfo[] FieldWriters = Helpers(nameof(JitHelpers.WriteInt), nameof(JitHelpers.WriteRef), nameof(JitHelpers.WriteFloat));
    private static readonly MethodInfo[] ArgumentSetters = SiteMethods(nameof(DelegateCallSite.SetInt), nameof(DelegateCallSite.SetRef), nameof(DelegateCallSite.SetFloat));
    private static readonly MethodInfo[] SiteCalls = SiteMethods(nameof(DelegateCallSite.CallVoid), nameof(DelegateCallSite.CallInt), nameof(DelegateCallSite.CallRef), nameof(DelegateCallSite.CallFloat));

    private void EmitMemoryOp(in TraceOp op, ReadOnlySpan<int> args)
    {
        var descr = _trace.DescrOf(in op);
        switch (op.Opcode)
        {
            case TraceOpcode.GetfieldGcI or TraceOpcode.GetfieldGcR or TraceOpcode.GetfieldGcF:
            {
                var field = (FieldDescr)descr!;
                if (field.Field is { } real)
                {
                    LoadAs(args[0], real.DeclaringType!);
                    _il.Emit(OpCodes.Ldfld, real);
                    FromClr(real.FieldType);
                }
                else
                {
                    _il.Emit(OpCodes.Ldloc, ConstantLocal(field, typeof(FieldDescr)));
                    Load(args[0]);
                    _il.Emit(OpCodes.Call, FieldReaders[(int)field.Kind - 1]);
                }
                Store(op.Result);
                break;
            }
            case TraceOpcode.SetfieldGc:
            {
                var field = (FieldDescr)descr!;
                if (field.Field is { } real)
                {
                    LoadAs(args[0], real.DeclaringType!);
                    LoadClr(args[1], real.FieldType);
                    _il.Emit(OpCodes.Stfld, real);
                }
                else
                {
                    _il.Emit(OpCodes.Ldloc, ConstantLocal(field, typeof(FieldDescr)));
                    Load(args[0]);
                    Load(args[1]);
                    _il.Emit(OpCodes.Call, FieldWriters[(int)field.Kind - 1]);
                }
                break;
            }
            case TraceOpcode.GetarrayitemGcI or TraceOpcode.GetarrayitemGcR or TraceOpcode.GetarrayitemGcF:
            {
                var element = ((ArrayDescr)descr!).ElementType;
                if (TryAccessThroughAddress(args, element, op.Result, TraceValues.None)
                    || TryTakeAddress(args, element, op.Result, TraceValues.None, op.InBounds)
                    || TryAccessInBounds(in op, args, element, op.Result, TraceValues.None))
                    break;
                LoadArrayAndIndex(args, element);
                _il.Emit(LoadElement(element));
                FromClr(element);
                Store(op.Result);
                break;
            }
            case TraceOpcode.SetarrayitemGc:
            {
                var element = ((ArrayDescr)descr!).ElementType;
                if (TryAccessThroughAddress(args, element, TraceValues.None, args[2])
                    || TryTakeAddress(args, element, TraceValues.None, args[2], op.InBounds)
                    || TryAccessInBounds(in op, args, element, TraceValues.None, args[2]))
                    break;
                LoadArrayAndIndex(args, element);
                LoadClr(args[2], element);
                _il.Emit(StoreElement(element));
                break;
            }
            case TraceOpcode.ArraylenGc:
                LoadAs(args[0], ((ArrayDescr)descr!).ElementType.MakeArrayType());
                _il.Emit(OpCodes.Ldlen);
                _il.Emit(OpCodes.Conv_I8);
                Store(op.Result);
                break;
            case TraceOpcode.Strlen:
                LoadAs(args[0], typeof(string));
                _il.Emit(OpCodes.Callvirt, StringLength);
                _il.Emit(OpCodes.Conv_I8);
                Store(op.Result);
                break;
            case TraceOpcode.Strgetitem:
                LoadAs(args[0], typeof(string));
                Load(args[1]);
                _il.Emit(OpCodes.Conv_Ovf_I4);
                _il.Emit(OpCodes.Callvirt, StringChar);
                _il.Emit(OpCodes.Conv_U8);
                Store(op.Result);
                break;
            case TraceOpcode.New:
            {
                var cls = (ClassDescr)descr!;
                if (cls.Constructor is { } constructor)
                    _il.Emit(OpCodes.Newobj, constructor);
                else
                {
                    _il.Emit(OpCodes.Ldloc, ConstantLocal(cls, typeof(ClassDescr)));
                    _il.Emit(OpCodes.Call, CreateObject);
                }
                Store(op.Result);
                break;
            }
            case TraceOpcode.NewArray:
                Load(args[0]);
                _il.Emit(OpCodes.Conv_Ovf_I);
                _il.Emit(OpCodes.Newarr, ((ArrayDescr)descr!).ElementType);
                Store(op.Result);
                break;
            case TraceOpcode.CallI or TraceOpcode.CallR or TraceOpcode.CallF or TraceOpcode.CallN:
                EmitCall(in op, (CallDescr)descr!, args);
                break;
            default:
                throw Error(_traceIndex, _opIndex, "no code for this op");
        }
    }

    /// <summary>
    /// A static method is called directly with converted arguments; it raises by setting Pending.Exception, which
    /// moves into the trace's pending slot (a call that cannot raise must leave it empty). A delegate target is
    /// called through its DelegateCallSite, which applies the <c>ref raised</c> convention the same way.
    /// </summary>
    private void EmitCall(in TraceOp op, CallDescr call, ReadOnlySpan<int> args)
    {
        if (call.Method is { } method)
        {
            var parameters = method.GetParameters();
            for (int i = 0; i < args.Length; i++)
                LoadClr(args[i], parameters[i].ParameterType);
            _il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                FromClr(method.ReturnType);
                Store(op.Result);
            }
            _il.Emit(OpCodes.Ldsfld, PendingException);
            if (call.CanRaise)
            {
                _il.Emit(OpCodes.Stloc, _pending);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Stsfld, PendingException);
            }
            else
                _il.Emit(OpCodes.Brtrue, OutOfLine(false));
            return;
        }
        int site = ConstantLocal(new DelegateCallSite(call), typeof(DelegateCallSite));
        for (int i = 0; i < args.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, site);
            _il.Emit(OpCodes.Ldc_I4, i);
            Load(args[i]);
            _il.Emit(OpCodes.Call, ArgumentSetters[(int)call.ArgumentKinds[i] - 1]);
        }
        _il.Emit(OpCodes.Ldloc, site);
        _il.Emit(OpCodes.Ldloca, _pending);
        _il.Emit(OpCodes.Call, SiteCalls[(int)call.ResultKind]);
        if (call.ResultKind != ValueKind.Void)
            Store(op.Result);
    }

    private void EmitUnexpectedRaise(CallDescr call)
    {
        _il.Emit(OpCodes.Ldloc, ConstantLocal(call, typeof(CallDescr)));
        _il.Emit(OpCodes.Call, UnexpectedRaise);
        _il.Emit(OpCodes.Throw);
    }

    private void LoadArrayAndIndex(ReadOnlySpan<int> args, Type element)
    {
        LoadAs(args[0], element.MakeArrayType());
        Load(args[1]);
        _il.Emit(OpCodes.Conv_Ovf_I);
    }

    private void CastTo(Type type)
    {
        if (type.IsValueType)
            _il.Emit(OpCodes.Unbox_Any, type);
        else if (type != typeof(object))
            _il.Emit(OpCodes.Castclass, type);
    }

    /// <summary>A trace value on the stack becomes a value of <paramref name="type"/> (as TraceClrTypes.ToClr).</summary>
    private void ToClr(Type type)
    {
        if (type == typeof(int))
            _il.Emit(OpCodes.Conv_I4);
        else if (type == typeof(bool))
        {
            _il.Emit(OpCodes.Ldc_I8, 0L);
            _il.Emit(OpCodes.Cgt_Un);
        }
        else if (type == typeof(char))
            _il.Emit(OpCodes.Conv_U2);
        else if (type == typeof(byte))
            _il.Emit(OpCodes.Conv_U1);
        else if (type != typeof(long) && type != typeof(ulong) && type != typeof(double))
            CastTo(type);
    }

    /// <summary>A value of <paramref name="type"/> on the stack becomes a trace value (as TraceClrTypes.FromClr).</summary>
    private void FromClr(Type type)
    {
        if (type == typeof(int))
            _il.Emit(OpCodes.Conv_I8);
        else if (type == typeof(bool) || type == typeof(char) || type == typeof(byte))
            _il.Emit(OpCodes.Conv_U8);
        else if (type.IsValueType && TraceClrTypes.KindOf(type) == ValueKind.Ref)
            _il.Emit(OpCodes.Box, type);
    }

    private static OpCode LoadElement(Type element) =>
        element == typeof(long) || element == typeof(ulong) ? OpCodes.Ldelem_I8 : element == typeof(double) ? OpCodes.Ldelem_R8
        : element == typeof(int) ? OpCodes.Ldelem_I4 : element == typeof(char) ? OpCodes.Ldelem_U2
        : element == typeof(bool) || element == typeof(byte) ? OpCodes.Ldelem_U1 : OpCodes.Ldelem_Ref;

    private static OpCode StoreElement(Type element) =>
        element == typeof(long) || element == typeof(ulong) ? OpCodes.Stelem_I8 : element == typeof(double) ? OpCodes.Stelem_R8
        : element == typeof(int) ? OpCodes.Stelem_I4 : element == typeof(char) ? OpCodes.Stelem_I2
        : element == typeof(bool) || element == typeof(byte) ? OpCodes.Stelem_I1 : OpCodes.Stelem_Ref;

    /// <summary>Methods indexed by ValueKind - 1 (Int, Ref, Float).</summary>
    private static MethodInfo[] Helpers(params string[] names) => [.. names.Select(name => typeof(JitHelpers).GetMethod(name)!)];

    /// <summary>Methods indexed by ValueKind, or ValueKind - 1 when there is no Void entry.</summary>
    private static MethodInfo[] SiteMethods(params string[] names) => [.. names.Select(name => typeof(DelegateCallSite).GetMethod(name)!)];
}
