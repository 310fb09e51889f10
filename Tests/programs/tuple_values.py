# Tuples: packing and unpacking, swaps, tuples returned from functions, as dict keys, in lists,
# comparison and printing (including the one-element form).

ORIGIN = (0, 0)
NAMED = ("zero", 0, 0.0)


def min_max(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


def divide(a, b):
    return (a // b, a % b)


def add(p, q):
    return (p[0] + q[0], p[1] + q[1])


def main(argv):
    t = (1, "two", 3.0)
    a, b, c = t
    print(t, a, b, c, len(t), t[1], t[-1])
    lo, hi = min_max([4, -2, 9, 0])
    print(lo, hi, min_max([7]))
    q, r = divide(17, 5)
    print(q, r, divide(-17, 5))
    x = 1
    y = 2
    x, y = y, x
    print(x, y)
    x, y = x + y, x * y
    print(x, y)
    p = ORIGIN
    steps = [(1, 0), (0, 2), (-3, 1)]
    for step in steps:
        p = add(p, step)
    print(p, ORIGIN, NAMED, (5,), ())
    seen = {}
    seen[(1, 2)] = "a"
    seen[(2, 1)] = "b"
    seen[(1, 2)] = "c"
    print(seen, (1, 2) in seen, (3, 3) in seen)
    for dx, dy in steps:
        print(dx * dy, end=" ")
    print()
    print((1, 2) < (1, 3), (2, 0) > (1, 9), (1, 2) == (1, 2), ("a", 1) != ("a", 2))
    pairs = [(3, "c"), (1, "a"), (2, "b")]
    pairs.sort()
    print(pairs, [name for _, name in pairs])
    nested = ((1, 2), (3, (4, 5)))
    (m, n), (o, (pp, qq)) = nested
    print(nested, m + n + o + pp + qq)
    i, j = 0, 10
    while i < j:
        i, j = i + 1, j - 1
    print(i, j)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
