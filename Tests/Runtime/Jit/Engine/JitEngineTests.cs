// The JIT engine on a hand-assembled interpreter: a portal jitcode that sums n, n-step, ... down to 0, and a C#
// method doing what the CIL backend emits for that portal (store greens and reds at can_enter_jit, ask the
// engine, go on at the merge point or return). Checks tracing, running the loop, blackholing out of it, and the
// logs naming loops by the driver's get_printable_location.
using ClrPy.Backends.Cil.Jit;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Engine;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Managed;
using ClrPy.Runtime.Jit.Warmup;
using NUnit.Framework;

namespace ClrPy.Tests.Runtime.Jit.Engine;

public sealed class JitEngineTests
{
    private static JitDriverState _state = null!;

    /// <summary>The portal's can_enter_jit as the CIL backend emits it: true when the portal must return ReturnInt.</summary>
    private static bool CanEnterJit(ref long step, ref long n, ref long acc) => Ask(_state.CanEnterJit, ref step, ref n, ref acc);

    /// <summary>Stores the greens and reds, asks the engine (can_enter_jit or the portal's entry) and takes back the
    /// values it leaves at the merge point: true when the portal must return ReturnInt.</summary>
    private static bool Ask(Func<JitEntry> ask, ref long step, ref long n, ref long acc)
    {
        _state.Ints[0] = step;
        _state.Ints[1] = n;
        _state.Ints[2] = acc;
        switch (ask())
        {
            case JitEntry.Returned:
                return true;
            case JitEntry.AtMergePoint:
                step = _state.Ints[0];
                n = _state.Ints[1];
                acc = _state.Ints[2];
                break;
        }
        return false;
    }

    /// <summary>What the CIL backend makes of the portal: its greens are step, its reds n and acc.</summary>
    public static long Portal(long step, long n)
    {
        long acc = 0;
        while (true)
        {
            if (n <= 0)
                return acc;
            acc += n;
            n -= step;
            if (CanEnterJit(ref step, ref n, ref acc))
                return _state.ReturnInt;
        }
    }

    /// <summary>A portal with a branch in its loop: odd n are added, even n subtract one.</summary>
    public static long BranchyPortal(long step, long n)
    {
        long acc = 0;
        while (true)
        {
            if (n <= 0)
                return acc;
            if ((n & 1) != 0)
                acc += n;
            else
                acc -= 1;
            n -= step;
            if (CanEnterJit(ref step, ref n, ref acc))
                return _state.ReturnInt;
        }
    }

    private static JitProgram BranchyProgram() => Program(nameof(BranchyPortal), 5, [0, 1], emit =>
    {
        emit("jit_merge_point", "dIRF", [0, 3, 0, 1, 2, 0, 0]);      // 0
        emit("int_le", "ii>i", [1, 5, 3]);                          // 8: n <= 0
        emit("goto_if_not", "iL", [3, 17]);                         // 12
        emit("int_return", "i", [2]);                               // 15
        emit("int_and", "ii>i", [1, 6, 4]);                         // 17: n & 1
        emit("int_is_true", "i>i", [4, 3]);                         // 21
        emit("goto_if_not", "iL", [3, 33]);                         // 24
        emit("int_add", "ii>i", [2, 1, 2]);                         // 27: acc += n
        emit("goto", "L", [37]);                                    // 31
        emit("int_sub", "ii>i", [2, 6, 2]);                         // 33: acc -= 1
        emit("int_sub", "ii>i", [1, 0, 1]);                         // 37: n -= step
        emit("can_enter_jit", "dIRF", [0, 3, 0, 1, 2, 0, 0]);        // 41
        emit("goto", "L", [0]);                                     // 49
    });

    /// <summary>A portal whose green is computed from a red in the loop: step is 2 after n reaches a multiple of 8, else 1.</summary>
    public static long GreenFromRedPortal(long step, long n)
    {
        long acc = 0;
        while (true)
        {
            if (n <= 0)
                return acc;
            acc += n;
            n -= step;
            step = (n & 7) != 0 ? 1 : 2;
            if (CanEnterJit(ref step, ref n, ref acc))
                return _state.ReturnInt;
        }
    }

