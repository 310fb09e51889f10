# Classic dynamic programming over 2-D tables: 0/1 knapsack with item recovery, longest common
# subsequence and edit distance of strings, and the number of ways to make change.


def knapsack(weights, values, capacity):
    n = len(weights)
    table = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        w = weights[i - 1]
        v = values[i - 1]
        for c in range(capacity + 1):
            best = table[i - 1][c]
            if w <= c and table[i - 1][c - w] + v > best:
                best = table[i - 1][c - w] + v
            table[i][c] = best
    chosen = []
    c = capacity
    for i in range(n, 0, -1):
        if table[i][c] != table[i - 1][c]:
            chosen.append(i - 1)
            c -= weights[i - 1]
    chosen.reverse()
    return table[n][capacity], chosen


def lcs(a, b):
    rows = len(a) + 1
    cols = len(b) + 1
    table = [[0] * cols for _ in range(rows)]
    for i in range(1, rows):
        for j in range(1, cols):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    out = []
    i = rows - 1
    j = cols - 1
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i -= 1
            j -= 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    out.reverse()
    return "".join(out)


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        previous = current
    return previous[len(b)]


def change_ways(coins, amount):
    ways = [0] * (amount + 1)
    ways[0] = 1
    for coin in coins:
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]


def main(argv):
    weights = [12, 2, 1, 1, 4, 7, 3]
    values = [4, 2, 1, 2, 10, 13, 6]
    for capacity in [0, 5, 15, 20]:
        best, chosen = knapsack(weights, values, capacity)
        print("capacity %2d -> value %2d items %s" % (capacity, best, chosen))
    pairs = [("ABCBDAB", "BDCABA"), ("kitten", "sitting"), ("", "abc"), ("rpython", "python")]
    for a, b in pairs:
        print("%r %r lcs=%r dist=%d" % (a, b, lcs(a, b), edit_distance(a, b)))
    for amount in [0, 10, 100, 250]:
        print("change", amount, change_ways([1, 5, 10, 25, 50], amount))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
