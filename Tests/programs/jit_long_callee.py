# A loop with JIT hints that calls, once in 16 iterations, an @unroll_safe helper whose loop runs 48 times:
# the loop's trace leaves it out, and the bridge from the guard that takes that path inlines it. Run with a
# small trace_limit (JitEndToEndTests), that bridge is too long, the helper is marked not inlinable, and a
# later bridge calls it instead. The helpers make fresh mutable objects from constants (a range iterator,
# list(range(...)), str.split(sep)): a trace must make new ones each time, never fold them to the objects
# it saw while tracing. Prints the same running totals whatever the JIT does.
from clrpy.jit import JitDriver, unroll_safe


def printable_location(step, name):
    return "%s step %d" % (name, step)


driver = JitDriver(greens=["step", "name"], reds=["i", "total", "n"], get_printable_location=printable_location)


@unroll_safe
def checksum(x):
    result = 0
    for k in range(48):
        result = (result * 31 + x + k) % 1000003
    return result


def weight(i):
    parts = "1,2,3".split(",")
    parts.append("x")
    values = list(range(3))
    values.append(len(parts))
    return len(parts) * 10 + len(values) + i % 3


def run(name, step, n):
    i = 0
    total = 0
    while i < n:
        driver.jit_merge_point(step=step, name=name, i=i, total=total, n=n)
        if i % 16 == 15:
            total = (total + checksum(i)) % 1000000007
        else:
            total = (total + i * step + weight(i)) % 1000000007
        i += 1
        driver.can_enter_jit(step=step, name=name, i=i, total=total, n=n)
    return total


def main(argv):
    for n in [100, 1000, 5000]:
        print("run(%d) = %d" % (n, run("loop", 3, n)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
