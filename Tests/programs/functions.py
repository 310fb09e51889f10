# Functions: defaults, keyword arguments, first-class functions and bound methods with compatible
# signatures, functions stored in lists and dicts.


def greet(name, greeting="Hello", punctuation="!"):
    return greeting + ", " + name + punctuation


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def apply_all(fs, x, y):
    results = []
    for f in fs:
        results.append(f(x, y))
    return results


class Counter(object):
    def __init__(self, start):
        self.value = start

    def step(self, by):
        self.value += by
        return self.value


def call_twice(f, arg):
    f(arg)
    return f(arg)


def main(argv):
    print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punctuation="?"))
    print(greet(greeting="Yo", name="Di"))
    print(apply_all([add, mul], 6, 7))
    ops = {"add": add, "mul": mul}
    print(ops["mul"](3, 4), ops["add"](3, 4))
    c = Counter(10)
    bound = c.step
    print(call_twice(bound, 5), c.value)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
