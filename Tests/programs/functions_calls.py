# Functions: defaults, keyword arguments, first-class functions and bound methods with compatible
# signatures, mutual recursion, deep-ish recursion (900 frames) and *args from a constant tuple.


def power(base, exponent=2, modulus=0):
    result = 1
    for _ in range(exponent):
        result *= base
    if modulus:
        result %= modulus
    return result


def greet(name, greeting="Hello", punctuation="!"):
    return greeting + ", " + name + punctuation


def double(x):
    return x * 2


def square(x):
    return x * x


def negate(x):
    return -x


def apply_all(functions, value):
    out = []
    for f in functions:
        out.append(f(value))
    return out


def compose_apply(f, g, x):
    return f(g(x))


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


class Accumulator(object):
    def __init__(self, start):
        self.total = start

    def add(self, x):
        self.total += x
        return self.total

    def sub(self, x):
        self.total -= x
        return self.total


def use_method(method, values):
    last = 0
    for v in values:
        last = method(v)
    return last


def main(argv):
    print(power(3), power(2, 10), power(2, 10, 1000), power(base=5, exponent=3), power(7, modulus=5))
    print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punctuation="?"), greet(greeting="Yo", name="Di"))
    print(apply_all([double, square, negate], 7))
    f = square
    if len(argv) > 5:
        f = double
    print(f(9), compose_apply(double, square, 3), compose_apply(square, double, 3))
    print(is_even(10), is_odd(7), is_even(7), is_odd(0))
    print(depth(900), ackermann(2, 3))
    acc = Accumulator(100)
    print(use_method(acc.add, [1, 2, 3]), use_method(acc.sub, [10, 20]), acc.total)
    op = acc.add
    op(1000)
    print(acc.total)
    args = (2, 5)
    print(power(*args))
    table = {"double": double, "square": square}
    for name in ["square", "double"]:
        print(name, table[name](12))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
