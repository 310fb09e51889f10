# Short-circuit values, conditional expressions, chained comparisons, comprehensions, f-strings,
# unpacking, augmented assignment on attributes and items, keyword calls.
class Box(object):
    def __init__(self, size):
        self.size = size


def pick(a, b, c):
    x = a or b
    y = c if a < b < c else a
    return x, y


def squares(items):
    return [v * v for v in items if v > 0]


def describe(box, counts, key):
    box.size += 1
    counts[key] += 1
    first, second = pick(1, 2, 3)
    return f"size={box.size} first={first!r:>3}"


def main(argv):
    box = Box(size=3)
    print(describe(box, {"a": 0}, "a"), squares([1, -2, 3]))
    return 0
