// JIT parameters (set_param, CLRPY_JIT) and per-green-key warm-up counting.
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
    }
}
