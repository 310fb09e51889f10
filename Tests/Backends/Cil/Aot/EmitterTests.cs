// What the CIL emitter does beyond a direct translation, each checked against CPython on a translated
// assembly: callees inlined with their exceptions reaching the caller's handlers, indexing and
// division checked inline, for-loop iterators kept as values, virtual and direct method calls,
// prebuilt objects referring to each other.
using ClrPy.Tests.Translator.Running;

namespace ClrPy.Tests.Backends.Cil.Aot;

public sealed class EmitterTests
{
    [Test]
    public void An_exception_raised_in_an_inlined_callee_reaches_the_callers_handler_or_leaves_the_caller()
    {
        Snippets.AssertLikeCpython("""
            class Oops(Exception):
                pass

            def check(x):
                if x < 0:
                    raise Oops("negative %d" % x)
                return x * 2

            def inverse(x):
                return 1.0 / x

            def caller(values):
                total = 0
                for v in values:
                    try:
                        total += check(v)
                    except Oops as e:
                        print("caught", e)
                return total

            def leaks(v):
                return check(v) + 1

            def main(argv):
                print(caller([1, -2, 3, -4]))
                try:
                    print(leaks(-7))
                except Oops as e:
                    print("outer", e)
                for x in [2.0, 0.0, -4.0]:
                    try:
                        print(inverse(x))
                    except ZeroDivisionError as e:
                        print("zero", e)
                return 0
            """, cil: true);
    }

    [Test]
    public void Indexing_and_division_checked_inline_raise_like_cpython()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                items = [10, 20, 30]
                text = "abc"
                for i in [-4, -3, -1, 0, 2, 3]:
                    try:
                        print(i, items[i], text[i])
                    except IndexError as e:
                        print(i, "IndexError", e)
                    try:
                        items[i] = i
                        print("set", items)
                    except IndexError as e:
                        print("set", i, e)
                for d in [3, -3, 0]:
                    try:
                        print(7 // d, -7 % d, 7.5 / d)
                    except ZeroDivisionError as e:
                        print("ZeroDivisionError", e)
                return 0
            """, cil: true);
    }

    [Test]
    public void Loops_over_ranges_lists_strs_and_dicts_see_what_cpython_sees()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                grown = [1, 2]
                for x in grown:
                    if x < 5:
                        grown.append(x + 2)
                print(grown)
                for i in range(10, 0, -3):
                    print(i)
                step = len(argv) + 1
                for i in range(0, 7, step):
                    print("step", i)
                counts = {"b": 2, "a": 1}
                for key in counts:
                    print(key, counts[key])
                letters = []
                for c in "hey":
                    letters.append(c.upper())
                print(letters)
                try:
                    for i in range(0, 3, len(argv) - 1):
                        print(i)
                except ValueError as e:
                    print("ValueError", e)
                return 0
            """, cil: true);
    }

    [Test]
    public void Methods_dispatch_on_the_receivers_class_and_prebuilt_objects_refer_to_each_other()
    {
        Snippets.AssertLikeCpython("""
            class Shape(object):
                def area(self):
                    return 0.0
                def name(self):
                    return "shape"

            class Square(Shape):
                def __init__(self, side):
                    self.side = side
                def area(self):
                    return self.side * self.side

            class Circle(Shape):
                def __init__(self, r):
                    self.r = r
                def area(self):
                    return 3.0 * self.r * self.r
                def name(self):
                    return "circle"

            class Node(object):
                def __init__(self, label):
                    self.label = label
                    self.next = None

            FIRST = Node("first")
            SECOND = Node("second")
            FIRST.next = SECOND
            SECOND.next = FIRST
            TABLE = {"one": [FIRST, SECOND]}

            def main(argv):
                shapes = [Square(2.0), Circle(1.0), Shape()]
                for s in shapes:
                    print(s.name(), s.area())
                only = Square(3.0)
                print(only.area(), only.name())
                node = TABLE["one"][0]
                for i in range(3):
                    print(node.label)
                    node = node.next
                return 0
            """, cil: true);
    }

    [Test]
    public void Tuples_longer_than_seven_items_keep_the_rest_in_a_nested_tuple()
    {
        Snippets.AssertLikeCpython("""
            class Box(object):
                def __init__(self, v):
                    self.v = v

            LONG = (1, "two", 3.0, 4, 5, 6, 7, "eight", 9)

            def make(n):
                return (n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, str(n + 7), Box(n + 8), n * 1.5)

            def main(argv):
                a, b, c, d, e, f, g, h, box, x = make(len(argv))
                print(a, b, c, d, e, f, g, h, box.v, x)
                print(LONG, LONG[7], LONG[8])
                seen = {LONG: "long"}
                print(seen[(1, "two", 3.0, 4, 5, 6, 7, "eight", 9)])
                ranked = [(3, 2, 1, 0, 0, 0, 0, "b"), (3, 2, 1, 0, 0, 0, 0, "a"), (1, 9, 9, 9, 9, 9, 9, "z")]
                ranked.sort()
                print(ranked)
                for item in (1, 2, 3, 4, 5, 6, 7, 8, 9):
                    print(item)
                return 0
            """, cil: true);
    }
}
