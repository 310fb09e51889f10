# Recursion, a comparison tested directly, a for loop over range with continue.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(argv):
    total = 0
    for i in range(10):
        if i % 2 == 0 and i > 2:
            continue
        total += fib(i)
    print(total)
    return 0
