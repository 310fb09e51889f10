// `clrpy log summary FILE`: reads a JIT log (CLRPYLOG=...:FILE) and says what the JIT did and where the time
// went: loops, bridges, aborts by reason, guard failures (top guards), time per phase. `clrpy log` alone prints usage.
using System.CommandLine;
using System.Globalization;
using ClrPy.Runtime.Jit.Logging;

namespace ClrPy.Tools.Commands;

public static class LogCommand
{
    /// <summary>How many of the most failing guards the summary lists.</summary>
    public const int TopGuardCount = 10;

    private const string Usage = "usage: clrpy log summary FILE   (FILE written with CLRPYLOG=jit-summary:FILE or *:FILE)";

    private static readonly (string Phase, string Label)[] PhaseLabels =
    [
        ("tracing", "tracing"),
        ("optimizing", "optimizing"),
        ("compiling", "compiling"),
        ("blackholing", "blackholing"),
        ("running", "running compiled code"),
    ];

    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "A JIT log written with CLRPYLOG." };
        var summary = new Command("summary", "Count loops, bridges, aborts and guard failures, and show the time per JIT phase.") { file };
        summary.SetAction(result => Summarize(context, result.GetValue(file)!));
        var unknown = new Argument<string[]>("subcommand") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        var command = new Command("log", "Read JIT logs (CLRPYLOG=jit-tracing,jit-optimize,jit-backend,jit-summary:FILE).") { summary, unknown };
        command.SetAction(result =>
        {
            if (result.GetValue(unknown) is [var name, ..])
                context.Error.WriteLine($"clrpy: error: unknown log subcommand '{name}'");
            context.Error.WriteLine(Usage);
            return Cli.UserError;
        });
        return command;
    }

    private static int Summarize(CommandContext context, string path)
    {
        JitLogSummary summary;
        try
        {
            using var reader = new StreamReader(path);
            summary = JitLogReader.Read(reader);
        }
        catch (JitLogFormatException error)
        {
            context.Error.WriteLine($"{path}:{error.Line}: error: {error.Message}");
            return Cli.UserError;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            context.Error.WriteLine($"{path}: error: no such file");
            return Cli.UserError;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{path}: error: cannot read: {error.Message}");
            return Cli.UserError;
        }
        Print(context.Out, summary);
        return Cli.Success;
    }

    private static void Print(TextWriter output, JitLogSummary summary)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"loops:          {summary.Loops} ({summary.LoopsTraced} traced)"));
        output.WriteLine(string.Create(invariant, $"bridges:        {summary.Bridges}"));
        if (summary.PiecesOptimized > 0)
            output.WriteLine(string.Create(invariant, $"pieces optimized: {summary.PiecesOptimized}"));
        if (summary.BridgesMerged > 0)
            output.WriteLine(string.Create(invariant, $"bridges merged into their loops' methods: {summary.BridgesMerged}"));
        if (summary.VersionsMerged > 0)
            output.WriteLine(string.Create(invariant, $"versions merged: {summary.VersionsMerged}"));
        if (summary.LoopGroups > 0)
            output.WriteLine(string.Create(invariant, $"loop groups:    {summary.LoopGroups}"));
        if (summary.FramelessEntries > 0)
            output.WriteLine(string.Create(invariant, $"frameless entries: {summary.FramelessEntries}"));
        output.WriteLine(string.Create(invariant, $"aborts:         {summary.Aborts}"));
        var reasons = new List<string>(summary.AbortsByReason.Keys);
        reasons.Sort((a, b) => summary.AbortsByReason[b] != summary.AbortsByReason[a]
            ? summary.AbortsByReason[b].CompareTo(summary.AbortsByReason[a]) : string.CompareOrdinal(a, b));
        foreach (string reason in reasons)
            output.WriteLine(string.Create(invariant, $"  {reason,-22} {summary.AbortsByReason[reason]}"));
        output.WriteLine(string.Create(invariant, $"guard failures: {summary.GuardFailures} ({summary.Guards.Count} guards)"));
        foreach (var guard in summary.TopGuards(TopGuardCount))
            output.WriteLine(string.Create(invariant, $"  {"Guard" + guard.GuardId + " in " + guard.LoopName,-22} {guard.Failures}"));
        if (summary.Guards.Count > TopGuardCount)
            output.WriteLine(string.Create(invariant, $"  ... and {summary.Guards.Count - TopGuardCount} more guards"));
        output.WriteLine(string.Create(invariant, $"blackhole runs: {summary.BlackholeRuns}"));
        output.WriteLine(string.Create(invariant, $"portal resumes: {summary.PortalResumes}"));
        output.WriteLine(string.Create(invariant, $"compiled code entered: {summary.Entries}, passed between loops: {summary.Transfers}"));
        if (summary.Microseconds is null)
        {
            output.WriteLine("time:           not in this log (it has no jit-summary section; counts are from the jit-* sections present)");
            return;
        }
        long total = summary.TotalMicroseconds;
        long jit = 0;
        output.WriteLine("time:");
        foreach (var (phase, label) in PhaseLabels)
        {
            long micros = summary.Microseconds[phase];
            jit += micros;
            output.WriteLine(TimeLine(label, micros, total));
        }
        output.WriteLine(TimeLine("other (interpreter)", Math.Max(0, total - jit), total));
        output.WriteLine(TimeLine("total", total, total));
    }

    private static string TimeLine(string label, long micros, long total)
    {
        double percent = total > 0 ? 100.0 * micros / total : 0;
        return string.Create(CultureInfo.InvariantCulture, $"  {label,-22} {micros / 1000.0,12:F3} ms {percent,6:F1}%");
    }
}
