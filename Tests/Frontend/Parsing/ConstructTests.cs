// One test per syntactic construct of issue 2: each snippet's tree must equal CPython's own (one
// python3 process dumps all snippets), so precedence, associativity and line numbers are checked too.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Frontend.Parsing;

public sealed class ConstructTests
{
    private static readonly Dictionary<string, string> Snippets = new()
    {
        ["Function_with_defaults_annotations_and_all_parameter_kinds"] =
            "def f(a, /, b: int = 1, *args: str, c, d=2, **kw) -> float:\n    return a\n",
        ["Decorated_function_and_class_start_at_their_keyword"] =
            "@staticmethod\n@register(1)\ndef f(): pass\n\n@dataclass\nclass C(Base, metaclass=M):\n    x = 1\n    def m(self): return self.x\n",
        ["If_elif_else_chain"] = "if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    x = 4\n",
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
        ["Chained_and_membership_comparisons"] = "r = a < b <= c > d >= e == f != g\ns = a in b not in c is d is not e\n",
        ["Lambda_with_every_parameter_kind"] = "f = lambda: 0\ng = lambda a, b=1, *c, d, e=2, **f: a + b\nh = lambda *, k: k\ni = lambda a, /, b: a\n",
        ["Comprehensions_of_every_kind"] =
            "a = [x * y for x in xs if x for y in ys if y if x != y]\nb = {k: v for k, v in items}\nc = {x for x in xs}\nd = list(x for x in xs)\ne = (x async for x in aiter)\nf = sum((x for x in xs), 0)\n",
        ["Slices_with_steps_and_multi_dimensional_subscripts"] =
            "a[1:2]\na[::2]\na[:]\na[1:]\na[:-1:3]\na[1, 2]\na[1:2, ::3]\na[...]\na[()]\na[*idx]\n",
        ["Calls_with_keyword_and_star_arguments"] = "f(a, b, *c, d=1, *e, **g)\nf()\nf(x,)\nf(a)(b)(c)\nobj.method(1).attr[2](k=3)\n",
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
        ["Dict_and_set_displays_with_unpacking"] = "d = {}\ne = {1: 2, **f, 'g': h}\ns = {1, 2, *t}\nl = [*a, *b]\nt = *a, b\n",
        ["Docstrings_and_ellipsis_and_constants"] = "'''module docstring'''\ndef f():\n    '''doc'''\n    ...\nx = None, True, False\n",
        ["Crlf_line_endings_and_a_bom"] = "\uFEFFx = 1\r\nif x:\r\n    y = 2\r\n",
        ["Return_forms_and_tuples"] = "def f():\n    return\ndef g():\n    return 1, 2\ndef h():\n    return (1)\ndef i():\n    return *a, b\n",
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

    private static IEnumerable<TestCaseData> Cases() => Snippets.Keys.Select(n => new TestCaseData(n).SetName(n));

    [TestCaseSource(nameof(Cases))]
    public void Parses_like_CPython(string name)
    {
        string path = Path.Combine(_directory!, name + ".py");
        string expected = _cpython![path];
        Assert.That(expected, Does.Not.StartWith("SyntaxError"), "the snippet must be valid Python");
        CpythonAst.AssertSameDump(expected, CpythonAst.ClrPyDump(path), name);
    }
}
