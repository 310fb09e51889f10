# Recursive Fibonacci in RPy: the smallest benchmark of calls and integer arithmetic.
# Usage: PYTHONPATH=lib/python python3 examples/fib.py [N]   (default 25).


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(argv):
    n = 25
    if len(argv) > 1:
        n = int(argv[1])
    print("fib(%d) = %d" % (n, fib(n)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
