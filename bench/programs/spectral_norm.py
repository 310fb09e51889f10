# Benchmark: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1), by ten rounds of
# the power method on an N-sized truncation (float lists, nested loops, a small hot function).
# Run: spectral_norm.py [ITERATIONS] [N]; prints the norm with 9 decimals.
import math


def matrix_entry(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def multiply_by_a(vector, result):
    n = len(vector)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += matrix_entry(i, j) * vector[j]
        result[i] = total


def multiply_by_a_transposed(vector, result):
    n = len(vector)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += matrix_entry(j, i) * vector[j]
        result[i] = total


def multiply_by_a_transposed_a(vector, result, scratch):
    multiply_by_a(vector, scratch)
    multiply_by_a_transposed(scratch, result)


def spectral_norm(n):
    u = [1.0] * n
    v = [0.0] * n
    scratch = [0.0] * n
    for round in range(10):
        multiply_by_a_transposed_a(u, v, scratch)
        multiply_by_a_transposed_a(v, u, scratch)
    v_bv = 0.0
    vv = 0.0
    for i in range(n):
        v_bv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(v_bv / vv)


def main(argv):
    iterations = 1
    if len(argv) > 1:
        iterations = int(argv[1])
    n = 200
    if len(argv) > 2:
        n = int(argv[2])
    norm = 0.0
    checksum = 0.0
    for i in range(iterations):
        norm = spectral_norm(n)
        checksum += norm
    print("spectral_norm: iterations=%d n=%d" % (iterations, n))
    print("%.9f" % norm)
    print("checksum: %s" % repr(checksum))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
