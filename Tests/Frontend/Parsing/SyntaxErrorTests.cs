// Syntax errors come back as located diagnostics (never exceptions): each test asserts the headline
// `file:LINE:COL: error: message` that the CLI prints for one kind of mistake.
using ClrPy.Frontend.Diagnostics;
using static ClrPy.Tests.Frontend.ParsingHelpers;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class SyntaxErrorTests
{
    [Test]
    public void Unclosed_bracket_points_at_the_opening_bracket() =>
        Assert.That(ErrorHeadline("x = (1,\n     2\n"), Is.EqualTo("test.py:1:5: error: '(' was never closed"));

    [Test]
    public void Unclosed_bracket_at_end_of_file_points_at_the_innermost_one() =>
        Assert.That(ErrorHeadline("foo(a, [b\n"), Is.EqualTo("test.py:1:8: error: '[' was never closed"));

    [Test]
    public void Unmatched_closing_bracket_is_reported() =>
        Assert.That(ErrorHeadline("x = 1)\n"), Is.EqualTo("test.py:1:6: error: unmatched ')'"));

    [Test]
    public void Mismatched_brackets_name_both() =>
        Assert.That(ErrorHeadline("x = (1]\n"),
            Is.EqualTo("test.py:1:7: error: closing parenthesis ']' does not match opening parenthesis '('"));

    [Test]
    public void Mismatched_brackets_on_different_lines_name_the_opening_line() =>
        Assert.That(ErrorHeadline("x = (1,\n 2]\n"),
            Is.EqualTo("test.py:2:3: error: closing parenthesis ']' does not match opening parenthesis '(' on line 1"));

    [Test]
    public void Unexpected_indent_is_reported_at_the_indented_line() =>
        Assert.That(ErrorHeadline("x = 1\n    y = 2\n"), Is.EqualTo("test.py:2:5: error: unexpected indent"));

    [Test]
    public void Unindent_to_an_unknown_level_is_reported() =>
        Assert.That(ErrorHeadline("if x:\n        a = 1\n    b = 2\n"),
            Is.EqualTo("test.py:3:5: error: unindent does not match any outer indentation level"));

    [TestCase("if x:\npass\n", "test.py:2:1: error: expected an indented block after 'if' statement on line 1")]
    [TestCase("def f():\nreturn 1\n", "test.py:2:1: error: expected an indented block after function definition on line 1")]
    [TestCase("class C:\n\nx = 1\n", "test.py:3:1: error: expected an indented block after class definition on line 1")]
    [TestCase("if a:\n    pass\nelse:\nx\n", "test.py:4:1: error: expected an indented block after 'else' statement on line 3")]
    [TestCase("try:\nx\n", "test.py:2:1: error: expected an indented block after 'try' statement on line 1")]
    [TestCase("while x:\n# c\ny\n", "test.py:3:1: error: expected an indented block after 'while' statement on line 1")]
    [TestCase("for x in y:\n", "test.py:2:1: error: expected an indented block after 'for' statement on line 1")]
    public void Missing_indented_block_names_the_construct_and_its_line(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [Test]
    public void Inconsistent_tabs_and_spaces_are_reported() =>
        Assert.That(ErrorHeadline("if x:\n\ta = 1\n        b = 2\n"),
            Is.EqualTo("test.py:3:9: error: inconsistent use of tabs and spaces in indentation"));

    [Test]
    public void Unterminated_string_points_at_its_opening_quote() =>
        Assert.That(ErrorHeadline("x = 'abc\n"), Is.EqualTo("test.py:1:5: error: unterminated string literal (detected at line 1)"));

    [Test]
    public void Unterminated_triple_quoted_string_reports_its_opening_line() =>
        Assert.That(ErrorHeadline("x = 1\ny = '''abc\n\ndef\n"),
            Is.EqualTo("test.py:2:5: error: unterminated triple-quoted string literal (opened on line 2)"));

    [TestCase("x = $a\n", "test.py:1:5: error: invalid character '$' (U+0024)")]
    [TestCase("x = a ? b\n", "test.py:1:7: error: invalid character '?' (U+003F)")]
    [TestCase("x = 1 \u20ac\n", "test.py:1:7: error: invalid character '\u20ac' (U+20AC)")]
    public void Invalid_character_is_named_with_its_code_point(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("x = 0x\n", "test.py:1:7: error: invalid hexadecimal literal")]
    [TestCase("x = 0b2\n", "test.py:1:7: error: invalid binary literal")]
    [TestCase("x = 1__0\n", "test.py:1:6: error: invalid decimal literal")]
    [TestCase("x = 1_\n", "test.py:1:6: error: invalid decimal literal")]
    [TestCase("x = 09\n", "test.py:1:5: error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")]
    [TestCase("x = 1e\n", "test.py:1:6: error: invalid decimal literal")]
    [TestCase("x = 12abc\n", "test.py:1:5: error: invalid decimal literal")]
    public void Invalid_numeric_literal_is_reported(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [Test]
    public void Non_ASCII_character_in_bytes_is_reported() =>
        Assert.That(ErrorHeadline("x = b'\u00e9'\n"), Is.EqualTo("test.py:1:7: error: bytes can only contain ASCII literal characters"));

    [Test]
    public void Truncated_hex_escape_is_reported() =>
        Assert.That(ErrorHeadline("x = '\\x4'\n"), Is.EqualTo("test.py:1:6: error: truncated \\xXX escape"));

    [Test]
    public void Named_unicode_escape_is_a_clear_limitation() =>
        Assert.That(ErrorHeadline("x = '\\N{EM DASH}'\n"),
            Is.EqualTo("test.py:1:6: error: \\N{...} escapes are not supported by ClrPy; use \\u or \\U with the code point"));

    [Test]
    public void Mixing_bytes_and_str_literals_is_reported() =>
        Assert.That(ErrorHeadline("x = b'a' 'b'\n"), Is.EqualTo("test.py:1:10: error: cannot mix bytes and nonbytes literals"));

    [TestCase("x = f'{}'\n", "test.py:1:7: error: f-string: empty expression not allowed")]
    [TestCase("x = f'{a'\n", "test.py:1:7: error: f-string: expecting '}'")]
    [TestCase("x = f'a}'\n", "test.py:1:8: error: f-string: single '}' is not allowed")]
    [TestCase("x = f'{a!x}'\n", "test.py:1:9: error: f-string: invalid conversion character: expected 's', 'r', or 'a'")]
    [TestCase("x = f'{a b}'\n", "test.py:1:10: error: f-string: invalid syntax")]
    public void F_string_errors_are_reported(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("if x\n    pass\n", "test.py:1:5: error: expected ':'")]
    [TestCase("def f()\n    pass\n", "test.py:1:8: error: expected ':'")]
    [TestCase("class C(A)\n    pass\n", "test.py:1:11: error: expected ':'")]
    [TestCase("for x y:\n    pass\n", "test.py:1:7: error: expected 'in'")]
    public void Missing_token_is_named(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("x = = 1\n", "test.py:1:5: error: invalid syntax")]
    [TestCase("x = 1 +\n", "test.py:1:8: error: invalid syntax")]
    [TestCase("x = 1 * * 2\n", "test.py:1:9: error: invalid syntax")]
    [TestCase("else:\n    pass\n", "test.py:1:1: error: invalid syntax")]
    [TestCase("class = 1\n", "test.py:1:7: error: invalid syntax")]
    [TestCase("x = 1\ny = (2 +)\n", "test.py:2:9: error: invalid syntax")]
    public void Other_mistakes_are_invalid_syntax_at_the_furthest_token(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("f() = 1\n", "test.py:1:1: error: cannot assign to function call")]
    [TestCase("1 = x\n", "test.py:1:1: error: cannot assign to literal")]
    [TestCase("a + b = c\n", "test.py:1:1: error: cannot assign to expression")]
    [TestCase("x, f() = 1, 2\n", "test.py:1:4: error: cannot assign to function call")]
    [TestCase("for f() in x:\n    pass\n", "test.py:1:5: error: cannot assign to function call")]
    [TestCase("del f()\n", "test.py:1:5: error: cannot delete function call")]
    [TestCase("a, b += 1\n", "test.py:1:1: error: 'tuple' is an illegal expression for augmented assignment")]
    [TestCase("a, *b, *c = d\n", "test.py:1:8: error: multiple starred expressions in assignment")]
    public void Invalid_targets_are_named(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("def f(a=1, b): pass\n", "test.py:1:12: error: non-default argument follows default argument")]
    [TestCase("def f(*): pass\n", "test.py:1:7: error: named arguments must follow bare *")]
    [TestCase("f(a=1, b)\n", "test.py:1:8: error: positional argument follows keyword argument")]
    [TestCase("f(x for x in y, 1)\n", "test.py:1:3: error: Generator expression must be parenthesized")]
    public void Invalid_parameter_and_argument_orders_are_reported(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [TestCase("x = [1,\n  2,\n", "test.py:1:5: error: '[' was never closed")]
    [TestCase("x = (1, 2\ny = 3\n", "test.py:1:5: error: '(' was never closed")]
    public void Unclosed_bracket_is_reported_at_its_line_even_when_later_lines_follow(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [Test]
    public void Indented_first_line_is_an_unexpected_indent() =>
        Assert.That(ErrorHeadline("  x = 1\n"), Is.EqualTo("test.py:1:3: error: unexpected indent"));

    [TestCase("x = 1 2\n", "test.py:1:7: error: invalid syntax")]
    [TestCase("print 'hello'\n", "test.py:1:7: error: invalid syntax")]
    public void Two_expressions_in_a_row_are_invalid_syntax_at_the_second(string source, string headline) =>
        Assert.That(ErrorHeadline(source), Is.EqualTo(headline));

    [Test]
    public void Backslash_not_at_the_end_of_a_line_is_reported() =>
        Assert.That(ErrorHeadline("x = 1\\ y\n"), Is.EqualTo("test.py:1:7: error: unexpected character after line continuation character"));

    [Test]
    public void Augmented_assignment_to_an_expression_is_reported() =>
        Assert.That(ErrorHeadline("a + b += 1\n"), Is.EqualTo("test.py:1:1: error: 'expression' is an illegal expression for augmented assignment"));

    [Test]
    public void An_empty_source_parses_to_an_empty_module() =>
        Assert.That(Parse("").Module!.Body, Is.Empty);

    [Test]
    public void Match_statement_is_reported_as_not_supported() =>
        Assert.That(ErrorHeadline("def f(x):\n    match x:\n        case 1:\n            pass\n"),
            Is.EqualTo("test.py:2:5: error: 'match' statements are not supported by ClrPy; use if/elif"));

    [Test]
    public void Match_as_a_name_still_parses() =>
        Assert.That(Parse("match = re.match(p, s)\nmatch(x)\nmatch[1]: int = 2\n").Succeeded, Is.True);

    [Test]
    public void Except_star_is_reported_as_not_supported() =>
        Assert.That(ErrorHeadline("try:\n    pass\nexcept* E:\n    pass\n"),
            Is.EqualTo("test.py:3:1: error: 'except*' (exception groups) is not supported by ClrPy"));

    [Test]
    public void Try_without_handlers_is_reported_where_one_was_expected() =>
        Assert.That(ErrorHeadline("try:\n    pass\nx = 1\n"), Is.EqualTo("test.py:3:1: error: expected 'except' or 'finally' block"));

    [Test]
    public void Return_outside_a_function_is_left_to_the_translator() =>
        Assert.That(Parse("return 1\n").Succeeded, Is.True);

    [Test]
    public void Null_byte_in_the_text_is_reported() =>
        Assert.That(ErrorHeadline("x = 1\0\n"), Is.EqualTo("test.py:1:6: error: source code cannot contain null bytes"));

    [Test]
    public void Backslash_at_end_of_file_is_reported() =>
        Assert.That(ErrorHeadline("x = 1 \\"), Is.EqualTo("test.py:1:7: error: unexpected EOF while parsing"));

    [Test]
    public void Syntax_errors_carry_a_stable_id_and_a_span()
    {
        var diagnostic = Parse("if x\n    pass\n").Diagnostics.Single();
        Assert.That(diagnostic.Id, Does.StartWith("CPS0"));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(diagnostic.Span, Is.Not.Null);
    }

    [Test]
    public void Too_many_nested_brackets_are_reported() =>
        Assert.That(ErrorHeadline("x = " + new string('(', 300) + "1" + new string(')', 300) + "\n"),
            Is.EqualTo("test.py:1:205: error: too many nested parentheses"));

    [Test]
    public void Deeply_nested_operators_are_a_diagnostic_not_a_crash()
    {
        var result = Parse("x = " + string.Concat(Enumerable.Repeat("not ", 100_000)) + "y\n");
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("nested too deeply"));
    }

    [Test]
    public void Nesting_within_CPython_limits_parses() =>
        Assert.That(Parse("x = " + new string('[', 150) + "1" + new string(']', 150) + "\n").Succeeded, Is.True);
}
