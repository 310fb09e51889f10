// JIT parameters (set_param, CLRPY_JIT) and per-green-key warm-up counting.
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Warmup;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Runtime.Jit.Warmup;

public sealed class JitParametersTests
{
    [Test]
    public void The_defaults_are_those_of_the_python_package()
    {
        var result = Processes.Python(["-c",
            "from clrpy import jit; print(' '.join('%s=%s' % kv for kv in sorted(jit._PARAMETERS.items()) if isinstance(kv[1], int)))"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var onCpython = result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(JitParameters.IntDefaults.Select(pair => $"{pair.Key}={pair.Value}"), Is.EquivalentTo(onCpython));
    }

    [Test]
    public void Clrpy_jit_settings_are_applied_in_order()
    {
        var parameters = new JitParameters();
        parameters.Apply("threshold=200, trace_limit=3000,enable_opts=intbounds:virtualize");
        Assert.That((parameters.Threshold, parameters.TraceLimit, parameters.EnableOpts, parameters.Enabled),
            Is.EqualTo((200, 3000, "intbounds:virtualize", true)));
        parameters.Apply("off");
        Assert.That(parameters.Enabled, Is.False);
    }

    [TestCase("thresold=5", "unknown JIT parameter 'thresold'")]
    [TestCase("threshold=many", "'threshold' needs an integer, not 'many'")]
    [TestCase("threshold=-1", "must be between 0")]
    [TestCase("fast", "'fast' is not name=value or off")]
    public void Bad_settings_are_reported_by_name(string settings, string message)
    {
        var error = Assert.Throws<JitParameterException>(() => new JitParameters().Apply(settings));
        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void Set_param_checks_the_value_type()
    {
        var parameters = new JitParameters();
        parameters.Set("trace_eagerness", 7L);
        Assert.That(parameters.TraceEagerness, Is.EqualTo(7));
        Assert.That(() => parameters.Set("trace_eagerness", "7"), Throws.TypeOf<JitParameterException>().With.Message.Contains("takes an int"));
        Assert.That(() => parameters.Set("enable_opts", 3L), Throws.TypeOf<JitParameterException>().With.Message.Contains("takes a str"));
    }

    [Test]
    public void Enable_opts_takes_the_pass_names_and_pypys_names_for_its_optimizations()
    {
        Assert.That(JitParameters.PassesOf("all"), Is.EqualTo(OptimizerPasses.All));
        Assert.That(JitParameters.PassesOf(""), Is.EqualTo(OptimizerPasses.None));
        Assert.That(JitParameters.PassesOf("Heap:peeling"), Is.EqualTo(OptimizerPasses.Heap | OptimizerPasses.Peeling));
        Assert.That(JitParameters.PassesOf("intbounds:unroll"), Is.EqualTo(OptimizerPasses.Bounds | OptimizerPasses.Peeling));
        Assert.That(JitParameters.PassesOf("intbounds:rewrite:virtualize:string:earlyforce:pure:heap:unroll"),
            Is.EqualTo(OptimizerPasses.All & ~OptimizerPasses.DeadStores), "PyPy's complete list: all but dead stores, which PyPy's heap does");
        Assert.That(() => JitParameters.PassesOf("heap:1"), Throws.TypeOf<JitParameterException>().With.Message.Contains("unknown optimization '1'"));
    }

    [Test]
    public void A_bad_enable_opts_is_refused_and_leaves_the_setting_as_it_was()
    {
        var parameters = new JitParameters();
        parameters.Set("enable_opts", "heap");
        Assert.That(() => parameters.Set("enable_opts", "heap:fast"), Throws.TypeOf<JitParameterException>().With.Message.Contains("'fast'"));
        Assert.That((parameters.EnableOpts, parameters.Passes), Is.EqualTo(("heap", OptimizerPasses.Heap)));
    }

    [Test]
    public void The_optimization_names_are_those_the_python_package_accepts()
    {
        var result = Processes.Python(["-c", "from clrpy import jit; print(' '.join(sorted(jit._OPTIMIZATIONS)))"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var onCpython = result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(JitParameters.OptimizationNames, Is.EquivalentTo(onCpython));
    }

    [Test]
    public void A_copy_is_changed_apart_from_the_parameters_it_was_made_from()
    {
        var program = new JitParameters();
        program.Apply("threshold=50,enable_opts=heap");
        var driver = program.Copy();
        driver.Set("threshold", 9L);
        driver.Set("off", null);
        Assert.That((program.Threshold, program.Enabled, driver.Threshold, driver.Enabled, driver.Passes),
            Is.EqualTo((50, true, 9, false, OptimizerPasses.Heap)));
    }
}

public sealed class WarmupCountersTests
{
    private static int TicksUntilTraced(WarmupCounters<string> counters, string key, int limit = 100_000)
    {
        for (int i = 1; i <= limit; i++)
        {
            if (counters.Tick(key))
                return i;
        }
        return -1;
    }

    [Test]
    public void A_key_is_traced_when_its_count_reaches_the_threshold_and_keys_count_apart()
    {
        var parameters = new JitParameters();
        parameters.Set("threshold", 10L);
        var counters = new WarmupCounters<string>(parameters);
        for (int i = 0; i < 9; i++)
            Assert.That(counters.Tick("a"), Is.False);
        Assert.That(counters.Tick("b"), Is.False);
        Assert.That(counters.Tick("a"), Is.True);
        Assert.That(TicksUntilTraced(counters, "b"), Is.EqualTo(9));
    }

    [Test]
    public void A_threshold_changed_while_a_key_counts_is_used_at_its_next_tick()
    {
        var parameters = new JitParameters();
        parameters.Set("threshold", 1000L);
        var counters = new WarmupCounters<string>(parameters);
        Assert.That(TicksUntilTraced(counters, "a", limit: 10), Is.EqualTo(-1));
        parameters.Set("threshold", 12L);
        Assert.That(TicksUntilTraced(counters, "a"), Is.EqualTo(2), "ten ticks were counted already");
        parameters.Set("off", null);
        Assert.That(TicksUntilTraced(counters, "b"), Is.EqualTo(-1));
    }

    [Test]
    public void Aborts_slow_a_key_down_and_enough_of_them_blacklist_it()
    {
        var parameters = new JitParameters();
        parameters.Set("threshold", 10L);
        var counters = new WarmupCounters<string>(parameters);
        Assert.That(TicksUntilTraced(counters, "loop"), Is.EqualTo(10));
        counters.Aborted("loop");
        Assert.That(TicksUntilTraced(counters, "loop"), Is.EqualTo(20));
        counters.Aborted("loop");
        Assert.That(TicksUntilTraced(counters, "loop"), Is.EqualTo(40));
        counters.Aborted("loop");
        counters.Aborted("loop");
        Assert.That(counters.StateOf("loop"), Is.EqualTo(WarmupState.Blacklisted));
        Assert.That(TicksUntilTraced(counters, "loop"), Is.EqualTo(-1));
    }

    [Test]
    public void A_traced_key_stops_counting_until_its_loop_is_forgotten_and_off_disables_counting()
    {
        var parameters = new JitParameters();
        parameters.Set("threshold", 3L);
        var counters = new WarmupCounters<string>(parameters);
        Assert.That(TicksUntilTraced(counters, "k"), Is.EqualTo(3));
        counters.Traced("k");
        Assert.That(TicksUntilTraced(counters, "k", 50), Is.EqualTo(-1));
        counters.Forget("k");
        Assert.That(TicksUntilTraced(counters, "k"), Is.EqualTo(3));
        parameters.Set("off", null);
        Assert.That(TicksUntilTraced(counters, "other", 50), Is.EqualTo(-1));
        parameters.Set("function_threshold", 7L);
        Assert.That((parameters.Enabled, TicksUntilTraced(counters, "other")), Is.EqualTo((true, 3)), "a threshold set after off turns counting on");
    }
}
