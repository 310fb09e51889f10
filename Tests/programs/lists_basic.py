# Lists: growth, removal, slicing, sorting, comprehensions, nested lists and lists of instances.


class Item(object):
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight


def total_weight(items):
    total = 0
    for item in items:
        total += item.weight
    return total


def main(argv):
    xs = [5, 3, 8]
    xs.append(1)
    xs.insert(0, 9)
    xs.extend([7, 2])
    print(xs, len(xs), xs[2], xs[-1])
    print(xs.pop(), xs.pop(0), xs)
    xs.sort()
    print(xs, xs.index(5), 8 in xs, 4 in xs)
    xs.reverse()
    print(xs, xs[1:3], xs[::2], xs[::-1])
    del xs[0]
    print(xs, xs + [0], [0] * 3)
    squares = [i * i for i in range(8) if i % 2 == 1]
    print(squares, sum(squares), sorted([3, 1, 2]), list(reversed([1, 2, 3])))
    grid = [[0] * 3 for i in range(3)]
    grid[1][2] = 5
    print(grid)
    items = [Item("a", 3), Item("b", 4)]
    items.append(Item("c", 10))
    print(total_weight(items), [it.name for it in items])
    for i, v in enumerate(["x", "y"]):
        print(i, v)
    for a, b in zip([1, 2, 3], ["one", "two", "three"]):
        print(a, b)
    empty = []
    empty.append(3)
    print(empty, min(xs), max(xs))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
