// The IL validator on hand-written instruction sequences: valid ones pass (and run, once written to a
// DynamicMethod), each kind of invalid one is refused with the instruction that broke the rule.
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;

namespace ClrPy.Tests.Backends.Cil.Validation;

public sealed class IlValidatorTests
{
    private static readonly IlMethodShape TwoLongs = new("Test.f", [typeof(long), typeof(long)], typeof(long), [typeof(long)]);

    private static IlBuffer Buffer(params (OpCode Op, object? Operand)[] code)
    {
        var buffer = new IlBuffer();
        foreach (var (op, operand) in code)
            buffer.Emit(op, operand);
        return buffer;
    }

    private static IlValidationException Refused(IlMethodShape shape, IlBuffer buffer) =>
        Assert.Throws<IlValidationException>(() => IlValidator.Validate(shape, buffer.Instructions))!;

    [Test]
    public void A_loop_with_a_local_validates_and_runs_when_written_to_a_dynamic_method()
    {
        // r = 0; while (a > 0) { r += b; a -= 1 } return r
        var buffer = new IlBuffer();
        var head = buffer.DefineLabel();
        var done = buffer.DefineLabel();
        buffer.Emit(OpCodes.Ldc_I8, 0L);
        buffer.Emit(OpCodes.Stloc_0);
        buffer.MarkLabel(head);
        buffer.Emit(OpCodes.Ldarg_0);
        buffer.Emit(OpCodes.Ldc_I8, 0L);
        buffer.Emit(OpCodes.Ble, done);
        buffer.Emit(OpCodes.Ldloc_0);
        buffer.Emit(OpCodes.Ldarg_1);
        buffer.Emit(OpCodes.Add);
        buffer.Emit(OpCodes.Stloc_0);
        buffer.Emit(OpCodes.Ldarg_0);
        buffer.Emit(OpCodes.Ldc_I8, 1L);
        buffer.Emit(OpCodes.Sub);
        buffer.Emit(OpCodes.Starg_S, 0);
        buffer.Emit(OpCodes.Br, head);
        buffer.MarkLabel(done);
        buffer.Emit(OpCodes.Ldloc_0);
        buffer.Emit(OpCodes.Ret);
        Assert.That(IlValidator.Validate(TwoLongs, buffer.Instructions), Is.EqualTo(2));

        var method = new DynamicMethod("f", typeof(long), [typeof(long), typeof(long)]);
        buffer.WriteTo(method.GetILGenerator(), TwoLongs.Locals);
        var f = method.CreateDelegate<Func<long, long, long>>();
        Assert.That(f(6, 7), Is.EqualTo(42));
    }

    [Test]
    public void Short_and_long_forms_of_argument_and_local_access_name_the_same_slots()
    {
        var shape = new IlMethodShape("Test.h", [typeof(long), typeof(string)], typeof(string), [typeof(long), typeof(string)]);
        Assert.That(IlValidator.Validate(shape, Buffer((OpCodes.Ldarg_S, 1), (OpCodes.Stloc_S, 1), (OpCodes.Ldarg, 0), (OpCodes.Stloc, 0),
            (OpCodes.Ldloc_S, 1), (OpCodes.Ret, null)).Instructions), Is.EqualTo(1));
        Assert.That(Refused(shape, Buffer((OpCodes.Ldarg_S, 0), (OpCodes.Stloc_S, 1), (OpCodes.Ldnull, null), (OpCodes.Ret, null))).Message,
            Does.Contain("local 1 needs String, the stack has int64"));
    }

    [Test]
    public void Popping_an_empty_stack_is_refused()
    {
        var error = Refused(TwoLongs, Buffer((OpCodes.Add, null), (OpCodes.Ret, null)));
        Assert.That(error.Message, Does.Contain("the stack is empty"));
        Assert.That(error.Index, Is.EqualTo(0));
    }

    [Test]
    public void Mixing_int32_and_int64_operands_is_refused()
    {
        var error = Refused(TwoLongs, Buffer((OpCodes.Ldarg_0, null), (OpCodes.Ldc_I4_1, null), (OpCodes.Add, null), (OpCodes.Ret, null)));
        Assert.That(error.Message, Does.Contain("add of int64 and int32"));
    }

