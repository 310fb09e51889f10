// The IL of the value ops and guards of a trace (the memory ops and calls are in MemoryOpEmitter.cs), with
// the trace interpreter's meaning: ints wrap, overflow ops set the flag guard_(no_)overflow reads, floor
// division and modulo round like Python, floats compare like IEEE (NaN unordered). Part of LoopMethodEmitter.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Backends.Cil.Jit;

internal sealed partial class LoopMethodEmitter
{
    private static readonly MethodInfo BigMul = typeof(Math).GetMethod(nameof(Math.BigMul), [typeof(long), typeof(long), typeof(long).MakeByRefType()])!;
    private static readonly MethodInfo FloatAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly MethodInfo FloatBits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;
    private static readonly MethodInfo GetTypeOf = typeof(object).GetMethod(nameof(GetType))!;
    private static readonly MethodInfo TypeFromHandle = typeof(Type).GetMethod(nameof(Type.GetTypeFromHandle))!;
    private static readonly MethodInfo TypeEquals = typeof(Type).GetMethod("op_Equality", [typeof(Type), typeof(Type)])!;

    /// <summary>The comparisons: the IL compare and whether its result is negated (a &lt;= b is !(a &gt; b), and for
    /// floats the unordered forms make the negation false on NaN).</summary>
    private static readonly Dictionary<TraceOpcode, (OpCode Compare, bool Negate)> Comparisons = new()
    {
        [TraceOpcode.IntLt] = (OpCodes.Clt, false), [TraceOpcode.IntLe] = (OpCodes.Cgt, true),
        [TraceOpcode.IntEq] = (OpCodes.Ceq, false), [TraceOpcode.IntNe] = (OpCodes.Ceq, true),
        [TraceOpcode.IntGt] = (OpCodes.Cgt, false), [TraceOpcode.IntGe] = (OpCodes.Clt, true),
        [TraceOpcode.UintLt] = (OpCodes.Clt_Un, false), [TraceOpcode.UintLe] = (OpCodes.Cgt_Un, true),
        [TraceOpcode.UintGt] = (OpCodes.Cgt_Un, false), [TraceOpcode.UintGe] = (OpCodes.Clt_Un, true),
        [TraceOpcode.FloatLt] = (OpCodes.Clt, false), [TraceOpcode.FloatLe] = (OpCodes.Cgt_Un, true),
        [TraceOpcode.FloatEq] = (OpCodes.Ceq, false), [TraceOpcode.FloatNe] = (OpCodes.Ceq, true),
        [TraceOpcode.FloatGt] = (OpCodes.Cgt, false), [TraceOpcode.FloatGe] = (OpCodes.Clt_Un, true),
        [TraceOpcode.PtrEq] = (OpCodes.Ceq, false), [TraceOpcode.PtrNe] = (OpCodes.Ceq, true),
    };

    /// <summary>Ops that are one IL instruction on their loaded operands.</summary>
    private static readonly Dictionary<TraceOpcode, OpCode> Simple = new()
    {
        [TraceOpcode.IntAdd] = OpCodes.Add, [TraceOpcode.IntSub] = OpCodes.Sub, [TraceOpcode.IntMul] = OpCodes.Mul,
        [TraceOpcode.IntAnd] = OpCodes.And, [TraceOpcode.IntOr] = OpCodes.Or, [TraceOpcode.IntXor] = OpCodes.Xor,
        [TraceOpcode.IntNeg] = OpCodes.Neg, [TraceOpcode.IntInvert] = OpCodes.Not,
        [TraceOpcode.FloatAdd] = OpCodes.Add, [TraceOpcode.FloatSub] = OpCodes.Sub, [TraceOpcode.FloatMul] = OpCodes.Mul,
        [TraceOpcode.FloatTrueDiv] = OpCodes.Div, [TraceOpcode.FloatNeg] = OpCodes.Neg,
        [TraceOpcode.CastIntToFloat] = OpCodes.Conv_R8, [TraceOpcode.CastFloatToInt] = OpCodes.Conv_I8,
        [TraceOpcode.SameAsI] = OpCodes.Nop, [TraceOpcode.SameAsR] = OpCodes.Nop, [TraceOpcode.SameAsF] = OpCodes.Nop,
    };

