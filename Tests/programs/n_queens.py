# N-queens by backtracking: counts the solutions for boards of 1..8 and draws the first one found.
# Exercises lists of ints mutated in place, recursion with early exit, and string building.


def safe(cols, row, col):
    for r in range(row):
        c = cols[r]
        if c == col or abs(c - col) == row - r:
            return False
    return True


def count_solutions(cols, row, n):
    if row == n:
        return 1
    total = 0
    for col in range(n):
        if safe(cols, row, col):
            cols[row] = col
            total += count_solutions(cols, row + 1, n)
    cols[row] = -1
    return total


def first_solution(cols, row, n):
    if row == n:
        return True
    for col in range(n):
        if safe(cols, row, col):
            cols[row] = col
            if first_solution(cols, row + 1, n):
                return True
    cols[row] = -1
    return False


def draw(cols):
    n = len(cols)
    lines = []
    for row in range(n):
        cells = ["."] * n
        cells[cols[row]] = "Q"
        lines.append(" ".join(cells))
    return "\n".join(lines)


def main(argv):
    limit = 8
    if len(argv) > 1:
        limit = int(argv[1])
    counts = []
    for n in range(1, limit + 1):
        cols = [-1] * n
        count = count_solutions(cols, 0, n)
        counts.append(count)
        print("n=%d solutions=%d" % (n, count))
    print(counts)
    cols = [-1] * 6
    if first_solution(cols, 0, 6):
        print(cols)
        print(draw(cols))
    cols = [-1] * 3
    print("3x3 solvable:", first_solution(cols, 0, 3), cols)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