    [Test]
    public void Branch_targets_must_be_reached_with_one_stack_shape()
    {
        var buffer = new IlBuffer();
        var join = buffer.DefineLabel();
        buffer.Emit(OpCodes.Ldarg_0);
        buffer.Emit(OpCodes.Ldarg_0);
        buffer.Emit(OpCodes.Brtrue, join);   // reaches join with [int64]
        buffer.Emit(OpCodes.Ldarg_1);        // falls through with [int64, int64]
        buffer.MarkLabel(join);
        buffer.Emit(OpCodes.Ret);
        Assert.That(Refused(TwoLongs, buffer).Message, Does.Contain("differs from [int64] at the branch target"));
    }

    [Test]
    public void Ret_must_leave_exactly_the_return_value_of_its_type()
    {
        Assert.That(Refused(TwoLongs, Buffer((OpCodes.Ldarg_0, null), (OpCodes.Ldarg_1, null), (OpCodes.Ret, null))).Message,
            Does.Contain("ret leaves 1 value(s)"));
        Assert.That(Refused(TwoLongs, Buffer((OpCodes.Ldstr, "x"), (OpCodes.Ret, null))).Message,
            Does.Contain("the return value needs Int64, the stack has String"));
    }

    [Test]
    public void Call_arguments_and_field_objects_must_fit_their_parameters()
    {
        var concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
        var shape = new IlMethodShape("Test.g", [typeof(long)], typeof(string), []);
        Assert.That(Refused(shape, Buffer((OpCodes.Ldstr, "a"), (OpCodes.Ldarg_0, null), (OpCodes.Call, concat), (OpCodes.Ret, null))).Message,
            Does.Contain("argument 'str1' of Concat needs String, the stack has int64"));
        var field = typeof(Holder).GetField(nameof(Holder.Value))!;
        Assert.That(Refused(shape, Buffer((OpCodes.Ldstr, "a"), (OpCodes.Ldfld, field), (OpCodes.Pop, null), (OpCodes.Ldnull, null), (OpCodes.Ret, null))).Message,
            Does.Contain("the object of field Value needs Holder, the stack has String"));
    }

    [Test]
    public void Castclass_of_a_value_type_is_refused()
    {
        // a struct local cast as if it were an object: the CLR's compiler crashed on such IL (a range iterator kept
        // as a RangeState value in a function that returned it)
        var shape = new IlMethodShape("Test.g", [], typeof(object), [typeof(ValueTuple<long, long>)]);
        var error = Refused(shape, Buffer((OpCodes.Ldloc_0, null), (OpCodes.Castclass, typeof(object)), (OpCodes.Ret, null)));
        Assert.That(error.Message, Does.Contain("not a value type"));
    }

    [Test]
    public void The_tail_prefix_is_always_refused()
    {
        var identity = typeof(IlValidatorTests).GetMethod(nameof(Identity))!;
        var error = Refused(TwoLongs, Buffer((OpCodes.Ldarg_0, null), (OpCodes.Tailcall, null), (OpCodes.Call, identity), (OpCodes.Ret, null)));
        Assert.That(error.Message, Does.Contain("the tail. prefix is never emitted"));
    }

    [Test]
    public void Falling_off_the_end_and_code_after_an_unconditional_jump_are_refused()
    {
        Assert.That(Refused(TwoLongs, Buffer((OpCodes.Ldarg_0, null), (OpCodes.Pop, null))).Message, Does.Contain("run past its last instruction"));
        Assert.That(Refused(TwoLongs, Buffer((OpCodes.Ldarg_0, null), (OpCodes.Ret, null), (OpCodes.Ldarg_1, null), (OpCodes.Ret, null))).Message,
            Does.Contain("unreachable instruction"));
    }

    [Test]
    public void Branches_to_labels_that_are_never_marked_are_refused()
    {
        var buffer = new IlBuffer();
        var nowhere = buffer.DefineLabel();
        buffer.Emit(OpCodes.Br, nowhere);
        Assert.That(Refused(TwoLongs, buffer).Message, Does.Contain("a branch to L0, which is never marked"));
    }

    public static long Identity(long value) => value;

    public sealed class Holder
    {
        public long Value;
    }
}
