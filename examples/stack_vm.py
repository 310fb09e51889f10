# A stack virtual machine in RPy with JIT hints: a small bytecode with local variables, jumps and
# calls (each call runs a new frame through a recursive call of execute), and an assembler for a
# readable text form. Its programs compute fib recursively, a loop of arithmetic and a prime count
# calling a function in a loop. Run: PYTHONPATH=lib/python python3 examples/stack_vm.py [SIZE] [REPEAT]
# (REPEAT, default 1: how many times each program runs; the results print once, bench/jit times the repeats)
from clrpy.jit import JitDriver, promote

# Every instruction takes two slots: the opcode and its operand (0 when it has none).
PUSH = 0        # push the operand
LOAD = 1        # push local variable #operand
STORE = 2       # pop into local variable #operand
ADD = 3
SUB = 4
MUL = 5
MOD = 6
LESS = 7        # pop b, pop a, push 1 if a < b else 0
EQUAL = 8
JUMP = 9        # go to the instruction at the operand
JUMP_IF_ZERO = 10
CALL = 11       # call function #operand: pops its arguments, pushes its result
RETURN = 12     # return the top of the stack
POP = 13
DUP = 14
NAMES = ["push", "load", "store", "add", "sub", "mul", "mod", "less", "equal", "jump", "jump_if_zero",
         "call", "return", "pop", "dup"]
STACK_SIZE = 16

SOURCE = """
function fib 1 1
    load 0
    push 2
    less
    jump_if_zero recurse
    load 0
    return
recurse:
    load 0
    push 1
    sub
    call fib
    load 0
    push 2
    sub
    call fib
    add
    return

# sum of i*i for i below n, modulo 1000003
function sum_squares 1 3
    push 0
    store 1
    push 0
    store 2
loop:
    load 2
    load 0
    less
    jump_if_zero done
    load 1
    load 2
    dup
    mul
    add
    push 1000003
    mod
    store 1
    load 2
    push 1
    add
    store 2
    jump loop
done:
    load 1
    return

function is_prime 1 2
    push 2
    store 1
next:
    load 1
    dup
    mul
    load 0
    push 1
    add
    less
    jump_if_zero prime
    load 0
    load 1
    mod
    jump_if_zero composite
    load 1
    push 1
    add
    store 1
    jump next
prime:
    push 1
    return
composite:
    push 0
    return

# how many primes are below n
function count_primes 1 3
    push 0
    store 1
    push 2
    store 2
candidate:
    load 2
    load 0
    less
    jump_if_zero counted
    load 1
    load 2
    call is_prime
    add
    store 1
    load 2
    push 1
    add
    store 2
    jump candidate
counted:
    load 1
    return
"""


class Function(object):
    _immutable_fields_ = ["name", "code[*]", "argument_count", "local_count", "functions"]

    def __init__(self, name, code, argument_count, local_count, functions):
        self.name = name
        self.code = code
        self.argument_count = argument_count
        self.local_count = local_count
        # every function of the program, shared: CALL's operand indexes it
        self.functions = functions


class Frame(object):
    # the JIT keeps these in registers while a trace runs (see RPY.md)
    _virtualizable_ = ["stack[*]", "depth", "locals[*]"]

    def __init__(self, function):
        self.stack = [0] * STACK_SIZE
        self.depth = 0
        self.locals = [0] * function.local_count

    def push(self, value):
        self.stack[self.depth] = value
        self.depth += 1

    def pop(self):
        self.depth -= 1
        return self.stack[self.depth]


class AssemblyError(Exception):
    def __init__(self, message):
        self.message = message


def printable_location(pc, function):
    return "%s:%d %s" % (function.name, pc, NAMES[function.code[pc]])


driver = JitDriver(greens=["pc", "function"], reds=["frame"], virtualizables=["frame"],
                   get_printable_location=printable_location)


