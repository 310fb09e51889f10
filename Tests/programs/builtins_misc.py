# Builtins: print with several arguments, sep and end; len range abs min max sum int float str bool
# chr ord isinstance hash (of ints) divmod round repr sorted enumerate zip reversed.


def main(argv):
    print("a", 1, 2.5, True, None)
    print("a", "b", "c", sep="-")
    print("no newline", end="")
    print(" ...continued", end="!\n")
    print()
    print("x", "y", sep="", end="\n\n")
    print(len("hello"), len([1, 2, 3]), len({"a": 1}), len((1, 2)), len(""))
    for i in range(3):
        print(i, end=" ")
    for i in range(10, 0, -3):
        print(i, end=" ")
    for i in range(2, 9, 2):
        print(i, end=" ")
    for i in range(5, 5):
        print("never")
    print()
    print(abs(-3), abs(2.5), min(4, 2, 8), max([3, 9, 1]), min("b", "a"), max(1.5, -2.0))
    print(sum([1, 2, 3, 4]), sum([0.5, 0.25]), sum([1, 2], 10))
    print(int("-17"), int(3.7), int(True), float("1.25"), float(3), str(12), str(1.0), bool(0), bool(3))
    print(bool(""), bool("x"), bool([0][1:]), bool([0]), bool(0.0), bool(None))
    print(chr(72) + chr(105), ord("!"), ord("~"), chr(48))
    print(hash(42), hash(-7), hash(0), hash(True))
    print(divmod(17, 5), divmod(-17, 5), round(3.14159, 2), round(2.5), round(-1.5))
    print(repr(1), repr("one"), repr(2.0), repr((1, 2)), repr(["a"]), repr(None))
    print(sorted([5, 2, 9, 1]), sorted(["pear", "apple"]), sorted([2.5, -1.0, 0.5]))
    for i, ch in enumerate("abc"):
        print(i, ch, end="; ")
    print()
    for i, v in enumerate([10, 20], 1):
        print(i, v, end="; ")
    print()
    for a, b in zip([1, 2, 3], ["x", "y", "z", "w"]):
        print(a, b, end="; ")
    print()
    for v in reversed([1, 2, 3]):
        print(v, end=" ")
    for ch in reversed("xyz"):
        print(ch, end=" ")
    print()
    print([(i, c) for i, c in enumerate("hi")], [a * b for a, b in zip([1, 2], [3, 4])])
    print(max(len("a"), len("abc")), min([2.5, 1.5]), max(["pear", "apple"]))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
