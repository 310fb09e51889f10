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
