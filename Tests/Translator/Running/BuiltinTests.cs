// Builtins and methods whose lowering once lost part of Python's meaning, each run against CPython.
namespace ClrPy.Tests.Translator.Running;

public sealed class BuiltinTests
{
    [Test]
    public void Math_functions_raise_like_cpython_on_domain_and_range_errors()
    {
        Snippets.AssertLikeCpython("""
            import math

            def attempt(which, x, y):
                try:
                    if which == 0:
                        return math.log(x)
                    if which == 1:
                        return math.exp(x)
                    if which == 2:
                        return math.pow(x, y)
                    if which == 3:
                        return math.fmod(x, y)
                    if which == 4:
                        return math.log(x, y)
                    if which == 5:
                        return math.asin(x)
                    return math.hypot(x, y)
                except ValueError as e:
                    print("ValueError", e)
                except OverflowError as e:
                    print("OverflowError", e)
                except ZeroDivisionError as e:
                    print("ZeroDivisionError", e)
                return -1.0

            def main(argv):
                cases = [(0, 0.0, 0.0), (0, -2.0, 0.0), (0, 7.5, 0.0), (1, 1000.0, 0.0), (1, 1.5, 0.0), (2, 0.0, -1.0),
                         (2, 10.0, 400.0), (2, -8.0, 0.5), (2, 2.0, 0.5), (3, 1.0, 0.0), (3, -7.5, 2.0), (4, 8.0, 1.0),
                         (4, 8.0, 2.0), (5, 2.0, 0.0), (5, 0.5, 0.0), (6, 1e308, 1e308), (6, 3.0, 4.0)]
                for which, x, y in cases:
                    print(which, attempt(which, x, y))
                print(math.isnan(math.fmod(1.0, 3.0)), math.isinf(1e308 * 10.0), math.isfinite(1e308 * 10.0), math.isfinite(2.5))
                print(math.trunc(-3.7), math.gcd(12, -18), math.expm1(1e-10), math.log1p(1e-10), math.degrees(1.0), math.inf, -math.inf)
                return 0
            """);
    }

    // isinstance() with a builtin type had been an internal error ("<builtin int> is not a class"); sorted() of a str
    // or a dict, ill-typed graphs
    [TestCase(false)]
    [TestCase(true)]
    public void Isinstance_with_builtin_types_and_sorted_of_a_string_or_a_dict(bool cil)
    {
        Snippets.AssertLikeCpython("""
            def text(z):
                if z > 1:
                    return None
                return "t"

            def main(argv):
                z = len(argv)
                w = text(z)
                maybe = text(z + 1)
                print(isinstance(z, int), isinstance(z > 0, int), isinstance(z > 0, bool), isinstance(z, bool), isinstance(1.5 * z, float))
                print(isinstance(w, str), isinstance(maybe, str), isinstance(z, str), isinstance(w, (int, str)), isinstance(1.5, (int, str)))
                print(isinstance([z], list), isinstance({z: 1}, dict), isinstance((z, "a"), tuple), isinstance(z, list))
                print(sorted("hello" + argv[0][:0]), sorted({"b": 1, "a": 2}), sorted("abc" + argv[0][:0], reverse=True))
                return 0
            """, cil: cil);
    }

    // min(), max() and join() of one str had been lowered as of a list (an internal error: ill-typed graphs)
    [TestCase(false)]
    [TestCase(true)]
    public void Min_max_and_join_of_a_string_or_a_dict_take_its_characters_or_keys(bool cil)
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                word = "hello" + argv[0][:0]
                d = {"b": 1, "a": 2, "c": 0}
                print(min(word), max(word), min(d), max(d))
                print("-".join(word), ", ".join(d), "".join(word[:0]))
                try:
                    print(max(word[5:]))
                except ValueError as e:
                    print("ValueError", e)
                return 0
            """, cil: cil);
    }

    // min() of a list nothing is ever put in has no value (it raises), which joins the int of the other branch: its
    // lowering had had no number to convert it to (an internal error)
    [TestCase(false)]
    [TestCase(true)]
    public void A_value_of_a_list_nothing_is_put_in_may_join_an_int(bool cil)
    {
        Snippets.AssertLikeCpython("""
            def pick(z):
                a = []
                try:
                    x = min(a) if z == 0 else z + 1
                except ValueError as e:
                    print("ValueError", e)
                    x = -1
                return x

