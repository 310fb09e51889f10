// What each jitcode instruction form of a program means to the meta-interpreter: its handler, and for the
// operations that map one-to-one onto a pure trace op, that op. Decoded once per InstructionSet from the
// forms' names, so the run loop dispatches on a byte instead of comparing strings.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Tracing;

public enum Handler : byte
{
    Goto, GotoIfNot, CatchException, GotoIfExceptionMismatch, LastExcValue, Reraise, Raise,
    Return, VoidReturn, Copy,
    /// <summary>A pure trace op of one or two operands (the form's TraceOp).</summary>
    Pure,
    /// <summary>The same bits under another meaning (casts between int meanings, same_as): a copy.</summary>
    Rename,
    BoolNot, PtrIsNull, PtrNonNull, IntOvf, CastIntToChar,
    New, GetField, SetField,
    DirectCall, ResidualCall, ElidableCall, MethodCall, IndirectCall,
    MergePoint, CanEnterJit, Promote, WeAreJitted,
}

public readonly record struct InstructionForm(Handler Handler, TraceOpcode TraceOp, string ArgCodes);

public static class InstructionForms
{
    private static readonly Dictionary<string, TraceOpcode> PureOps = new()
    {
        ["int_add"] = TraceOpcode.IntAdd, ["int_sub"] = TraceOpcode.IntSub, ["int_mul"] = TraceOpcode.IntMul,
        ["int_and"] = TraceOpcode.IntAnd, ["int_or"] = TraceOpcode.IntOr, ["int_xor"] = TraceOpcode.IntXor,
        ["int_neg"] = TraceOpcode.IntNeg, ["int_invert"] = TraceOpcode.IntInvert,
        ["int_lt"] = TraceOpcode.IntLt, ["int_le"] = TraceOpcode.IntLe, ["int_eq"] = TraceOpcode.IntEq,
        ["int_ne"] = TraceOpcode.IntNe, ["int_gt"] = TraceOpcode.IntGt, ["int_ge"] = TraceOpcode.IntGe,
        ["int_is_true"] = TraceOpcode.IntIsTrue,
        ["uint_lt"] = TraceOpcode.UintLt, ["uint_le"] = TraceOpcode.UintLe, ["uint_gt"] = TraceOpcode.UintGt,
        ["uint_ge"] = TraceOpcode.UintGe,
        ["char_eq"] = TraceOpcode.IntEq, ["char_lt"] = TraceOpcode.IntLt,
        ["float_add"] = TraceOpcode.FloatAdd, ["float_sub"] = TraceOpcode.FloatSub, ["float_mul"] = TraceOpcode.FloatMul,
        ["float_neg"] = TraceOpcode.FloatNeg, ["float_abs"] = TraceOpcode.FloatAbs,
        ["float_lt"] = TraceOpcode.FloatLt, ["float_le"] = TraceOpcode.FloatLe, ["float_eq"] = TraceOpcode.FloatEq,
        ["float_ne"] = TraceOpcode.FloatNe, ["float_gt"] = TraceOpcode.FloatGt, ["float_ge"] = TraceOpcode.FloatGe,
        ["cast_int_to_float"] = TraceOpcode.CastIntToFloat,
        ["ptr_eq"] = TraceOpcode.PtrEq, ["ptr_ne"] = TraceOpcode.PtrNe, ["str_len"] = TraceOpcode.Strlen,
    };

    private static readonly Dictionary<string, Handler> Named = new()
    {
        ["goto"] = Handler.Goto, ["goto_if_not"] = Handler.GotoIfNot, ["catch_exception"] = Handler.CatchException,
        ["goto_if_exception_mismatch"] = Handler.GotoIfExceptionMismatch, ["last_exc_value"] = Handler.LastExcValue,
        ["reraise"] = Handler.Reraise, ["raise"] = Handler.Raise,
        ["int_return"] = Handler.Return, ["ref_return"] = Handler.Return, ["float_return"] = Handler.Return,
        ["void_return"] = Handler.VoidReturn,
        ["int_copy"] = Handler.Copy, ["ref_copy"] = Handler.Copy, ["float_copy"] = Handler.Copy,
        ["cast_int_to_uint"] = Handler.Rename, ["cast_uint_to_int"] = Handler.Rename, ["cast_bool_to_int"] = Handler.Rename,
        ["cast_char_to_int"] = Handler.Rename, ["same_as"] = Handler.Rename,
        ["bool_not"] = Handler.BoolNot, ["ptr_iszero"] = Handler.PtrIsNull, ["ptr_nonzero"] = Handler.PtrNonNull,
        ["int_add_ovf"] = Handler.IntOvf, ["int_sub_ovf"] = Handler.IntOvf, ["int_mul_ovf"] = Handler.IntOvf,
        ["cast_int_to_char"] = Handler.CastIntToChar,
        ["new"] = Handler.New, ["getfield"] = Handler.GetField, ["setfield"] = Handler.SetField,
        ["direct_call"] = Handler.DirectCall, ["residual_call"] = Handler.ResidualCall, ["elidable_call"] = Handler.ElidableCall,
        ["method_call"] = Handler.MethodCall, ["indirect_call"] = Handler.IndirectCall,
        ["jit_merge_point"] = Handler.MergePoint, ["can_enter_jit"] = Handler.CanEnterJit,
        ["jit_promote"] = Handler.Promote, ["we_are_jitted"] = Handler.WeAreJitted,
    };

    /// <summary>Whether the meta-interpreter runs the jitcode instruction named <paramref name="name"/> itself.</summary>
    public static bool Runs(string name) => PureOps.ContainsKey(name) || Named.ContainsKey(name);

    /// <summary>The forms of every instruction of the set; an instruction the meta-interpreter cannot run is an error here.</summary>
    public static InstructionForm[] Decode(InstructionSet instructions)
    {
        var forms = new InstructionForm[instructions.Instructions.Count];
        for (int i = 0; i < forms.Length; i++)
        {
            var instruction = instructions.Instructions[i];
            if (PureOps.TryGetValue(instruction.Name, out var op))
                forms[i] = new InstructionForm(Handler.Pure, op, instruction.ArgCodes);
            else if (Named.TryGetValue(instruction.Name, out var handler))
                forms[i] = new InstructionForm(handler, handler == Handler.IntOvf ? OverflowOp(instruction.Name) : default, instruction.ArgCodes);
            else
                throw new InvalidOperationException(
                    $"jitcode instruction {instruction.Key} is not one the JIT runs itself; the codewriter should have made it a residual call");
        }
        return forms;
    }

    private static TraceOpcode OverflowOp(string name) => name switch
    {
        "int_add_ovf" => TraceOpcode.IntAddOvf,
        "int_sub_ovf" => TraceOpcode.IntSubOvf,
        _ => TraceOpcode.IntMulOvf,
    };
}
