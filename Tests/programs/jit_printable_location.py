# A loop interpreter whose JitDriver names its positions with get_printable_location (PyPy's hook for the JIT
# logs). The JIT calls it only while tracing with the jit-tracing or jit-optimize log on; it raises for one
# opcode, where the logs show the plain greens instead. The program calls it too, and sees neither the JIT's
# calls nor the exceptions they raise (JitEndToEndTests).
from clrpy.jit import JitDriver


class NoName(Exception):
    pass


class Program(object):
    _immutable_fields_ = ["name", "ops[*]"]

    def __init__(self, name, ops):
        self.name = name
        self.ops = ops


def printable_location(pc, program):
    op = program.ops[pc]
    if op == "flip":
        raise NoName()
    return "%s:%d %s" % (program.name, pc, op)


driver = JitDriver(greens=["pc", "program"], reds=["count", "total"], get_printable_location=printable_location)


def run(program, count):
    pc = 0
    total = 0
    while True:
        driver.jit_merge_point(pc=pc, program=program, count=count, total=total)
        op = program.ops[pc]
        pc += 1
        if op == "add":
            total += count
        elif op == "flip":
            total ^= 1
        elif op == "dec":
            count -= 1
        elif count > 0:
            pc = 0
            driver.can_enter_jit(pc=pc, program=program, count=count, total=total)
        else:
            return total


def describe(program):
    for pc in range(len(program.ops)):
        try:
            print(printable_location(pc, program))
        except NoName:
            print("%d has no name" % pc)


def main(argv):
    program = Program("countdown", ["add", "flip", "dec", "loop"])
    describe(program)
    for count in [10, 1000, 20000]:
        print("run(%d) = %d" % (count, run(program, count)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
