# Word frequencies of a fixed text: splitting, normalising case and punctuation, counting in a
# dict, sorting by (-count, word), and printing a small table with %-formatting.

TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair, we had everything before us, we had nothing before us."""

PUNCTUATION = ".,;:!?\"'"


def normalise(word):
    out = []
    for ch in word.lower():
        if ch not in PUNCTUATION:
            out.append(ch)
    return "".join(out)


def count_words(text):
    counts = {}
    for line in text.split("\n"):
        for raw in line.split():
            word = normalise(raw)
            if word:
                counts[word] = counts.get(word, 0) + 1
    return counts


def by_frequency(counts):
    rows = []
    for word, n in counts.items():
        rows.append((-n, word))
    rows.sort()
    return rows


def main(argv):
    counts = count_words(TEXT)
    print("distinct words:", len(counts), "total:", sum([n for n in counts.values()]))
    rows = by_frequency(counts)
    for neg, word in rows[:8]:
        print("%-12s %3d %s" % (word, -neg, "*" * -neg))
    lengths = {}
    for word in counts:
        lengths.setdefault(len(word), []).append(word)
    for size in sorted(lengths.keys()):
        words = lengths[size]
        words.sort()
        print(size, ", ".join(words))
    longest = ""
    for word in counts:
        if len(word) > len(longest) or (len(word) == len(longest) and word < longest):
            longest = word
    print("longest:", longest, "first line words:", len(TEXT.split("\n")[0].split()))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
