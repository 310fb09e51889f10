// `clrpy translate --backend=cil FILE [-o DIR] [--run -- ARGS]`: the phases (parse, annotate, lower,
// emit) with progress on a terminal, a summary on stderr, and with --run the translated program run as
// `dotnet DIR/NAME.dll ARGS`, its exit code becoming ours. Called by TranslateCommand.
using System.Diagnostics;
using ClrPy.Backends.Cil.Aot;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator;

namespace ClrPy.Tools.Commands;

public static class CilTranslation
{
    public static int Run(CommandContext context, string file, string? output, bool run, string[] programArgs)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        string directory = output ?? name + "-cil";
        bool terminal = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        var times = new List<(string Phase, TimeSpan Time)>();
        var clock = Stopwatch.StartNew();
        void Phase(string phase)
        {
            times.Add((phase, clock.Elapsed));
            clock.Restart();
        }
        void Starting(string phase)
        {
            if (terminal)
                context.Error.Write($"\r\u001b[Kclrpy: {phase}...");
        }
        Starting("parse");
        var module = context.LoadModule(file);
        if (module is null)
            return Cli.UserError;
        Phase("parse");
        AssemblyStatistics statistics;
        try
        {
            Starting("annotate");
            var pipeline = Pipeline.Load(module);
            pipeline.Annotate();
            Phase("annotate");
            Starting("lower");
            var typed = pipeline.Lower();
            Phase("lower");
            Starting("emit");
            statistics = AssemblyTranslator.Translate(typed, directory, name);
            Phase("emit");
        }
        catch (DiagnosticException error)
        {
            if (terminal)
                context.Error.Write("\r\u001b[K");
            context.Report(error.Diagnostic);
            return Cli.UserError;
        }
        catch (NotSupportedException unsupported)
        {
            if (terminal)
                context.Error.Write("\r\u001b[K");
            context.Error.WriteLine($"{file}: error: the CIL backend does not support this program yet: {unsupported.Message}");
            return Cli.UserError;
        }
        catch (IlValidationException invalid)
        {
            if (terminal)
                context.Error.Write("\r\u001b[K");
            context.Error.WriteLine($"clrpy: internal error: {invalid.Message}");
            return Cli.InternalError;
        }
        if (terminal)
            context.Error.Write("\r\u001b[K");
        context.Error.WriteLine($"clrpy: wrote {Path.Combine(directory, name + ".dll")}: {statistics.Functions} functions, {statistics.Classes} classes, "
            + $"{statistics.Blocks} blocks, {statistics.Operations} operations, {statistics.IlInstructions} IL instructions");
        context.Error.WriteLine("clrpy: " + string.Join(", ", times.Select(t => $"{t.Phase} {t.Time.TotalMilliseconds:F0} ms")));
        return run ? RunAssembly(Path.Combine(directory, name + ".dll"), programArgs) : Cli.Success;
    }

    private static int RunAssembly(string assembly, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The dotnet host: the one running us when we run under it, else the one on PATH.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
