# A brainfuck interpreter in RPy with JIT hints, running a generated brainfuck program that draws
# the Mandelbrot set (examples/mandelbrot_bf.py, made by examples/tools/make_mandelbrot_bf.py).
# Run: PYTHONPATH=lib/python python3 examples/brainfuck.py [SCALE] [LIMIT]
# SCALE is the fixed-point scale of the picture (SCALE+1 rows; the work grows like SCALE**4), LIMIT
# the iteration limit (1..30); the program reads both with ','. Cells hold integers that never wrap.
from clrpy.jit import JitDriver
from mandelbrot_bf import MANDELBROT

# Operations after parsing: runs of + - and of < > become one ADD or MOVE with a count, [-] a CLEAR,
# and a bracket knows the index of its partner.
ADD = 0
MOVE = 1
OPEN = 2
CLOSE = 3
OUTPUT = 4
INPUT = 5
CLEAR = 6
NAMES = ["add", "move", "open", "close", "output", "input", "clear"]


class Program(object):
    _immutable_fields_ = ["operations[*]", "arguments[*]"]

    def __init__(self, operations, arguments):
        self.operations = operations
        self.arguments = arguments


class Machine(object):
    def __init__(self, size, inputs):
        self.cells = [0] * size
        self.inputs = inputs
        self.next_input = 0
        self.output = []


def parse(source):
    operations = []
    arguments = []
    open_brackets = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "+" or char == "-" or char == ">" or char == "<":
            step = 0
            j = i
            while j < len(source) and (source[j] == char or source[j] == opposite(char)):
                if source[j] == "+" or source[j] == ">":
                    step += 1
                else:
                    step -= 1
                j += 1
            if step != 0:
                if char == "+" or char == "-":
                    operations.append(ADD)
                else:
                    operations.append(MOVE)
                arguments.append(step)
            i = j
            continue
        if char == "[" and source[i + 1:i + 3] == "-]":
            operations.append(CLEAR)
            arguments.append(0)
            i += 3
            continue
        if char == "[":
            open_brackets.append(len(operations))
            operations.append(OPEN)
            arguments.append(0)
        elif char == "]":
            if len(open_brackets) == 0:
                raise ValueError("unmatched ] at %d" % i)
            start = open_brackets.pop()
            arguments[start] = len(operations)
            operations.append(CLOSE)
            arguments.append(start)
        elif char == ".":
            operations.append(OUTPUT)
            arguments.append(0)
        elif char == ",":
            operations.append(INPUT)
            arguments.append(0)
        i += 1
    if len(open_brackets) != 0:
        raise ValueError("unmatched [")
    return Program(operations, arguments)


def opposite(char):
    if char == "+":
        return "-"
    if char == "-":
        return "+"
    if char == ">":
        return "<"
    return ">"


def printable_location(pc, program):
    return "bf:%d %s %d" % (pc, NAMES[program.operations[pc]], program.arguments[pc])


driver = JitDriver(greens=["pc", "program"], reds=["pointer", "machine"],
                   get_printable_location=printable_location)


def run(program, machine):
    pc = 0
    pointer = 0
    operations = program.operations
    arguments = program.arguments
    cells = machine.cells
    while pc < len(operations):
        driver.jit_merge_point(pc=pc, program=program, pointer=pointer, machine=machine)
        operation = operations[pc]
        if operation == ADD:
            cells[pointer] += arguments[pc]
        elif operation == MOVE:
            pointer += arguments[pc]
        elif operation == OPEN:
            if cells[pointer] == 0:
                pc = arguments[pc]
        elif operation == CLOSE:
            if cells[pointer] != 0:
                pc = arguments[pc]
                driver.can_enter_jit(pc=pc, program=program, pointer=pointer, machine=machine)
        elif operation == CLEAR:
            cells[pointer] = 0
        elif operation == OUTPUT:
            machine.output.append(chr(cells[pointer]))
        elif operation == INPUT:
            if machine.next_input < len(machine.inputs):
                cells[pointer] = machine.inputs[machine.next_input]
                machine.next_input += 1
            else:
                cells[pointer] = 0
        pc += 1
    return pointer


def main(argv):
    scale = 9
    if len(argv) > 1:
        scale = int(argv[1])
    limit = 16
    if len(argv) > 2:
        limit = int(argv[2])
    if scale < 1 or limit < 1 or limit > 30:
        print("usage: brainfuck.py [SCALE >= 1] [LIMIT 1..30]")
        return 2
    program = parse(MANDELBROT)
    machine = Machine(1000, [scale, limit])
    run(program, machine)
    picture = "".join(machine.output)
    print(picture, end="")
    checksum = 0
    for char in picture:
        checksum = (checksum * 31 + ord(char)) % 1000000007
    print("scale %d, limit %d, %d operations, checksum %d" % (scale, limit, len(program.operations), checksum))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
