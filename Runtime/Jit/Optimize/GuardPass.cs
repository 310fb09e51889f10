// Pass: guard strengthening. A guard implied by what earlier guards (or allocations) established goes away:
// guard_nonnull after guard_class, a repeated guard_class, guards on a value guard_value fixed (after
// guard_value(x, C) every use of x is C). guard_nonnull followed later by guard_class on the same value becomes
// one guard_nonnull_class at the first guard's place, with its fail arguments. Run by Optimizer.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed class GuardPass(TraceRewriter rewriter)
{
    private ClassDescr?[] _knownClass = new ClassDescr?[64];
    private bool[] _knownNonnull = new bool[64];
    /// <summary>For a guard_nonnull op: the class a later guard_class on the same value checks (merged into it).</summary>
    private ClassDescr?[] _mergedClass = [];

    public TraceIr Run(TraceIr input)
    {
        rewriter.Begin(input);
        FindMergeableGuards(input);
        Array.Clear(_knownClass);
        Array.Clear(_knownNonnull);
        var ops = input.Ops;
        for (int pc = 0; pc < ops.Length; pc++)
        {
            ref readonly var op = ref ops[pc];
            if (op.Opcode == TraceOpcode.Label)
            {
                Array.Clear(_knownClass);
                Array.Clear(_knownNonnull);
            }
            if (!op.Info.IsGuard)
            {
                int result = rewriter.Copy(pc);
                if (op.Opcode == TraceOpcode.New)
                    Learn(result, (ClassDescr)input.DescrOf(in op)!);
                else if (op.Opcode == TraceOpcode.NewArray)
                    Learn(result, null);
                continue;
            }
            var operands = rewriter.MapOperands(in op);
            int value = operands.Length > 0 ? operands[0] : TraceValues.None;
            switch (op.Opcode)
            {
                case TraceOpcode.GuardNonnull when KnownNonnull(value):
                    break;
                case TraceOpcode.GuardNonnull when _mergedClass[pc] is { } merged:
                    rewriter.EmitGuard(TraceOpcode.GuardNonnullClass, [value, rewriter.Output.ConstRef(merged)], pc);
                    Learn(value, merged);
                    break;
                case TraceOpcode.GuardClass or TraceOpcode.GuardNonnullClass:
                    var cls = (ClassDescr)rewriter.ConstantValue(operands[1]).Ref!;
                    if (!KnownToBe(value, cls))
                    {
                        rewriter.EmitGuard(op.Opcode, operands, pc);
                        Learn(value, cls);
                    }
                    break;
                case TraceOpcode.GuardValue when value == operands[1]:
                    break;
                case TraceOpcode.GuardValue:
                    int constant = operands[1];
                    rewriter.EmitGuard(op.Opcode, operands, pc);
                    rewriter.ReplaceNew(value, constant);
                    break;
                case TraceOpcode.GuardTrue or TraceOpcode.GuardFalse when TraceValues.IsVariable(value):
                    // After guard_false(x), x is 0; after guard_true(x), x is 1 if it is a comparison's result.
                    rewriter.EmitGuard(op.Opcode, operands, pc);
                    bool holdsTrue = op.Opcode == TraceOpcode.GuardTrue;
                    if (!holdsTrue || rewriter.TryGetDefinition(value, out var definedBy, out _) && FoldPass.IsBoolean(definedBy))
                        rewriter.ReplaceNew(value, rewriter.Output.ConstInt(holdsTrue ? 1 : 0));
                    break;
                case TraceOpcode.GuardIsnull when !KnownNonnull(value):
                    rewriter.EmitGuard(op.Opcode, operands, pc);
                    rewriter.ReplaceNew(value, rewriter.Output.ConstRef(null));
                    break;
                default:
                    rewriter.Copy(pc);
                    if (op.Opcode == TraceOpcode.GuardNonnull)
                        Learn(value, null);
                    break;
            }
        }
        return rewriter.Finish();
    }

    /// <summary>Pairs each guard_nonnull with the first later guard_class on the same value.</summary>
    private void FindMergeableGuards(TraceIr input)
    {
        var ops = input.Ops;
        if (_mergedClass.Length < ops.Length)
            _mergedClass = new ClassDescr?[ops.Length];
        Array.Clear(_mergedClass);
        for (int pc = 0; pc < ops.Length; pc++)
        {
            if (ops[pc].Opcode != TraceOpcode.GuardNonnull)
                continue;
            int value = input.OperandsOf(in ops[pc])[0];
            for (int later = pc + 1; later < ops.Length && ops[later].Opcode != TraceOpcode.Label; later++)
            {
                if (ops[later].Opcode != TraceOpcode.GuardClass)
                    continue;
                var operands = input.OperandsOf(in ops[later]);
                if (operands[0] == value)
                {
                    _mergedClass[pc] = (ClassDescr)input.ConstantValue(operands[1]).Ref!;
                    break;
                }
            }
        }
    }

    private void Learn(int value, ClassDescr? cls)
    {
        if (!TraceValues.IsVariable(value))
            return;
        if (value >= _knownNonnull.Length)
        {
            Array.Resize(ref _knownNonnull, Math.Max(value + 1, _knownNonnull.Length * 2));
            Array.Resize(ref _knownClass, _knownNonnull.Length);
        }
        _knownNonnull[value] = true;
        _knownClass[value] ??= cls;
    }

    private bool KnownNonnull(int value) => TraceValues.IsVariable(value)
        ? value < _knownNonnull.Length && _knownNonnull[value]
        : rewriter.ConstantValue(value).Ref is not null;

    private bool KnownToBe(int value, ClassDescr cls) => TraceValues.IsVariable(value)
        ? value < _knownClass.Length && ReferenceEquals(_knownClass[value], cls)
        : cls.IsClassOf(rewriter.ConstantValue(value).Ref);
}
