# A register-machine interpreter with JIT hints whose hot loops change behaviour half-way (a branch
# that flips after many iterations, nested user loops, an overflow check that starts failing), so a
# JIT must leave traces through guards and bridges and still print what CPython prints.
from clrpy.jit import JitDriver, promote, we_are_jitted
from clrpy.rlib import ovfcheck

SET = 0       # SET r, value
ADDI = 1      # ADDI r, value
ADD = 2       # ADD r, s        r += s (ovfcheck; on overflow r = 1 and count the event)
MULI = 3      # MULI r, value   (ovfcheck, same overflow rule)
BLT = 4       # BLT r, s, target: jump when r < s
BODD = 5      # BODD r, target: jump when r is odd
JMP = 6       # JMP target
HALT = 7


def printable_location(pc, program):
    return "%s@%d" % (program.name, pc)


driver = JitDriver(greens=["pc", "program"], reds=["machine"], get_printable_location=printable_location)


class Instr(object):
    _immutable_fields_ = ["op", "a", "b", "c"]

    def __init__(self, op, a, b, c):
        self.op = op
        self.a = a
        self.b = b
        self.c = c


class Program(object):
    _immutable_fields_ = ["name", "instrs[*]"]

    def __init__(self, name, instrs):
        self.name = name
        self.instrs = instrs


class Machine(object):
    def __init__(self, count):
        self.regs = [0] * count
        self.overflows = 0
        self.steps = 0


def run(program, machine):
    pc = 0
    while True:
        driver.jit_merge_point(pc=pc, program=program, machine=machine)
        instr = program.instrs[pc]
        op = promote(instr.op)
        machine.steps += 1
        regs = machine.regs
        pc += 1
        if op == SET:
            regs[instr.a] = instr.b
        elif op == ADDI:
            regs[instr.a] += instr.b
        elif op == ADD or op == MULI:
            try:
                if op == ADD:
                    regs[instr.a] = ovfcheck(regs[instr.a] + regs[instr.b])
                else:
                    regs[instr.a] = ovfcheck(regs[instr.a] * instr.b)
            except OverflowError:
                regs[instr.a] = 1
                machine.overflows += 1
        elif op == BLT or op == BODD or op == JMP:
            if op == JMP:
                taken = True
                target = instr.a
            elif op == BLT:
                taken = regs[instr.a] < regs[instr.b]
                target = instr.c
            else:
                taken = regs[instr.a] % 2 == 1
                target = instr.b
            if taken:
                backwards = target < pc
                pc = target
                if backwards:
                    driver.can_enter_jit(pc=pc, program=program, machine=machine)
        elif op == HALT:
            return machine.steps
        else:
            raise ValueError("bad opcode %d" % op)


def flipping_branch():
    # r0 counts to 3000; r1 accumulates 1 while r0 < 1500 and 3 afterwards (guard flips once)
    return Program("flip", [
        Instr(SET, 0, 0, 0), Instr(SET, 1, 0, 0), Instr(SET, 2, 3000, 0), Instr(SET, 3, 1500, 0),
        Instr(BLT, 0, 3, 7),
        Instr(ADDI, 1, 3, 0), Instr(JMP, 8, 0, 0),
        Instr(ADDI, 1, 1, 0),
        Instr(ADDI, 0, 1, 0), Instr(BLT, 0, 2, 4), Instr(HALT, 0, 0, 0)])


def nested_loops():
    # for i in 0..40: for j in 0..i: r2 += j; odd i also adds i to r3
    return Program("nested", [
        Instr(SET, 0, 0, 0), Instr(SET, 4, 40, 0), Instr(SET, 2, 0, 0), Instr(SET, 3, 0, 0),
        Instr(SET, 1, 0, 0),
        Instr(BLT, 1, 0, 7), Instr(JMP, 9, 0, 0),
        Instr(ADD, 2, 1, 0), Instr(ADDI, 1, 1, 0),
        Instr(BLT, 1, 0, 7),
        Instr(BODD, 0, 12, 0), Instr(JMP, 13, 0, 0),
        Instr(ADD, 3, 0, 0),
        Instr(ADDI, 0, 1, 0), Instr(BLT, 0, 4, 4), Instr(HALT, 0, 0, 0)])


def overflowing():
    # r1 *= 7 two hundred times; every overflow resets r1 to 1
    return Program("overflow", [
        Instr(SET, 0, 0, 0), Instr(SET, 1, 1, 0), Instr(SET, 2, 200, 0),
        Instr(MULI, 1, 7, 0), Instr(ADDI, 0, 1, 0), Instr(BLT, 0, 2, 3), Instr(HALT, 0, 0, 0)])


def main(argv):
    for program in [flipping_branch(), nested_loops(), overflowing()]:
        machine = Machine(5)
        steps = run(program, machine)
        print(printable_location(0, program), "steps", steps, "regs", machine.regs, "overflows", machine.overflows)
    print("jitted at top level:", we_are_jitted())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
