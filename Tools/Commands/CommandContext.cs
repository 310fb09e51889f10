// What every subcommand shares: the output writers, diagnostic printing and loading a source file
// into an AST with all user errors (missing file, binary file, empty file, syntax error) reported.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;

namespace ClrPy.Tools.Commands;

public sealed class CommandContext(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    private bool UseColor => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected &&
        Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Report(Diagnostic diagnostic) => Error.Write(DiagnosticFormatter.Format(diagnostic, UseColor));

    /// <summary>Loads and parses a program file; null (after reporting) on any user error.</summary>
    public Module? LoadModule(string path)
    {
        var (source, loadError) = SourceLoader.Load(path);
        if (loadError is not null)
        {
            Report(loadError);
            return null;
        }
        if (IsBlank(source!.Text))
        {
            Report(Diagnostic.ErrorInFile("CPL005", path, "file is empty"));
            return null;
        }
        var result = PythonParser.Parse(source);
        foreach (var diagnostic in result.Diagnostics)
            Report(diagnostic);
        return result.Succeeded ? result.Module : null;
    }

    /// <summary>True for text with nothing but whitespace and comments.</summary>
    private static bool IsBlank(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length > 0 && line[0] != '#')
                return false;
        }
        return true;
    }
}
