// The CIL backend's own promises beyond conformance: no `tail.` prefix in the IL the CLR compiles, compile time
// counted per op, old versions running on when a bridge is attached, control between loops passing through
// the trampoline without stack growth, no allocation per iteration, and compile errors naming trace and op.
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Backend;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using ClrPy.Tests.Support;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed partial class CilJitBackendTests
{
    /// <summary>The IL bytes the CLR compiles for a DynamicMethod, read from its ILGenerator's buffer.</summary>
    private static byte[] IlBytesOf(JitLoopCode code)
    {
        var stream = (byte[])GeneratorField(code, "m_ILStream");
        int length = (int)GeneratorField(code, "m_length");
        return stream[..length];
    }

    /// <summary>A private field of the ILGenerator of the DynamicMethod behind <paramref name="code"/>.</summary>
    private static object GeneratorField(JitLoopCode code, string name)
    {
        var method = code.Method as DynamicMethod ?? throw new InvalidOperationException($"the code is a {code.Method.GetType().Name}, not a DynamicMethod");
        var generator = method.GetILGenerator();
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic;
        var type = generator.GetType();
        while (type is not null && type.GetField(name, flags) is null)
            type = type.BaseType;
        if (type is null)
            throw new InvalidOperationException($"this runtime's ILGenerator has no field {name}: teach the tests where it keeps that");
        return type.GetField(name, flags)!.GetValue(generator)!;
    }

    [Test]
    public void No_method_the_backend_emits_has_a_tail_prefix()
    {
        int methods = 0;
        foreach (var (name, set) in ConformanceCases.All)
        {
            var traces = BackendHarness.Parse(set);
            var backend = new CilJitBackend();
            foreach (var loop in traces.Take(set.Loops.Length))
            {
                var code = IlBytesOf(backend.CompileLoop(loop).Current.Code);
                var opcodes = IlScanner.Decode(code);
                Assert.That(opcodes, Has.Member(OpCodes.Ret), name);
                Assert.That(opcodes, Has.No.Member(OpCodes.Tailcall), name);
                methods++;
            }
        }
        Assert.That(methods, Is.GreaterThan(ConformanceCases.All.Count));
    }

    [Test]
    public void The_backend_counts_methods_ops_and_compile_time()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var loop = backend.CompileLoop(world.Parse(Lines(
            "[i0]", "label(i0, descr=Loop0)", "i1 = int_add(i0, 1)", "i2 = int_lt(i1, 10)", "guard_true(i2) [i1]", "jump(i1, descr=Loop0)")));
        Assert.That((backend.Stats.LoopsCompiled, backend.Stats.MethodsCompiled, backend.Stats.OpsCompiled), Is.EqualTo((1L, 1L, 5L)));
        long ticks = backend.Stats.CompileTicks;
        Assert.That(ticks, Is.GreaterThan(0));
        var guard = (FailDescr)loop.Trace.Descriptors.ToArray().Single(d => d is FailDescr);
        backend.AttachBridge(loop, guard, world.Parse(Lines("[i0]", "i1 = int_mul(i0, 2)", "finish(i1)")));
        Assert.That((backend.Stats.BridgesAttached, backend.Stats.MethodsCompiled, backend.Stats.OpsCompiled), Is.EqualTo((1L, 2L, 12L)));
        Assert.That(backend.Stats.CompileTicks, Is.GreaterThan(ticks));
        Assert.That(backend.Stats.MicrosecondsPerOp, Is.GreaterThan(0));
    }

    /// <summary>A loop of <paramref name="adds"/> additions to i1 per iteration, leaving when i0 reaches 100.</summary>
    private static string LongLoop(int adds)
    {
        var lines = new List<string> { "[i0, i1]", "label(i0, i1, descr=Loop0)" };
        int sum = 1;
        for (int k = 0; k < adds; k++)
        {
            lines.Add($"i{sum + 10} = int_add(i{sum}, {k + 1})");
            sum += 10;
            lines.Add($"i{sum + 1} = int_and(i{sum}, 1048575)");
            sum += 1;
        }
        lines.AddRange(["i2 = int_add(i0, 1)", "i3 = int_lt(i2, 100)", $"guard_true(i3) [i2, i{sum}]", $"jump(i2, i{sum}, descr=Loop0)"]);
        return Lines([.. lines]);
    }

    [Test]
    public void A_long_trace_runs_in_pieces_that_are_optimized_once_hot_and_leaves_by_the_whole_traces_exits()
    {
        var set = TraceSet.Loop(LongLoop(30), _ => [TraceValue.FromInt(0), TraceValue.FromInt(7)]);
        var backend = new CilJitBackend(methodOps: 20, pieceOps: 10, tierUpRuns: 50);
        var run = BackendHarness.AssertAgree(set, "a long loop in pieces", backend);
        Assert.That((run.ExitKind, run.ExitOp), Is.EqualTo((JitExitKind.GuardFailed, run.ExitTrace!.Ops.Length - 2)), "the guard's op in the whole trace");
        Assert.That(backend.Stats.TierUps, Is.GreaterThanOrEqualTo(5), "each of the 66 ops' pieces ran 100 times: each was compiled again, optimized");
        Assert.That(backend.Stats.OpsCompiled, Is.GreaterThanOrEqualTo(2 * 66), "every op compiled quickly and then optimized");
    }

    [Test]
    public void A_segmented_version_the_CLR_would_not_optimize_whole_stays_in_pieces()
    {
        // 1,000 guards: within the ops a version is merged with, but the one method would have over 2,000 blocks,
        // which the CLR compiles without optimizing
        var lines = new List<string> { "[i0, i1]", "label(i0, i1, descr=Loop0)" };
        for (int k = 0; k < 1000; k++)
            lines.AddRange([$"i{k + 10} = int_lt(i1, {1_000_000 + k})", $"guard_true(i{k + 10}) [i0, i1]"]);
        lines.AddRange(["i2 = int_add(i0, 1)", "i3 = int_add(i1, 2)", "i4 = int_lt(i2, 150)", "guard_true(i4) [i2, i3]", "jump(i2, i3, descr=Loop0)"]);
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend(methodOps: 20, pieceOps: 200, tierUpRuns: 1_000_000, mergeRuns: 100);
        var loop = backend.CompileLoop(world.Parse(Lines([.. lines])));
        var segmented = loop.Current;
        var frame = new JitFrame();
        var exit = new LoopTrampoline().Run(loop, frame);
        Assert.That((exit.Kind, frame.Ints[0], frame.Ints[1]), Is.EqualTo((JitExitKind.GuardFailed, 150L, 300L)));
        Assert.That(loop.Current, Is.SameAs(segmented), "150 runs of its first piece asked for a merge, which was refused");
        Assert.That(backend.Stats.TierUps, Is.Zero);
    }

    [Test]
    public void A_hot_segmented_version_is_merged_into_one_method_that_later_runs_enter_with_the_same_results()
    {
        var backend = new CilJitBackend(methodOps: 20, pieceOps: 10, tierUpRuns: 1_000_000, mergeRuns: 100);
        BackendHarness.AssertAgree(TraceSet.Loop(LongLoop(30), _ => [TraceValue.FromInt(0), TraceValue.FromInt(7)]), "a long loop merged while it runs", backend);

        var world = JitTestWorld.Create();
        var merging = new CilJitBackend(methodOps: 20, pieceOps: 10, tierUpRuns: 1_000_000, mergeRuns: 100);
        var loop = merging.CompileLoop(world.Parse(LongLoop(30)));
        var segmented = loop.Current;
        var trampoline = new LoopTrampoline();
        var results = new List<(JitExitKind, long, long)>();
        for (int run = 0; run < 2; run++)
        {
            var frame = new JitFrame();
            (frame.Ints[0], frame.Ints[1]) = (0, 7);
            var exit = trampoline.Run(loop, frame);
            results.Add((exit.Kind, frame.Ints[0], frame.Ints[1]));
        }
        Assert.That(loop.Current, Is.Not.SameAs(segmented), "the hot version in pieces was replaced");
        Assert.That(merging.Stats.TierUps, Is.EqualTo(1), "one merge (its 66 ops), no piece optimized");
        Assert.That(results[1], Is.EqualTo(results[0]), "the merged method leaves as the pieces did");
        Assert.That(results[0].Item1, Is.EqualTo(JitExitKind.GuardFailed));
    }

    [Test]
    public void A_long_trace_using_a_value_from_before_its_label_after_it_is_compiled_whole()
    {
        var text = Lines("[i0, i1]", "i2 = int_add(i1, 5)", "label(i0, i1, descr=Loop0)", "i3 = int_add(i0, i2)", "i4 = int_add(i3, 1)",
            "i5 = int_add(i4, 1)", "i6 = int_add(i5, 1)", "i7 = int_add(i6, 1)", "i8 = int_lt(i7, 1000)", "guard_true(i8) [i7, i1]",
            "jump(i7, i1, descr=Loop0)");
        var backend = new CilJitBackend(methodOps: 2, pieceOps: 2, tierUpRuns: 1);
        BackendHarness.AssertAgree(TraceSet.Loop(text, _ => [TraceValue.FromInt(0), TraceValue.FromInt(3)]), "a loop using a value from before its label", backend);
        Assert.That((backend.Stats.MethodsCompiled, backend.Stats.OpsCompiled), Is.EqualTo((1L, 10L)), "one optimized method, no pieces");
    }

    [Test]
    public void A_loop_running_when_its_bridge_is_attached_finishes_in_the_old_version_and_the_next_run_takes_the_bridge()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        CompiledLoop? running = null;
        TraceIr? bridge = null;
        var attach = new CallDescr("attach", ValueKind.Void, [ValueKind.Int], CallEffects.None,
            (ReadOnlySpan<TraceValue> args, ref object? raised) =>
            {
                if (args[0].AsInt == 3 && running!.Bridges.Count == 0)
                    backend.AttachBridge(running, (FailDescr)running.Trace.Descriptors.ToArray().Single(d => d is FailDescr), bridge!);
                return default;
            });
        world.Registry.Add(attach);
        running = backend.CompileLoop(world.Parse(Lines(
            "[i0]", "label(i0, descr=Loop0)", "call_n(i0, descr=attach)", "i1 = int_add(i0, 1)", "i2 = int_lt(i1, 10)",
            "guard_true(i2) [i1]", "jump(i1, descr=Loop0)")));
        bridge = world.Parse(Lines("[i0]", "i1 = int_mul(i0, 100)", "finish(i1)"));
        var trampoline = new LoopTrampoline();
        var frame = new JitFrame();
        frame.Ints[0] = 0;
        var first = trampoline.Run(running, frame);
        Assert.That((first.Kind, frame.Ints[0]), Is.EqualTo((JitExitKind.GuardFailed, 10L)));
        Assert.That(running.Bridges, Has.Count.EqualTo(1));
        frame.Ints[0] = 0;
        var second = trampoline.Run(running, frame);
        Assert.That((second.Kind, frame.Ints[0], second.Trace), Is.EqualTo((JitExitKind.Finished, 1000L, bridge)));
    }

    [Test]
    public void Loops_jumping_to_each_other_a_million_times_keep_the_same_stack_depth()
    {
        var world = JitTestWorld.Create();
        var depths = new List<int>();
        world.Registry.Add(new CallDescr("depth", ValueKind.Void, [ValueKind.Int], CallEffects.None,
            (ReadOnlySpan<TraceValue> args, ref object? raised) =>
            {
                if (args[0].AsInt is 10 or 999_990)
                    depths.Add(new StackTrace().FrameCount);
                return default;
            }));
        world.Registry.Add(new LoopToken("Ping")).Add(new LoopToken("Pong"));
        var backend = new CilJitBackend();
        var trampoline = new LoopTrampoline();
        var ping = backend.CompileLoop(world.Parse(Lines(
            "[i0]", "label(i0, descr=Ping)", "i1 = int_add(i0, 1)", "i2 = int_lt(i1, 1000000)", "guard_true(i2) [i1]", "jump(i1, descr=Pong)")));
        var pong = backend.CompileLoop(world.Parse(Lines("[i0]", "label(i0, descr=Pong)", "call_n(i0, descr=depth)", "jump(i0, descr=Ping)")));
        trampoline.Register(ping);
        trampoline.Register(pong);
        var frame = new JitFrame();
        var exit = trampoline.Run(ping, frame);
        Assert.That((exit.Kind, frame.Ints[0]), Is.EqualTo((JitExitKind.GuardFailed, 1_000_000L)));
        Assert.That(trampoline.Transfers, Is.EqualTo(2 * 999_999));
        Assert.That(depths, Has.Count.EqualTo(2));
        Assert.That(depths[1], Is.EqualTo(depths[0]));
    }

    /// <summary>Ping adds 1 and leaves when it reaches 100,000; Pong adds 2 and jumps back: 33,333 rounds.</summary>
    private static (CompiledLoop Ping, CompiledLoop Pong) PingPong(TraceTestWorld world, CilJitBackend backend, LoopTrampoline trampoline)
    {
        world.Registry.Add(new LoopToken("Ping")).Add(new LoopToken("Pong"));
        var ping = backend.CompileLoop(world.Parse(Lines(
            "[i0]", "label(i0, descr=Ping)", "i1 = int_add(i0, 1)", "i2 = int_lt(i1, 100000)", "guard_true(i2) [i1]", "jump(i1, descr=Pong)")));
        var pong = backend.CompileLoop(world.Parse(Lines("[i0]", "label(i0, descr=Pong)", "i1 = int_add(i0, 2)", "jump(i1, descr=Ping)")));
        trampoline.Register(ping);
        trampoline.Register(pong);
        return (ping, pong);
    }

    [Test]
    public void Loops_jumping_to_each_other_often_are_joined_in_a_group_whose_method_passes_control_by_branches()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var trampoline = new LoopTrampoline(backend, joinTransfers: 100);
        var (ping, pong) = PingPong(world, backend, trampoline);
        var frame = new JitFrame();
        var exit = trampoline.Run(ping, frame);
        Assert.That((exit.Kind, frame.Ints[0]), Is.EqualTo((JitExitKind.GuardFailed, 100_000L)));
        Assert.That(ping.Group, Is.Not.Null.And.SameAs(pong.Group), "joined once the jump was taken 100 times");
        Assert.That(ping.Current, Is.Not.SameAs(ping.Own));
        Assert.That(backend.Stats.GroupsCompiled, Is.EqualTo(1));
        Assert.That(trampoline.Transfers, Is.LessThan(300), "after the join, the 66,665 jumps are branches in one method");

        frame.Ints[0] = 99_990;
        long before = trampoline.Transfers;
        exit = trampoline.Run(pong, frame);
        Assert.That((exit.Kind, frame.Ints[0], trampoline.Transfers - before), Is.EqualTo((JitExitKind.GuardFailed, 100_002L, 0L)),
            "the group is entered as Pong too");
    }

    [Test]
    public void Without_a_backend_to_ask_or_over_the_group_size_loops_are_not_joined()
    {
        foreach (var (backend, asks) in new[] { (new CilJitBackend(), false), (new CilJitBackend(CilJitBackend.MethodOps, CilJitBackend.PieceOps, groupOps: 5), true) })
        {
            var trampoline = new LoopTrampoline(asks ? backend : null, joinTransfers: 100);
            var (ping, pong) = PingPong(JitTestWorld.Create(), backend, trampoline);
            var exit = trampoline.Run(ping, new JitFrame());
            Assert.That(exit.Kind, Is.EqualTo(JitExitKind.GuardFailed));
            Assert.That((ping.Group, pong.Group, backend.Stats.GroupsCompiled, trampoline.Transfers), Is.EqualTo(((LoopGroup?)null, (LoopGroup?)null, 0L, 2 * 33_333L)));
        }
    }

    [Test]
    public void A_bigger_group_replaces_its_members_groups_without_counting_a_dissolution()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var trampoline = new LoopTrampoline(backend, joinTransfers: 1_000_000);
        var (ping, pong) = PingPong(world, backend, trampoline);
        world.Registry.Add(new LoopToken("Third"));
        var third = backend.CompileLoop(world.Parse(Lines("[i0]", "label(i0, descr=Third)", "i1 = int_add(i0, 5)", "jump(i1, descr=Ping)")));
        trampoline.Register(third);
        var small = backend.Join([ping, pong])!;
        var big = backend.Join([ping, pong, third])!;
        Assert.That((small.Active, big.Active, ping.Group, third.Group), Is.EqualTo((false, true, big, big)));
        Assert.That((ping.Dissolutions, pong.Dissolutions, third.Dissolutions), Is.EqualTo((0, 0, 0)));
        var frame = new JitFrame();
        var exit = trampoline.Run(third, frame);
        Assert.That((exit.Kind, frame.Ints[0], trampoline.Transfers), Is.EqualTo((JitExitKind.GuardFailed, 100_002L, 0L)),
            "Third, then Ping and Pong, all branches of one method");
    }

    [Test]
    public void A_new_version_of_a_member_dissolves_its_group_and_every_member_runs_its_own_code_again()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var trampoline = new LoopTrampoline(backend, joinTransfers: 1_000_000);
        var (ping, pong) = PingPong(world, backend, trampoline);
        var group = backend.Join([ping, pong]);
        Assert.That(group, Is.Not.Null);
        var guard = (FailDescr)ping.Trace.Descriptors.ToArray().Single(d => d is FailDescr);
        backend.AttachBridge(ping, guard, world.Parse(Lines("[i0]", "i1 = int_mul(i0, 2)", "finish(i1)")));
        Assert.That((group!.Active, ping.Group, pong.Group), Is.EqualTo((false, (LoopGroup?)null, (LoopGroup?)null)));
        Assert.That((pong.Current, pong.Dissolutions), Is.EqualTo((pong.Own, 1)));
        var frame = new JitFrame();
        var exit = trampoline.Run(pong, frame);
        Assert.That((exit.Kind, frame.Ints[0]), Is.EqualTo((JitExitKind.Finished, 200_004L)), "the bridge is in Ping's own new version");
    }

    [Test]
    public void Running_a_compiled_loop_allocates_nothing_per_iteration()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var loop = backend.CompileLoop(world.Parse(Lines(
            "[i0, i1, p2, p3]", "label(i0, i1, p2, p3, descr=Loop0)", "i4 = int_add(i0, 1)", "i5 = int_lt(i4, i1)", "guard_true(i5) [i4, p2]",
            "i6 = int_and(i4, 3)", "i7 = getarrayitem_gc_i(p3, i6, descr=IntArray)", "i8 = int_add_ovf(i7, i4)", "guard_no_overflow() [i4]",
            "setarrayitem_gc(p3, i6, i8, descr=IntArray)", "i9 = getfield_gc_i(p2, descr=Node.Value)", "f10 = cast_int_to_float(i9)",
            "setfield_gc(p2, f10, descr=Node.Weight)", "i11 = call_i(i9, i4, descr=max)", "setfield_gc(p2, i11, descr=Node.Value)",
            "jump(i4, i1, p2, p3, descr=Loop0)")));
        var trampoline = new LoopTrampoline();
        var frame = new JitFrame();
        var node = new Node();
        var items = new long[4];
        long Allocated(long iterations)
        {
            frame.Ints[0] = 0;
            frame.Ints[1] = iterations;
            frame.Refs[2].Value = node;
            frame.Refs[3].Value = items;
            long before = GC.GetAllocatedBytesForCurrentThread();
            trampoline.Run(loop, frame);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // warm up past the CLR's call counts (30 calls) for the helpers each iteration calls, so most of the runtime's
        // tier-up bookkeeping happens here. Some of it still lands on this thread at odd times (0.6-4 KB seen in about
        // one full-suite run in four), so the bound is per iteration: anything allocated each time round the loop is
        // at least 24 bytes, 2.4 MB over the run, while one-off runtime work stays far below one byte per iteration.
        Allocated(1_000);
        const long iterations = 100_000;
        Assert.That(Allocated(iterations) - Allocated(10), Is.LessThan(iterations), "bytes allocated over the run");
        Assert.That(node.Value, Is.EqualTo(99_999));
    }

    [Test]
    public void A_trace_the_backend_cannot_compile_is_reported_with_its_op()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var error = Assert.Throws<JitCompileException>(() => backend.CompileLoop(world.Parse(Lines("[i0]", "i1 = int_add(i0, 1)"))))!;
        Assert.That(error.Message, Is.EqualTo("loop op 0 (i1 = int_add(i0, 1)): the trace does not end in a jump or finish"));
        var loop = backend.CompileLoop(world.Parse(Lines("[i0, f1]", "guard_true(i0) [i0, f1]", "finish(i0)")));
        var guard = (FailDescr)loop.Trace.Descriptors.ToArray().Single(d => d is FailDescr);
        var mismatch = Assert.Throws<JitCompileException>(() => backend.AttachBridge(loop, guard, world.Parse(Lines("[i0, i1]", "finish(i1)"))))!;
        Assert.That(mismatch.Message, Is.EqualTo("loop op 0 (guard_true(i0) [i0, f1]): fail argument 2 is Float, its bridge's input is Int"));
        Assert.That(loop.Bridges, Is.Empty);
    }

    [Test]
    public void A_bridge_for_a_guard_of_another_loop_is_refused()
    {
        var world = JitTestWorld.Create();
        var backend = new CilJitBackend();
        var loop = backend.CompileLoop(world.Parse(Lines("[i0]", "guard_true(i0) [i0]", "finish(i0)")));
        var other = world.Parse(Lines("[i0]", "guard_false(i0) [i0]", "finish(i0)"));
        var guard = (FailDescr)other.Descriptors.ToArray().Single(d => d is FailDescr);
        var error = Assert.Throws<ArgumentException>(() => backend.AttachBridge(loop, guard, world.Parse(Lines("[i0]", "finish(i0)"))))!;
        Assert.That(error.Message, Does.Contain("Guard0 is not a guard of this loop or of its bridges"));
    }
}
