// Runs Tests/support/cpython_ast_dump.py (CPython's own `ast` module) on many sources in one python3
// process, so that parser tests can compare ClrPy's AstNormalizedDump with CPython's at little cost.
using System.Diagnostics;
using System.Text.Json;

namespace ClrPy.Tests.Support;

/// <summary>CPython's verdict on one source: its normalized dump, or its syntax error (<c>LINE:COL: message</c>).</summary>
public sealed record CPythonAstResult(string? Dump, string? Error);

public static class CPythonAstDumper
{
    /// <summary>The repository's root directory (the one holding ClrPy.sln), found from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<CPythonAstResult> DumpAll(IReadOnlyList<string> sources)
    {
        string script = Path.Combine(RepositoryRoot, "Tests", "support", "cpython_ast_dump.py");
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, "--batch" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python3");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(sources));
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("cpython_ast_dump.py failed: " + stderr.Result);
        using var document = JsonDocument.Parse(stdout.Result);
        var results = new List<CPythonAstResult>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            string? dump = item.TryGetProperty("dump", out var d) ? d.GetString() : null;
            string? error = item.TryGetProperty("error", out var e) ? e.GetString() : null;
            results.Add(new CPythonAstResult(dump, error));
        }
        return results;
    }

    public static CPythonAstResult Dump(string source) => DumpAll([source])[0];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClrPy.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (ClrPy.sln) above " + AppContext.BaseDirectory);
    }
}
