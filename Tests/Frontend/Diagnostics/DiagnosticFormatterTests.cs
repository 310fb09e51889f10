// The rendered form of diagnostics: headline, source line, caret aligned under the column (tabs
// kept), `~` under the rest of a one-line span, and notes with their own locations.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend.Diagnostics;

public sealed class DiagnosticFormatterTests
{
    private static SourceSpan Span(SourceText source, string text, int occurrence = 0)
    {
        int start = -1;
        for (int i = 0; i <= occurrence; i++)
            start = source.Text.IndexOf(text, start + 1, StringComparison.Ordinal);
        return new SourceSpan(source, start, start + text.Length);
    }

    [Test]
    public void Error_shows_the_line_and_a_caret_under_the_span()
    {
        var source = new SourceText("p.py", "def f():\n    x = g(1, 2\n");
        var diagnostic = Diagnostic.Error("T1", Span(source, "g(1"), "something is wrong");
        Assert.That(DiagnosticFormatter.Format(diagnostic), Is.EqualTo(
            "p.py:2:9: error: something is wrong\n" +
            "        x = g(1, 2\n" +
            "            ^~~\n"));
    }

    [Test]
    public void Tabs_before_the_column_are_reproduced_so_the_caret_aligns()
    {
        var source = new SourceText("p.py", "if x:\n\ty = $\n");
        var diagnostic = Diagnostic.Error("T2", new SourceSpan(source, source.Text.IndexOf('$'), source.Text.IndexOf('$') + 1), "bad");
        Assert.That(DiagnosticFormatter.Format(diagnostic), Is.EqualTo("p.py:2:6: error: bad\n    \ty = $\n    \t    ^\n"));
    }

    [Test]
    public void Notes_carry_their_own_location_and_source_line()
    {
        var source = new SourceText("p.py", "x = 1\nx = 'a'");
        var diagnostic = Diagnostic.Error("T3", Span(source, "x", 1), "variable 'x' can be int or str",
            new DiagnosticNote("int comes from here", Span(source, "1")), new DiagnosticNote("a note without a place"));
        Assert.That(DiagnosticFormatter.Format(diagnostic), Is.EqualTo(
            "p.py:2:1: error: variable 'x' can be int or str\n    x = 'a'\n    ^\n" +
            "p.py:1:5: note: int comes from here\n    x = 1\n        ^\n" +
            "note: a note without a place\n"));
    }

    [Test]
    public void Error_without_a_span_names_the_file_only()
    {
        var diagnostic = Diagnostic.ErrorInFile("T4", "gone.py", "no such file");
        Assert.That(DiagnosticFormatter.Format(diagnostic), Is.EqualTo("gone.py: error: no such file\n"));
    }

    [Test]
    public void Span_at_the_end_of_a_file_without_newline_gets_a_caret_after_the_text()
    {
        var source = new SourceText("p.py", "x = (");
        var diagnostic = Diagnostic.Error("T5", new SourceSpan(source, 5, 5), "unexpected end");
        Assert.That(DiagnosticFormatter.Format(diagnostic), Is.EqualTo("p.py:1:6: error: unexpected end\n    x = (\n         ^\n"));
    }
}
