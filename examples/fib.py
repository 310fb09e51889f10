# Recursive Fibonacci in RPy: the smallest program that exercises calls, ints and argv.
# Run: PYTHONPATH=lib/python python3 examples/fib.py [N]


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(argv):
    n = 25
    if len(argv) > 1:
        n = int(argv[1])
    print("fib(" + str(n) + ") =", fib(n))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