    /// <summary>i0 step, i1 n, i2 acc, i3 a condition, i4 n &amp; 7; constants i5 0, i6 7, i7 2.</summary>
    private static JitProgram GreenFromRedProgram() => Program(nameof(GreenFromRedPortal), 5, [0, 7, 2], emit =>
    {
        emit("jit_merge_point", "dIRF", [0, 3, 0, 1, 2, 0, 0]);      // 0
        emit("int_le", "ii>i", [1, 5, 3]);                          // 8: n <= 0
        emit("goto_if_not", "iL", [3, 17]);                         // 12
        emit("int_return", "i", [2]);                               // 15
        emit("int_add", "ii>i", [2, 1, 2]);                         // 17: acc += n
        emit("int_sub", "ii>i", [1, 0, 1]);                         // 21: n -= step
        emit("int_and", "ii>i", [1, 6, 4]);                         // 25: n & 7
        emit("int_is_true", "i>i", [4, 3]);                         // 29
        emit("int_sub", "ii>i", [7, 3, 0]);                         // 32: step = 2 - ((n & 7) != 0)
        emit("can_enter_jit", "dIRF", [0, 3, 0, 1, 2, 0, 0]);        // 36
        emit("goto", "L", [0]);                                     // 44
    });

    /// <summary>A portal without a loop, as the CIL backend emits it: its merge point's first pass asks the engine
    /// (EnterPortal), which counts calls and runs the compiled trace of the greens once there is one.</summary>
    public static long StraightPortal(long step, long n)
    {
        long acc = 0;
        if (Ask(_state.EnterPortal, ref step, ref n, ref acc))
            return _state.ReturnInt;
        return n * step + 1;
    }

    /// <summary>i0 step, i1 n, i2 acc; constant i3 1.</summary>
    private static JitProgram StraightProgram() => Program(nameof(StraightPortal), 3, [1], emit =>
    {
        emit("jit_merge_point", "dIRF", [0, 3, 0, 1, 2, 0, 0]);      // 0
        emit("int_mul", "ii>i", [1, 0, 2]);                         // 8: acc = n * step
        emit("int_add", "ii>i", [2, 3, 2]);                         // 12: acc += 1
        emit("int_return", "i", [2]);                               // 16
    });

    /// <summary>A one-jitcode program whose portal is the named method of this class: int registers 0..variables-1
    /// (step, n, acc first), then the int constants.</summary>
    private static JitProgram Program(string portalMethod, int variables, long[] constants, Action<Action<string, string, ushort[]>> body,
        System.Reflection.MethodInfo? printableLocation = null)
    {
        var instructions = new InstructionSet();
        var code = new JitCode("portal", instructions);
        var words = new List<ushort>();
        body((name, argCodes, operands) =>
        {
            words.Add(instructions.Number(name, argCodes));
            words.AddRange(operands);
        });
        code.Code = [.. words];
        code.VariableRegisters[0] = variables;
        code.IntConstants.AddRange(constants);
        code.IntMeanings.AddRange(Enumerable.Repeat(IntMeaning.Signed, variables + constants.Length));
        code.Parameters.Add((RegisterKind.Int, 0));
        code.Parameters.Add((RegisterKind.Int, 1));
        var portal = new JitFunction("portal", typeof(JitEngineTests).GetMethod(portalMethod)!, 0, JitFunctionFlags.None);
        var driver = new JitDriverDescriptor(0, [new("step", RegisterKind.Int)],
            [new("n", RegisterKind.Int), new("acc", RegisterKind.Int)], portal, 0, printableLocation);
        code.Descriptors.Add(driver);
        return new JitProgram(instructions, [code], [driver]);
    }

    /// <summary>The portal's jitcode: i0 step, i1 n, i2 acc, i3 a condition, i4 the constant 0.</summary>
    private static JitProgram SumProgram(System.Reflection.MethodInfo? printableLocation = null) => Program(nameof(Portal), 4, [0], emit =>
    {
        emit("jit_merge_point", "dIRF", [0, 3, 0, 1, 2, 0, 0]);      // 0
        emit("int_le", "ii>i", [1, 4, 3]);                          // 8: n <= 0
        emit("goto_if_not", "iL", [3, 17]);                         // 12
        emit("int_return", "i", [2]);                               // 15
        emit("int_add", "ii>i", [2, 1, 2]);                         // 17: acc += n
        emit("int_sub", "ii>i", [1, 0, 1]);                         // 21: n -= step
        emit("can_enter_jit", "dIRF", [0, 3, 0, 1, 2, 0, 0]);        // 25
        emit("goto", "L", [0]);                                     // 33
    }, printableLocation);

