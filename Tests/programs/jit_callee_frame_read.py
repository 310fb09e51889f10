# A stack VM whose calls run the callee in a new frame by a recursive call of the portal. CALL pushes what the
# callee returns and forgets its frame; CALL_READ ignores what it returns and reads its frame back instead: the
# result the callee's RETURN stored there and the instructions it counted there, which the caller adds to its
# own count. A trace may keep the callee's frame virtual across a portal call only when nothing reads it after
# the call (a frameless call): CALL's frames may be, CALL_READ's may not, and the counts printed show that every
# frame read back holds what the callee wrote into it.
from clrpy.jit import JitDriver

PUSH = 0
LOAD = 1
STORE = 2
ADD = 3
SUB = 4
LESS = 5        # pop b, pop a, push 1 if a < b else 0
JUMP = 6
JUMP_IF_ZERO = 7
CALL = 8        # call function #operand with the top of the stack: push what it returns
CALL_READ = 9   # the same, but push the result the callee left in its frame, and add its count to this one's
RETURN = 10     # store the top of the stack as this frame's result, and return it
NAMES = ["push", "load", "store", "add", "sub", "less", "jump", "jump_if_zero", "call", "call_read", "return"]


class Function(object):
    _immutable_fields_ = ["name", "code[*]", "local_count", "functions"]

    def __init__(self, name, code, local_count, functions):
        self.name = name
        self.code = code
        self.local_count = local_count
        self.functions = functions


class Frame(object):
    _virtualizable_ = ["stack[*]", "depth", "locals[*]", "steps"]

    def __init__(self, function, argument):
        self.stack = [0] * 8
        self.depth = 0
        self.locals = [0] * function.local_count
        self.locals[0] = argument
        self.steps = 0      # instructions this frame ran, and (through CALL_READ) its callees ran
        self.result = -1

    def push(self, value):
        self.stack[self.depth] = value
        self.depth += 1

    def pop(self):
        self.depth -= 1
        return self.stack[self.depth]


def location(pc, function):
    return "%s:%d %s" % (function.name, pc, NAMES[function.code[pc]])


driver = JitDriver(greens=["pc", "function"], reds=["frame"], virtualizables=["frame"], get_printable_location=location)


def execute(function, frame):
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, function=function, frame=frame)
        code = function.code
        opcode = code[pc]
        operand = code[pc + 1]
        pc += 2
        frame.steps += 1
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
        elif opcode == LESS:
            right = frame.pop()
            if frame.pop() < right:
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
            callee = function.functions[operand]
            frame.push(execute(callee, Frame(callee, frame.pop())))
        elif opcode == CALL_READ:
            callee = function.functions[operand]
            callee_frame = Frame(callee, frame.pop())
            execute(callee, callee_frame)
            frame.push(callee_frame.result)
            frame.steps += callee_frame.steps
        elif opcode == RETURN:
            frame.result = frame.pop()
            return frame.result
        else:
            raise ValueError("bad opcode %d" % opcode)


def index_of(names, name):
    for i in range(len(names)):
        if names[i] == name:
            return i
    return -1


def code_of(text):
    """Assembles 'op operand; label: op; ...': operands are numbers, or labels for jumps."""
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
        opcode = index_of(NAMES, words[0])
        if opcode < 0:
            raise ValueError("unknown instruction " + words[0])
        code.append(opcode)
        if len(words) == 1:
            code.append(0)
        elif opcode == JUMP or opcode == JUMP_IF_ZERO:
            code.append(labels[words[1]])
        else:
            code.append(int(words[1]))
    return code


def fib(call):
    return ("load 0; push 2; less; jump_if_zero recurse; load 0; return; "
            "recurse: load 0; push 1; sub; " + call + "; load 0; push 2; sub; " + call + "; add; return")


def sums(call):
    """The sum of sum_to(i) for i below n."""
    return ("push 0; store 1; push 0; store 2; "
            "head: load 2; load 0; less; jump_if_zero done; "
            "load 1; load 2; " + call + "; add; store 1; load 2; push 1; add; store 2; jump head; "
            "done: load 1; return")


# 0 sum_to(n): 1 + 2 + ... + n, in a loop; 1 fib(n) calling itself with CALL; 2 fib_read(n) with CALL_READ;
# 3 sums(n) calling sum_to with CALL; 4 sums_read(n) with CALL_READ
SUM_TO = ("push 0; store 1; head: push 0; load 0; less; jump_if_zero done; "
          "load 1; load 0; add; store 1; load 0; push 1; sub; store 0; jump head; done: load 1; return")


def main(argv):
    sources = [("sum_to", SUM_TO, 2), ("fib", fib("call 1"), 1), ("fib_read", fib("call_read 2"), 1),
               ("sums", sums("call 0"), 3), ("sums_read", sums("call_read 0"), 3)]
    functions = []
    for name, text, local_count in sources:
        functions.append(Function(name, code_of(text), local_count, functions))
    for name, argument in [("fib", 16), ("fib_read", 16), ("sums", 60), ("sums_read", 60), ("fib_read", 12),
                           ("sums_read", 25)]:
        for function in functions:
            if function.name == name:
                frame = Frame(function, argument)
                result = execute(function, frame)
                print("%s(%d) = %d, frame result %d, %d steps" % (name, argument, result, frame.result, frame.steps))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
