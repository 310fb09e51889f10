# The math module: sqrt, sin, cos, tan, atan2, exp, log, log10, pow, fabs, floor, ceil, hypot and the
# constants pi and e, with results printed through repr and fixed-precision formatting.
import math


def newton_sqrt(x):
    guess = x / 2.0
    for _ in range(30):
        guess = (guess + x / guess) / 2.0
    return guess


def main(argv):
    print(math.sqrt(2.0), math.sqrt(1e10), newton_sqrt(2.0), newton_sqrt(2.0) == math.sqrt(2.0))
    print(math.pi, math.e, math.pi / 4)
    print(math.sin(0.0), math.cos(0.0), "%.12f" % math.sin(math.pi / 6), "%.12f" % math.cos(math.pi / 3))
    print(math.exp(0.0), "%.10f" % math.exp(1.0), math.log(1.0), "%.10f" % math.log(10.0))
    print(math.log10(1000.0), "%.10f" % math.log(8.0, 2.0), math.pow(2.0, 10.0), math.fabs(-3.5))
    print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.trunc(-3.7))
    print(math.hypot(3.0, 4.0), "%.10f" % math.atan2(1.0, 1.0), "%.10f" % math.atan(1.0))
    print("%.10f" % math.tan(0.5), "%.10f" % math.asin(0.5), "%.10f" % math.acos(0.5))
    print(math.isinf(1e308 * 10.0), math.isnan(0.0), math.fmod(7.5, 2.0), math.fmod(-7.5, 2.0))
    angle = 0.0
    points = []
    for i in range(8):
        points.append((round(math.cos(angle), 6), round(math.sin(angle), 6)))
        angle += math.pi / 4
    print(points)
    total = 0.0
    for i in range(1, 1001):
        total += 1.0 / (i * i)
    print("%.10f %.10f" % (total, math.pi * math.pi / 6))
    print(math.degrees(math.pi), math.radians(180.0))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