    private static JitEngine Install(string settings, JitProgram? program = null, JitLog? log = null)
    {
        var parameters = new JitParameters();
        parameters.Apply(settings);
        program ??= SumProgram();
        var engine = new JitEngine(parameters, () => program, new CilJitBackend(), log);
        _state = new JitDriverState(0, 3, 0, 0);
        JitDriverState.Engine = engine;
        return engine;
    }

    [TearDown]
    public void Uninstall() => JitDriverState.Engine = null;

    [Test]
    public void A_hot_loop_is_traced_run_compiled_and_left_through_its_guard_with_the_right_result()
    {
        var engine = Install("threshold=5");
        long result = Portal(1, 1000);
        Assert.That(result, Is.EqualTo(500500));
        Assert.That(engine.Loops, Is.EqualTo(1));
        Assert.That(engine.GuardFailures, Is.EqualTo(1), "the loop runs until n <= 0, then its guard fails once");
        Assert.That(engine.Aborts, Is.Zero);
        Assert.That(engine.CompiledLoops[0].Trace.ToString(), Is.EqualTo(string.Join("\n",
            "[i0, i1]",
            "label(i0, i1, descr=Loop0)",
            "i2 = int_le(i0, 0)",
            "guard_false(i2) [i1]",
            "i3 = int_add(i1, i0)",
            "i4 = int_sub(i0, 1)",
            "label(i4, i3, descr=Loop0Peeled)",
            "i5 = int_le(i4, 0)",
            "guard_false(i5) [i3]",
            "i6 = int_add(i3, i4)",
            "i7 = int_sub(i4, 1)",
            "jump(i7, i6, descr=Loop0Peeled)",
            "")), "the loop, optimized: the first iteration peeled off as its preamble");
    }

    [Test]
    public void The_loop_of_one_green_key_is_reused_and_another_key_gets_its_own()
    {
        var engine = Install("threshold=3");
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        Assert.That(Portal(1, 200), Is.EqualTo(20100));
        Assert.That(engine.Loops, Is.EqualTo(1));
        Assert.That(Portal(2, 200), Is.EqualTo(10100));
        Assert.That(engine.Loops, Is.EqualTo(2));
    }

    [Test]
    public void A_trace_that_grows_past_trace_limit_is_aborted_and_the_program_still_computes_the_same()
    {
        var engine = Install("threshold=3,trace_limit=1");
        Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        Assert.That(engine.Loops, Is.Zero);
        Assert.That(engine.Aborts, Is.GreaterThan(0));
    }

    [Test]
    public void A_guard_failing_inside_the_loop_blackholes_to_the_merge_point_and_the_loop_is_entered_again()
    {
        var engine = Install("threshold=3,trace_eagerness=100000", BranchyProgram());
        long expected = 0;
        for (long n = 1001; n > 0; n--)
            expected += (n & 1) != 0 ? n : -1;
        Assert.That(BranchyPortal(1, 1001), Is.EqualTo(expected));
        Assert.That(engine.Loops, Is.EqualTo(1));
        Assert.That(engine.GuardFailures, Is.GreaterThan(400), "every other iteration takes the branch the trace did not");
    }

    [Test]
    public void A_guard_that_keeps_failing_gets_a_bridge_back_into_its_loop()
    {
        var engine = Install("threshold=3,trace_eagerness=5", BranchyProgram());
        long expected = 0;
        for (long n = 1001; n > 0; n--)
            expected += (n & 1) != 0 ? n : -1;
        Assert.That(BranchyPortal(1, 1001), Is.EqualTo(expected));
        Assert.That(engine.Loops, Is.EqualTo(1));
        Assert.That(engine.Bridges, Is.InRange(1, 2), "the guard of the peeled loop and its copy in the preamble may each get one");
        Assert.That(engine.GuardFailures, Is.LessThan(20), "once the bridges are in, the loop's only exit is its end");
        Assert.That(engine.Backend.Stats.BridgesAttached, Is.EqualTo(engine.Bridges));
    }

