// The CIL backend against the trace interpreter on the conformance suite (ConformanceCases): each case must end
// the same way in both, and the suite itself must cover every opcode and every guard kind passing and failing.
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed class ConformanceTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        ConformanceCases.All.Select(c => new TestCaseData(c.Name).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void The_backend_ends_a_conformance_case_as_the_interpreter_does(string name)
    {
        var set = ConformanceCases.All.Single(c => c.Name == name).Set;
        BackendHarness.AssertAgree(set, name);
    }

    /// <summary>Every case again with each trace cut into pieces of two ops, bridges in pieces of their own, each piece optimized after its third run: the
    /// pieces hand their live values on, jumps and guards with bridges continue in the right piece.</summary>
    [TestCaseSource(nameof(Cases))]
    public void The_backend_in_pieces_ends_a_conformance_case_as_the_interpreter_does(string name)
    {
        var set = ConformanceCases.All.Single(c => c.Name == name).Set;
        BackendHarness.AssertAgree(set, name, new CilJitBackend(methodOps: 0, pieceOps: 2, tierUpRuns: 3));
    }

    public static IEnumerable<TestCaseData> MultiLoopCases() =>
        ConformanceCases.All.Where(c => c.Set.Loops.Length > 1).Select(c => new TestCaseData(c.Name).SetArgDisplayNames(c.Name));

    /// <summary>Every case with several loops again, its loops joined in one group's method: jumps between them are
    /// branches, a bridge's jump to another loop's label enters that loop's code in the same method.</summary>
    [TestCaseSource(nameof(MultiLoopCases))]
    public void The_backend_with_its_loops_joined_ends_a_multi_loop_case_as_the_interpreter_does(string name)
    {
        var set = ConformanceCases.All.Single(c => c.Name == name).Set;
        BackendHarness.AssertAgree(set, name, joinLoops: true);
    }

    [Test]
    public void Every_opcode_has_a_conformance_case()
    {
        var used = new HashSet<TraceOpcode>();
        foreach (var (_, set) in ConformanceCases.All)
            foreach (var trace in BackendHarness.Parse(set))
                foreach (var op in trace.Ops.ToArray())
                    used.Add(op.Opcode);
        var missing = Enum.GetValues<TraceOpcode>().Where(opcode => !used.Contains(opcode)).Select(TraceOpcodes.Name).ToList();
        Assert.That(missing, Is.Empty, "opcodes without a conformance case");
    }

    [Test]
    public void Every_guard_kind_both_passes_and_fails_in_the_suite()
    {
        var passed = new HashSet<TraceOpcode>();
        var failed = new HashSet<TraceOpcode>();
        foreach (var (name, set) in ConformanceCases.All)
        {
            var run = BackendHarness.RunBackend(set);
            var ops = run.ExitTrace!.Ops;
            if (run.ExitKind == JitExitKind.GuardFailed)
                failed.Add(ops[run.ExitOp].Opcode);
            for (int i = 0; i < run.ExitOp; i++)
                if (ops[i].Info.IsGuard)
                    passed.Add(ops[i].Opcode);
        }
        var guards = Enum.GetValues<TraceOpcode>().Where(opcode => TraceOpcodes.Info(opcode).IsGuard).ToList();
        Assert.That(guards.Where(g => !passed.Contains(g)).Select(TraceOpcodes.Name), Is.Empty, "guard kinds never seen passing");
        Assert.That(guards.Where(g => !failed.Contains(g)).Select(TraceOpcodes.Name), Is.Empty, "guard kinds never seen failing");
    }
}
