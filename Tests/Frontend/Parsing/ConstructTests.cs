// One small snippet per construct of the language, each parsed by ClrPy and by CPython's `ast` module
// (one python3 process dumps all snippets); the normalized dumps must be identical, so precedence,
// associativity, field values and line numbers are all checked.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class ConstructTests
{
    private static readonly Dictionary<string, string> Snippets = new()
    {
        ["Function_with_defaults_and_annotations"] = "def f(a: int, b: str = 'x') -> bool:\n    return a\n",
        ["Function_with_every_parameter_kind"] = "def f(a, b=1, /, c=2, *args, d, e=3, **kw):\n    pass\n",
        ["Function_with_bare_star"] = "def f(*, a, b=2):\n    pass\n",
        ["Decorated_function_starts_at_def"] = "@first\n@second(1)\ndef f():\n    pass\n",
        ["Decorated_class_starts_at_class"] = "@decorate\nclass C(Base, metaclass=M):\n    x = 1\n",
        ["Class_with_docstring_and_methods"] = "class C:\n    \"\"\"Doc.\"\"\"\n    def m(self):\n        return self\n",
        ["Elif_chain_nests_ifs_in_orelse"] = "if a:\n    x = 1\nelif b:\n    x = 2\nelif c:\n    x = 3\nelse:\n    x = 4\n",
        ["While_with_else_break_and_continue"] = "while x:\n    if y:\n        break\n    continue\nelse:\n    pass\n",
        ["For_with_tuple_target_and_else"] = "for i, (j, k) in items:\n    pass\nelse:\n    pass\n",
        ["Try_with_every_clause"] = "try:\n    a()\nexcept (E, F) as e:\n    pass\nexcept G:\n    pass\nexcept:\n    pass\nelse:\n    b()\nfinally:\n    c()\n",
        ["Raise_from"] = "raise ValueError('x') from error\n",
        ["Bare_raise"] = "raise\n",
        ["Assert_with_message"] = "assert x > 0, 'positive'\n",
        ["Del_of_several_targets"] = "del a, b[0], c.d\n",
        ["Global_and_nonlocal"] = "def f():\n    global g, h\n    def i():\n        nonlocal j\n",
        ["With_several_items"] = "with a as b, c as (d, e), f:\n    pass\n",
        ["Parenthesized_with_items"] = "with (a as b,\n      c as d,):\n    pass\n",
        ["Return_pass_break_continue"] = "def f():\n    pass\n    return\n",
        ["Augmented_assignment_with_every_operator"] = "a += 1\na -= 1\na *= 1\na @= 1\na /= 1\na //= 1\na %= 1\na **= 1\na <<= 1\na >>= 1\na &= 1\na |= 1\na ^= 1\n",
        ["Unpacking_with_starred_target"] = "a, *b, c = items\n[d, *e] = f\n",
        ["Chained_assignment"] = "a = b = c = 0\n",
        ["Annotated_assignment"] = "a: int\nb: list[int] = []\n(c): int = 1\nd.e: str = 'x'\n",
        ["Import_forms"] = "import a\nimport a.b.c as d, e\n",
        ["From_import_forms"] = "from a import b\nfrom a.b import (c as d,\n    e,)\nfrom . import f\nfrom ..g import *\nfrom ...h.i import j\n",
        ["Precedence_of_arithmetic"] = "x = a + b * c ** -d // e % f - g @ h\n",
        ["Power_is_right_associative"] = "x = a ** b ** c\n",
        ["Bitwise_and_shift_precedence"] = "x = a | b ^ c & d << e >> f\n",
        ["Boolean_operators_and_not"] = "x = a or b and not c or d\n",
        ["Chained_comparisons_with_not_in_and_is_not"] = "x = a < b <= c != d in e not in f is g is not h\n",
        ["Conditional_expression"] = "x = a if b else c if d else e\n",
        ["Lambda_with_every_parameter_kind"] = "f = lambda a, b=1, /, c=2, *args, d, e=3, **kw: a\ng = lambda: 0\n",
        ["List_set_dict_comprehensions"] = "a = [x for x in y if x]\nb = {x for x in y}\nc = {k: v for k, v in d.items()}\n",
        ["Generator_expressions"] = "a = (x for x in y)\nb = f(x for x in y)\nc = sum((x * 2 for x in y), 0)\n",
        ["Nested_comprehension_clauses"] = "a = [x + y for x in xs if x for y in ys if y if x != y]\n",
        ["Async_comprehension"] = "async def f():\n    return [x async for x in y]\n",
        ["Slices_with_steps_and_multiple_dimensions"] = "a[1:2:3]\na[::2]\na[:]\na[1:, :2]\na[i, j]\na[...]\n",
        ["Calls_with_keyword_star_and_double_star_arguments"] = "f(a, *b, c=1, **d)\nf(*a, *b, **c, **d)\n",
        ["Walrus_in_dict_keys_and_set_items"] = "a = {(c := 1): (d := 2)}\nb = {e := 3, 4}\n",
        ["Walrus"] = "if (n := len(a)) > 1:\n    pass\n[y := 1, y]\n",
        ["Yield_and_yield_from"] = "def g():\n    yield\n    yield 1, 2\n    x = yield from h()\n    y = yield\n",
        ["Await_async_for_and_async_with"] = "async def f():\n    await g()\n    async for x in y:\n        pass\n    async with a as b:\n        pass\n",
        ["Decimal_hex_octal_binary_and_underscores"] = "x = (0, 42, 0xFF, 0o17, 0b101, 1_000_000, 0x_f, 00)\n",
        ["Floats_exponents_and_imaginary_numbers"] = "x = (1., .5, 1.5e3, 1E-3, 1_0.0_1, 1j, 2.5J, 1e3j)\n",
        ["Large_integers"] = "x = 123456789012345678901234567890\n",
        ["String_quote_kinds"] = "a = 'x'\nb = \"y\"\nc = '''z\nw'''\nd = \"\"\"v\"\"\"\n",
        ["String_prefixes_in_any_case"] = "a = (r'\\n', R'\\n', b'x', B'x', u'x', U'x', br'\\n', Rb'\\n', bR'x', rB'x')\n",
        ["String_escapes"] = "a = '\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v \\0 \\101 \\x41 \\u00e9 \\U0001F600 \\q'\n",
        ["Byte_string_escapes"] = "a = b'\\x00\\xff\\101\\n\\q'\n",
        ["Implicit_concatenation_across_lines"] = "a = ('x'\n     'y'\n     \"z\")\n",
        ["Implicit_concatenation_of_str_and_f_strings"] = "a = 'x' f'{y}' 'z'\n",
        ["F_string_conversions_and_format_specs"] = "a = f'{x!r} {y!s:>10} {z!a} {w:{width}.{precision}}'\n",
        ["F_string_doubled_braces_and_debugging"] = "a = f'{{x}} {x=} {y = !s} {z=:>4}'\n",
        ["F_string_with_nested_expressions"] = "a = f\"{d['k']} {f(x, y)} {[i for i in z]} {'yes' if c else 'no'}\"\n",
        ["Backslash_line_joining"] = "x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n",
        ["Implicit_line_joining_in_brackets"] = "x = [\n    1,\n    2,\n]\ny = f(a,\n      b)\n",
        ["Comments_everywhere"] = "# first\nx = 1  # trailing\n    # indented comment\ndef f():  # header\n    # body\n    return 1\n",
        ["Tabs_for_indentation"] = "if a:\n\tx = 1\n\tif b:\n\t\ty = 2\n",
        ["Semicolon_separated_statements"] = "a = 1; b = 2;\n",
        ["One_line_compound_statements"] = "if a: b = 1; c = 2\nwhile x: pass\nclass C: pass\ndef f(): return 1\n",
        ["Soft_keywords_are_names"] = "match = 1\ncase = 2\ntype = 3\n_ = match + case\n",
        ["Parenthesized_operand_starts_its_node_at_the_parenthesis"] = "(\n    a\n).b\nx = (\n    f\n)(1)\n",
        ["Tuples_with_and_without_parentheses"] = "a = 1, 2\nb = (1, 2)\nc = ()\nd = (1,)\ne = 1,\n",
        ["Dict_and_set_displays"] = "a = {}\nb = {1: 2, **c}\nd = {1, 2, *e}\n",
        ["Empty_file"] = "",
        ["File_without_final_newline"] = "x = 1",
        ["Starred_expressions_in_displays_and_return"] = "def f():\n    return *a, *b\nx = [*a, *b]\n",
        ["Docstring_of_module_and_function"] = "\"\"\"Module.\"\"\"\ndef f():\n    \"\"\"Function.\"\"\"\n",
        ["Unicode_identifiers_are_NFKC_normalized"] = "ｗｉｄｔｈ = 1\ncafé = 2\n",
        ["CRLF_line_ends"] = "if a:\r\n    x = 1\r\n",
        ["Non_ASCII_string_content"] = "a = 'é 日本 😀'\n",
        ["Function_with_defaults_annotations_and_all_parameter_kinds"] =
            "def f(a, /, b: int = 1, *args: str, c, d=2, **kw) -> float:\n    return a\n",
        ["Decorated_function_and_class_start_at_their_keyword"] =
            "@staticmethod\n@register(1)\ndef f(): pass\n\n@dataclass\nclass C(Base, metaclass=M):\n    x = 1\n    def m(self): return self.x\n",
        ["If_elif_else_chain"] =
            "if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    x = 4\n",
        ["While_and_for_with_else_break_continue"] =
            "while x < 10:\n    x += 1\n    if x: continue\n    break\nelse:\n    pass\nfor i, (j, k) in enumerate(items):\n    pass\nelse:\n    done()\n",
        ["Try_except_else_finally_and_raise_from"] =
            "try:\n    f()\nexcept (A, B) as e:\n    raise C('x') from e\nexcept D:\n    raise\nexcept:\n    pass\nelse:\n    g()\nfinally:\n    h()\ntry:\n    a()\nfinally:\n    b()\n",
        ["Assert_del_global_nonlocal_pass"] =
            "def f():\n    global G, H\n    nonlocal_ = 1\n    assert x, 'message'\n    assert y\n    del a, b[0], c.d\n    del (e, f)\n\ndef g():\n    def h():\n        nonlocal x\n",
        ["With_statement_forms"] =
            "with open(p) as f, lock:\n    pass\nwith (a as b, c as d,):\n    pass\nwith (yield):\n    pass\n",
        ["Augmented_unpacking_starred_and_chained_assignment"] =
            "a = b = c = 1\nx, y = y, x\n[p, *q] = r\n(s, t), u = v\nn += 1\no.p -= 2\nq[1] **= 3\nr //= 4; s @= t; u >>= 1; v <<= 2; w ^= 3; x |= 4; y &= 5; z %= 6\nann: int = 5\n(paren): int\nself.attr: list[int] = []\n",
        ["Operator_precedence_and_associativity"] =
            "x = a or b and not c\ny = a | b ^ c & d << e + f * -g ** h ** i\nz = (a + b) * c - d / e // f % g @ h\nw = -x ** 2\nv = a if b else c if d else e\nu = not a == b\n",
        ["Chained_and_membership_comparisons"] =
            "r = a < b <= c > d >= e == f != g\ns = a in b not in c is d is not e\n",
        ["Comprehensions_of_every_kind"] =
            "a = [x * y for x in xs if x for y in ys if y if x != y]\nb = {k: v for k, v in items}\nc = {x for x in xs}\nd = list(x for x in xs)\ne = (x async for x in aiter)\nf = sum((x for x in xs), 0)\n",
        ["Slices_with_steps_and_multi_dimensional_subscripts"] =
            "a[1:2]\na[::2]\na[:]\na[1:]\na[:-1:3]\na[1, 2]\na[1:2, ::3]\na[...]\na[()]\na[*idx]\n",
        ["Calls_with_keyword_and_star_arguments"] =
            "f(a, b, *c, d=1, *e, **g)\nf()\nf(x,)\nf(a)(b)(c)\nobj.method(1).attr[2](k=3)\n",
        ["Numeric_literals_in_every_form"] =
            "n = [0, 7, 1_000_000, 0x_FF, 0o17, 0b1010, 0XAB, 00, 1., .5, 1e10, 1E-5, 3.14e+2, 1_0.0_1, 2j, 1.5J, 0.0, 1e400, 18446744073709551616]\n",
        ["String_literals_quotes_escapes_raw_bytes_and_concatenation"] =
            "s = ['a', \"b\", '''c\nd''', \"\"\"e\"\"\", r'\\n\\d', b'\\x00\\xff', Rb'raw\\q', u'uni', 'esc\\t\\n\\\\\\'\\\"\\a\\x41\\101\\u00e9\\U0001F600', 'con' \"cat\" '''enated''', 'line\\\ncontinued', 'unknown \\d escape']\n",
        ["Fstrings_with_conversions_specs_nested_fields_and_debugging"] =
            "f'{x}' f\"{y!r}\" f'{z!s:>10}' f'{a!a}'\nf'{v:{w}.{p}f}'\nf'{{literal}} {x=} {y = !s} {z=:>4}'\n'plain ' f'{1 + 2}' ' tail'\nf'''{\n  x\n}'''\nf'{d[\"k\"]} {f(a, b)} {x if y else z} {lambda_:1}'\nrf'\\n{x}'\n",
        ["Implicit_line_joining_in_brackets_and_with_backslashes"] =
            "x = (1 +\n     2)\ny = [1,\n  # comment inside\n  2,\n]\nz = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n",
        ["Comments_tabs_semicolons_and_one_line_compound_statements"] =
            "# leading comment\nif x:\n\ty = 1  # trailing\n\tz = 2\nif a: b = 1; c = 2\nwhile 0: pass\nfor i in r: continue\nclass E(Exception): pass\n",
        ["Imports_relative_aliased_star_and_parenthesized"] =
            "import os\nimport os.path as osp, sys\nfrom . import a\nfrom .. import b as c\nfrom .mod import (d, e as f,)\nfrom ...pkg.sub import *\nfrom x import y\n",
        ["Non_rpy_python_still_parses"] =
            "async def f():\n    await g()\n    async for x in y:\n        pass\n    async with z as w:\n        pass\ndef gen():\n    yield\n    yield 1\n    x = yield 2\n    yield from other()\nif (n := 10) > 5:\n    pass\n",
        ["Dict_and_set_displays_with_unpacking"] =
            "d = {}\ne = {1: 2, **f, 'g': h}\ns = {1, 2, *t}\nl = [*a, *b]\nt = *a, b\n",
        ["Docstrings_and_ellipsis_and_constants"] =
            "'''module docstring'''\ndef f():\n    '''doc'''\n    ...\nx = None, True, False\n",
        ["Crlf_line_endings_and_a_bom"] =
            "\uFEFFx = 1\r\nif x:\r\n    y = 2\r\n",
        ["Return_forms_and_tuples"] =
            "def f():\n    return\ndef g():\n    return 1, 2\ndef h():\n    return (1)\ndef i():\n    return *a, b\n",
    };

    private static string? _directory;
    private static Dictionary<string, string>? _cpython;

    [OneTimeSetUp]
    public void DumpAllSnippetsWithCPython()
    {
        _directory = Directory.CreateTempSubdirectory("clrpy-constructs-").FullName;
        foreach (var (name, text) in Snippets)
            File.WriteAllText(Path.Combine(_directory, name + ".py"), text);
        _cpython = CpythonAst.DumpAll(Snippets.Keys.Select(n => Path.Combine(_directory, n + ".py")).ToList());
    }

    [OneTimeTearDown]
    public void RemoveSnippets()
    {
        if (_directory is not null)
            Directory.Delete(_directory, recursive: true);
    }

    private static IEnumerable<TestCaseData> Cases() => Snippets.Keys.Select(n => new TestCaseData(n).SetName(n + "_parses_like_CPython"));

    [TestCaseSource(nameof(Cases))]
    public void Parses_like_CPython(string name)
    {
        string path = Path.Combine(_directory!, name + ".py");
        string expected = _cpython![path];
        Assert.That(expected, Does.Not.StartWith("SyntaxError"), "the snippet must be valid Python");
        CpythonAst.AssertSameDump(expected, CpythonAst.ClrPyDump(path), name);
    }
}
