# clrpy.rlib: intmask wraps to signed 64 bits, r_uint to unsigned, and ovfcheck turns an overflowing
# addition or multiplication into an OverflowError that the program catches.
from clrpy.rlib import intmask, ovfcheck, r_uint

MAXINT = 9223372036854775807


def checked_factorial(n):
    result = 1
    for i in range(2, n + 1):
        result = ovfcheck(result * i)
    return result


def first_overflowing_factorial():
    n = 1
    while True:
        try:
            checked_factorial(n)
        except OverflowError:
            return n
        n += 1


def hash_string(s):
    h = 5381
    for ch in s:
        h = intmask(h * 33 + ord(ch))
    return h


def main(argv):
    print(checked_factorial(20), first_overflowing_factorial())
    try:
        ovfcheck(MAXINT + 1)
        print("no overflow?")
    except OverflowError:
        print("MAXINT + 1 overflows")
    try:
        print(ovfcheck(-MAXINT - 1))
        print(ovfcheck(-MAXINT - 2))
    except OverflowError:
        print("MININT - 1 overflows")
    print(intmask(MAXINT + 1), intmask(-MAXINT - 1 - 1), intmask(12345))
    print(r_uint(-1), r_uint(5))
    print(hash_string("hello"), hash_string("the quick brown fox jumps over the lazy dog" * 3))
    x = 1
    for i in range(70):
        x = intmask(x * 3)
    print(x)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