    [Test]
    public void A_green_computed_from_a_red_is_guarded_to_its_value_at_the_merge_point()
    {
        // without the guard the loop traced with step 1 would go on subtracting 1 where the interpreter subtracts 2
        var engine = Install("threshold=3,trace_eagerness=100000", GreenFromRedProgram());
        long expected = 0;
        for (long n = 1000, step = 1; n > 0; step = (n & 7) != 0 ? 1 : 2)
        {
            expected += n;
            n -= step;
        }
        Assert.That(GreenFromRedPortal(1, 1000), Is.EqualTo(expected));
        Assert.That(engine.Loops, Is.GreaterThan(0));
        Assert.That(engine.CompiledLoops[0].Trace.ToString(), Does.Contain("guard_value("));
        Assert.That(engine.GuardFailures, Is.GreaterThan(50), "the guard fails each time n reaches a multiple of 8");
    }

    [Test]
    public void A_guard_whose_path_returns_from_the_portal_gets_a_bridge_ending_in_finish()
    {
        var engine = Install("threshold=3,trace_eagerness=2");
        for (int call = 0; call < 6; call++)
            Assert.That(Portal(1, 100), Is.EqualTo(5050));
        Assert.That(engine.Aborts, Is.Zero, "the bridge returning from the portal is not aborted");
        Assert.That(engine.Bridges, Is.EqualTo(1));
        Assert.That(engine.GuardFailures, Is.EqualTo(2), "after the bridge, calls return through it without a guard failure");
        Assert.That(engine.Backend.Stats.BridgesAttached, Is.EqualTo(1),
            "a bridge that leaves its loop is compiled into the loop's method too: its guard's failure becomes a branch");
    }

    [Test]
    public void A_function_called_function_threshold_times_is_traced_from_its_start_and_returns_through_finish()
    {
        var engine = Install("function_threshold=3", StraightProgram());
        for (long n = 0; n < 10; n++)
            Assert.That(StraightPortal(2, n), Is.EqualTo(2 * n + 1));
        Assert.That(engine.Loops, Is.EqualTo(1));
        Assert.That(engine.CompiledLoops[0].Trace.ToString(), Does.Contain("finish("));
        Assert.That(StraightPortal(3, 5), Is.EqualTo(16), "other greens are counted on their own");
        Assert.That(engine.Loops, Is.EqualTo(1));
    }

    [Test]
    public void With_the_jit_off_nothing_is_traced()
    {
        var engine = Install("off");
        Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        Assert.That(engine.Loops, Is.Zero);
    }

    /// <summary>The driver's get_printable_location for the sum portal: what <see cref="_printable"/> makes of the
    /// green, counting its calls.</summary>
    public static string? PrintableLocation(long step)
    {
        _printableCalls++;
        return _printable(step);
    }

    private static Func<long, string?> _printable = step => "sum by " + step;

    private static int _printableCalls;

    /// <summary>Sums 1000 down to 0 (by 1) with a driver whose get_printable_location is <paramref name="printable"/>,
    /// logging <paramref name="categories"/>; returns the log.</summary>
    private static string SumLogged(Func<long, string?> printable, JitLogCategory categories)
    {
        _printable = printable;
        _printableCalls = 0;
        var output = new StringWriter();
        using (var log = new JitLog(categories, output))
        {
            Install("threshold=5", SumProgram(typeof(JitEngineTests).GetMethod(nameof(PrintableLocation))), log);
            Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        }
        return output.ToString();
    }

    [Test]
    public void Get_printable_location_names_the_loop_in_the_log_and_runs_only_when_the_log_wants_locations()
    {
        SumLogged(step => "sum by " + step, JitLogCategory.Summary | JitLogCategory.Backend);
        Assert.That(_printableCalls, Is.Zero, "the program's code ran for a log that shows no locations");
        string log = SumLogged(step => "sum by " + step, JitLogCategory.Tracing);
        Assert.That(_printableCalls, Is.GreaterThan(0));
        Assert.That(log, Does.Contain("loop-traced: key=\"sum by 1\""));
    }

