// The JIT's tunables, with PyPy's names and defaults (the same table as lib/python/clrpy/jit.py): set for
// the whole program by the environment variable CLRPY_JIT=name=value,...,off (e.g. CLRPY_JIT=threshold=200,
// trace_limit=3000 or CLRPY_JIT=off), then per driver by set_param(driver, name, value) while the program runs
// (JitEngine keeps a copy per driver). The warm-up counters and the engine read them at each decision.
using System.Globalization;
using ClrPy.Runtime.Jit.Optimize;

namespace ClrPy.Runtime.Jit.Warmup;

/// <summary>A bad parameter name or value (from set_param or CLRPY_JIT), with a message for the user.</summary>
public sealed class JitParameterException(string message) : Exception(message);

public sealed class JitParameters
{
    /// <summary>Every integer parameter with its default.</summary>
    public static readonly IReadOnlyDictionary<string, int> IntDefaults = new Dictionary<string, int>
    {
        ["threshold"] = 1039,
        ["function_threshold"] = 1619,
        ["trace_eagerness"] = 200,
        ["trace_limit"] = 6000,
        ["decay"] = 40,
        ["loop_longevity"] = 1000,
        ["retrace_limit"] = 5,
        ["max_retrace_guards"] = 15,
        ["max_unroll_loops"] = 0,
    };

    private readonly Dictionary<string, int> _values = new(IntDefaults);

    /// <summary>Optimizations to run: "all" or names separated by ':' (see <see cref="PassesOf"/>).</summary>
    public string EnableOpts { get; private set; } = "all";

    /// <summary>The optimizer passes <see cref="EnableOpts"/> names.</summary>
    public OptimizerPasses Passes { get; private set; } = OptimizerPasses.All;

    /// <summary>False after "off" (until a threshold is set again): no counting, no tracing, no compiled code run.</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>Loop iterations (can_enter_jit) before a green key is traced.</summary>
    public int Threshold => _values["threshold"];

    /// <summary>Calls of a function before it is traced from its start (after a trace_limit abort).</summary>
    public int FunctionThreshold => _values["function_threshold"];

    /// <summary>Failures of a guard before it gets a bridge.</summary>
    public int TraceEagerness => _values["trace_eagerness"];

    /// <summary>Operations a trace may record before it is aborted.</summary>
    public int TraceLimit => _values["trace_limit"];

    public int this[string name] => _values.TryGetValue(name, out int value) ? value
        : throw new JitParameterException($"unknown JIT parameter '{name}'; known: {Known()}");

    /// <summary>set_param(driver, name, value): an int parameter, "enable_opts" (a str), or "off".</summary>
    public void Set(string name, object? value)
    {
        switch (name, value)
        {
            case ("off", _):
                Enabled = false;
                return;
            case ("enable_opts", string opts):
                Passes = PassesOf(opts);
                EnableOpts = opts;
                return;
            case ("enable_opts", _):
                throw new JitParameterException("JIT parameter 'enable_opts' takes a str");
            case (_, long or int) when _values.ContainsKey(name):
                long number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (number < 0 || number > int.MaxValue)
                    throw new JitParameterException($"JIT parameter '{name}' must be between 0 and {int.MaxValue}, not {number}");
                _values[name] = (int)number;
                // as in PyPy, where "off" sets the thresholds to -1: a threshold set later turns the JIT back on
                if (name is "threshold" or "function_threshold")
                    Enabled = true;
                return;
            case (_, _) when _values.ContainsKey(name):
                throw new JitParameterException($"JIT parameter '{name}' takes an int");
            default:
                throw new JitParameterException($"unknown JIT parameter '{name}'; known: {Known()}");
        }
    }

    /// <summary>Checks a set_param setting without keeping it (where no JIT will use it); throws as Set does.</summary>
    public static void Check(string name, object? value) => new JitParameters().Set(name, value);

    /// <summary>These parameters as they are now, to be changed apart from them (a driver's own, made from the
    /// program's).</summary>
    public JitParameters Copy()
    {
        var copy = new JitParameters { EnableOpts = EnableOpts, Passes = Passes, Enabled = Enabled };
        foreach (var (name, value) in _values)
            copy._values[name] = value;
        return copy;
    }

    /// <summary>Applies CLRPY_JIT's text: comma-separated name=value settings and the word "off".</summary>
    public void Apply(string settings)
    {
        foreach (string item in settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = item.IndexOf('=');
            if (equals < 0)
            {
                if (item != "off")
                    throw new JitParameterException($"CLRPY_JIT: '{item}' is not name=value or off");
                Set("off", null);
                continue;
            }
            string name = item[..equals].Trim();
            string text = item[(equals + 1)..].Trim();
            if (name == "enable_opts")
                Set(name, text);
            else if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
                Set(name, number);
            else
                throw new JitParameterException($"CLRPY_JIT: '{name}' needs an integer, not '{text}'");
        }
    }

    /// <summary>The defaults with CLRPY_JIT applied, when it is set.</summary>
    public static JitParameters FromEnvironment(string variable = "CLRPY_JIT")
    {
        var parameters = new JitParameters();
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } settings)
            parameters.Apply(settings);
        return parameters;
    }

    /// <summary>The passes by name (any case), "all" among them.</summary>
    private static readonly Dictionary<string, OptimizerPasses> PassNames = Enum.GetValues<OptimizerPasses>()
        .Where(pass => pass != OptimizerPasses.None).ToDictionary(pass => pass.ToString().ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);

    /// <summary>PyPy's names for its optimizations, as the passes here doing that work, so that an interpreter tuned
    /// for PyPy runs unchanged. A pass's own name wins over these: "heap" is the Heap pass alone (PyPy's heap
    /// optimization also drops overwritten stores: DeadStores here), so PyPy's complete list leaves DeadStores out.</summary>
    private static readonly Dictionary<string, OptimizerPasses> PyPyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["intbounds"] = OptimizerPasses.Bounds,
        ["rewrite"] = OptimizerPasses.Fold | OptimizerPasses.Guards | OptimizerPasses.DeadCode,
        ["virtualize"] = OptimizerPasses.Virtuals | OptimizerPasses.Virtualizables,
        ["pure"] = OptimizerPasses.Cse,
        ["unroll"] = OptimizerPasses.Peeling,
        // str operations are calls of their helpers here, and nothing is forced early: nothing to switch
        ["string"] = OptimizerPasses.None,
        ["earlyforce"] = OptimizerPasses.None,
    };

    /// <summary>Every name enable_opts takes (lower case; lib/python/clrpy/jit.py checks the same).</summary>
    public static IEnumerable<string> OptimizationNames => PassNames.Keys.Concat(PyPyNames.Keys);

    /// <summary>enable_opts: "all", or names separated by ':' ("" for none): the passes (OptimizerPasses, any case),
    /// or PyPy's names for its optimizations.</summary>
    public static OptimizerPasses PassesOf(string enableOpts)
    {
        var passes = OptimizerPasses.None;
        foreach (string name in enableOpts.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (PassNames.TryGetValue(name, out var pass) || PyPyNames.TryGetValue(name, out pass))
                passes |= pass;
            else
                throw new JitParameterException($"enable_opts: unknown optimization '{name}'; known: "
                    + string.Join(", ", PassNames.Keys) + " (and PyPy's " + string.Join(", ", PyPyNames.Keys) + ")");
        }
        return passes;
    }

    private static string Known() => "off, enable_opts, " + string.Join(", ", IntDefaults.Keys.Order(StringComparer.Ordinal));
}
