# A small stack-bytecode interpreter written the way the JIT wants it: a JitDriver with greens
# (pc, code) and reds, promote, an elidable constant lookup, immutable fields.
from clrpy.jit import JitDriver, elidable, promote, we_are_jitted, unroll_safe, dont_look_inside

PUSH = 0
LOAD = 1
STORE = 2
ADD = 3
SUB = 4
MUL = 5
LT = 6
JUMP_IF_FALSE = 7
JUMP = 8
PRINT = 9
HALT = 10
NAMES = ["PUSH", "LOAD", "STORE", "ADD", "SUB", "MUL", "LT", "JUMP_IF_FALSE", "JUMP", "PRINT", "HALT"]


def printable_location(pc, code):
    return code.name + ":" + str(pc)


driver = JitDriver(greens=["pc", "code"], reds=["steps", "frame"], virtualizables=["frame"],
                   get_printable_location=printable_location)


class Code(object):
    _immutable_fields_ = ["name", "ops[*]", "args[*]", "consts[*]"]

    def __init__(self, name, ops, args, consts):
        self.name = name
        self.ops = ops
        self.args = args
        self.consts = consts


class Frame(object):
    _virtualizable_ = ["stack[*]", "sp", "variables[*]"]

    def __init__(self, size, nvars):
        self.stack = [0] * size
        self.sp = 0
        self.variables = [0] * nvars

    def push(self, v):
        self.stack[self.sp] = v
        self.sp += 1

    def pop(self):
        self.sp -= 1
        return self.stack[self.sp]


@elidable
def constant(code, index):
    return code.consts[index]


@unroll_safe
def clear(frame):
    for i in range(len(frame.variables)):
        frame.variables[i] = 0


@dont_look_inside
def emit(value):
    print("out:", value)


def interpret(code, frame):
    pc = 0
    steps = 0
    while True:
        driver.jit_merge_point(pc=pc, code=code, steps=steps, frame=frame)
        op = code.ops[pc]
        arg = code.args[pc]
        pc += 1
        steps += 1
        if op == PUSH:
            frame.push(constant(code, promote(arg)))
        elif op == LOAD:
            frame.push(frame.variables[arg])
        elif op == STORE:
            frame.variables[arg] = frame.pop()
        elif op == ADD:
            b = frame.pop()
            a = frame.pop()
            frame.push(a + b)
        elif op == SUB:
            b = frame.pop()
            a = frame.pop()
            frame.push(a - b)
        elif op == MUL:
            b = frame.pop()
            a = frame.pop()
            frame.push(a * b)
        elif op == LT:
            b = frame.pop()
            a = frame.pop()
            frame.push(1 if a < b else 0)
        elif op == JUMP_IF_FALSE:
            if frame.pop() == 0:
                pc = arg
        elif op == JUMP:
            if arg < pc:
                pc = arg
                driver.can_enter_jit(pc=pc, code=code, steps=steps, frame=frame)
            else:
                pc = arg
        elif op == PRINT:
            emit(frame.pop())
        elif op == HALT:
            return steps
        else:
            raise ValueError("unknown opcode " + NAMES[op])


def sum_of_squares_program(n):
    # i = 0; total = 0; while i < n: total = total + i * i; i = i + 1; print total
    ops = [PUSH, STORE, PUSH, STORE,
           LOAD, PUSH, LT, JUMP_IF_FALSE,
           LOAD, LOAD, LOAD, MUL, ADD, STORE,
           LOAD, PUSH, ADD, STORE, JUMP,
           LOAD, PRINT, HALT]
    args = [0, 0, 0, 1,
            0, 1, 0, 19,
            1, 0, 0, 0, 0, 1,
            0, 2, 0, 0, 4,
            1, 0, 0]
    return Code("squares", ops, args, [0, n, 1])


def main(argv):
    n = 3000
    if len(argv) > 1:
        n = int(argv[1])
    code = sum_of_squares_program(n)
    frame = Frame(8, 2)
    steps = interpret(code, frame)
    print("steps:", steps, "jitted:", we_are_jitted(), "location:", printable_location(4, code))
    clear(frame)
    print(frame.variables, frame.sp)
    expected = 0
    for i in range(n):
        expected += i * i
    print("expected:", expected)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
