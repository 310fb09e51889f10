// Locates the repository and runs external processes (python3, the differential oracle) for tests.
using System.Diagnostics;

namespace ClrPy.Tests.Support;

public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClrPy.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ClrPy.sln not found above the test directory");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

public static class Processes
{
    /// <summary>Runs a program to completion, capturing its output (with a generous timeout).</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, int timeoutMs = 120_000)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                info.Environment[key] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeoutMs} ms");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>python3 with lib/python on its path, as RPY.md prescribes.</summary>
    public static ProcessResult Python(IEnumerable<string> arguments, string? workingDirectory = null) =>
        Run("python3", arguments, workingDirectory, new Dictionary<string, string>
        {
            ["PYTHONPATH"] = Repository.PathOf("lib", "python"),
            ["PYTHONHASHSEED"] = "0",
        });
}
