# %-formatting with %d %s %f %x %r and widths, and f-strings with format specs, the formatting
# forms RPy supports; every line is compared byte for byte with CPython.


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def describe(self):
        return "Point(%d, %d)" % (self.x, self.y)


def main(argv):
    print("%d items" % 5, "%d|%5d|%-5d|%05d" % (42, 42, 42, 42), "%d" % -17)
    print("%s and %s" % ("this", "that"), "[%8s]" % "right", "[%-8s]" % "left")
    print("%f %.2f %.0f %10.3f %-10.1f|" % (3.14159, 3.14159, 2.5, -1.5, 0.25))
    print("%x %08x %4x|" % (255, 48879, 10))
    print("%r %r %r" % ("quoted", 12, 1.5), "%s" % 1.5, "%s" % True, "%s" % None)
    print("100%% done", "%d%%" % 50)
    print("%s" % [1, 2, 3], "%s" % (("a", 1),))
    name = "world"
    count = 3
    ratio = 2.0 / 3.0
    print(f"hello {name}", f"{count} times", f"{ratio}", f"{ratio:.3f}", f"{count:4d}|", f"{count:<4d}|")
    print(f"{name:>10}|{name:<10}|{name:^11}|", f"{count:03d}", f"{255:x}", f"{48879:08x}")
    print(f"{count * 7 + 1}", f"{name.upper()}", f"{len(name)}", f"{{braces}}", f"{-5:d}", f"{-2.5:.2f}")
    print(f"{1234567:12d}|", f"{0.5:6.3f}|", f"{-0.125:8.1f}|", f"{1e-5}", f"{123456.0:.1f}")
    print(f"{name!r}", f"{ratio!r}", f"{True}", f"{None}")
    p = Point(3, -4)
    print(f"{p.describe()} at x={p.x}", "%s" % p.describe())
    print("%-6s|%6.2f|%4d" % ("ab", 3.14159, 7))
    rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.0)]
    for row in rows:
        fruit, n, price = row
        print("%-8s %4d %7.2f %8.3f" % (fruit, n, price, n * price))
    for row in rows:
        fruit, n, price = row
        print(f"{fruit:8} {n:>4} {price:7.2f} {n * price:8.3f}")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
