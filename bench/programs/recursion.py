# Benchmark: recursion-heavy work. Builds and checks complete binary trees (allocation and recursive
# traversal), Takeuchi's function (deep call chains of small frames), Ackermann-style recursion and
# n-queens by backtracking. Run: recursion.py [ITERATIONS] [DEPTH]; prints one checksum per part.


class Node(object):
    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value


def build(depth, value):
    if depth == 0:
        return Node(None, None, value)
    return Node(build(depth - 1, 2 * value - 1), build(depth - 1, 2 * value), value)


def check(node):
    """Sum of the values, counting the left subtree positively and the right one negatively."""
    left = node.left
    right = node.right
    if left is None or right is None:
        return node.value
    return node.value + check(left) - check(right)


def count_nodes(node):
    if node is None:
        return 0
    return 1 + count_nodes(node.left) + count_nodes(node.right)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def queens(n, row, columns, diagonals_down, diagonals_up):
    """Counts the ways to complete a placement of queens in rows 0..row-1 (sets as bit masks)."""
    if row == n:
        return 1
    solutions = 0
    for column in range(n):
        down = 1 << (row + column)
        up = 1 << (row - column + n)
        if columns & (1 << column) == 0 and diagonals_down & down == 0 and diagonals_up & up == 0:
            solutions += queens(n, row + 1, columns | (1 << column), diagonals_down | down, diagonals_up | up)
    return solutions


def trees(max_depth):
    checksum = 0
    for depth in range(4, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + 2)
        for i in range(iterations):
            checksum += check(build(depth, i)) + check(build(depth, -i))
    long_lived = build(max_depth, 1)
    return checksum * 1000 + count_nodes(long_lived)


def main(argv):
    iterations = 1
    if len(argv) > 1:
        iterations = int(argv[1])
    depth = 12
    if len(argv) > 2:
        depth = int(argv[2])
    tree_sum = 0
    tak_sum = 0
    ackermann_sum = 0
    queens_sum = 0
    for i in range(iterations):
        tree_sum += trees(depth)
        tak_sum += tak(depth + 6, depth // 2 + 6, depth // 2)
        ackermann_sum += ackermann(2, depth * 8) + ackermann(3, depth // 3)
        queens_sum += queens(depth // 2 + 2, 0, 0, 0, 0)
    print("recursion: iterations=%d depth=%d" % (iterations, depth))
    print("trees %d" % tree_sum)
    print("tak %d" % tak_sum)
    print("ackermann %d" % ackermann_sum)
    print("queens %d" % queens_sum)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