    [TestCase("throws")]
    [TestCase("raises")]
    [TestCase("returns None")]
    public void A_get_printable_location_that_fails_leaves_the_plain_greens_in_the_log_and_no_exception_pending(string failure)
    {
        Func<long, string?> printable = failure switch
        {
            "throws" => _ => throw new InvalidOperationException("a bug in the program's hook"),
            "raises" => _ => Pending.Raise<string?>(new PyValueError("no name")),
            _ => _ => null,
        };
        string log = SumLogged(printable, JitLogCategory.Tracing);
        Assert.That(_printableCalls, Is.GreaterThan(0));
        Assert.That(log, Does.Contain("loop-traced: key=\"step=1\" "));
        Assert.That(Pending.Exception, Is.Null);
    }

    [Test]
    public void Set_param_threshold_is_used_by_the_drivers_next_decisions_and_not_by_the_programs_parameters()
    {
        var engine = Install("threshold=100000");
        Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        Assert.That(engine.Loops, Is.Zero);
        engine.SetParam(0, "threshold", 3L);
        Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        Assert.That(engine.Loops, Is.EqualTo(1), "the key counted under the old threshold is traced under the new one");
        Assert.That((engine.ParametersOf(0).Threshold, engine.Parameters.Threshold), Is.EqualTo((3, 100000)));
    }

    [Test]
    public void Set_param_off_stops_counting_tracing_and_running_compiled_code()
    {
        var engine = Install("threshold=3");
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        Assert.That(engine.Loops, Is.EqualTo(1));
        engine.SetParam(0, "off", null);
        long failures = engine.GuardFailures;
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        Assert.That(Portal(2, 100), Is.EqualTo(2550));
        Assert.That((engine.Loops, engine.GuardFailures), Is.EqualTo((1, failures)), "the JIT ran after off");
    }

    [Test]
    public void A_threshold_set_after_off_turns_the_jit_back_on_with_its_compiled_loops()
    {
        var engine = Install("threshold=3");
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        engine.SetParam(0, "off", null);
        long failures = engine.GuardFailures;
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        Assert.That(engine.GuardFailures, Is.EqualTo(failures), "compiled code ran while off");
        engine.SetParam(0, "threshold", 3L);
        Assert.That(Portal(1, 100), Is.EqualTo(5050));
        // the compiled loop runs again: it leaves by its exit guard
        Assert.That((engine.Loops, engine.GuardFailures > failures), Is.EqualTo((1, true)));
    }

    [Test]
    public void Set_param_enable_opts_changes_the_passes_of_the_next_trace()
    {
        var engine = Install("threshold=3");
        engine.SetParam(0, "enable_opts", "intbounds:rewrite");
        Assert.That(Portal(1, 1000), Is.EqualTo(500500));
        Assert.That(engine.CompiledLoops[0].Trace.ToString(), Does.Not.Contain("Peeled"), "unroll (peeling) is not among the passes");
    }

    [Test]
    public void A_bad_set_param_throws_and_leaves_the_parameter_as_it_was()
    {
        var engine = Install("threshold=7");
        Assert.That(() => engine.SetParam(0, "threshold", -2L), Throws.TypeOf<JitParameterException>().With.Message.Contains("'threshold'"));
        Assert.That(() => engine.SetParam(0, "enable_opts", "unroll:fast"), Throws.TypeOf<JitParameterException>().With.Message.Contains("'fast'"));
        Assert.That((engine.ParametersOf(0).Threshold, engine.ParametersOf(0).EnableOpts), Is.EqualTo((7, "all")));
    }

    [Test]
    public void Without_an_engine_set_param_only_checks_the_setting()
    {
        JitDriverState.Engine = null;
        Assert.DoesNotThrow(() => JitInstall.SetParam(0, "threshold", 3L));
        Assert.That(() => JitInstall.SetParam(0, "treshold", 3L), Throws.TypeOf<JitParameterException>().With.Message.Contains("'treshold'"));
    }
}
