# str() and repr() of every kind of value and container, which RPy must reproduce byte for byte:
# nested lists, dicts and tuples of ints, floats, strings with quotes and escapes, bools and None.


class Thing(object):
    def __init__(self, name):
        self.name = name


def main(argv):
    print(str(0), repr(-12), str(3.0), repr(1e100), str(-0.5), repr(1.5e-10), str(True), repr(False))
    print(str("plain"), repr("plain"), repr("it's"), repr("\"quoted\""), repr("both ' and \""))
    print(repr("\t\n\r\\"), repr("\x00\x7f"), repr("caf\u00e9"), repr("\u2603"), len("\u2603"))
    print([1, -2, 3], [1.0, 2.5, -0.0], ["a", "b'c", 'd"e'], [True, False], [[1], [], [2, 3]])
    print((1,), (1, 2), ("x", 1.5, None, True), ((1, 2), (3, 4)), [(1, "a")], ([1], [2.0]))
    print({"a": 1}, {1: "a", 2: "b"}, {(1, 2): [3.5]}, {"k": {"nested": (1, None)}}, {0.5: True})
    print(str([None]), repr([None, None]), str(("s",)), repr({"q": "'"}))
    names = [Thing("x"), Thing("y")]
    print([t.name for t in names], [len(t.name) for t in names])
    maybe = None
    if len(argv) > 100:
        maybe = "never"
    print(maybe, [maybe], repr(maybe), str(maybe) + "!")
    print(str(123456789012345), repr(2 ** 53 + 1), float(2 ** 53 + 1), 1e15 + 0.5, 123.456e5)
    print(str([0.1, 0.2, 0.30000000000000004]), repr((0.1 + 0.2,)), 1 / 3.0 * 3.0)
    print("%s %r" % ("x", "x"), "%s" % [1], "%r" % [["s"]], "%s %s" % ((1, 2), {"a": [1]}))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
