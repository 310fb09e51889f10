# expect-exit: 1
# A builtin KeyError that nobody catches ends the program with exit code 1; what was printed
# before it is still on stdout.


def lookup(table, key):
    return table[key]


def main(argv):
    table = {"present": 1}
    print("present:", lookup(table, "present"))
    print("absent:", lookup(table, "absent"))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
