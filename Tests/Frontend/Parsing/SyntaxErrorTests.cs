// Every syntax error of issue 2 is reported as one located diagnostic, never an exception:
// the headline `file:LINE:COL: error: message` is asserted exactly.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class SyntaxErrorTests
{
    private static string FirstError(string text)
    {
        var result = PythonParser.Parse(new SourceText("t.py", text));
        Assert.That(result.Succeeded, Is.False, "the source should be rejected");
        return result.Diagnostics[0].Headline;
    }

    [TestCase("x = f(1, 2\n", "t.py:1:6: error: '(' was never closed", TestName = "Unclosed_bracket_points_at_the_opening_bracket")]
    [TestCase("x = [1,\n  2,\n", "t.py:1:5: error: '[' was never closed", TestName = "Unclosed_bracket_across_lines_points_at_the_opening_line")]
    [TestCase("x = 1)\n", "t.py:1:6: error: unmatched ')'", TestName = "Unmatched_closing_bracket")]
    [TestCase("x = (1]\n", "t.py:1:7: error: closing parenthesis ']' does not match opening parenthesis '('", TestName = "Mismatched_brackets")]
    [TestCase("x = (1,\n2]\n", "t.py:2:2: error: closing parenthesis ']' does not match opening parenthesis '(' on line 1", TestName = "Mismatched_brackets_name_the_opening_line")]
    [TestCase("x = 1\n    y = 2\n", "t.py:2:5: error: unexpected indent", TestName = "Unexpected_indent")]
    [TestCase("  x = 1\n", "t.py:1:3: error: unexpected indent", TestName = "Indented_first_line")]
    [TestCase("if x:\n    a = 1\n  b = 2\n", "t.py:3:3: error: unindent does not match any outer indentation level", TestName = "Unindent_matching_no_outer_level")]
    [TestCase("if x:\npass\n", "t.py:2:1: error: expected an indented block after 'if' statement on line 1", TestName = "Missing_block_after_if_names_the_statement")]
    [TestCase("def f():\n\nx = 1\n", "t.py:3:1: error: expected an indented block after function definition on line 1", TestName = "Missing_block_after_def")]
    [TestCase("for i in x:\n# only a comment\n", "t.py:3:1: error: expected an indented block after 'for' statement on line 1", TestName = "Missing_block_at_end_of_file")]
    [TestCase("if x:\n        a = 1\n\tb = 2\n", "t.py:3:2: error: inconsistent use of tabs and spaces in indentation", TestName = "Inconsistent_tabs_and_spaces")]
    [TestCase("x = 'abc\n", "t.py:1:5: error: unterminated string literal (detected at line 1)", TestName = "Unterminated_string_points_at_the_opening_quote")]
    [TestCase("x = 1\ny = \"\"\"abc\n\nz\n", "t.py:2:5: error: unterminated triple-quoted string literal (detected at line 4)", TestName = "Unterminated_triple_quoted_string_reports_its_opening_line")]
    [TestCase("x = $y\n", "t.py:1:5: error: invalid character '$' (U+0024)", TestName = "Invalid_character")]
    [TestCase("x = 1 € 2\n", "t.py:1:7: error: invalid character '€' (U+20AC)", TestName = "Invalid_non_ascii_character")]
    [TestCase("x = 0x\n", "t.py:1:7: error: invalid hexadecimal literal", TestName = "Hex_literal_without_digits")]
    [TestCase("x = 1__0\n", "t.py:1:6: error: invalid decimal literal", TestName = "Double_underscore_in_number")]
    [TestCase("x = 09\n", "t.py:1:5: error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", TestName = "Leading_zero_decimal")]
    [TestCase("x = 5abc\n", "t.py:1:5: error: invalid decimal literal", TestName = "Letters_after_a_number")]
    [TestCase("x = b'\\u1234' + b'é'\n", "t.py:1:19: error: bytes can only contain ASCII literal characters", TestName = "Non_ascii_in_bytes")]
    [TestCase("x = b'a' 'b'\n", "t.py:1:10: error: cannot mix bytes and nonbytes literals", TestName = "Mixing_bytes_and_str")]
    [TestCase("x = '\\x4'\n", "t.py:1:6: error: truncated \\xXX escape", TestName = "Truncated_hex_escape")]
    [TestCase("x = f'{}'\n", "t.py:1:7: error: f-string: empty expression not allowed", TestName = "Fstring_empty_expression")]
    [TestCase("x = f'{a'\n", "t.py:1:7: error: f-string: expecting '}'", TestName = "Fstring_unclosed_brace")]
    [TestCase("x = f'a}b'\n", "t.py:1:8: error: f-string: single '}' is not allowed", TestName = "Fstring_single_closing_brace")]
    [TestCase("x = f'{a!x}'\n", "t.py:1:9: error: f-string: invalid conversion character: expected 's', 'r', or 'a'", TestName = "Fstring_bad_conversion")]
    [TestCase("class A\n    pass\n", "t.py:1:8: error: expected ':'", TestName = "Missing_colon")]
    [TestCase("x = 1 +\n", "t.py:1:8: error: invalid syntax", TestName = "Incomplete_expression")]
    [TestCase("f() = 1\n", "t.py:1:1: error: cannot assign to function call", TestName = "Assignment_to_a_call")]
    [TestCase("1 = x\n", "t.py:1:1: error: cannot assign to literal", TestName = "Assignment_to_a_literal")]
    [TestCase("a + b += 1\n", "t.py:1:1: error: 'expression' is an illegal expression for augmented assignment", TestName = "Augmented_assignment_to_an_expression")]
    [TestCase("del f()\n", "t.py:1:5: error: cannot delete function call", TestName = "Delete_of_a_call")]
    [TestCase("for f() in x: pass\n", "t.py:1:5: error: cannot assign to function call", TestName = "For_target_that_is_a_call")]
    [TestCase("def f(a=1, b): pass\n", "t.py:1:12: error: non-default argument follows default argument", TestName = "Non_default_after_default")]
    [TestCase("f(a=1, b)\n", "t.py:1:8: error: positional argument follows keyword argument", TestName = "Positional_after_keyword_argument")]
    [TestCase("f(x for x in y, 1)\n", "t.py:1:3: error: Generator expression must be parenthesized", TestName = "Unparenthesized_generator_among_arguments")]
    [TestCase("try:\n    pass\nx = 1\n", "t.py:3:1: error: expected 'except' or 'finally' block", TestName = "Try_without_handlers")]
    [TestCase("x = 1 2\n", "t.py:1:7: error: invalid syntax", TestName = "Two_expressions_in_a_row")]
    [TestCase("x = (1, 2\ny = 3\n", "t.py:1:5: error: '(' was never closed", TestName = "Unclosed_paren_before_next_statement")]
    [TestCase("print 'hello'\n", "t.py:1:7: error: invalid syntax", TestName = "Python_2_print_statement")]
    [TestCase("x = 1\\ y\n", "t.py:1:7: error: unexpected character after line continuation character", TestName = "Backslash_not_at_end_of_line")]
    [TestCase("x = '\\N{DASH}'\n", "t.py:1:6: error: \\N{...} escapes are not supported by ClrPy; use \\u or \\U with the code point", TestName = "Named_unicode_escape_is_a_clear_limitation")]
    public void Reports_a_located_error(string source, string expected) =>
        Assert.That(FirstError(source), Is.EqualTo(expected));

    [Test]
    public void Empty_source_parses_to_an_empty_module()
    {
        var result = PythonParser.Parse(new SourceText("t.py", ""));
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Module!.Body, Is.Empty);
    }

    [Test]
    public void Every_error_is_a_diagnostic_with_an_id_and_a_span()
    {
        var result = PythonParser.Parse(new SourceText("t.py", "x = (\n"));
        var diagnostic = result.Diagnostics.Single();
        Assert.That(diagnostic.Id, Does.StartWith("CPS"));
        Assert.That(diagnostic.Span, Is.Not.Null);
    }
}
