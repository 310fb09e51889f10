# Statements: while/for with else, break/continue, chained comparisons, conditional expressions,
# augmented assignment on attributes and subscripts, swaps, global containers, assert, del.

LOG = []
COUNTS = {"calls": 0}


class Box(object):
    def __init__(self):
        self.total = 0
        self.items = [0, 0, 0]


def record(message):
    LOG.append(message)
    COUNTS["calls"] += 1


def find_first_multiple(xs, k):
    for x in xs:
        if x % k == 0:
            result = x
            break
    else:
        result = -1
    return result


def main(argv):
    i = 0
    while i < 10:
        i += 1
        if i % 3 == 0:
            continue
        if i > 7:
            break
        record("i=" + str(i))
    else:
        record("no break")
    print(LOG, COUNTS["calls"])
    print(find_first_multiple([3, 5, 10], 5), find_first_multiple([1, 2], 7))
    n = 5
    print(0 < n < 10, 0 < n > 10, 1 <= n <= 5 < 6)
    print("big" if n > 3 else "small", "neg" if n < 0 else "non-negative")
    b = Box()
    b.total += 5
    b.total *= 3
    b.items[1] += 7
    b.items[2] -= 1
    print(b.total, b.items)
    x, y, z = 1, 2, 3
    x, y, z = z, x, y
    print(x, y, z)
    assert x == 3, "swap failed"
    xs = [1, 2, 3, 4]
    del xs[1]
    print(xs, not True, not 0, True and 5, 0 or "default")
    k = 0
    while True:
        k += 1
        if k >= 4:
            break
    print(k)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
