# Number formatting by hand: roman numerals both ways, conversion to and from bases 2..36,
# bit tricks (popcount, gray code, lowest set bit, power-of-two test) and digit manipulation.

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_roman(n):
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def from_roman(s):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i in range(len(s)):
        v = values[s[i]]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def to_base(n, base):
    if n == 0:
        return "0"
    negative = n < 0
    if negative:
        n = -n
    digits = []
    while n > 0:
        digits.append(DIGITS[n % base])
        n //= base
    if negative:
        digits.append("-")
    digits.reverse()
    return "".join(digits)


def from_base(s, base):
    n = 0
    for ch in s.lower():
        n = n * base + DIGITS.find(ch)
    return n


def popcount(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def main(argv):
    for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
        r = to_roman(n)
        print(n, r, from_roman(r) == n)
    for n in [0, 5, 255, -255, 1000000, 2 ** 40 + 7]:
        print(n, to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36), from_base(to_base(abs(n), 36), 36))
    print(from_base("ff", 16), from_base("777", 8), from_base("101", 2), from_base("ZZ", 36), "0x" + to_base(255, 16))
    print([popcount(n) for n in [0, 1, 7, 255, 1023, 2 ** 62]])
    print([n ^ (n >> 1) for n in range(8)], [n & -n for n in [12, 10, 7, 64]])
    print([n for n in range(1, 70) if n & (n - 1) == 0])
    digits = [int(ch) for ch in str(9876543210)]
    print(digits, sum(digits), int("".join([str(d) for d in reversed(digits)])))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
