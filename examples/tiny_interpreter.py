# The tiny language of the ClrPy seed: a bytecode interpreter in RPy with a JIT driver.
# Usage: PYTHONPATH=lib/python python3 examples/tiny_interpreter.py [BOUND]   (or `clrpy run` it).
from clrpy.jit import JitDriver

INCREASE = 0
DECREASE = 1
JUMP_BACK_IF_BELOW = 2

driver = JitDriver(greens=["pc", "program"], reds=["acc", "bound"],
                   get_printable_location=lambda pc, program: program.name + ":" + str(pc))


class Program(object):
    _immutable_fields_ = ["name", "code[*]"]

    def __init__(self, name, code):
        self.name = name
        self.code = code


def interpret(program, bound):
    """Runs program with the accumulator at 0 and returns the final accumulator."""
    pc = 0
    acc = 0
    while pc < len(program.code):
        driver.jit_merge_point(pc=pc, program=program, acc=acc, bound=bound)
        op = program.code[pc]
        if op == INCREASE:
            acc += 3
            pc += 1
        elif op == DECREASE:
            acc -= 1
            pc += 1
        elif op == JUMP_BACK_IF_BELOW:
            if acc < bound:
                pc -= 2
                driver.can_enter_jit(pc=pc, program=program, acc=acc, bound=bound)
            else:
                pc += 1
        else:
            raise ValueError("bad opcode %d" % op)
    return acc


def main(argv):
    bound = 1000000
    if len(argv) > 1:
        bound = int(argv[1])
    program = Program("loop", [INCREASE, DECREASE, JUMP_BACK_IF_BELOW])
    print(interpret(program, bound))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
