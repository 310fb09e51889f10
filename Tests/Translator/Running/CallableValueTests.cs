// Functions, bound methods and classes used as values, run against CPython.
namespace ClrPy.Tests.Translator.Running;

public sealed class CallableValueTests
{
    [Test]
    public void Bound_methods_keep_their_receiver_and_dispatch_to_overrides()
    {
        Snippets.AssertLikeCpython("""
            class Counter(object):
                def __init__(self, start):
                    self.value = start

                def bump(self, n):
                    self.value += n
                    return self.value

                def scale(self, n):
                    self.value *= n
                    return self.value

            class Loud(Counter):
                def bump(self, n):
                    self.value += 100 * n
                    return self.value

            def apply(method, n):
                return method(n)

            def main(argv):
                a = Counter(1)
                b = Loud(2)
                actions = [a.bump, b.bump, a.scale, b.scale]
                for i in range(len(actions)):
                    print(actions[i](i + 2))
                handlers = {"a": a.bump}
                handlers["b"] = b.scale
                print(handlers["a"](3), handlers["b"](2), apply(a.scale, 10), a.value, b.value)
                return 0
            """);
    }

    [Test]
    public void Star_arguments_spread_a_tuple()
    {
        Snippets.AssertLikeCpython("""
            def power(base, exponent=2, modulus=0):
                r = base ** exponent
                return r % modulus if modulus else r

            def main(argv):
                args = (2, 10)
                print(power(*args), power(3, *(3,)), power(*args, modulus=1000))
                return 0
            """);
    }

    [Test]
    public void A_classmethod_calls_its_class_and_prebuilt_dicts_hold_functions()
    {
        Snippets.AssertLikeCpython("""
            def add(a, b):
                return a + b

            def mul(a, b):
                return a * b

            OPERATIONS = {"+": add, "*": mul}

            class Point(object):
                def __init__(self, x):
                    self.x = x

                @classmethod
                def origin(cls):
                    return cls(0)

            def main(argv):
                print(OPERATIONS["*"](6, 7), OPERATIONS["+"](6, 7), Point.origin().x)
                return 0
            """);
    }

    [Test]
    public void A_prebuilt_subclass_instance_reads_its_own_class_attributes()
    {
        Snippets.AssertLikeCpython("""
            class Shape(object):
                kind = "shape"
                sides = 0

                def __init__(self, name):
                    self.name = name

                def describe(self):
                    return "%s %s %d" % (self.kind, self.name, self.sides)

            class Rect(Shape):
                kind = "rect"
                sides = 4

            class Square(Rect):
                kind = "square"

            UNIT = Square("unit")

            def main(argv):
                shapes = [Rect("r"), UNIT, Shape("s")]
                for s in shapes:
                    print(s.describe())
                print(UNIT.kind, UNIT.sides)
                return 0
            """);
    }
}

public sealed class NeverReturningTests
{
    [Test]
    public void A_function_that_always_raises_is_called_through_try_finally()
    {
        Snippets.AssertLikeCpython("""
            class Boom(Exception):
                pass

            def deep(n):
                if n == 0:
                    raise Boom("exploded")
                try:
                    deep(n - 1)
                finally:
                    print("unwinding", n)

            def main(argv):
                try:
                    deep(3)
                except Boom as e:
                    print("caught", e)
                return 0
            """);
    }

    [Test]
    public void A_base_method_that_only_raises_shares_its_slot_with_overrides_returning_ints()
    {
        Snippets.AssertLikeCpython("""
            class Expr(object):
                def eval(self):
                    raise NotImplementedError("eval")

            class Num(Expr):
                def __init__(self, n):
                    self.n = n

                def eval(self):
                    return self.n

            class Add(Expr):
                def __init__(self, a, b):
                    self.a = a
                    self.b = b

                def eval(self):
                    return self.a.eval() + self.b.eval()

            def main(argv):
                e = Add(Num(2), Add(Num(3), Num(4)))
                print(e.eval())
                try:
                    Expr().eval()
                except NotImplementedError as err:
                    print("abstract", err)
                return 0
            """);
    }
}

public sealed class CallableValueDiagnosticTests
{
    [Test]
    public void Bound_methods_of_unrelated_classes_in_one_value_are_a_located_error()
    {
        var result = Snippets.RunTranslated("""
            class A(object):
                def go(self, n):
                    return n + 1

            class B(object):
                def go(self, n):
                    return n * 2

            def main(argv):
                fs = [A().go, B().go]
                for f in fs:
                    print(f(3))
                return 0
            """);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("bound methods of unrelated classes (A, B)"));
        Assert.That(result.Stderr, Does.StartWith("snippet.py:10:"));
    }
}
