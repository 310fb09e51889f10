// The portal hooks: in a function holding a driver's jit_merge_point, can_enter_jit stores the greens and reds
// in the driver's JitDriverState (ints as words, bools 0/1, chars as code points) and asks the engine what to
// do: go on (NotEntered), continue at the merge point with the values the JIT left in the state (AtMergePoint:
// a branch to a label at the jit_merge_point op, sound because only greens and reds are live there, see
// MergePointLivenessChecker), or return what the JIT returned (Returned; with an exception pending, leave as a
// raising call does). The same code, entered at the merge point from a state passed as argument, is the portal's
// resume entry (EmitResumeEntry). Also set_param, a call of JitInstall.SetParam with the driver's index. Part of
// FunctionEmitter; the state fields and driver indices come from JitTables.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed partial class FunctionEmitter
{
    private static readonly IlMethod CanEnterJit = new(typeof(JitDriverState).GetMethod(nameof(JitDriverState.CanEnterJit))!, [], typeof(JitEntry), typeof(JitDriverState));
    private static readonly IlMethod EnterPortal = new(typeof(JitDriverState).GetMethod(nameof(JitDriverState.EnterPortal))!, [], typeof(JitEntry), typeof(JitDriverState));
    private static readonly IlField StateInts = StateField(nameof(JitDriverState.Ints), typeof(long[]));
    private static readonly IlField StateRefs = StateField(nameof(JitDriverState.Refs), typeof(object[]));
    private static readonly IlField StateFloats = StateField(nameof(JitDriverState.Floats), typeof(double[]));

    private static readonly IlMethod SetParam = Runtime(typeof(JitInstall), nameof(JitInstall.SetParam), typeof(int), typeof(string), typeof(object));

    private IlLabel? _mergePoint;
    /// <summary>A bool local, false until the portal's first jit_merge_point: that one is the function's entry.</summary>
    private int? _portalEntered;

    private static IlField StateField(string name, Type type) => new(typeof(JitDriverState).GetField(name)!, type, typeof(JitDriverState));

    /// <summary>Emits jit_merge_point and can_enter_jit of a portal's own graph (nothing anywhere else).</summary>
    private void EmitPortalHook(TypedOperation operation)
    {
        if (_translator.Jit?.HookOf(_function) is not { } hook || _frame.Graph != _graph)
            return;
        _mergePoint ??= _il.DefineLabel();
        if (operation.Code == LowOpCode.JitMergePoint)
        {
            EmitPortalEntry(operation, hook);
            _il.MarkLabel(_mergePoint.Value);
        }
        else
        {
            EmitStoreState(operation, hook);
            EmitAskEngine(CanEnterJit, hook);
        }
    }

    /// <summary>
    /// The first time the portal reaches its merge point (a call of the function): the engine counts calls per green
    /// key (function_threshold), runs the key's compiled trace, or traces from here. Later passes skip this, as do
    /// the AtMergePoint paths and the resume entry, which branch to the label after it.
    /// </summary>
    private void EmitPortalEntry(TypedOperation operation, JitDriverHook hook)
    {
        _portalEntered ??= NewLocal(typeof(bool));
        var entered = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _portalEntered.Value);
        _il.Emit(OpCodes.Brtrue, entered);
        EmitMarkPortalEntered();
        EmitStoreState(operation, hook);
        EmitAskEngine(EnterPortal, hook);
        _il.MarkLabel(entered);
    }

    private void EmitMarkPortalEntered()
    {
        if (_portalEntered is not { } local)
            return;
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Stloc, local);
    }

    /// <summary>Stores the greens and reds an operation passes (jit_merge_point, can_enter_jit) in the driver's state.</summary>
    private void EmitStoreState(TypedOperation operation, JitDriverHook hook)
    {
        var variables = hook.GreensThenReds;
        for (int i = 0; i < variables.Length; i++)
        {
            int slot = JitDriverLayout.SlotOf(variables, i);
            var value = operation.Args[i];
            var clr = value is TypedVariable variable ? LocalType(variable) : Types.Of(value.Type);
            _il.Emit(OpCodes.Ldsfld, hook.State);
            _il.Emit(OpCodes.Ldfld, variables[i].Kind switch { RegisterKind.Int => StateInts, RegisterKind.Ref => StateRefs, _ => StateFloats });
            _il.Emit(OpCodes.Ldc_I4, slot);
            switch (variables[i].Kind)
            {
                case RegisterKind.Int:
                    Load(value, clr);
                    if (clr == typeof(bool) || clr == typeof(char))
                        _il.Emit(OpCodes.Conv_U8);
                    _il.Emit(OpCodes.Stelem_I8);
                    break;
                case RegisterKind.Ref:
                    if (clr.IsValueType)
                    {
                        Load(value, clr);
                        _il.Emit(OpCodes.Box, clr);
                    }
                    else
                    {
                        Load(value, typeof(object));
                    }
                    _il.Emit(OpCodes.Stelem_Ref);
                    break;
                default:
                    Load(value, typeof(double));
                    _il.Emit(OpCodes.Stelem_R8);
                    break;
            }
        }
    }

    /// <summary>Calls the engine (can_enter_jit or the portal's entry) and does what it answers.</summary>
    private void EmitAskEngine(IlMethod ask, JitDriverHook hook)
    {
        var entry = NewLocal(typeof(JitEntry));
        var notEntered = _il.DefineLabel();
        var atMergePoint = _il.DefineLabel();
        _il.Emit(OpCodes.Ldsfld, hook.State);
        _il.Emit(OpCodes.Call, ask);
        _il.Emit(OpCodes.Stloc, entry);
        _il.Emit(OpCodes.Ldloc, entry);
        _il.Emit(OpCodes.Brfalse, notEntered);
        _il.Emit(OpCodes.Ldloc, entry);
        _il.Emit(OpCodes.Ldc_I4, (int)JitEntry.AtMergePoint);
        _il.Emit(OpCodes.Ceq);
        _il.Emit(OpCodes.Brtrue, atMergePoint);
        EmitJitReturn(hook);
        _il.MarkLabel(atMergePoint);
        EmitLoadMergePoint(hook, fromArgument: false);
        _il.Emit(OpCodes.Br, _mergePoint!.Value);
        _il.MarkLabel(notEntered);
    }

    /// <summary>Returned: the JIT ran the portal to its end; return its result (or leave with its exception).</summary>
    private void EmitJitReturn(JitDriverHook hook)
    {
        if (_translator.Raises.CanRaise(_function))
        {
            _il.Emit(OpCodes.Ldsfld, PendingException);
            _il.Emit(OpCodes.Brtrue, Propagate);
        }
        if (_returnType != typeof(void))
        {
            _il.Emit(OpCodes.Ldsfld, hook.State);
            switch (RegisterKindOf(_function.Result))
            {
                case RegisterKind.Int:
                    _il.Emit(OpCodes.Ldfld, StateField(nameof(JitDriverState.ReturnInt), typeof(long)));
                    NarrowWord(_returnType);
                    break;
                case RegisterKind.Float:
                    _il.Emit(OpCodes.Ldfld, StateField(nameof(JitDriverState.ReturnFloat), typeof(double)));
                    break;
                default:
                    _il.Emit(OpCodes.Ldfld, StateField(nameof(JitDriverState.ReturnRef), typeof(object)));
                    Unbox(_returnType);
                    break;
            }
        }
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// The portal's second entry (JitDriverHook.ResumeEntry): takes a JitDriverState, loads every green and red from it
    /// as the AtMergePoint path does, and goes on at the jit_merge_point; the rest is the portal's own code, hooks
    /// included. The JIT calls it to hand an inner portal frame back to translated code (MetaInterpreter.Resume).
    /// </summary>
    public (IlBuffer Code, List<Type> Locals) EmitResumeEntry(JitDriverHook hook)
    {
        _mergePoint = _il.DefineLabel();
        EmitLoadMergePoint(hook, fromArgument: true);
        // a frame resumed in the middle of its run: its next pass through the merge point is not a call
        _portalEntered = NewLocal(typeof(bool));
        EmitMarkPortalEntered();
        _il.Emit(OpCodes.Br, _mergePoint.Value);
        return EmitBody(hook.ResumeEntry.Name, [typeof(JitDriverState)]);
    }

    /// <summary>The merge point's greens and reds take the values in the driver's state (its static field, or with
    /// <paramref name="fromArgument"/> the state passed to the resume entry).</summary>
    private void EmitLoadMergePoint(JitDriverHook hook, bool fromArgument)
    {
        var variables = hook.GreensThenReds;
        for (int i = 0; i < variables.Length; i++)
        {
            if (hook.MergePoint.Args[i] is not TypedVariable target || !IsUsed(target))
                continue;
            var clr = LocalType(target);
            if (fromArgument)
                _il.Emit(OpCodes.Ldarg, 0);
            else
                _il.Emit(OpCodes.Ldsfld, hook.State);
            _il.Emit(OpCodes.Ldfld, variables[i].Kind switch { RegisterKind.Int => StateInts, RegisterKind.Ref => StateRefs, _ => StateFloats });
            _il.Emit(OpCodes.Ldc_I4, JitDriverLayout.SlotOf(variables, i));
            switch (variables[i].Kind)
            {
                case RegisterKind.Int:
                    _il.Emit(OpCodes.Ldelem_I8);
                    NarrowWord(clr);
                    break;
                case RegisterKind.Ref:
                    _il.Emit(OpCodes.Ldelem_Ref);
                    Unbox(clr);
                    break;
                default:
                    _il.Emit(OpCodes.Ldelem_R8);
                    break;
            }
            _il.Emit(OpCodes.Stloc, LocalOf(target));
        }
    }

    /// <summary>set_param(driver, name, value): JitInstall.SetParam with the driver's index (-1 for a driver without a
    /// merge point, or in a program without JIT tables), the name, and the value as an object (a boxed long, a str or
    /// None; lowering made it one of these).</summary>
    private Type EmitSetParam(TypedOperation operation)
    {
        var driver = (Translator.Jit.JitDriverInfo)operation.Descriptor!;
        _il.Emit(OpCodes.Ldc_I4, _translator.Jit?.IndexOf(driver) ?? -1);
        Load(operation.Args[0], typeof(string));
        var value = operation.Args[1];
        switch (value.Type.Kind)
        {
            case TypeKind.Signed:
                Load(value, typeof(long));
                _il.Emit(OpCodes.Box, typeof(long));
                break;
            case TypeKind.Str:
                Load(value, typeof(string));
                break;
            default:
                _il.Emit(OpCodes.Ldnull);
                break;
        }
        _il.Emit(OpCodes.Call, SetParam);
        return typeof(void);
    }

    private static RegisterKind RegisterKindOf(LowLevelType type) => Translator.Jit.Codewriter.KindOf(type) ?? RegisterKind.Ref;

    /// <summary>A word on the stack as a bool (0/1) or char; longs and ulongs stay as they are.</summary>
    private void NarrowWord(Type target)
    {
        if (target == typeof(bool) || target == typeof(char))
            _il.Emit(target == typeof(bool) ? OpCodes.Conv_I4 : OpCodes.Conv_U2);
    }

    /// <summary>An object on the stack as <paramref name="target"/>.</summary>
    private void Unbox(Type target)
    {
        if (target.IsValueType)
            _il.Emit(OpCodes.Unbox_Any, target);
        else
            Convert(typeof(object), target);
    }
}
