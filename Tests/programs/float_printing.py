# Float values and their exact printing: shortest repr, exponents, negative zero, infinities,
# true division of ints, round() with and without digits, int() truncation and float() parsing.
import math

VALUES = [0.1, 0.2, 0.1 + 0.2, 1.0, -1.5, 1e16, 1e15, 123456789012345678.0, 1e-7, 0.0001,
          1e-4 * 3, 2.5e-5, 1.0 / 3.0, 2.0 / 3.0, 100.0, 1e22, 1e300 * 10.0, 5e-324, 0.5, 3.14159]


def main(argv):
    for v in VALUES:
        print(v, repr(v), str(v), -v)
    print(7 / 2, 1 / 4, -7 / 2, 10 / 5, 2 / 3)
    print(-0.0, 0.0 * -1.0, abs(-0.0))
    inf = 1e308 * 10.0
    print(inf, -inf, inf > 1e308, -inf < -1e308)
    nan = inf - inf
    print(nan != nan, nan == nan)
    print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2))
    print(round(1.23456789, 4), round(-0.5), round(7.0))
    print(int(3.99), int(-3.99), int(1e15), float(7), float("2.5"), float("-1e-3"), int("  42 "))
    print(math.floor(-2.5), math.ceil(-2.5), math.floor(2.5), math.ceil(2.1))
    print(math.sqrt(2.0), math.sqrt(16.0), math.pi, math.e)
    print(2.0 ** 0.5, 2.0 ** -1, 10.0 ** 20, 1.5 * 4)
    print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, divmod(7.5, 2))
    print(1 + 0.5, 3 * 0.1, 0.1 * 3, 1.1 + 2.2)
    x = 1.0
    i = 0
    while i < 10:
        x = x * 1.1
        i += 1
    print(x)
    print(float(10 ** 15) + 0.3, 1e16 + 1.0)
    print(max(1.5, 2.5), min(-0.5, 0.25), abs(-3.75))
    print(3.0 == 3, 0.1 + 0.2 == 0.3, 2.0 < 3)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