            def main(argv):
                print(pick(len(argv)), pick(len(argv) - 1))
                return 0
            """, cil: cil);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Error_texts_of_modulo_by_zero_chr_and_list_index_are_CPython_s(bool cil)
    {
        Snippets.AssertLikeCpython("""
            def attempt(k, z):
                try:
                    if k == 0:
                        return str(7 % z)
                    if k == 1:
                        return str(7 // z)
                    if k == 2:
                        q, r = divmod(7, z)
                        return str(q)
                    if k == 3:
                        return chr(z - 1)
                    if k == 4:
                        return chr(0x110000 + z)
                    if k == 5:
                        return str([1, 2].index(7 + z))
                    return str(["a", "b"].index("c"))
                except ZeroDivisionError as e:
                    return "ZeroDivisionError " + str(e)
                except ValueError as e:
                    return "ValueError " + str(e)

            def main(argv):
                z = len(argv) - 1
                for k in range(7):
                    print(k, attempt(k, z))
                return 0
            """, cil: cil);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_slice_with_a_zero_step_raises_ValueError_that_try_catches(bool cil)
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                a = [1, 2, 3, 4]
                s = "abcd"
                z = len(argv) - 1
                try:
                    print(a[1::z])
                except ValueError as e:
                    print("list", e)
                try:
                    print(s[::z])
                except ValueError as e:
                    print("str", e)
                try:
                    del a[::z]
                except ValueError as e:
                    print("del", e)
                print(a[::-2], s[3:0:-1], a)
                del a[::2]
                print(a)
                print(s[::z])
                return 0
            """, cil: cil);
    }

    // CPython may allocate such a list (or take minutes to fail), so these are not differential: the translated
    // program raises MemoryError (which, as in RPython, `*` has no exception edge for: it ends the program)
    [TestCase("[1, 2] * n", false)]
    [TestCase("[1, 2] * n", true)]
    [TestCase("[0] * (n * 2)", false)]
    [TestCase("[0] * (n * 2)", true)]
    [TestCase("'ab' * n", false)]
    [TestCase("'ab' * n", true)]
    public void Repeating_a_sequence_past_what_memory_holds_raises_MemoryError(string repetition, bool cil)
    {
        string source = $$"""
            def main(argv):
                n = 2000000000 + len(argv)
                print("small", len({{repetition.Replace("n", "len(argv)")}}))
                x = {{repetition}}
                print("not reached", len(x))
                return 0
            """;
        var result = cil ? Snippets.RunTranslatedCil(source) : Snippets.RunTranslated(source);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        Assert.That(result.Stdout, Does.StartWith("small ").And.Not.Contain("not reached"));
        Assert.That(result.Stderr, Does.Contain("MemoryError").And.Not.Contain("NullReference"));
    }

    [Test]
    public void Divmod_inside_try_catches_its_zero_division()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                n = len(argv) - 1
                try:
                    q, r = divmod(7, n)
                    print(q, r)
                except ZeroDivisionError:
                    print("caught")
                print(divmod(-7, 2))
                return 0
            """);
    }

    [Test]
    public void Dict_pop_with_a_default_and_the_text_of_key_errors()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                d = {"a": 1, "b": 2}
                print(d.pop("a", 0), d.pop("zz", 5), d)
                try:
                    d.pop("zz")
                except KeyError as e:
                    print("KeyError", e)
                try:
                    raise KeyError("own")
                except KeyError as e:
                    print("raised", e)
                nums = {1: "x"}
                try:
                    print(nums[2])
                except KeyError as e:
                    print("int key", e)
                return 0
            """);
    }

    [Test]
    public void Startswith_from_a_position()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                s = "hello world"
                print(s.startswith("world", 6), s.startswith("world", 5), s.startswith("d", -1), s.startswith("", 11), s.startswith("", 12))
                return 0
            """);
    }
}

public sealed class IterationAndTruthTests
{
    [Test]
    public void Enumerate_and_zip_over_lists_strs_and_dicts()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                for i, ch in enumerate("abc"):
                    print(i, ch)
                for i, v in enumerate([10, 20], 5):
                    print(i, v)
                d = {"x": 1, "y": 2}
                print([(k, n) for k, n in zip(d, [7, 8, 9])], [a + b for a, b in zip([1, 2, 3], [10, 20])])
                print(min("b", "a", "c"), max("ab", "b"), min((2, "x"), (1, "y")))
                return 0
            """);
    }

    [Test]
    public void In_on_a_tuple_compares_each_item()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                for op in ["jlt", "add", "jne"]:
                    print(op, op in ("jlt", "jeq", "jne"), len(op) in (1, 2, 3))
                return 0
            """);
    }

    [Test]
    public void The_truth_of_a_module_level_list_is_tested_when_the_program_runs()
    {
        Snippets.AssertLikeCpython("""
            LOG = []
            TABLE = {}

            def main(argv):
                print(-1 if not LOG else 1, "empty" if not TABLE else "full")
                LOG.append("x")
                TABLE[1] = 2
                print(-1 if not LOG else 1, "empty" if not TABLE else "full", LOG or ["default"])
                while LOG:
                    LOG.pop()
                print(len(LOG))
                return 0
            """);
    }

    [Test]
    public void Str_of_a_str_that_may_be_none()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                maybe = None
                if len(argv) > 100:
                    maybe = "never"
                print(str(maybe) + "!", maybe)
                return 0
            """);
    }
}

public sealed class IteratorUnionTests
{
    [Test]
    public void A_loop_over_a_result_that_is_a_char_on_one_path_and_a_str_on_another()
    {
        Snippets.AssertLikeCpython("""
            def label(words, i):
                if i >= len(words):
                    return "?"
                return words[i] + "!"

            def vowels(words):
                count = 0
                for i in range(len(words) + 1):
                    for letter in label(words, i):
                        if letter in "aeiou":
                            count += 1
                return count

            def main(argv):
                print(vowels(["banana", "kiwi"]), vowels([]))
                return 0
            """);
    }

    private const string SetParamProgram = """
        from clrpy.jit import JitDriver, set_param

        driver = JitDriver(greens=["pc"], reds=["n"])

        def main(argv):
            set_param(driver, "threshold", 7)
            set_param(driver, "enable_opts", "intbounds:unroll")
            set_param(driver, "off", None)
            print("tuned")
            set_param(driver, "trace_limit", len(argv) - 5)
            print("not reached")
            return 0
        """;

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Set_param_checks_its_setting_where_cpython_does_and_a_bad_one_ends_the_program(bool jitcodes, bool operationHelpers)
    {
        // no JIT here: set_param only checks; the negative trace_limit ends the program with exit code 1, as CPython's ValueError
        Snippets.AssertLikeCpython(SetParamProgram, jitcodes, operationHelpers: operationHelpers);
        var run = Snippets.RunTranslated(SetParamProgram, jitcodes: jitcodes, operationHelpers: operationHelpers);
        Assert.That(run.Stderr, Is.EqualTo("error: JIT parameter 'trace_limit' must be between 0 and 2147483647, not -4\n"));
    }
}
