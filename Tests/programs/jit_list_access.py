# An interpreter with JIT hints whose instructions read and write lists of ints, floats, bools and strs with
# positive and negative indices, grow and shrink them inside hot loops, and index out of range on purpose once the
# loop has run a while (caught as IndexError by the program). Traces access lists directly (count, items, a bounds
# guard), so every guard of that kind must fail and resume where the interpreter raises.
from clrpy.jit import JitDriver

LOAD = 0       # acc = ints[a]            (a may be negative)
STORE = 1      # ints[a] = acc
FLOAT = 2      # floats[a] += acc * 0.5
FLAG = 3       # flags[a] = not flags[a]; count the True ones into acc
NAME = 4       # names[a] = names[b]; acc += len(names[a])
PUSH = 5       # ints.append(acc % 7)
POP = 6        # acc += ints.pop() when ints is longer than b
PROBE = 7      # acc += ints[counter * a]: out of range once counter is big enough (caught: acc -= 1)
LOOP = 8       # counter += 1; back to 0 while counter < a
NAMES = ["load", "store", "float", "flag", "name", "push", "pop", "probe", "loop"]


class Code(object):
    _immutable_fields_ = ["ops[*]"]

    def __init__(self, ops):
        self.ops = ops


def printable_location(pc, code):
    return "%d:%s" % (pc, NAMES[code.ops[pc * 3]])


driver = JitDriver(greens=["pc", "code"], reds=["state"], get_printable_location=printable_location)


class State(object):
    def __init__(self):
        self.ints = [3, 1, 4, 1, 5, 9, 2, 6]
        self.floats = [0.0, 1.5, -2.25]
        self.flags = [True, False, False, True]
        self.names = ["a", "bb", "ccc"]
        self.acc = 0
        self.counter = 0
        self.misses = 0


def run(code, state):
    pc = 0
    while pc * 3 < len(code.ops):
        driver.jit_merge_point(pc=pc, code=code, state=state)
        op = code.ops[pc * 3]
        a = code.ops[pc * 3 + 1]
        b = code.ops[pc * 3 + 2]
        pc += 1
        if op == LOAD:
            state.acc = (state.acc + state.ints[a]) % 1000003
        elif op == STORE:
            state.ints[a] = state.acc
        elif op == FLOAT:
            state.floats[a] += state.acc * 0.5
        elif op == FLAG:
            state.flags[a] = not state.flags[a]
            for flag in state.flags:
                if flag:
                    state.acc += 1
        elif op == NAME:
            state.names[a] = state.names[b]
            state.acc += len(state.names[a])
        elif op == PUSH:
            state.ints.append(state.acc % 7)
        elif op == POP:
            if len(state.ints) > b:
                state.acc += state.ints.pop()
        elif op == PROBE:
            try:
                state.acc += state.ints[state.counter * a]
            except IndexError:
                state.acc -= 1
                state.misses += 1
        elif op == LOOP:
            state.counter += 1
            if state.counter < a:
                pc = 0
                driver.can_enter_jit(pc=pc, code=code, state=state)


def program(iterations):
    return Code([
        LOAD, -1, 0,
        STORE, 2, 0,
        LOAD, -8, 0,
        FLOAT, -1, 0,
        FLAG, 1, 0,
        NAME, -3, 1,
        PUSH, 0, 0,
        POP, 0, 9,
        PROBE, -1, 0,
        LOAD, 0, 0,
        STORE, -2, 0,
        LOOP, iterations, 0,
    ])


def main(argv):
    for iterations in [5, 300, 2000]:
        state = State()
        run(program(iterations), state)
        print("%d: acc %d, misses %d, ints %s" % (iterations, state.acc, state.misses, state.ints[:6]))
        print("   floats %s, flags %s, names %s, length %d" % (state.floats, state.flags, state.names, len(state.ints)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
