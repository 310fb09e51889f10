# First-class functions and bound methods: a command table in a dict of functions with one
# signature, a list of bound methods of different instances, and functions passed and returned.

SCALE = 3


def triple(x):
    return x * SCALE


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def floordiv(a, b):
    return a // b


OPERATIONS = {"+": add, "-": sub, "*": mul, "/": floordiv}


class Register(object):
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def bump(self, amount):
        self.value += amount
        return self.value

    def scale(self, factor):
        self.value *= factor
        return self.value


def pick(name):
    if name == "sub":
        return sub
    return add


def fold(op, values, start):
    acc = start
    for v in values:
        acc = op(acc, v)
    return acc


def run_program(lines):
    stack = []
    for token in lines.split():
        if token in OPERATIONS:
            b = stack.pop()
            a = stack.pop()
            stack.append(OPERATIONS[token](a, b))
        else:
            stack.append(int(token))
    return stack[-1]


def main(argv):
    print(run_program("3 4 + 2 *"), run_program("100 7 / 3 -"), run_program("2 3 4 * * 5 -"))
    print(fold(add, [1, 2, 3, 4], 0), fold(mul, [1, 2, 3, 4], 1), fold(pick("sub"), [5, 5], 20))
    print(triple(7), pick("add")(2, 3), OPERATIONS["*"](6, 7))
    a = Register("a", 1)
    b = Register("b", 10)
    actions = [a.bump, b.bump, a.scale, b.scale]
    for i in range(len(actions)):
        print(actions[i](i + 2), end=" ")
    print()
    print(a.name, a.value, b.name, b.value)
    handlers = {}
    handlers["a"] = a.bump
    handlers["b"] = b.scale
    for key in ["a", "b", "a"]:
        print(key, handlers[key](2))
    ops = sorted(OPERATIONS.keys())
    print(ops, [OPERATIONS[o](12, 4) for o in ops])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
