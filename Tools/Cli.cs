// The `clrpy` command line: builds the System.CommandLine tree of subcommands and runs it with the
// given writers. Holds the single catch point that turns unexpected exceptions into an internal-error
// report (exit code 2). Program.Main and the CLI tests call Run.
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using ClrPy.Tools.Commands;

namespace ClrPy.Tools;

public static class Cli
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var root = new RootCommand("ClrPy: translate RPy (an RPython-like subset of Python 3) programs to .NET, PyPy-style.");
            var context = new CommandContext(stdout, stderr);
            root.Add(ParseCommand.Create(context));
            root.Add(TranslateCommand.Create(context));
            root.Add(RunCommand.Create(context));
            root.Add(LogCommand.Create(context));
            foreach (var option in root.Options)
            {
                if (option is VersionOption version)
                    version.Action = new PrintVersion(stdout);
            }
            var parsed = root.Parse(args);
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception error)
        {
            return ReportInternalError(error, args, stderr);
        }
    }

    /// <summary>The tool's own version (the default action would print the host's, e.g. under a test runner).</summary>
    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class PrintVersion(TextWriter stdout) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            stdout.WriteLine("clrpy " + Version);
            return Success;
        }
    }

    /// <summary>Reports a bug in ClrPy without a stack trace (unless CLRPY_TRACEBACK=1).</summary>
    public static int ReportInternalError(Exception error, string[] args, TextWriter stderr)
    {
        stderr.WriteLine($"clrpy: internal error: {error.GetType().FullName}: {error.Message}");
        stderr.WriteLine("This is a bug in ClrPy. Please report it with the command line (clrpy "
            + string.Join(' ', args) + ") and the input file.");
        if (Environment.GetEnvironmentVariable("CLRPY_TRACEBACK") == "1")
            stderr.WriteLine(error.ToString());
        else
            stderr.WriteLine("Set CLRPY_TRACEBACK=1 to see the stack trace.");
        return InternalError;
    }
}
