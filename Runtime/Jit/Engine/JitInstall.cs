// Where a translated program hands its JIT data to the runtime: the code the CIL backend emits calls
// Install once before main with a loader for its JitProgram (read lazily, when a driver first gets hot)
// and the exchange areas of its drivers. The engine reads them from here.
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