    /// <summary>Ops that call a static helper on their loaded operands.</summary>
    private static readonly Dictionary<TraceOpcode, MethodInfo> HelperCalls = new()
    {
        [TraceOpcode.IntFloorDiv] = typeof(JitHelpers).GetMethod(nameof(JitHelpers.FloorDiv))!,
        [TraceOpcode.IntMod] = typeof(JitHelpers).GetMethod(nameof(JitHelpers.FloorMod))!,
        [TraceOpcode.IntLShift] = typeof(JitHelpers).GetMethod(nameof(JitHelpers.LShift))!,
        [TraceOpcode.IntRShift] = typeof(JitHelpers).GetMethod(nameof(JitHelpers.RShift))!,
        [TraceOpcode.UintRShift] = typeof(JitHelpers).GetMethod(nameof(JitHelpers.UintRShift))!,
        [TraceOpcode.FloatAbs] = FloatAbs,
    };

    private void EmitOp(in TraceOp op)
    {
        var args = _trace.OperandsOf(in op);
        if (Simple.TryGetValue(op.Opcode, out var instruction))
        {
            foreach (int arg in args)
                Load(arg);
            if (instruction != OpCodes.Nop)
                _il.Emit(instruction);
            Store(op.Result);
        }
        else if (Comparisons.TryGetValue(op.Opcode, out var comparison))
        {
            Load(args[0]);
            Load(args[1]);
            _il.Emit(comparison.Compare);
            EmitBoolResult(op.Result, comparison.Negate);
        }
        else if (op.Opcode is TraceOpcode.IntLShift or TraceOpcode.IntRShift or TraceOpcode.UintRShift
                 && TraceValues.IsConstant(args[1]) && _trace.ConstantValue(args[1]).AsInt is >= 0 and var count)
            EmitConstantShift(op.Opcode, args[0], count, op.Result);
        else if (HelperCalls.TryGetValue(op.Opcode, out var helper))
        {
            foreach (int arg in args)
                Load(arg);
            _il.Emit(OpCodes.Call, helper);
            Store(op.Result);
        }
        else
            EmitOtherOp(in op, args);
    }

