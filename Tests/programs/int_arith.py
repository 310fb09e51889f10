# Integer arithmetic with Python semantics: floor division and modulo of negatives, powers, bit ops.


def show(label, value):
    print(label, value)


def main(argv):
    pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (123456789, 1000)]
    for a, b in pairs:
        print(a, b, a // b, a % b, divmod(a, b))
    show("pow", 3 ** 4)
    show("pow0", 5 ** 0)
    show("and", 0b1100 & 0b1010)
    show("or", 0b1100 | 0b1010)
    show("xor", 0b1100 ^ 0b1010)
    show("invert", ~5)
    show("shift", (1 << 40) >> 3)
    show("neg shift", -17 >> 2)
    show("hex", 0xff + 0o17 + 1_000_000)
    show("abs", abs(-42))
    show("min max", min(3, 9, -1) + max(4, 2))
    total = 0
    i = 0
    while i < 100:
        total += i * i - i // 3
        i += 1
    show("total", total)
    x = 10
    x -= 3
    x *= 4
    x //= 3
    x %= 5
    x <<= 3
    x |= 1
    x ^= 2
    x &= 0xff
    x >>= 1
    show("augmented", x)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
