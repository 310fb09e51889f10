# String operations of RPY.md: indexing, slicing, methods, formatting, comparison, iteration.


def count_vowels(s):
    n = 0
    for c in s:
        if c in "aeiou":
            n += 1
    return n


def main(argv):
    s = "Hello, World"
    print(s[0], s[-1], s[1:5], s[::2], s[::-1], s[7:], s[:5])
    print(len(s), s.lower(), s.upper(), s.find("World"), s.find("x"))
    print(s.replace("l", "L"), s.startswith("Hell"), s.endswith("d"))
    words = "  the quick  brown fox ".split()
    print(words, "-".join(words), "a,b,,c".split(","))
    print("  padded  ".strip() + "|", "123".isdigit(), "abc".isalpha(), " \t".isspace())
    print("ab" * 3, "abc" < "abd", "b" > "abc", "x" == "x", "x" != "y")
    print("%d items cost %s, %5.2f each, hex %x, repr %r" % (3, "money", 2.5, 255, "q"))
    name = "RPy"
    width = 8
    print(f"{name:>8}|{name:<{width}}|{3.14159:.2f}|{42:05d}|{name!r}")
    print(ord("A"), chr(97), str(12) + str(True) + str(None))
    print(count_vowels("translation toolchain"))
    print(repr("it's"), repr('say "hi"'), repr("tab\there"))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
