# Float-heavy inner loops of the kind a tracing JIT is judged by: an ASCII Mandelbrot set, the
# spectral norm of a small matrix, a trapezoid integral and Newton's square root, with printed floats.
import math

SHADES = " .:-=+*#%@"


def mandelbrot_row(y, width, height, max_iter):
    chars = []
    ci = 2.0 * y / height - 1.0
    for x in range(width):
        cr = 3.0 * x / width - 2.0
        zr = 0.0
        zi = 0.0
        n = 0
        while n < max_iter and zr * zr + zi * zi <= 4.0:
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
            n += 1
        chars.append(SHADES[n * (len(SHADES) - 1) // max_iter])
    return "".join(chars)


def a_entry(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def mul_av(v, out):
    n = len(v)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(i, j) * v[j]
        out[i] = total


def mul_atv(v, out):
    n = len(v)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(j, i) * v[j]
        out[i] = total


def spectral_norm(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        mul_av(u, tmp)
        mul_atv(tmp, v)
        mul_av(v, tmp)
        mul_atv(tmp, u)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def integrate(f_kind, a, b, steps):
    h = (b - a) / steps
    total = 0.0
    for k in range(steps + 1):
        x = a + k * h
        if f_kind == 0:
            y = x * x
        elif f_kind == 1:
            y = math.sin(x)
        else:
            y = 1.0 / (1.0 + x * x)
        weight = 0.5 if k == 0 or k == steps else 1.0
        total += weight * y
    return total * h


def newton_sqrt(value):
    guess = value if value > 1.0 else 1.0
    iterations = 0
    while True:
        better = 0.5 * (guess + value / guess)
        iterations += 1
        if abs(better - guess) < 1e-15 * better or iterations > 100:
            return better, iterations
        guess = better


def main(argv):
    width = 48
    height = 16
    for y in range(height + 1):
        print(mandelbrot_row(y, width, height, 30) + "|")
    for n in [1, 2, 10, 24]:
        print("spectral norm %d: %.9f" % (n, spectral_norm(n)))
    print("x^2 on [0,1]:", integrate(0, 0.0, 1.0, 1000))
    print("sin on [0,pi]:", round(integrate(1, 0.0, math.pi, 1000), 10))
    print("4/(1+x^2) on [0,1]:", 4.0 * integrate(2, 0.0, 1.0, 500))
    for value in [2.0, 0.25, 1e10, 12345.678]:
        root, iterations = newton_sqrt(value)
        print(value, root, math.sqrt(value), iterations, root == math.sqrt(value))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
