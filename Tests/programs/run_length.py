# Run-length encoding and decoding of strings, parsing of digits by hand, character classes,
# string building with lists and join, and round-trip checks over several inputs.

SAMPLES = ["", "a", "aaabccdddd", "abc", "zzzzzzzzzzzzzzz", "  spaces  ", "aabbaabb", "x" * 25 + "y"]


def encode(s):
    if len(s) == 0:
        return ""
    parts = []
    current = s[0]
    count = 1
    for i in range(1, len(s)):
        ch = s[i]
        if ch == current:
            count += 1
        else:
            parts.append(str(count) + current)
            current = ch
            count = 1
    parts.append(str(count) + current)
    return "".join(parts)


def decode(s):
    out = []
    number = 0
    for ch in s:
        if ch.isdigit():
            number = number * 10 + (ord(ch) - ord("0"))
        else:
            out.append(ch * number)
            number = 0
    return "".join(out)


def compression_ratio(original, encoded):
    if len(original) == 0:
        return 1.0
    return len(encoded) / len(original)


def main(argv):
    for sample in SAMPLES:
        e = encode(sample)
        d = decode(e)
        print(repr(sample), "->", repr(e), d == sample, "%.3f" % compression_ratio(sample, e))
    text = "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"
    packed = encode(text)
    print(packed, len(text), len(packed), decode(packed) == text)
    print(decode("3a2b1c10d"), encode(decode("12x1y")))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
