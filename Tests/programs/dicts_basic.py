# Dicts: insertion order, methods, deletion, iteration, and keys of several types.


def word_counts(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def main(argv):
    d = {"b": 2, "a": 1}
    d["c"] = 3
    print(d, len(d), "a" in d, "z" in d)
    print(d.get("a", 0), d.get("z", -1), d.setdefault("d", 4), d.pop("b"))
    del d["a"]
    print(d, list(d.keys()), list(d.values()), list(d.items()))
    for k in d:
        print(k, d[k])
    for k, v in d.items():
        print(k, "=>", v)
    counts = word_counts("the cat and the hat and the bat")
    print(counts)
    by_pair = {}
    by_pair[(1, 2)] = "one-two"
    by_pair[(3, 4)] = "three-four"
    print(by_pair[(1, 2)], (3, 4) in by_pair)
    squares = {i: i * i for i in range(5)}
    print(squares)
    ints = {10: "ten", -1: "minus one"}
    ints[10] = "TEN"
    print(ints)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
