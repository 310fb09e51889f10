# An interpreter whose portal runs for-loops over ranges in its body (descending, ascending with a step, and
# one over a list): the JIT calls the operation helpers that make and advance those iterators, which must
# be real iterator objects (a helper returning a range iterator once made the CLR crash on invalid IL).
from clrpy.jit import JitDriver

driver = JitDriver(greens=["pc", "code"], reds=["acc", "n"])


class Code(object):
    _immutable_fields_ = ["ops[*]"]

    def __init__(self, ops):
        self.ops = ops


def run(code, n):
    pc = 0
    acc = 0
    while pc < len(code.ops):
        driver.jit_merge_point(pc=pc, code=code, acc=acc, n=n)
        op = code.ops[pc]
        if op == 0:
            for i in range(n - 1, -1, -1):
                acc += i
            pc += 1
        elif op == 1:
            for i in range(0, n, 3):
                acc -= i
            pc += 1
        elif op == 2:
            for value in [n, n * 2, n * 3]:
                acc += value % 7
            n -= 1
            pc += 1
        else:
            if n > 0:
                pc = 0
                driver.can_enter_jit(pc=pc, code=code, acc=acc, n=n)
            else:
                pc += 1
    return acc


def main(argv):
    print(run(Code([0, 1, 2, 3]), 300))
    print(run(Code([2, 0, 3]), 50))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
