# clrpy.rlib: machine-word helpers; ovfcheck turns overflow into OverflowError.
from clrpy.rlib import intmask, ovfcheck, r_uint


def checked_factorial(n):
    result = 1
    for i in range(2, n + 1):
        try:
            result = ovfcheck(result * i)
        except OverflowError:
            return -i
    return result


def hash_string(s):
    h = 5381
    for c in s:
        h = intmask(h * 33 + ord(c))
    return h


def main(argv):
    print(checked_factorial(10), checked_factorial(25))
    print(hash_string("hello"), hash_string("a much longer string that overflows the word"))
    print(intmask(2 ** 63), r_uint(-1))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
