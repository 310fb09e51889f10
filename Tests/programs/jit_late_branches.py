# A loop with JIT hints whose rare branches start to be taken one after another (after 300, 600 and 900
# iterations), so its guards get bridges at different times; JitEndToEndTests checks that each of them is compiled
# into the loop's method (a small loop takes every bridge at once) and that the program prints what CPython prints.
from clrpy.jit import JitDriver

driver = JitDriver(greens=["step"], reds=["i", "total", "n"])


def run(step, n):
    i = 0
    total = 0
    while i < n:
        driver.jit_merge_point(step=step, i=i, total=total, n=n)
        if i >= 300 and i % 7 == 0:
            total += 3
        if i >= 600 and i % 11 == 0:
            total += 5
        if i >= 900 and i % 13 == 0:
            total += 7
        total = (total + i * step) % 1000003
        i += 1
        driver.can_enter_jit(step=step, i=i, total=total, n=n)
    return total


def main(argv):
    for n in [100, 1000, 3000]:
        print("run(%d) = %d" % (n, run(3, n)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
