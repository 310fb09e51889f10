# Recursion: plain, mutual, and about a thousand frames deep; Ackermann for branching recursion.


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append((source, target))
    hanoi(n - 1, spare, target, source, moves)


def main(argv):
    print(is_even(10), is_odd(7), is_even(7))
    print(depth(900))
    print(ackermann(2, 3))
    moves = []
    hanoi(5, "A", "C", "B", moves)
    print(len(moves), moves[0], moves[-1])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
