// The verifier the optimizer tests run after every pass: it accepts every well-formed trace of the trace tests
// and rejects traces whose layouts point outside the guard or whose guards share an exit.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class TraceVerifierTests
{
    [TestCaseSource(typeof(TraceTextTests), nameof(TraceTextTests.TraceCases))]
    public void Every_round_trip_trace_verifies(string text) => TraceVerifier.Verify(new TraceTestWorld().Parse(text));

    [Test]
    public void A_layout_naming_a_fail_argument_the_guard_does_not_save_is_rejected()
    {
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        builder.Guard(TraceOpcode.GuardTrue, new FailDescr(0), [i0], [i0], new ResumeLayout([ResumeEntry.Saved(1)], [], [], [], []));
        builder.Op(TraceOpcode.Finish);
        var error = Assert.Throws<TraceVerificationException>(() => TraceVerifier.Verify(builder.Build(), "Fold"))!;
        Assert.That(error.Message, Is.EqualTo("after Fold: op 0 (guard_true(i0) [i0] {#bad1}): its layout refers to Saved #1, out of range"));
    }

    [Test]
    public void Two_guards_with_one_exit_are_rejected()
    {
        var builder = new TraceBuilder();
        int i0 = builder.Input(ValueKind.Int);
        var exit = new FailDescr(0);
        builder.Guard(TraceOpcode.GuardTrue, exit, [i0], []);
        builder.Guard(TraceOpcode.GuardFalse, exit, [i0], []);
        builder.Op(TraceOpcode.Finish);
        var error = Assert.Throws<TraceVerificationException>(() => TraceVerifier.Verify(builder.Build()))!;
        Assert.That(error.Message, Does.Contain("Guard0 is the exit of an earlier guard too"));
    }

    [Test]
    public void A_trace_that_does_not_end_is_rejected()
    {
        var error = Assert.Throws<TraceVerificationException>(() => TraceVerifier.Verify(TraceParser.Parse(Lines("[i0]", "i1 = int_add(i0, 1)"))))!;
        Assert.That(error.Message, Is.EqualTo("the trace does not end with jump or finish"));
    }
}
