# A small stack-machine interpreter with JIT hints (JitDriver, promote, elidable); on CPython the
# hints do nothing, so the output is the reference for the translated program with and without JIT.
from clrpy.jit import JitDriver, elidable, promote

PUSH = 0
ADD = 1
SUB = 2
DUP = 3
JUMP_IF_POSITIVE = 4
PRINT = 5
HALT = 6


class Code(object):
    _immutable_fields_ = ["ops[*]", "args[*]"]

    def __init__(self, ops, args):
        self.ops = ops
        self.args = args


@elidable
def opcode_at(code, pc):
    return code.ops[pc]


driver = JitDriver(greens=["pc", "code"], reds=["stack", "steps"])


def run(code):
    stack = []
    pc = 0
    steps = 0
    while True:
        driver.jit_merge_point(pc=pc, code=code, stack=stack, steps=steps)
        code = promote(code)
        op = opcode_at(code, pc)
        arg = code.args[pc]
        steps += 1
        if op == PUSH:
            stack.append(arg)
            pc += 1
        elif op == ADD:
            b = stack.pop()
            a = stack.pop()
            stack.append(a + b)
            pc += 1
        elif op == SUB:
            b = stack.pop()
            a = stack.pop()
            stack.append(a - b)
            pc += 1
        elif op == DUP:
            stack.append(stack[-1])
            pc += 1
        elif op == JUMP_IF_POSITIVE:
            if stack.pop() > 0:
                pc = arg
                driver.can_enter_jit(pc=pc, code=code, stack=stack, steps=steps)
            else:
                pc += 1
        elif op == PRINT:
            print(stack[-1])
            pc += 1
        else:
            return steps


def main(argv):
    # counts down from 1000 by 7, printing the final value
    ops = [PUSH, DUP, PUSH, SUB, DUP, JUMP_IF_POSITIVE, PRINT, HALT]
    args = [1000, 0, 7, 0, 0, 1, 0, 0]
    steps = run(Code(ops, args))
    print("steps", steps)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
