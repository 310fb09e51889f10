# Builtin exceptions raised where CPython raises them: list and str indexing, pop from an empty
# list, dict lookups and pops, int() parsing, division and modulo by zero (int and float), list
# index of a missing value, chr out of range, negative shifts, and ovfcheck overflow.
from clrpy.rlib import ovfcheck


def try_index(xs, i):
    try:
        return xs[i]
    except IndexError:
        return -1


def try_set(xs, i, v):
    try:
        xs[i] = v
        return "set"
    except IndexError:
        return "IndexError"


def try_parse(s):
    try:
        return int(s)
    except ValueError:
        return -999


def try_divide(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return 0


def try_modulo(a, b):
    try:
        return a % b
    except ZeroDivisionError:
        return 0


def try_float_divide(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return -1.0


def try_lookup(d, key):
    try:
        return d[key]
    except KeyError:
        return "missing"


def try_mul(a, b):
    try:
        return ovfcheck(a * b)
    except OverflowError:
        return -1


def main(argv):
    xs = [10, 20, 30]
    print(try_index(xs, 2), try_index(xs, 3), try_index(xs, -3), try_index(xs, -4))
    print(try_set(xs, 1, 5), try_set(xs, 3, 5), try_set(xs, -4, 5), xs)
    print([try_parse(s) for s in ["12", "-7", " 8 ", "1.5", "", "abc", "+3"]])
    print(try_divide(7, 2), try_divide(7, 0), try_modulo(7, 0), try_modulo(-7, 3))
    print(try_float_divide(1.0, 0.0), try_float_divide(1.0, 4.0))
    try:
        print(5.0 % 0.0)
    except ZeroDivisionError:
        print("float modulo by zero")
    d = {"a": "x"}
    print(try_lookup(d, "a"), try_lookup(d, "b"))
    try:
        d.pop("zz")
    except KeyError:
        print("pop of missing key")
    empty = [1]
    empty.pop()
    try:
        empty.pop()
    except IndexError:
        print("pop from empty list")
    try:
        print(xs.index(99))
    except ValueError:
        print("index of missing value")
    try:
        print(chr(-1))
    except ValueError:
        print("chr out of range")
    try:
        print(1 << (len(xs) - 10))
    except ValueError:
        print("negative shift count")
    print(try_mul(3037000499, 3037000499), try_mul(3037000500, 3037000500), try_mul(-4611686018427387904, 2))
    try:
        divmod(1, 0)
    except ZeroDivisionError:
        print("divmod by zero")
    try:
        "abc"[10]
    except IndexError:
        print("string index out of range")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
