// Loop constants: a peeled loop's label argument that enters as a constant and that the jump passes as the same
// constant is that constant in the loop, so a guard on it folds (run with the peeling pass, then Fold again).
using ClrPy.Runtime.Jit.Optimize;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class LoopConstantsPassTests
{
    private const OptimizerPasses Passes = OptimizerPasses.Peeling | OptimizerPasses.Fold | OptimizerPasses.DeadCode;

    private static readonly string DepthLoop = Lines(
        "[i0, i1]",
        "label(i0, i1, descr=Loop)",
        "guard_value(i0, 0) [i0, i1]",
        "i2 = int_add(i1, 1)",
        "i3 = int_lt(i2, 100)",
        "guard_true(i3) [i0, i2]",
        "jump(0, i2, descr=Loop)");

    [Test]
    public void A_label_argument_entering_and_passed_round_as_the_same_constant_loses_its_guard_in_the_loop()
    {
        string optimized = OptimizeToText(DepthLoop, Passes);
        string loop = optimized[optimized.LastIndexOf("label(", StringComparison.Ordinal)..];
        Assert.That(loop, Does.Not.Contain("guard_value"), optimized);
        Assert.That(loop, Does.Contain("guard_true"), optimized);
        AssertSameBehaviour(DepthLoop, Passes, IntInputs(2, 0, 1, 98));
    }

    [Test]
    public void A_label_argument_passed_round_as_another_constant_keeps_its_guard()
    {
        // enters as 0 (after the guard), comes round as 1: the guard fails on the second iteration
        string trace = DepthLoop.Replace("jump(0, i2", "jump(1, i2", StringComparison.Ordinal);
        string optimized = OptimizeToText(trace, Passes);
        string loop = optimized[optimized.LastIndexOf("label(", StringComparison.Ordinal)..];
        Assert.That(loop, Does.Contain("guard_value"), optimized);
        AssertSameBehaviour(trace, Passes, IntInputs(2, 0, 1, 98));
    }
}
