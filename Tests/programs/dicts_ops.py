# Dicts with int, str, tuple and instance keys: insertion order, get setdefault pop keys values
# items, `in`, del, iteration, KeyError, and exact printing of dicts.


class Key(object):
    def __init__(self, label):
        self.label = label


def histogram(text):
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def main(argv):
    d = {"one": 1, "two": 2}
    d["three"] = 3
    d["one"] = 11
    print(d, len(d), d["two"], "one" in d, "four" in d, "four" not in d)
    print(d.get("two"), d.get("four", -1), d.setdefault("four", 4), d.setdefault("one", 0))
    print([k for k in d.keys()], [v for v in d.values()], [kv for kv in d.items()])
    print(d.pop("two"), d.pop("missing", 0), d)
    del d["three"]
    d["two"] = 22
    print(d)
    for k in d:
        print(k, d[k])
    for k, v in d.items():
        print(k + "=" + str(v))
    total = 0
    for v in d.values():
        total += v
    print(total)
    squares = {}
    for i in range(6):
        squares[i] = i * i
    print(squares, squares[5])
    del squares[0]
    squares[0] = 0
    print(squares)
    grid = {}
    grid[(0, 0)] = "origin"
    grid[(1, -1)] = "corner"
    grid[(0, 0)] = "center"
    print(grid, grid[(1, -1)], (2, 2) in grid)
    a = Key("a")
    b = Key("b")
    owners = {}
    owners[a] = 1
    owners[b] = 2
    owners[a] += 10
    print(owners[a], owners[b], len(owners), Key("a") in owners)
    for key, value in owners.items():
        print(key.label, value)
    h = histogram("mississippi")
    print(h)
    print(sorted(h.keys()), sorted(h.items()))
    fd = {0.5: "half", 0.25: "quarter"}
    print(fd[0.5], fd)
    nested = {"xs": [1, 2], "ys": []}
    nested["ys"].append(3)
    nested.setdefault("zs", []).append(4)
    print(nested)
    try:
        print(d["nope"])
    except KeyError:
        print("KeyError on read")
    try:
        del d["nope"]
    except KeyError:
        print("KeyError on del")
    empty = {}
    empty["x"] = 1.5
    print(empty, {}, {1: {2: "deep"}})
    copy = {}
    for k in d:
        copy[k] = d[k]
    copy["new"] = 0
    print(len(d), len(copy))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
