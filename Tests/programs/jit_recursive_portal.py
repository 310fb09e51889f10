# A stack VM whose CALL runs the callee by a recursive call of the portal, so that traces of a
# caller's loop inline the callee's frame and its guards fail inside that inner frame (a data-dependent trip
# count, a division by zero raised out of the callee and caught by the caller's CALL). The JIT must finish such
# inner frames in the portal's resume entry and give the same output as CPython.
from clrpy.jit import JitDriver

PUSH = 0
LOAD = 1
STORE = 2
ARITH = 3      # operand: one of the arithmetic operations below, on the two topmost values
JUMP = 4
JUMP_IF_ZERO = 5
CALL = 6       # operand: function index; a VMError raised by the callee pushes -1 instead of a result
RETURN = 7
NAMES = ["push", "load", "store", "arith", "jump", "jump_if_zero", "call", "return"]
OPERATIONS = ["add", "sub", "mul", "div", "less"]   # div raises VMError on a zero divisor


class VMError(Exception):
    def __init__(self, message):
        self.message = message


class Function(object):
    _immutable_fields_ = ["name", "code[*]", "arguments", "local_count", "functions"]

    def __init__(self, name, code, arguments, local_count, functions):
        self.name = name
        self.code = code
        self.arguments = arguments
        self.local_count = local_count
        self.functions = functions


class Frame(object):
    def __init__(self, function):
        self.values = [0] * 6
        self.size = 0
        self.variables = [0] * function.local_count

    def take(self):
        self.size -= 1
        return self.values[self.size]

    def put(self, value):
        self.values[self.size] = value
        self.size += 1


class Counters(object):
    def __init__(self):
        self.calls = 0
        self.deepest = 0
        self.errors = 0


def location(pc, function):
    return "%s:%d %s" % (function.name, pc, NAMES[function.code[pc]])


driver = JitDriver(greens=["pc", "function"], reds=["frame", "level", "counters"], get_printable_location=location)


def arithmetic(operation, left, right, function):
    if operation == 0:
        return left + right
    if operation == 1:
        return left - right
    if operation == 2:
        return left * right
    if operation == 3:
        if right == 0:
            raise VMError("%s: %d divided by zero" % (function.name, left))
        return left // right
    if left < right:
        return 1
    return 0


def execute(function, frame, level, counters):
    pc = 0
    if level > counters.deepest:
        counters.deepest = level
    while True:
        driver.jit_merge_point(pc=pc, function=function, frame=frame, level=level, counters=counters)
        opcode = function.code[pc]
        operand = function.code[pc + 1]
        pc += 2
        if opcode == PUSH:
            frame.put(operand)
        elif opcode == LOAD:
            frame.put(frame.variables[operand])
        elif opcode == STORE:
            frame.variables[operand] = frame.take()
        elif opcode == ARITH:
            right = frame.take()
            frame.put(arithmetic(operand, frame.take(), right, function))
        elif opcode == JUMP:
            if operand < pc:
                pc = operand
                driver.can_enter_jit(pc=pc, function=function, frame=frame, level=level, counters=counters)
            else:
                pc = operand
        elif opcode == JUMP_IF_ZERO:
            if frame.take() == 0:
                pc = operand
        elif opcode == CALL:
            callee = function.functions[operand]
            callee_frame = Frame(callee)
            i = callee.arguments - 1
            while i >= 0:
                callee_frame.variables[i] = frame.take()
                i -= 1
            counters.calls += 1
            try:
                result = execute(callee, callee_frame, level + 1, counters)
            except VMError as error:
                counters.errors += 1
                if counters.errors <= 3:
                    print("caught: " + error.message)
                result = -1
            frame.put(result)
        elif opcode == RETURN:
            return frame.take()
        else:
            raise VMError("bad opcode %d" % opcode)


def index_of(names, name):
    for i in range(len(names)):
        if names[i] == name:
            return i
    return -1


def code_of(text):
    """Assembles 'op operand; label: op; ...': operands are numbers, or labels for jumps; add, sub, mul, div and
    less are arith with their operation."""
    lines = []
    labels = {}
    for instruction in text.split(";"):
        words = instruction.split()
        if len(words) > 0 and words[0].endswith(":"):
            labels[words[0][:len(words[0]) - 1]] = len(lines) * 2
            words = words[1:]
        if len(words) > 0:
            lines.append(words)
    code = []
    for words in lines:
        operation = index_of(OPERATIONS, words[0])
        if operation >= 0:
            code.append(ARITH)
            code.append(operation)
            continue
        opcode = index_of(NAMES, words[0])
        if opcode < 0:
            raise VMError("unknown instruction " + words[0])
        code.append(opcode)
        if len(words) == 1:
            code.append(0)
        elif opcode == JUMP or opcode == JUMP_IF_ZERO:
            code.append(labels[words[1]])
        else:
            code.append(int(words[1]))
    return code


# 0 steps(n): the sum of (n % 7) + 1, (n % 7), ..., 1 (the callee's loop runs a different number of times per call)
STEPS = ("push 0; store 1; load 0; load 0; push 7; div; push 7; mul; sub; push 1; add; store 0; "
         "head: push 0; load 0; less; jump_if_zero done; "
         "load 1; load 0; add; store 1; load 0; push 1; sub; store 0; jump head; "
         "done: load 1; return")
# 1 total(n): the sum of steps(i) for i in 1..n
TOTAL = ("push 0; store 1; push 1; store 2; "
         "head: load 2; load 0; push 1; add; less; jump_if_zero done; "
         "load 1; load 2; call 0; add; store 1; load 2; push 1; add; store 2; jump head; "
         "done: load 1; return")
# 2 ratio(a, b): adds b to a (a % 3) times, then divides by b: raises when b is 0, after its loop
RATIO = ("load 0; load 0; push 3; div; push 3; mul; sub; store 2; "
         "head: push 0; load 2; less; jump_if_zero done; "
         "load 0; load 1; add; store 0; load 2; push 1; sub; store 2; jump head; "
         "done: load 0; load 1; div; return")
# 3 ratios(n): the sum of ratio(i, i % 4) for i below n, -1 for each division by zero
RATIOS = ("push 0; store 1; push 0; store 2; "
          "head: load 2; load 0; less; jump_if_zero done; "
          "load 1; load 2; load 2; load 2; push 4; div; push 4; mul; sub; call 2; add; store 1; "
          "load 2; push 1; add; store 2; jump head; "
          "done: load 1; return")
# 4 fib(n), recursive: inner frames at many depths
FIB = ("load 0; push 2; less; jump_if_zero recurse; load 0; return; "
       "recurse: load 0; push 1; sub; call 4; load 0; push 2; sub; call 4; add; return")


def main(argv):
    functions = []
    sources = [("steps", STEPS, 1, 2), ("total", TOTAL, 1, 3), ("ratio", RATIO, 2, 3), ("ratios", RATIOS, 1, 3),
               ("fib", FIB, 1, 1)]
    for name, text, arguments, local_count in sources:
        functions.append(Function(name, code_of(text), arguments, local_count, functions))
    for name, argument in [("total", 300), ("ratios", 400), ("fib", 15), ("total", 1000)]:
        counters = Counters()
        for function in functions:
            if function.name == name:
                frame = Frame(function)
                frame.variables[0] = argument
                result = execute(function, frame, 0, counters)
                print("%s(%d) = %d, %d calls, depth %d, %d errors" % (name, argument, result, counters.calls, counters.deepest,
                                                                    counters.errors))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
