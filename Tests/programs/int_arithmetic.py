# Integer arithmetic: + - * with floor division and modulo on negative operands, powers, bitwise
# operators, shifts, divmod and abs, all within 64 bits so CPython and the translation agree.

PAIRS = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (13, 13), (1, -1), (100, 7), (-100, 7)]


def show_division(a, b):
    q = a // b
    r = a % b
    print(a, "//", b, "=", q, " ", a, "%", b, "=", r, " check", q * b + r == a)


def main(argv):
    for pair in PAIRS:
        a, b = pair
        show_division(a, b)
        d, m = divmod(a, b)
        print("divmod", d, m)
    print(2 ** 10, 3 ** 0, (-2) ** 3, 7 ** 2 ** 1, 2 ** 62)
    x = 0b1011_0110
    y = 0x0F
    print(x & y, x | y, x ^ y, ~x, -x, +x)
    print(1 << 10, 1 << 62, 1024 >> 3, -1024 >> 3, -1 >> 5, 5 >> 10)
    print(abs(-17), abs(17), abs(0))
    print(17 * -3, -17 * -3, 1000000007 * 1000000007)
    print(9223372036854775807, -9223372036854775807 - 1)
    total = 0
    i = 1
    while i <= 100:
        total += i * i
        i += 1
    print("sum of squares", total)
    n = 12345
    n //= 7
    print(n)
    n %= 97
    print(n)
    n <<= 3
    n |= 5
    n ^= 0xFF
    n &= 0x3FF
    n >>= 1
    n **= 2
    print(n)
    print(0o17, 0x7fff, 0b101, 1_000_000)
    print(-(7 // 2), -7 // 2, -(7 % 3), -7 % 3)
    print(min(3, -4, 2), max(3, -4, 2))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
