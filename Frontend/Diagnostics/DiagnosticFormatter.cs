// Renders diagnostics for people: the `file:LINE:COL: error: message` headline, the source line,
// a caret (with `~` under the rest of a one-line span) and the notes. Used by every clrpy command.
using System.Text;
using ClrPy.Frontend.Text;

namespace ClrPy.Frontend.Diagnostics;

public static class DiagnosticFormatter
{
    private const string Indent = "    ";

    /// <summary>Formats a diagnostic; <paramref name="color"/> adds ANSI colors (for terminals).</summary>
    public static string Format(Diagnostic diagnostic, bool color = false)
    {
        var output = new StringBuilder();
        string severity = diagnostic.Severity.ToString().ToLowerInvariant();
        string location = diagnostic.Span is { } span ? $"{span.File}:{span.Line}:{span.Column}: "
            : diagnostic.File is { } file ? file + ": " : "";
        string label = color ? (diagnostic.Severity == DiagnosticSeverity.Error ? "\e[1;31m" : "\e[1;35m") + severity + ":\e[0m" : severity + ":";
        output.Append(color ? "\e[1m" + location + "\e[0m" : location).Append(label).Append(' ').Append(diagnostic.Message).Append('\n');
        if (diagnostic.Span is { } primary)
            AppendSourceLine(output, primary, color);
        foreach (var note in diagnostic.Notes)
        {
            string noteLocation = note.Span is { } noteSpan ? $"{noteSpan.File}:{noteSpan.Line}:{noteSpan.Column}: " : "";
            output.Append(noteLocation).Append(color ? "\e[1;36mnote:\e[0m " : "note: ").Append(note.Message).Append('\n');
            if (note.Span is { } at)
                AppendSourceLine(output, at, color);
        }
        return output.ToString();
    }

    private static void AppendSourceLine(StringBuilder output, SourceSpan span, bool color)
    {
        string line = span.Source.GetLineText(span.Line);
        output.Append(Indent).Append(line).Append('\n');
        var caret = new StringBuilder(Indent);
        int column = Math.Min(span.Column - 1, line.Length);
        for (int i = 0; i < column; i++)
            caret.Append(line[i] == '\t' ? '\t' : ' ');
        int width = span.EndLine == span.Line ? Math.Max(1, Math.Min(span.End - span.Start, line.Length - column)) : 1;
        string marks = "^" + new string('~', width - 1);
        caret.Append(color ? "\e[1;32m" + marks + "\e[0m" : marks);
        output.Append(caret).Append('\n');
    }
}
