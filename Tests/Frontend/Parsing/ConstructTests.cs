// One small snippet per construct of the language, each parsed by ClrPy and by CPython's `ast` module;
// the two normalized dumps must be identical (node kinds, fields, line numbers). CPython runs once.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class ConstructTests
{
    private static readonly (string Name, string Source)[] Snippets =
    [
        ("Function_with_defaults_and_annotations", "def f(a: int, b: str = 'x') -> bool:\n    return a\n"),
        ("Function_with_every_parameter_kind", "def f(a, b=1, /, c=2, *args, d, e=3, **kw):\n    pass\n"),
        ("Function_with_bare_star", "def f(*, a, b=2):\n    pass\n"),
        ("Decorated_function_starts_at_def", "@first\n@second(1)\ndef f():\n    pass\n"),
        ("Decorated_class_starts_at_class", "@decorate\nclass C(Base, metaclass=M):\n    x = 1\n"),
        ("Class_with_docstring_and_methods", "class C:\n    \"\"\"Doc.\"\"\"\n    def m(self):\n        return self\n"),
        ("Elif_chain_nests_ifs_in_orelse", "if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4\n"),
        ("While_with_else_break_and_continue", "while x:\n    if y:\n        break\n    continue\nelse:\n    pass\n"),
        ("For_with_tuple_target_and_else", "for i, (j, k) in items:\n    pass\nelse:\n    pass\n"),
        ("Try_with_every_clause", "try:\n    a()\nexcept (E, F) as e:\n    pass\nexcept G:\n    pass\nexcept:\n    pass\nelse:\n    b()\nfinally:\n    c()\n"),
        ("Raise_from", "raise ValueError('x') from error\n"),
        ("Bare_raise", "raise\n"),
        ("Assert_with_message", "assert x > 0, 'positive'\n"),
        ("Del_of_several_targets", "del a, b[0], c.d\n"),
        ("Global_and_nonlocal", "def f():\n    global g, h\n    def i():\n        nonlocal j\n"),
        ("With_several_items", "with a as b, c as (d, e), f:\n    pass\n"),
        ("Parenthesized_with_items", "with (a as b,\n      c as d,):\n    pass\n"),
        ("Return_pass_break_continue", "def f():\n    pass\n    return\n"),
        ("Augmented_assignment_with_every_operator", "a += 1\na -= 1\na *= 1\na @= 1\na /= 1\na //= 1\na %= 1\na **= 1\na <<= 1\na >>= 1\na &= 1\na |= 1\na ^= 1\n"),
        ("Unpacking_with_starred_target", "a, *b, c = items\n[d, *e] = f\n"),
        ("Chained_assignment", "a = b = c = 0\n"),
        ("Annotated_assignment", "a: int\nb: list[int] = []\n(c): int = 1\nd.e: str = 'x'\n"),
        ("Import_forms", "import a\nimport a.b.c as d, e\n"),
        ("From_import_forms", "from a import b\nfrom a.b import (c as d,\n    e,)\nfrom . import f\nfrom ..g import *\nfrom ...h.i import j\n"),
        ("Precedence_of_arithmetic", "x = a + b * c ** -d // e % f - g @ h\n"),
        ("Power_is_right_associative", "x = a ** b ** c\n"),
        ("Bitwise_and_shift_precedence", "x = a | b ^ c & d << e >> f\n"),
        ("Boolean_operators_and_not", "x = a or b and not c or d\n"),
        ("Chained_comparisons_with_not_in_and_is_not", "x = a < b <= c != d in e not in f is g is not h\n"),
        ("Conditional_expression", "x = a if b else c if d else e\n"),
        ("Lambda_with_every_parameter_kind", "f = lambda a, b=1, /, c=2, *args, d, e=3, **kw: a\ng = lambda: 0\n"),
        ("List_set_dict_comprehensions", "a = [x for x in y if x]\nb = {x for x in y}\nc = {k: v for k, v in d.items()}\n"),
        ("Generator_expressions", "a = (x for x in y)\nb = f(x for x in y)\nc = sum((x * 2 for x in y), 0)\n"),
        ("Nested_comprehension_clauses", "a = [x + y for x in xs if x for y in ys if y if x != y]\n"),
        ("Async_comprehension", "async def f():\n    return [x async for x in y]\n"),
        ("Slices_with_steps_and_multiple_dimensions", "a[1:2:3]\na[::2]\na[:]\na[1:, :2]\na[i, j]\na[...]\n"),
        ("Calls_with_keyword_star_and_double_star_arguments", "f(a, *b, c=1, **d)\nf(*a, *b, **c, **d)\n"),
        ("Walrus", "if (n := len(a)) > 1:\n    pass\n[y := 1, y]\n"),
        ("Yield_and_yield_from", "def g():\n    yield\n    yield 1, 2\n    x = yield from h()\n    y = yield\n"),
        ("Await_async_for_and_async_with", "async def f():\n    await g()\n    async for x in y:\n        pass\n    async with a as b:\n        pass\n"),
        ("Decimal_hex_octal_binary_and_underscores", "x = (0, 42, 0xFF, 0o17, 0b101, 1_000_000, 0x_f, 00)\n"),
        ("Floats_exponents_and_imaginary_numbers", "x = (1., .5, 1.5e3, 1E-3, 1_0.0_1, 1j, 2.5J, 1e3j)\n"),
        ("Large_integers", "x = 123456789012345678901234567890\n"),
        ("String_quote_kinds", "a = 'x'\nb = \"y\"\nc = '''z\nw'''\nd = \"\"\"v\"\"\"\n"),
        ("String_prefixes_in_any_case", "a = (r'\\n', R'\\n', b'x', B'x', u'x', U'x', br'\\n', Rb'\\n', bR'x', rB'x')\n"),
        ("String_escapes", "a = '\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v \\0 \\101 \\x41 \\u00e9 \\U0001F600 \\q'\n"),
        ("Byte_string_escapes", "a = b'\\x00\\xff\\101\\n\\q'\n"),
        ("Implicit_concatenation_across_lines", "a = ('x'\n     'y'\n     \"z\")\n"),
        ("Implicit_concatenation_of_str_and_f_strings", "a = 'x' f'{y}' 'z'\n"),
        ("F_string_conversions_and_format_specs", "a = f'{x!r} {y!s:>10} {z!a} {w:{width}.{precision}}'\n"),
        ("F_string_doubled_braces_and_debugging", "a = f'{{x}} {x=} {y = !s} {z=:>4}'\n"),
        ("F_string_with_nested_expressions", "a = f\"{d['k']} {f(x, y)} {[i for i in z]} {'yes' if c else 'no'}\"\n"),
        ("Backslash_line_joining", "x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n"),
        ("Implicit_line_joining_in_brackets", "x = [\n    1,\n    2,\n]\ny = f(a,\n      b)\n"),
        ("Comments_everywhere", "# first\nx = 1  # trailing\n    # indented comment\ndef f():  # header\n    # body\n    return 1\n"),
        ("Tabs_for_indentation", "if a:\n\tx = 1\n\tif b:\n\t\ty = 2\n"),
        ("Semicolon_separated_statements", "a = 1; b = 2;\n"),
        ("One_line_compound_statements", "if a: b = 1; c = 2\nwhile x: pass\nclass C: pass\ndef f(): return 1\n"),
        ("Soft_keywords_are_names", "match = 1\ncase = 2\ntype = 3\n_ = match + case\n"),
        ("Parenthesized_operand_starts_its_node_at_the_parenthesis", "(\n    a\n).b\nx = (\n    f\n)(1)\n"),
        ("Tuples_with_and_without_parentheses", "a = 1, 2\nb = (1, 2)\nc = ()\nd = (1,)\ne = 1,\n"),
        ("Dict_and_set_displays", "a = {}\nb = {1: 2, **c}\nd = {1, 2, *e}\n"),
        ("Empty_file", ""),
        ("File_without_final_newline", "x = 1"),
        ("Starred_expressions_in_displays_and_return", "def f():\n    return *a, *b\nx = [*a, *b]\n"),
        ("Docstring_of_module_and_function", "\"\"\"Module.\"\"\"\ndef f():\n    \"\"\"Function.\"\"\"\n"),
        ("Unicode_identifiers_are_NFKC_normalized", "ｗｉｄｔｈ = 1\ncafé = 2\n"),
        ("CRLF_line_ends", "if a:\r\n    x = 1\r\n"),
        ("Non_ASCII_string_content", "a = 'é 日本 😀'\n"),
    ];

    private static readonly Lazy<IReadOnlyList<CPythonAstResult>> CPythonDumps =
        new(() => CPythonAstDumper.DumpAll(Snippets.Select(s => s.Source).ToList()));

    public static IEnumerable<TestCaseData> Cases() =>
        Snippets.Select((snippet, index) => new TestCaseData(index).SetName(snippet.Name + "_parses_like_CPython"));

    [TestCaseSource(nameof(Cases))]
    public void Snippet(int index)
    {
        var expected = CPythonDumps.Value[index];
        Assert.That(expected.Dump, Is.Not.Null, "CPython rejects the snippet: " + expected.Error);
        string actual = ParsingHelpers.DumpOrError(Snippets[index].Source);
        if (actual != expected.Dump)
            Assert.Fail(ParsingHelpers.DescribeDifference(expected.Dump!, actual));
    }
}
