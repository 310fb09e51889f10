# expect-exit: 1
# An exception that no handler catches ends the program with exit code 1 after crossing several
# calls; output printed before it (and finally blocks on the way) still appears.


class Boom(Exception):
    pass


def deep(n):
    if n == 0:
        raise Boom("exploded")
    try:
        deep(n - 1)
    finally:
        print("unwinding", n)


def main(argv):
    print("start")
    deep(3)
    print("never printed")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
