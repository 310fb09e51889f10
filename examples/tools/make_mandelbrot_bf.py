# Generates examples/mandelbrot_bf.py: a brainfuck program drawing the Mandelbrot set in ASCII, for
# examples/brainfuck.py. Plain python3 (not RPy). Run from the repository root:
#     python3 examples/tools/make_mandelbrot_bf.py > examples/mandelbrot_bf.py
#
# The brainfuck program reads two numbers with ',': S, the fixed-point scale (1.0 is S units; the
# image has S+1 rows and 2S+S//2+1 columns, one unit apart), and the iteration limit. Each point
# escaping after n iterations prints " .:-=+*%#"[min(n, 9) - 1]; points still inside print "@".
# Numbers are unary: cells hold non-negative integers (wider than a byte: up to about 40*S*S) and a
# signed value is a sign cell (0 or 1) plus a magnitude cell. A product a*b/S is counted out unit by
# unit, so the work grows like S**4: this is the nested-loop load a brainfuck JIT is measured on.
import contextlib
import sys

PALETTE = " .:-=+*%#"
INSIDE = "@"


class Generator(object):
    """Emits brainfuck while tracking the data pointer at compile time. Every helper leaves the
    pointer at a known cell, and every cell it borrows as a temporary is zero again afterwards."""

    def __init__(self):
        self.code = []
        self.pointer = 0
        self.next_cell = 0
        self.free_temps = []

    def cell(self, testable=False):
        """A new cell; a testable one is followed by two zero cells that if_zero needs."""
        index = self.next_cell
        self.next_cell += 3 if testable else 1
        return index

    @contextlib.contextmanager
    def temp(self):
        cell = self.free_temps.pop() if self.free_temps else self.cell(testable=True)
        yield cell
        self.free_temps.append(cell)

    def at(self, cell):
        step = cell - self.pointer
        self.code.append(">" * step if step > 0 else "<" * -step)
        self.pointer = cell

    def add(self, cell, amount):
        self.at(cell)
        self.code.append("+" * amount if amount > 0 else "-" * -amount)

    def clear(self, cell):
        self.at(cell)
        self.code.append("[-]")

    def set(self, cell, value):
        self.clear(cell)
        self.add(cell, value)

    def output(self, char):
        with self.temp() as t:
            self.add(t, ord(char))
            self.code.append(".")
            self.clear(t)

    @contextlib.contextmanager
    def loop(self, cell):
        """while cell != 0: body (the body must change cell)."""
        self.at(cell)
        self.code.append("[")
        yield
        self.at(cell)
        self.code.append("]")

    @contextlib.contextmanager
    def if_zero(self, cell):
        """if cell == 0: body. Non-destructive; cell must be testable. The two cells after it
        select the path: the pointer ends on the second of them either way."""
        self.at(cell)
        self.code.append(">+<[>-]>[-<")
        yield
        self.at(cell)
        self.code.append(">>]<<")

    def move(self, source, targets):
        """targets += source (each with its factor); source becomes 0."""
        with self.loop(source):
            self.add(source, -1)
            for target, factor in targets:
                self.add(target, factor)

    def copy(self, source, target):
        """target += source, source kept."""
        with self.temp() as t:
            self.move(source, [(target, 1), (t, 1)])
            self.move(t, [(source, 1)])

    def decrement_to_zero(self, cell):
        """if cell != 0: cell -= 1 (cell must be testable): a zero cell is first raised to 1."""
        with self.if_zero(cell):
            self.add(cell, 1)
        self.add(cell, -1)

    @contextlib.contextmanager
    def if_nonzero_flag(self, flag):
        """if flag: body; flag (0 or 1, or any count) is consumed."""
        with self.loop(flag):
            self.clear(flag)
            yield

    def multiply_scaled(self, a, b, result, scale, countdown, spent):
        """result += a*b // scale, a and b kept. countdown + spent == scale between units;
        countdown restarts from scale first."""
        self.move(spent, [(countdown, 1)])
        with self.temp() as outer:
            self.copy(a, outer)
            with self.loop(outer):
                self.add(outer, -1)
                with self.temp() as inner:
                    self.copy(b, inner)
                    with self.loop(inner):
                        self.add(inner, -1)
                        self.add(countdown, -1)
                        self.add(spent, 1)
                        with self.if_zero(countdown):
                            self.add(result, 1)
                            self.move(spent, [(countdown, 1)])

    def signs_differ(self, a, b, flag):
        """flag += 1 when the signs a and b (each 0 or 1) differ."""
        with self.temp() as total, self.temp() as both_zero:
            self.copy(a, total)
            self.copy(b, total)
            with self.if_zero(total):
                self.add(both_zero, 1)
            self.decrement_to_zero(total)
            with self.if_zero(total):
                self.add(flag, 1)
            self.move(both_zero, [(flag, -1)])
            self.clear(total)

    def signed_add(self, sign, magnitude, other_sign, other_magnitude):
        """(sign, magnitude) += (other_sign, other_magnitude), the other kept."""
        with self.temp() as units, self.temp() as differ:
            self.copy(other_magnitude, units)
            self.signs_differ(sign, other_sign, differ)
            with self.if_zero(differ):
                self.move(units, [(magnitude, 1)])
            with self.if_nonzero_flag(differ):
                with self.loop(units):
                    # one unit of the other value cancels one of ours; when ours is used up, the
                    # other's sign wins and its remaining units add up (the +1s undo the -1s)
                    with self.if_zero(magnitude):
                        self.clear(sign)
                        self.copy(other_sign, sign)
                        self.move(units, [(magnitude, 1)])
                        self.add(magnitude, 1)
                        self.add(units, 1)
                    self.add(magnitude, -1)
                    self.add(units, -1)

    def program(self):
        scale = self.cell()
        limit = self.cell()
        countdown = self.cell(testable=True)
        spent = self.cell()
        cx_sign, cx = self.cell(), self.cell(testable=True)
        cy_sign, cy = self.cell(), self.cell(testable=True)
        x_sign, x = self.cell(), self.cell(testable=True)
        y_sign, y = self.cell(), self.cell(testable=True)
        x2, y2, xy = self.cell(), self.cell(), self.cell()
        new_sign, new = self.cell(), self.cell(testable=True)
        negative = self.cell()
        positive = self.cell()
        rows = self.cell()
        columns = self.cell()
        left = self.cell()
        left_sign = self.cell()
        left_magnitude = self.cell()
        iterations = self.cell(testable=True)
        remaining = self.cell(testable=True)
        running = self.cell()
        escaped = self.cell()
        magnitude2 = self.cell(testable=True)
        bound = self.cell()
        step = self.cell()

        self.at(scale)
        self.code.append(",")
        self.at(limit)
        self.code.append(",")
        self.add(negative, 1)
        # columns = 2S + S//2 + 1, from cx = -2S
        with self.temp() as t, self.temp() as parity:
            self.copy(scale, t)
            self.add(parity, 1)
            with self.loop(t):
                self.add(t, -1)
                self.add(columns, 2)

                # parity alternates 0, 1, 0, ...: one extra column every second unit of S
                with self.if_zero(parity):
                    self.add(parity, 2)
                    self.add(columns, 1)
                self.add(parity, -1)
            self.clear(parity)
        self.add(columns, 1)
        self.copy(scale, left_magnitude)
        self.copy(scale, left_magnitude)
        self.add(left_sign, 1)
        # rows: cy from -S to S in steps of 2
        self.add(cy_sign, 1)
        self.copy(scale, cy)
        self.copy(scale, rows)
        self.add(rows, 1)
        self.copy(scale, spent)
        with self.loop(rows):
            self.add(rows, -1)
            self.copy(columns, left)
            self.clear(cx_sign)
            self.clear(cx)
            self.copy(left_sign, cx_sign)
            self.copy(left_magnitude, cx)
            with self.loop(left):
                self.add(left, -1)
                self.point(locals())
                self.set(step, 1)
                self.signed_add(cx_sign, cx, positive, step)
                self.clear(step)
            self.output("\n")
            self.set(step, 2)
            self.signed_add(cy_sign, cy, positive, step)
            self.clear(step)
        return "".join(self.code)

    def point(self, v):
        """Iterates z = z*z + c from z = 0 for the current (cx, cy) and prints the point's char."""
        for name in ("x_sign", "x", "y_sign", "y", "iterations", "escaped", "remaining"):
            self.clear(v[name])
        self.copy(v["limit"], v["remaining"])
        self.add(v["running"], 1)
        with self.loop(v["running"]):
            self.multiply_scaled(v["x"], v["x"], v["x2"], v["scale"], v["countdown"], v["spent"])
            self.multiply_scaled(v["y"], v["y"], v["y2"], v["scale"], v["countdown"], v["spent"])
            # escaped when x2 + y2 > 4S: take 4S units away from x2 + y2 and see if some are left
            self.copy(v["x2"], v["magnitude2"])
            self.copy(v["y2"], v["magnitude2"])
            with self.temp() as t:
                self.copy(v["scale"], t)
                self.move(t, [(v["bound"], 4)])
            with self.loop(v["bound"]):
                self.add(v["bound"], -1)
                with self.if_zero(v["magnitude2"]):
                    self.clear(v["bound"])
                    self.add(v["magnitude2"], 1)
                self.add(v["magnitude2"], -1)
            with self.temp() as over:
                with self.loop(v["magnitude2"]):
                    self.clear(v["magnitude2"])
                    self.add(over, 1)
                with self.temp() as inside:
                    self.add(inside, 1)
                    with self.if_nonzero_flag(over):
                        self.add(v["escaped"], 1)
                        self.add(inside, -1)
                        self.clear(v["running"])
                    with self.if_nonzero_flag(inside):
                        self.step(v)
            self.clear(v["x2"])
            self.clear(v["y2"])
        self.print_point(v)

    def step(self, v):
        """One iteration: x, y = x2 - y2 + cx, 2xy + cy; counts it; stops at the limit."""
        self.multiply_scaled(v["x"], v["y"], v["xy"], v["scale"], v["countdown"], v["spent"])
        # new = x2 - y2 + cx
        self.copy(v["x2"], v["new"])
        self.signed_add(v["new_sign"], v["new"], v["negative"], v["y2"])
        self.signed_add(v["new_sign"], v["new"], v["cx_sign"], v["cx"])
        # y = 2xy + cy, with the sign of x times y
        with self.temp() as product_sign:
            self.signs_differ(v["x_sign"], v["y_sign"], product_sign)
            self.clear(v["y_sign"])
            self.move(product_sign, [(v["y_sign"], 1)])
        self.clear(v["y"])
        self.move(v["xy"], [(v["y"], 2)])
        self.signed_add(v["y_sign"], v["y"], v["cy_sign"], v["cy"])
        self.clear(v["x"])
        self.clear(v["x_sign"])
        self.move(v["new"], [(v["x"], 1)])
        self.move(v["new_sign"], [(v["x_sign"], 1)])
        self.add(v["iterations"], 1)
        self.add(v["remaining"], -1)
        with self.if_zero(v["remaining"]):
            self.clear(v["running"])

    def print_point(self, v):
        with self.temp() as done:
            with self.if_nonzero_flag(v["escaped"]):
                with self.temp() as n:
                    self.copy(v["iterations"], n)
                    self.decrement_to_zero(n)
                    for char in PALETTE[:-1]:
                        # n + 1 iterations were done before escaping: char i is for n == i
                        with self.if_zero(n):
                            with self.if_zero(done):
                                self.output(char)
                            self.set(done, 1)
                        self.decrement_to_zero(n)
                    self.clear(n)
                with self.if_zero(done):
                    self.output(PALETTE[-1])
                self.set(done, 1)
            with self.if_zero(done):
                self.output(INSIDE)
            self.clear(done)


def main():
    code = Generator().program()
    print("# Generated by examples/tools/make_mandelbrot_bf.py; do not edit. A brainfuck program drawing the")
    print("# Mandelbrot set: it reads the fixed-point scale and the iteration limit with ','.")
    print("MANDELBROT = (")
    for start in range(0, len(code), 96):
        print('    "%s"' % code[start:start + 96])
    print(")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
