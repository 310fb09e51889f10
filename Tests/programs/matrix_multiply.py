# Matrix multiplication on nested lists of ints and floats: building matrices with comprehensions,
# triple loops, transpose, identity checks, powers by repeated squaring and printing of rows.


def make_matrix(n, m, seed):
    return [[(i * 7 + j * 3 + seed) % 10 - 4 for j in range(m)] for i in range(n)]


def multiply(a, b):
    n = len(a)
    m = len(b[0])
    inner = len(b)
    result = [[0] * m for _ in range(n)]
    for i in range(n):
        row = a[i]
        out = result[i]
        for k in range(inner):
            aik = row[k]
            bk = b[k]
            for j in range(m):
                out[j] += aik * bk[j]
    return result


def multiply_float(a, b):
    n = len(a)
    m = len(b[0])
    result = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            total = 0.0
            for k in range(len(b)):
                total += a[i][k] * b[k][j]
            result[i][j] = total
    return result


def transpose(a):
    return [[a[i][j] for i in range(len(a))] for j in range(len(a[0]))]


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def power(a, e):
    result = identity(len(a))
    base = a
    while e > 0:
        if e & 1:
            result = multiply(result, base)
        base = multiply(base, base)
        e >>= 1
    return result


def trace(a):
    return sum([a[i][i] for i in range(len(a))])


def main(argv):
    a = make_matrix(3, 4, 1)
    b = make_matrix(4, 2, 5)
    print(a)
    print(b)
    c = multiply(a, b)
    for row in c:
        print(" ".join(["%5d" % v for v in row]))
    print(transpose(c), multiply(a, identity(4)) == a)
    fib = power([[1, 1], [1, 0]], 50)
    print("fib(50) =", fib[0][1], "trace", trace(fib))
    big = make_matrix(30, 30, 2)
    p = multiply(big, transpose(big))
    print("trace of big * big^T:", trace(p), p[0][:5], p == transpose(p))
    h = [[1.0 / (i + j + 1) for j in range(4)] for i in range(4)]
    hh = multiply_float(h, h)
    print(hh[0])
    print(["%.4f" % v for v in hh[3]])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