    private void EmitOtherOp(in TraceOp op, ReadOnlySpan<int> args)
    {
        switch (op.Opcode)
        {
            case TraceOpcode.IntIsTrue or TraceOpcode.IntIsZero:
                Load(args[0]);
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(op.Opcode == TraceOpcode.IntIsTrue ? OpCodes.Cgt_Un : OpCodes.Ceq);
                EmitBoolResult(op.Result, false);
                break;
            case TraceOpcode.IntAddOvf or TraceOpcode.IntSubOvf:
                // sum = a + b overflows when both operands' signs differ from the sum's; a - b when the operands'
                // signs differ and the difference's differs from a's.
                bool add = op.Opcode == TraceOpcode.IntAddOvf;
                Load(args[0]);
                Load(args[1]);
                _il.Emit(add ? OpCodes.Add : OpCodes.Sub);
                Store(op.Result);
                Load(args[0]);
                Load(add ? op.Result : args[1]);
                _il.Emit(OpCodes.Xor);
                Load(add ? args[1] : args[0]);
                Load(op.Result);
                _il.Emit(OpCodes.Xor);
                _il.Emit(OpCodes.And);
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(OpCodes.Clt);
                _il.Emit(OpCodes.Stloc, _overflow);
                break;
            case TraceOpcode.IntMulOvf:
                // the product overflows when its high half is not the sign extension of the low half
                Load(args[0]);
                Load(args[1]);
                _il.Emit(OpCodes.Ldloca, _variableLocals[_traceIndex][op.Result]);
                _il.Emit(OpCodes.Call, BigMul);
                Load(op.Result);
                _il.Emit(OpCodes.Ldc_I4, 63);
                _il.Emit(OpCodes.Shr);
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Stloc, _overflow);
                break;
            default:
                EmitMemoryOp(in op, args);
                break;
        }
    }

    /// <summary>A shift by a constant count: counts of 64 or more shift everything out (int_rshift keeps the sign).</summary>
    private void EmitConstantShift(TraceOpcode opcode, int value, long count, int result)
    {
        if (count >= 64 && opcode != TraceOpcode.IntRShift)
        {
            _il.Emit(OpCodes.Ldc_I8, 0L);
            Store(result);
            return;
        }
        Load(value);
        _il.Emit(OpCodes.Ldc_I4, (int)Math.Min(count, 63));
        _il.Emit(opcode switch { TraceOpcode.IntLShift => OpCodes.Shl, TraceOpcode.IntRShift => OpCodes.Shr, _ => OpCodes.Shr_Un });
        Store(result);
    }

    /// <summary>Turns the int32 0/1 of a compare (negated if asked) into the trace's int.</summary>
    private void EmitBoolResult(int result, bool negate)
    {
        if (negate)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ceq);
        }
        _il.Emit(OpCodes.Conv_I8);
        Store(result);
    }

    /// <summary>The check branches to an out-of-line stub when the guard fails, so the loop's path stays straight.</summary>
    private void EmitGuard(in TraceOp op)
    {
        var args = _trace.OperandsOf(in op);
        var fail = OutOfLine(true);
        switch (op.Opcode)
        {
            case TraceOpcode.GuardTrue or TraceOpcode.GuardNonnull:
                Load(args[0]);
                _il.Emit(OpCodes.Brfalse, fail);
                break;
            case TraceOpcode.GuardFalse or TraceOpcode.GuardIsnull:
                Load(args[0]);
                _il.Emit(OpCodes.Brtrue, fail);
                break;
            case TraceOpcode.GuardValue:
                // floats are equal when their bits are (as TraceValue.Equals sees them)
                bool isFloat = _trace.KindOf(args[0]) == ValueKind.Float;
                Load(args[0]);
                if (isFloat)
                    _il.Emit(OpCodes.Call, FloatBits);
                Load(args[1]);
                if (isFloat)
                    _il.Emit(OpCodes.Call, FloatBits);
                _il.Emit(OpCodes.Bne_Un, fail);
                break;
            case TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass:
                EmitClassGuard(args[0], args[1], fail);
                break;
            case TraceOpcode.GuardException:
                EmitClassGuard(TraceValues.None, args[0], fail);
                _il.Emit(OpCodes.Ldloc, _pending);
                Store(op.Result);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Stloc, _pending);
                break;
            case TraceOpcode.GuardNoException or TraceOpcode.GuardNoOverflow or TraceOpcode.GuardOverflow:
                _il.Emit(OpCodes.Ldloc, op.Opcode == TraceOpcode.GuardNoException ? _pending : _overflow);
                _il.Emit(op.Opcode == TraceOpcode.GuardOverflow ? OpCodes.Brfalse : OpCodes.Brtrue, fail);
                break;
            default:
                throw Error(_traceIndex, _opIndex, "no code for this guard");
        }
    }

    /// <summary>Fails unless the value (or, for <see cref="TraceValues.None"/>, the pending exception) is not null
    /// and its exact class is the ConstClass operand's (the builder makes sure it is a ConstClass constant).</summary>
    private void EmitClassGuard(int value, int classConstant, IlLabel fail)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            if (value == TraceValues.None)
                _il.Emit(OpCodes.Ldloc, _pending);
            else
                Load(value);
            if (pass == 1)
            {
                _il.Emit(OpCodes.Callvirt, GetTypeOf);
                _il.Emit(OpCodes.Ldtoken, ((ClassDescr)_trace.ConstantValue(classConstant).AsRef!).Type);
                _il.Emit(OpCodes.Call, TypeFromHandle);
                _il.Emit(OpCodes.Call, TypeEquals);
            }
            _il.Emit(OpCodes.Brfalse, fail);
        }
    }

    /// <summary>Pushes a value: a variable's local, or a constant (ref constants are locals the prologue filled).</summary>
    private void Load(int value)
    {
        if (TraceValues.IsVariable(value))
        {
            _il.Emit(OpCodes.Ldloc, _variableLocals[_traceIndex][value]);
            return;
        }
        var constant = _trace.ConstantValue(value);
        switch (_trace.KindOf(value))
        {
            case ValueKind.Int: _il.Emit(OpCodes.Ldc_I8, constant.AsInt); break;
            case ValueKind.Float: _il.Emit(OpCodes.Ldc_R8, constant.AsFloat); break;
            default:
                if (constant.AsRef is null)
                    _il.Emit(OpCodes.Ldnull);
                else
                    _il.Emit(OpCodes.Ldloc, ConstantLocal(constant.AsRef, ConstantType(constant.AsRef)!));
                break;
        }
    }

    private void Store(int result) => _il.Emit(OpCodes.Stloc, _variableLocals[_traceIndex][result]);

    private IlLabel OutOfLine(bool isGuard)
    {
        var label = _il.DefineLabel();
        _outOfLine.Add((_opIndex, label, isGuard));
        return label;
    }
}
