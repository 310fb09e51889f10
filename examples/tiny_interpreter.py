# The tiny language of the project seed: a bytecode interpreter written in RPy with a JIT driver.
# Ops: INCREASE n adds n to the accumulator, DECREASE n subtracts n, JUMP_BACK jumps back 3 ops
# while the accumulator is below the bound. Run: PYTHONPATH=lib/python python3 examples/tiny_interpreter.py [BOUND] [REPEAT]
# (REPEAT, default 1: how many times the program runs; the result prints once, bench/jit times the repeats)
from clrpy.jit import JitDriver

INCREASE = 0
DECREASE = 1
JUMP_BACK = 2
NAMES = ["increase", "decrease", "jump_back"]


class Program(object):
    _immutable_fields_ = ["code[*]", "name"]

    def __init__(self, name, code):
        self.name = name
        self.code = code


def printable_location(pc, program):
    return program.name + ":" + str(pc) + " " + NAMES[program.code[pc]]


driver = JitDriver(greens=["pc", "program"], reds=["acc", "bound"],
                   get_printable_location=printable_location)


def interpret(program, bound):
    pc = 0
    acc = 0
    while pc < len(program.code):
        driver.jit_merge_point(pc=pc, program=program, acc=acc, bound=bound)
        # only the greens and reds are live at the merge point: read the code from the program after it
        code = program.code
        op = code[pc]
        if op == INCREASE:
            acc += code[pc + 1]
            pc += 2
        elif op == DECREASE:
            acc -= code[pc + 1]
            pc += 2
        elif op == JUMP_BACK:
            if acc < bound:
                pc -= 4
                driver.can_enter_jit(pc=pc, program=program, acc=acc, bound=bound)
            else:
                pc += 1
        else:
            raise ValueError("bad opcode " + str(op))
    return acc


def main(argv):
    bound = 10000000
    if len(argv) > 1:
        bound = int(argv[1])
    repeat = 1
    if len(argv) > 2:
        repeat = int(argv[2])
    if repeat < 1:
        print("usage: tiny_interpreter.py [BOUND] [REPEAT >= 1]")
        return 2
    program = Program("count", [INCREASE, 3, DECREASE, 1, JUMP_BACK])
    for _ in range(repeat - 1):
        interpret(program, bound)
    print(interpret(program, bound))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
