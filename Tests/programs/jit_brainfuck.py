# A brainfuck interpreter with JIT hints: greens (pc, program), reds (pointer, tape), an elidable
# bracket lookup on an immutable program object; it runs a nested-loop program printing the alphabet.
from clrpy.jit import JitDriver, elidable

ALPHABET = ("++++++++[>++++++++<-]>+<++++++++++++++++++++++++++"
            "[>.+>++++++++++[>++++++++++[>+>+<<-]>>[-]<<<-]<<-]>>>>[-]++++++++++.")


def printable_location(pc, program):
    return "bf:%d %s" % (pc, program.code[pc])


driver = JitDriver(greens=["pc", "program"], reds=["pointer", "tape"],
                   get_printable_location=printable_location)


class Program(object):
    _immutable_fields_ = ["code", "brackets[*]"]

    def __init__(self, code):
        self.code = code
        self.brackets = match_brackets(code)


class Tape(object):
    def __init__(self):
        self.cells = [0] * 300
        self.output = []


def match_brackets(code):
    brackets = [0] * len(code)
    stack = []
    for i in range(len(code)):
        if code[i] == "[":
            stack.append(i)
        elif code[i] == "]":
            start = stack.pop()
            brackets[start] = i
            brackets[i] = start
    return brackets


@elidable
def jump_target(program, pc):
    return program.brackets[pc]


def run(program, tape):
    pc = 0
    pointer = 0
    while pc < len(program.code):
        driver.jit_merge_point(pc=pc, program=program, pointer=pointer, tape=tape)
        code = program.code
        op = code[pc]
        if op == ">":
            pointer += 1
        elif op == "<":
            pointer -= 1
        elif op == "+":
            tape.cells[pointer] = (tape.cells[pointer] + 1) % 256
        elif op == "-":
            tape.cells[pointer] = (tape.cells[pointer] - 1) % 256
        elif op == ".":
            tape.output.append(chr(tape.cells[pointer]))
        elif op == "[":
            if tape.cells[pointer] == 0:
                pc = jump_target(program, pc)
        elif op == "]":
            if tape.cells[pointer] != 0:
                pc = jump_target(program, pc) + 1
                driver.can_enter_jit(pc=pc, program=program, pointer=pointer, tape=tape)
                continue
        pc += 1
    return pointer


def main(argv):
    program = Program(ALPHABET)
    tape = Tape()
    pointer = run(program, tape)
    print("".join(tape.output), end="")
    print("pointer", pointer, "cells", tape.cells[:6], printable_location(0, program))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
