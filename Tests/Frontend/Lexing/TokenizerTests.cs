// The tokenizer step: logical lines, INDENT/DEDENT, bracket-joined lines, comments, CRLF and tabs,
// seen as the token kinds the Sprache grammar receives.
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend.Lexing;

public sealed class TokenizerTests
{
    private static string Kinds(string text) =>
        string.Join(" ", Tokenizer.Tokenize(new SourceText("t.py", text)).Select(t => t.Kind switch
        {
            TokenKind.Name => (string)t.Value!,
            TokenKind.Number or TokenKind.String => t.Text,
            _ => t.Kind.ToString(),
        }));

    [Test]
    public void Indentation_becomes_indent_and_dedent_tokens() =>
        Assert.That(Kinds("if a:\n    b\nc\n"), Is.EqualTo("If a Colon Newline Indent b Newline Dedent c Newline EndMarker"));

    [Test]
    public void Dedents_are_closed_at_the_end_of_the_file() =>
        Assert.That(Kinds("if a:\n  if b:\n    c"), Is.EqualTo("If a Colon Newline Indent If b Colon Newline Indent c Newline Dedent Dedent EndMarker"));

    [Test]
    public void Newlines_inside_brackets_are_not_tokens() =>
        Assert.That(Kinds("f(a,\n  b)\n"), Is.EqualTo("f LPar a Comma b RPar Newline EndMarker"));

    [Test]
    public void Backslash_continuation_joins_lines() =>
        Assert.That(Kinds("x = 1 + \\\n    2\n"), Is.EqualTo("x Equal 1 Plus 2 Newline EndMarker"));

    [Test]
    public void Comments_and_blank_lines_produce_nothing() =>
        Assert.That(Kinds("# c\n\n  # indented\nx  # trailing\n\n"), Is.EqualTo("x Newline EndMarker"));

    [Test]
    public void CRLF_ends_lines_like_LF() =>
        Assert.That(Kinds("if a:\r\n    b\r\n"), Is.EqualTo(Kinds("if a:\n    b\n")));

    [Test]
    public void A_tab_indents_to_the_next_multiple_of_eight() =>
        Assert.That(Kinds("if a:\n\tb\n\tc\n"), Is.EqualTo("If a Colon Newline Indent b Newline c Newline Dedent EndMarker"));

    [Test]
    public void Keywords_are_not_names_but_soft_keywords_are() =>
        Assert.That(Kinds("match case type _ if\n"), Is.EqualTo("match case type _ If Newline EndMarker"));

    [Test]
    public void Longest_operator_wins() =>
        Assert.That(Kinds("a **= b // c -> ... := !=\n"),
            Is.EqualTo("a DoubleStarEqual b DoubleSlash c RArrow Ellipsis ColonEqual NotEqual Newline EndMarker"));

    [Test]
    public void String_extents_include_prefixes_and_triple_quotes() =>
        Assert.That(Kinds("rb'x' f\"\"\"a\n'b'\"\"\" u'q'\n"), Is.EqualTo("rb'x' f\"\"\"a\n'b'\"\"\" u'q' Newline EndMarker"));

    [Test]
    public void Number_forms_are_single_tokens() =>
        Assert.That(Kinds("1_000 0x_FF 1. .5 1e-3 2j\n"), Is.EqualTo("1_000 0x_FF 1. .5 1e-3 2j Newline EndMarker"));

    [Test]
    public void Empty_text_is_just_the_end_marker() =>
        Assert.That(Kinds(""), Is.EqualTo("EndMarker"));
}
