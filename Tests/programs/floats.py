# Floats and their exact printing: repr round-trips, division, rounding and math functions.
import math


def mean(values):
    total = 0.0
    for v in values:
        total += v
    return total / len(values)


def main(argv):
    print(0.1 + 0.2)
    print(1e16, 1e-7, 1.5e300 * 10.0)
    print(-0.0, 2.0 / 3.0, 10 / 4, 7.0 // 2.0, -7.5 % 2.0)
    print(round(2.675, 2), round(3.5), round(-2.5), round(0.125, 2))
    print(float(3), int(7.9), int(-7.9), float("2.5"))
    print(math.sqrt(2.0), math.floor(-1.5), math.cos(0.0), math.pi)
    print(mean([1.0, 2.5, 4.0]))
    print(abs(-3.25), max(1.5, 2.5), min(1.5, -2.5))
    x = 1.0
    for i in range(10):
        x = x * 1.5 + 0.1
    print(x)
    print(str(1.0), repr(1e22), 123456789.0 * 1000.0)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
