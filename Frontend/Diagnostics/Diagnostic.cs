// Diagnostics are data: a severity, a stable id, an optional span, a message and notes that say
// why (e.g. where a conflicting type came from). Produced by every compiler stage, printed by the CLI.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Note,
}

/// <summary>A secondary message attached to a diagnostic, optionally pointing at another place.</summary>
public sealed record DiagnosticNote(string Message, SourceSpan? Span = null);

/// <param name="Id">A stable identifier such as <c>CP0001</c>, for tests and documentation.</param>
/// <param name="Span">Where the problem is; null only for problems with no location (a missing file).</param>
/// <param name="File">The file the problem is about, when there is no span.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Id,
    string Message,
    SourceSpan? Span,
    ImmutableArray<DiagnosticNote> Notes,
    string? File = null)
{
    public static Diagnostic Error(string id, SourceSpan span, string message, params DiagnosticNote[] notes) =>
        new(DiagnosticSeverity.Error, id, message, span, [.. notes]);

    public static Diagnostic ErrorInFile(string id, string file, string message) =>
        new(DiagnosticSeverity.Error, id, message, null, [], file);

    /// <summary>The first line of the rendered form: <c>file.py:LINE:COL: error: message</c>.</summary>
    public string Headline
    {
        get
        {
            string severity = Severity.ToString().ToLowerInvariant();
            if (Span is { } span)
                return $"{span.File}:{span.Line}:{span.Column}: {severity}: {Message}";
            return File is null ? $"{severity}: {Message}" : $"{File}: {severity}: {Message}";
        }
    }

    public override string ToString() => Headline;
}

/// <summary>Thrown to stop a compiler stage at a user error; caught at the CLI's single catch point.</summary>
public sealed class DiagnosticException(Diagnostic diagnostic) : Exception(diagnostic.Headline)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
