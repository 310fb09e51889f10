// The typed IR's operation table is consistent: one row per opcode in enum order, unique names,
// parseable signatures, and raising rows name the exception they raise.
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Typing;

public sealed class LowOpsTableTests
{
    [Test]
    public void Every_opcode_has_its_row_at_its_own_index()
    {
        var codes = Enum.GetValues<LowOpCode>();
        Assert.That(LowOps.All, Has.Count.EqualTo(codes.Length));
        for (int i = 0; i < codes.Length; i++)
            Assert.That(LowOps.All[i].Code, Is.EqualTo(codes[i]), $"row {i}");
    }

    [Test]
    public void Operation_names_are_unique_and_lower_case()
    {
        var names = LowOps.All.Select(op => op.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Matches<string>(n => n == n.ToLowerInvariant()));
    }

    [Test]
    public void Signatures_use_only_known_slots()
    {
        foreach (var op in LowOps.All)
        {
            foreach (var slot in op.Operands.Append(op.Result.ToString()))
                Assert.DoesNotThrow(() => LowOps.Fits(slot[0], LowLevelType.Signed), op.Name);
        }
    }

    [Test]
    public void Operations_that_raise_builtin_exceptions_name_them()
    {
        var builtins = new BuiltinClasses();
        foreach (var op in LowOps.All.Where(op => op.Raises is not null))
        {
            Assert.That(op.Effects.HasFlag(OpEffects.CanRaise), op.Name);
            Assert.That(builtins.TryGet(op.Raises!, out _), Is.True, op.Name + " raises an unknown class");
        }
    }
}
