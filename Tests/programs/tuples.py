# Tuples: packing, unpacking, swapping, returning several values and tuples as dict keys.


def divmod_pair(a, b):
    return a // b, a % b


def min_max(values):
    lo = values[0]
    hi = values[0]
    for v in values:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return (lo, hi)


def main(argv):
    t = (1, "two", 3.0)
    print(t, t[0], t[1], len(t))
    a, b = 1, 2
    a, b = b, a
    print(a, b)
    q, r = divmod_pair(17, 5)
    print(q, r)
    lo, hi = min_max([4, -2, 9, 3])
    print(lo, hi)
    points = {}
    points[(0, 0)] = "origin"
    points[(1, 0)] = "east"
    print(points[(1, 0)], (0, 0) in points)
    pair = (3, (4, 5))
    x, (y, z) = pair
    print(x, y, z, pair)
    print((1,), (), ("a", "b") == ("a", "b"), (1, 2) < (1, 3))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
