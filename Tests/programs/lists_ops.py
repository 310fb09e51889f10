# Homogeneous lists: append pop insert extend reverse sort index, del, slicing, `*`, `+`, `in`,
# comprehensions, nested lists, lists of instances, and printing of every kind of list.


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
    xs = [5, 3, 8, 1]
    xs.append(9)
    xs.insert(0, 7)
    xs.insert(100, 2)
    xs.insert(-1, 4)
    print(xs, len(xs))
    print(xs.pop(), xs.pop(0), xs.pop(2), xs)
    xs.extend([10, 11])
    xs.reverse()
    print(xs, xs.index(9), 9 in xs, 99 in xs, 99 not in xs)
    xs.sort()
    print(xs, xs[0], xs[-1], xs[1:3], xs[::-1], xs[::3], xs[-2:], xs[:-2])
    del xs[0]
    del xs[-1]
    print(xs)
    del xs[1:3]
    print(xs, xs * 2, xs + [0], [0] * 5)
    xs[0] = 100
    xs[-1] += 1
    print(xs)
    ys = xs[:]
    ys.append(-1)
    print(xs, ys, xs == ys, xs != ys, [1, 2] < [1, 3], [] == [])
    squares = [i * i for i in range(10)]
    evens = [s for s in squares if s % 2 == 0]
    pairs = [(i, j) for i in range(3) for j in range(i)]
    print(squares, evens, pairs)
    grid = [[0] * 4 for _ in range(3)]
    grid[1][2] = 5
    grid[2][0] = -1
    print(grid, len(grid), len(grid[0]))
    words = ["pear", "apple", "fig", "banana"]
    words.sort()
    print(words, sorted([3, 1, 2]), sorted(words, reverse=True))
    floats = [2.5, -1.0, 0.1 + 0.2]
    floats.sort()
    print(floats, sum(floats), max(floats), min(floats))
    items = [Item("book", 3), Item("lamp", 7), Item("pen", 1)]
    items.append(Item("desk", 40))
    print(total_weight(items), [it.name for it in items], items[1].name)
    names = []
    for it in items:
        if it.weight > 2:
            names.append(it.name.upper())
    print(names)
    empty = []
    empty.append("only")
    print(empty, [[1, 2], [3]], [[]], [["a"], ["b", "c"]], [True, False], [None, None])
    nested = [[1, 2, 3], [4, 5, 6]]
    flat = [v for row in nested for v in row]
    print(flat, sum(flat), [row[1] for row in nested])
    print(list("abc"), list(flat), [i for i in range(5)], [v for v in reversed([1, 2, 3])])
    try:
        print(xs[10])
    except IndexError:
        print("IndexError on read")
    try:
        xs.index(12345)
    except ValueError:
        print("ValueError from index")
    try:
        empty2 = []
        empty2.append(1)
        empty2.pop()
        empty2.pop()
    except IndexError:
        print("IndexError on pop")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
