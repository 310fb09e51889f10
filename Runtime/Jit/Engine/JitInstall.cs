// Where a translated program hands its JIT data to the runtime: the code the CIL backend emits calls
// Install once before main with a loader for its JitProgram (read lazily, when a driver first gets hot)
// and the exchange areas of its drivers, and SetParam for each set_param it runs. The engine reads them from here.
using ClrPy.Runtime.Jit.Codes;

namespace ClrPy.Runtime.Jit.Engine;

public static class JitInstall
{
    private static Func<JitProgram>? _loader;
    private static JitProgram? _program;

    /// <summary>The drivers of the running program, by JitDriverDescriptor.Index.</summary>
    public static JitDriverState[] Drivers { get; private set; } = [];

    /// <summary>Makes the engine that <see cref="JitDriverState.Engine"/> gets; null leaves the JIT out.</summary>
    public static Func<IJitEngine?>? EngineFactory { get; set; }

    public static void Install(Func<JitProgram> loader, JitDriverState[] drivers)
    {
        _loader = loader;
        _program = null;
        Drivers = drivers;
        JitDriverState.Engine = EngineFactory is { } factory ? factory() : DefaultEngine();
    }

    /// <summary>The engine with the parameters of CLRPY_JIT; none when it says off. A bad setting ends the program
    /// with a message, before main runs.</summary>
    private static IJitEngine? DefaultEngine()
    {
        try
        {
            var parameters = Warmup.JitParameters.FromEnvironment();
            return parameters.Enabled ? new JitEngine(parameters, () => Program, Backend()) : null;
        }
        catch (Warmup.JitParameterException error)
        {
            Console.Error.WriteLine("error: " + error.Message);
            Environment.Exit(1);
            return null;
        }
    }

    /// <summary>
    /// set_param(driver, name, value) as translated code runs it: <paramref name="driver"/> is the driver's index
    /// (JitDriverDescriptor.Index; -1 for a driver without a merge point), <paramref name="value"/> a long, a str
    /// (enable_opts) or null ("off" takes any value). The setting is the driver's own: it takes effect at the
    /// driver's next warm-up decision. Without an engine (CLRPY_JIT=off) the setting is only checked: the JIT stays
    /// off. A bad name or value throws JitParameterException, which ProgramHost reports as it reports a bad
    /// CLRPY_JIT (a message, exit code 1), at the point where CPython's set_param raises.
    /// </summary>
    public static void SetParam(int driver, string name, object? value)
    {
        if (JitDriverState.Engine is { } engine)
            engine.SetParam(driver, name, value);
        else
            Warmup.JitParameters.Check(name, value);
    }

    /// <summary>The backend of the managed build, next to the program (the translator copies its assembly there);
    /// found by name, because the runtime cannot depend on a backend project.</summary>
    public const string CilBackendType = "ClrPy.Backends.Cil.Jit.CilJitBackend, ClrPy.Backends.Cil";

    private static Backend.IJitBackend Backend()
    {
        var type = Type.GetType(CilBackendType)
            ?? throw new InvalidOperationException($"the JIT backend {CilBackendType} is missing beside the program");
        return (Backend.IJitBackend)Activator.CreateInstance(type)!;
    }

    /// <summary>The program's jitcodes, read on first use.</summary>
    public static JitProgram Program => _program ??= (_loader ?? throw new InvalidOperationException("no JIT program installed"))();
}
