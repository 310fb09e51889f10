# String operations: indexing, slicing with steps, concatenation and repetition, comparison, `in`,
# iteration, ord/chr, and the methods of RPY.md (join split strip startswith endswith find replace ...).

TEXT = "  The quick brown fox jumps over the lazy dog  "


def count_vowels(s):
    n = 0
    for ch in s:
        if ch in "aeiouAEIOU":
            n += 1
    return n


def caesar(s, shift):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def main(argv):
    s = TEXT.strip()
    print(repr(s), len(s), len(TEXT))
    print(s[0], s[-1], s[4:9], s[:3], s[-3:], s[::2], s[::-1], s[1:10:3], s[10:2:-2])
    print(s[100:], repr(s[5:5]), s[-100:3])
    words = s.split(" ")
    print(words, len(words))
    print("-".join(words), "".join(["a", "b", "c"]))
    print("a,b,,c".split(","), "  lots   of   space ".split(), "x".split(","))
    print(s.startswith("The"), s.endswith("dog"), s.startswith("dog"), s.endswith("The"))
    print(s.find("fox"), s.find("cat"), s.find("o"), s.find("o", 13), s.find(""))
    print(s.replace("o", "0"), s.replace("the", "a"), s.replace("zz", "!"))
    print(s.lower(), s.upper())
    print("12345".isdigit(), "12a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalpha())
    print(" \t\n".isspace(), " a ".isspace(), "".isspace())
    print("[" + "  both  ".strip() + "]", "[" + "\t\ntabs\n".strip() + "]", "[" + "   ".strip() + "]")
    print("ab" * 3, 3 * "-", "ab" + "cd", "abc" * 0 == "")
    print("abc" < "abd", "abc" < "ab", "B" < "a", "abc" == "ab" + "c", "x" != "y")
    print("fox" in s, "cat" in s, "" in s, "z" not in "abc")
    print(ord("A"), ord("z"), chr(65), chr(97 + 25), ord("0"))
    print(count_vowels(s), caesar("Hello, World!", 3), caesar(caesar("Round Trip", 7), 19))
    acc = ""
    for i in range(5):
        acc += str(i)
    print(acc, str(42), str(-7), str(True), str(None), str(2.5), str("s"))
    print(repr("it's"), repr('say "hi"'), repr("tab\there"), repr("new\nline"), repr("back\\slash"))
    print(repr(""), repr("'\""), [s[:3], "x"])
    print("%s|%s" % ("a", "b"), "hello"[1:-1], "hello".find("l"), "a-b-c".split("-")[1])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
