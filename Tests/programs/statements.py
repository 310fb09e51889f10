# Statements: while/for with else, break/continue, chained comparisons, conditional expressions,
# augmented assignment on attributes and subscripts, multiple assignment, global on module-level
# containers, assert and del.

LOG = []
COUNTS = {"calls": 0}


class Box(object):
    def __init__(self):
        self.value = 10
        self.items = [1, 2, 3]


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


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    else:
        record("collatz done")
    return steps


def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif 0 < n < 10:
        return "small"
    elif 10 <= n <= 99:
        return "medium"
    else:
        return "large"


def main(argv):
    print(find_first_multiple([3, 5, 7, 14, 21], 7), find_first_multiple([1, 2], 5))
    print(collatz_steps(27), collatz_steps(1))
    for n in [-5, 0, 7, 42, 1000]:
        print(n, classify(n))
    total = 0
    for i in range(20):
        if i % 3 == 0:
            continue
        if i > 15:
            break
        total += i
    print("total", total)
    i = 0
    while True:
        i += 1
        if i * i > 50:
            break
    print("first square over 50:", i * i)
    for i in range(3):
        pass
    else:
        print("loop finished at", i)
    b = Box()
    b.value += 5
    b.value *= 2
    b.value -= 1
    b.value //= 3
    b.items[0] += 100
    b.items[-1] *= 7
    print(b.value, b.items)
    a = c = 7
    x, y, z = 1, 2, 3
    x, y, z = z, x, y
    print(a, c, x, y, z)
    print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1.0 != 2, "a" < "b" < "c")
    print("yes" if 3 > 2 else "no", 5 if False else 6, -1 if not LOG else 1)
    print(not True, not 0, not "", not "x", 0 or 7, 3 and 4, None or "dflt", "" and "never")
    record("first")
    record("second")
    print(LOG, COUNTS)
    assert len(LOG) == 4, "four records"
    xs = [0, 1, 2, 3, 4, 5]
    del xs[2]
    del xs[:2]
    print(xs)
    n = 0
    for outer in range(4):
        for inner in range(4):
            if inner > outer:
                break
            n += 1
    print("pairs", n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
