# A small backtracking regular-expression matcher (literals, '.', '*', '+', '?', '^', '$') written
# with index arithmetic and mutual recursion on strings, tested over a table of patterns.

CASES = [("abc", "xxabcxx"), ("^abc", "abcdef"), ("^abc", "xabc"), ("abc$", "xxabc"),
         ("a.c", "abc"), ("a.c", "ac"), ("ab*c", "ac"), ("ab*c", "abbbbc"), ("ab+c", "ac"),
         ("ab+c", "abbc"), ("colou?r", "color"), ("colou?r", "colour"), ("colou?r", "colouur"),
         ("^.*$", ""), ("^a*a*a*b$", "aaaaaaaaaaaab"), ("x*y*z*", "qqq"), ("^h.l+o w?orld$", "hello world"),
         ("^$", ""), ("^$", "a"), ("a.*z", "a to z"), ("a.+z", "az")]


def match_here(pattern, p, text, t):
    if p == len(pattern):
        return True
    if p + 1 < len(pattern) and pattern[p + 1] == "*":
        return match_repeat(pattern, p, text, t, 0)
    if p + 1 < len(pattern) and pattern[p + 1] == "+":
        return match_repeat(pattern, p, text, t, 1)
    if p + 1 < len(pattern) and pattern[p + 1] == "?":
        if t < len(text) and matches_char(pattern[p], text[t]) and match_here(pattern, p + 2, text, t + 1):
            return True
        return match_here(pattern, p + 2, text, t)
    if pattern[p] == "$" and p + 1 == len(pattern):
        return t == len(text)
    if t < len(text) and matches_char(pattern[p], text[t]):
        return match_here(pattern, p + 1, text, t + 1)
    return False


def match_repeat(pattern, p, text, t, minimum):
    count = 0
    while True:
        if count >= minimum and match_here(pattern, p + 2, text, t + count):
            return True
        if t + count < len(text) and matches_char(pattern[p], text[t + count]):
            count += 1
        else:
            return False


def matches_char(pattern_char, ch):
    return pattern_char == "." or pattern_char == ch


def search(pattern, text):
    if len(pattern) > 0 and pattern[0] == "^":
        return match_here(pattern, 1, text, 0)
    for start in range(len(text) + 1):
        if match_here(pattern, 0, text, start):
            return True
    return False


def main(argv):
    matched = 0
    for pattern, text in CASES:
        result = search(pattern, text)
        if result:
            matched += 1
        print("%-18s %-16s %s" % (pattern, repr(text), result))
    print(matched, "of", len(CASES), "matched")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
