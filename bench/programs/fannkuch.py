# Benchmark: fannkuch-redux (pancake flipping over every permutation of 1..N; list indexing and
# swapping in tight integer loops). Run: fannkuch.py [ITERATIONS] [N]; each iteration walks all N!
# permutations; prints the permutation checksum and the maximum number of flips.


def fannkuch(n):
    """Returns (checksum, max_flips) over all permutations of 0..n-1, visited in the order of the
    classic rotation algorithm; the checksum adds the flips of even-numbered permutations and
    subtracts those of odd-numbered ones."""
    permutation = list(range(n))
    flipped = [0] * n
    count = [0] * n
    max_flips = 0
    checksum = 0
    index = 0
    level = n
    while True:
        while level != 1:
            count[level - 1] = level
            level -= 1
        first = permutation[0]
        if first != 0:
            for i in range(n):
                flipped[i] = permutation[i]
            flips = 1
            following = flipped[first]
            while following != 0:
                low = 0
                high = first
                while low < high:
                    swap = flipped[low]
                    flipped[low] = flipped[high]
                    flipped[high] = swap
                    low += 1
                    high -= 1
                flips += 1
                first = following
                following = flipped[first]
            if flips > max_flips:
                max_flips = flips
            if index % 2 == 0:
                checksum += flips
            else:
                checksum -= flips
        index += 1
        while True:
            if level == n:
                return checksum, max_flips
            rotated = permutation[0]
            for i in range(level):
                permutation[i] = permutation[i + 1]
            permutation[level] = rotated
            count[level] -= 1
            if count[level] > 0:
                break
            level += 1


def main(argv):
    iterations = 1
    if len(argv) > 1:
        iterations = int(argv[1])
    n = 9
    if len(argv) > 2:
        n = int(argv[2])
    total = 0
    checksum = 0
    max_flips = 0
    for i in range(iterations):
        checksum, max_flips = fannkuch(n)
        total += checksum + max_flips
    print("fannkuch: iterations=%d n=%d" % (iterations, n))
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, max_flips))
    print("total: %d" % total)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
