# A register machine whose programs are parsed from assembly text with labels, run by an interpreter
# loop with a JitDriver tuned through set_param (threshold and trace eagerness from argv, optimizations
# by name). The programs: sum of primes by trial division (nested loops) and the longest Collatz chain.
from clrpy.jit import JitDriver, set_param, promote, elidable

OPS = ["set", "mov", "add", "sub", "mul", "mod", "div", "jmp", "jlt", "jeq", "jne", "out", "halt"]

PRIMES = """
        set r0 2        # candidate
        set r1 0        # sum of primes
        set r5 1
        set r6 0
loop:   jeq r0 r7 done  # r7 = limit
        set r2 2        # divisor
test:   mov r3 r2
        mul r3 r2
        jlt r0 r3 prime # divisor*divisor > candidate
        mov r4 r0
        mod r4 r2
        jeq r4 r6 next  # divisible: not prime
        add r2 r5
        jmp test
prime:  add r1 r0
next:   add r0 r5
        jmp loop
done:   out r1
        halt
"""

COLLATZ = """
        set r0 1        # start value
        set r1 0        # best length
        set r2 0        # best start
        set r5 1
        set r6 2
        set r8 3
        set r9 0
outer:  jeq r0 r7 done  # r7 = limit
        mov r3 r0       # n
        set r4 1        # length
inner:  jeq r3 r5 end
        mov r10 r3
        mod r10 r6
        jeq r10 r9 even
        mul r3 r8
        add r3 r5
        jmp count
even:   div r3 r6
count:  add r4 r5
        jmp inner
end:    jlt r4 r1 skip
        jeq r4 r1 skip
        mov r1 r4
        mov r2 r0
skip:   add r0 r5
        jmp outer
done:   out r2
        out r1
        halt
"""


class Instr(object):
    _immutable_fields_ = ["op", "a", "b", "target"]

    def __init__(self, op, a, b, target):
        self.op = op
        self.a = a
        self.b = b
        self.target = target


class Program(object):
    _immutable_fields_ = ["name", "code[*]"]

    def __init__(self, name, code):
        self.name = name
        self.code = code


class AsmError(Exception):
    def __init__(self, line, message):
        Exception.__init__(self, message)
        self.line = line
        self.message = message


def register(token, line):
    if len(token) < 2 or token[0] != "r" or not token[1:].isdigit():
        raise AsmError(line, "bad register %r" % token)
    return int(token[1:])


def assemble(name, text):
    labels = {}
    rows = []
    line_no = 0
    for raw in text.split("\n"):
        line_no += 1
        hash_at = raw.find("#")
        if hash_at >= 0:
            raw = raw[:hash_at]
        words = raw.split()
        if not words:
            continue
        if words[0].endswith(":"):
            labels[words[0][:-1]] = len(rows)
            words = words[1:]
        rows.append((line_no, words))
    code = []
    for line_no, words in rows:
        op = words[0]
        if op not in OPS:
            raise AsmError(line_no, "unknown op %r" % op)
        a = 0
        b = 0
        target = -1
        if op == "set":
            a = register(words[1], line_no)
            b = int(words[2])
        elif op in ("jlt", "jeq", "jne"):
            a = register(words[1], line_no)
            b = register(words[2], line_no)
            target = labels[words[3]]
        elif op == "jmp":
            target = labels[words[1]]
        elif op == "out":
            a = register(words[1], line_no)
        elif op != "halt":
            a = register(words[1], line_no)
            b = register(words[2], line_no)
        code.append(Instr(OPS.index(op), a, b, target))
    return Program(name, code)


def location(pc, program):
    return "%s:%d %s" % (program.name, pc, OPS[program.code[pc].op])


driver = JitDriver(greens=["pc", "program"], reds=["regs", "steps", "outputs"], get_printable_location=location)


@elidable
def op_name(op):
    return OPS[op]


def run(program, regs):
    pc = 0
    steps = 0
    outputs = []
    while True:
        driver.jit_merge_point(pc=pc, program=program, regs=regs, steps=steps, outputs=outputs)
        instr = program.code[pc]
        op = promote(instr.op)
        steps += 1
        pc += 1
        if op == 0:
            regs[instr.a] = instr.b
        elif op == 1:
            regs[instr.a] = regs[instr.b]
        elif op == 2:
            regs[instr.a] += regs[instr.b]
        elif op == 3:
            regs[instr.a] -= regs[instr.b]
        elif op == 4:
            regs[instr.a] *= regs[instr.b]
        elif op == 5:
            regs[instr.a] %= regs[instr.b]
        elif op == 6:
            regs[instr.a] //= regs[instr.b]
        elif op == 12:
            break
        elif op == 11:
            outputs.append(regs[instr.a])
        else:
            jump = op == 7
            if op == 8:
                jump = regs[instr.a] < regs[instr.b]
            elif op == 9:
                jump = regs[instr.a] == regs[instr.b]
            elif op == 10:
                jump = regs[instr.a] != regs[instr.b]
            if jump:
                backward = instr.target < pc
                pc = instr.target
                if backward:
                    driver.can_enter_jit(pc=pc, program=program, regs=regs, steps=steps, outputs=outputs)
    return outputs, steps


def main(argv):
    threshold = 7
    if len(argv) > 1:
        threshold = int(argv[1])
    set_param(driver, "threshold", threshold)
    set_param(driver, "trace_eagerness", threshold // 2 + 1)
    set_param(driver, "enable_opts", "intbounds:rewrite:virtualize:unroll")
    primes = assemble("primes", PRIMES)
    collatz = assemble("collatz", COLLATZ)
    print("assembled", len(primes.code), "and", len(collatz.code), "instructions")
    print(location(4, primes), "|", location(len(collatz.code) - 1, collatz), "|", op_name(8))
    for limit in [10, 100, 2000]:
        regs = [0] * 12
        regs[7] = limit
        outputs, steps = run(primes, regs)
        print("primes below %d: sum %d (%d steps)" % (limit, outputs[0], steps))
    regs = [0] * 12
    regs[7] = 300
    outputs, steps = run(collatz, regs)
    print("collatz below 300: start %d length %d (%d steps)" % (outputs[0], outputs[1], steps))
    try:
        assemble("bad", "set r0 1\n  mul r0 x1\n")
    except AsmError as e:
        print("line %d: %s" % (e.line, e.message))
    try:
        assemble("bad", "push r1\n")
    except AsmError as e:
        print("line %d: %s" % (e.line, e.message))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
