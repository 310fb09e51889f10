# An interpreter with JIT hints whose instructions build lists with [x] * n inside hot loops: zeros of a constant
# and of a variable length, an int other than zero, floats (-0.0 must stay -0.0), strs and None, and lengths that
# are zero, negative or (once) longer than traces record inline. Traces record [x] * n as allocations the
# optimizer may keep virtual; every list must hold what CPython's does, also when a guard on the length fails.
import math

from clrpy.jit import JitDriver

ZEROS = 0      # acc += sum of [0] * 8 after writing two items
SIZED = 1      # acc += len([0] * (counter % a)) (a variable length, sometimes 0)
SEVENS = 2     # acc += sum of [7] * 3
FLOATS = 3     # acc += number of negative-signed zeros in [-0.0] * 2 plus [0.5] * 2 summed
WORDS = 4      # acc += len of "".join-like concatenation of ["ab"] * 3
NONES = 5      # acc += count of None in [None] * 4
NEGATIVE = 6   # acc += len([1] * (a - counter)) (negative once counter passes a)
HUGE = 7       # once counter == a: acc += len([0] * 70000) % 1000
LOOP = 8       # counter += 1; back to 0 while counter < a
NAMES = ["zeros", "sized", "sevens", "floats", "words", "nones", "negative", "huge", "loop"]


class Code(object):
    _immutable_fields_ = ["ops[*]"]

    def __init__(self, ops):
        self.ops = ops


def printable_location(pc, code):
    return "%d:%s" % (pc, NAMES[code.ops[pc * 2]])


driver = JitDriver(greens=["pc", "code"], reds=["state"], get_printable_location=printable_location)


class State(object):
    def __init__(self):
        self.acc = 0
        self.counter = 0
        self.kept = [0]


def total(items):
    result = 0
    for item in items:
        result += item
    return result


def run(code, state):
    pc = 0
    while pc * 2 < len(code.ops):
        driver.jit_merge_point(pc=pc, code=code, state=state)
        op = code.ops[pc * 2]
        a = code.ops[pc * 2 + 1]
        pc += 1
        if op == ZEROS:
            cells = [0] * 8
            cells[a] = state.counter
            cells[7 - a] += 2
            state.acc += total(cells)
        elif op == SIZED:
            cells = [0] * (state.counter % a)
            state.acc += len(cells)
            if len(cells) > 2:
                state.kept = cells
                cells[2] = state.counter
        elif op == SEVENS:
            state.acc += total([7] * 3)
        elif op == FLOATS:
            values = [-0.0] * 2
            halves = [0.5] * 2
            for value in values:
                if math.copysign(1.0, value) < 0.0:
                    state.acc += 1
            state.acc += int(halves[0] + halves[1])
        elif op == WORDS:
            words = ["ab"] * 3
            state.acc += len(words[0] + words[1] + words[2])
        elif op == NONES:
            for item in [None] * 4:
                if item is None:
                    state.acc += 1
        elif op == NEGATIVE:
            state.acc += len([1] * (a - state.counter))
        elif op == HUGE:
            if state.counter == a:
                state.acc += len([0] * 70000) % 1000
        elif op == LOOP:
            state.counter += 1
            if state.counter < a:
                pc = 0
                driver.can_enter_jit(pc=pc, code=code, state=state)
    return state.acc


def main(argv):
    code = Code([ZEROS, 3, SIZED, 5, SEVENS, 0, FLOATS, 0, WORDS, 0, NONES, 0, NEGATIVE, 40, HUGE, 250, LOOP, 300])
    state = State()
    print(run(code, state))
    print(state.counter, len(state.kept), state.kept[2])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