def execute(function, frame):
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, function=function, frame=frame)
        # only the greens and reds are live at the merge point: the code is read from the function after it
        code = function.code
        opcode = code[pc]
        operand = code[pc + 1]
        pc += 2
        if opcode == PUSH:
            frame.push(operand)
        elif opcode == LOAD:
            frame.push(frame.locals[operand])
        elif opcode == STORE:
            frame.locals[operand] = frame.pop()
        elif opcode == ADD:
            right = frame.pop()
            frame.push(frame.pop() + right)
        elif opcode == SUB:
            right = frame.pop()
            frame.push(frame.pop() - right)
        elif opcode == MUL:
            right = frame.pop()
            frame.push(frame.pop() * right)
        elif opcode == MOD:
            right = frame.pop()
            frame.push(frame.pop() % right)
        elif opcode == LESS:
            right = frame.pop()
            if frame.pop() < right:
                frame.push(1)
            else:
                frame.push(0)
        elif opcode == EQUAL:
            right = frame.pop()
            if frame.pop() == right:
                frame.push(1)
            else:
                frame.push(0)
        elif opcode == JUMP:
            backward = operand < pc
            pc = operand
            if backward:
                driver.can_enter_jit(pc=pc, function=function, frame=frame)
        elif opcode == JUMP_IF_ZERO:
            if frame.pop() == 0:
                pc = operand
        elif opcode == CALL:
            # the callee is a constant of the trace from here on (its frame's size, its argument count)
            callee = promote(function.functions[operand])
            callee_frame = Frame(callee)
            i = callee.argument_count - 1
            while i >= 0:
                callee_frame.locals[i] = frame.pop()
                i -= 1
            frame.push(execute(callee, callee_frame))
        elif opcode == RETURN:
            return frame.pop()
        elif opcode == POP:
            frame.pop()
        elif opcode == DUP:
            value = frame.pop()
            frame.push(value)
            frame.push(value)
        else:
            raise AssemblyError("bad opcode %d in %s" % (opcode, function.name))


def opcode_of(name):
    for i in range(len(NAMES)):
        if NAMES[i] == name:
            return i
    raise AssemblyError("unknown instruction '%s'" % name)


def parse_lines(source):
    """The significant lines of source as lists of words (comments and blank lines dropped)."""
    result = []
    for line in source.split("\n"):
        hash_at = line.find("#")
        if hash_at >= 0:
            line = line[:hash_at]
        words = line.split()
        if len(words) > 0:
            result.append(words)
    return result


def function_indexes(lines):
    indexes = {}
    for words in lines:
        if words[0] == "function":
            indexes[words[1]] = len(indexes)
    return indexes


def assemble(source):
    """Assembles every function of source; returns them in order of appearance."""
    lines = parse_lines(source)
    indexes = function_indexes(lines)
    functions = []
    start = 0
    while start < len(lines):
        header = lines[start]
        if header[0] != "function" or len(header) != 4:
            raise AssemblyError("expected 'function NAME ARGUMENTS LOCALS', got '%s'" % " ".join(header))
        end = start + 1
        while end < len(lines) and lines[end][0] != "function":
            end += 1
        code = assemble_body(lines, start + 1, end, indexes)
        functions.append(Function(header[1], code, int(header[2]), int(header[3]), functions))
        start = end
    return functions


def assemble_body(lines, start, end, indexes):
    labels = {}
    position = 0
    for i in range(start, end):
        words = lines[i]
        if words[0].endswith(":"):
            labels[words[0][:len(words[0]) - 1]] = position
        else:
            position += 2
    code = []
    for i in range(start, end):
        words = lines[i]
        if words[0].endswith(":"):
            continue
        opcode = opcode_of(words[0])
        operand = 0
        if len(words) > 1:
            if opcode == JUMP or opcode == JUMP_IF_ZERO:
                if words[1] not in labels:
                    raise AssemblyError("unknown label '%s'" % words[1])
                operand = labels[words[1]]
            elif opcode == CALL:
                if words[1] not in indexes:
                    raise AssemblyError("unknown function '%s'" % words[1])
                operand = indexes[words[1]]
            else:
                operand = int(words[1])
        code.append(opcode)
        code.append(operand)
    return code


def call(functions, name, argument):
    for function in functions:
        if function.name == name:
            frame = Frame(function)
            frame.locals[0] = argument
            return execute(function, frame)
    raise AssemblyError("no function '%s'" % name)


def main(argv):
    size = 10
    if len(argv) > 1:
        size = int(argv[1])
    repeat = 1
    if len(argv) > 2:
        repeat = int(argv[2])
    if repeat < 1:
        print("usage: stack_vm.py [SIZE] [REPEAT >= 1]")
        return 2
    try:
        functions = assemble(SOURCE)
    except AssemblyError as error:
        print("assembly error: " + error.message)
        return 1
    for _ in range(repeat - 1):
        call(functions, "fib", size + 12)
        call(functions, "sum_squares", size * 20000)
        call(functions, "count_primes", size * 2000)
    print("fib(%d) = %d" % (size + 12, call(functions, "fib", size + 12)))
    print("sum_squares(%d) = %d" % (size * 20000, call(functions, "sum_squares", size * 20000)))
    print("count_primes(%d) = %d" % (size * 2000, call(functions, "count_primes", size * 2000)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
