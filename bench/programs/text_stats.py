# Benchmark: a string- and dict-heavy text processor. Generates a deterministic text (words from
# syllables, sentences, capitals, punctuation), then tokenizes it, counts words, bigrams and letters
# in dicts, sorts, and formats a report. Run: text_stats.py [ITERATIONS] [WORDS]; each iteration
# uses its own seed; prints the last report and a checksum over all reports.

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu", "an", "el", "or", "sh", "qua"]
ENDINGS = [".", ".", ".", "?", "!", ";", ","]


class Random(object):
    """A linear congruential generator, so that every run sees the same text."""

    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % bound


def make_vocabulary(random, size):
    words = []
    seen = {}
    while len(words) < size:
        parts = []
        for i in range(1 + random.next(3)):
            parts.append(SYLLABLES[random.next(len(SYLLABLES))])
        word = "".join(parts)
        if word not in seen:
            seen[word] = len(words)
            words.append(word)
    return words


def make_text(random, vocabulary, word_count):
    sentences = []
    written = 0
    while written < word_count:
        length = 4 + random.next(9)
        words = []
        for i in range(length):
            # a skewed choice: low indexes are much more frequent, like real text
            index = random.next(len(vocabulary))
            index = index * random.next(len(vocabulary)) // len(vocabulary)
            words.append(vocabulary[index])
        first = words[0]
        words[0] = first[0].upper() + first[1:]
        sentences.append(" ".join(words) + ENDINGS[random.next(len(ENDINGS))])
        written += length
    return "\n".join(sentences)


def tokenize(text):
    tokens = []
    for line in text.split("\n"):
        for raw in line.split(" "):
            word = raw.strip()
            while len(word) > 0 and not word[len(word) - 1].isalpha():
                word = word[:len(word) - 1]
            if word != "":
                tokens.append(word.lower())
    return tokens


def count_words(tokens):
    counts = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return counts


def count_bigrams(tokens):
    counts = {}
    previous = ""
    for token in tokens:
        if previous != "":
            key = previous + " " + token
            if key in counts:
                counts[key] += 1
            else:
                counts[key] = 1
        previous = token
    return counts


def count_letters(text):
    counts = {}
    for char in text:
        if char.isalpha():
            lower = char.lower()
            counts[lower] = counts.setdefault(lower, 0) + 1
    return counts


def top(counts, limit):
    ranked = []
    for key, count in counts.items():
        ranked.append((-count, key))
    ranked.sort()
    result = []
    for i in range(min(limit, len(ranked))):
        negated, key = ranked[i]
        result.append((key, -negated))
    return result


def pad(text, width):
    if len(text) >= width:
        return text
    return text + " " * (width - len(text))


def report(text):
    tokens = tokenize(text)
    words = count_words(tokens)
    bigrams = count_bigrams(tokens)
    letters = count_letters(text)
    lines = []
    lines.append("tokens %d, distinct words %d, distinct bigrams %d" % (len(tokens), len(words), len(bigrams)))
    for word, count in top(words, 8):
        lines.append("  " + pad(word, 14) + str(count))
    for pair, count in top(bigrams, 5):
        lines.append("  " + pad(pair.replace(" ", " + "), 24) + str(count))
    letter_line = []
    for letter in sorted(letters.keys()):
        letter_line.append("%s=%d" % (letter, letters[letter]))
    lines.append("  letters: " + ", ".join(letter_line))
    longest = ""
    questions = 0
    for sentence in text.split("\n"):
        if sentence.endswith("?"):
            questions += 1
        if len(sentence) > len(longest) or (len(sentence) == len(longest) and sentence < longest):
            longest = sentence
    lines.append("  questions %d, longest sentence %d chars, starts %s" % (questions, len(longest), longest[:20]))
    return "\n".join(lines)


def checksum_of(text, checksum):
    for char in text:
        checksum = (checksum * 131 + ord(char)) % 1000000007
    return checksum


def main(argv):
    iterations = 1
    if len(argv) > 1:
        iterations = int(argv[1])
    word_count = 20000
    if len(argv) > 2:
        word_count = int(argv[2])
    checksum = 0
    last = ""
    for i in range(iterations):
        random = Random(i + 1)
        vocabulary = make_vocabulary(random, 300)
        last = report(make_text(random, vocabulary, word_count))
        checksum = checksum_of(last, checksum)
    print("text_stats: iterations=%d words=%d" % (iterations, word_count))
    print(last)
    print("checksum: %d" % checksum)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
