# Sorting algorithms on int lists: insertion, merge (recursive, with slicing), quick (in place,
# Lomuto partition), heap sort and counting sort, checked against sorted() on pseudo-random data.


def pseudo_random(n, seed):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 1000 - 500)
    return out


def insertion_sort(xs):
    xs = xs[:]
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    return xs


def merge_sort(xs):
    if len(xs) <= 1:
        return xs[:]
    mid = len(xs) // 2
    left = merge_sort(xs[:mid])
    right = merge_sort(xs[mid:])
    out = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def partition(xs, lo, hi):
    pivot = xs[hi]
    i = lo
    for j in range(lo, hi):
        if xs[j] < pivot:
            xs[i], xs[j] = xs[j], xs[i]
            i += 1
    xs[i], xs[hi] = xs[hi], xs[i]
    return i


def quick_sort(xs, lo, hi):
    while lo < hi:
        p = partition(xs, lo, hi)
        if p - lo < hi - p:
            quick_sort(xs, lo, p - 1)
            lo = p + 1
        else:
            quick_sort(xs, p + 1, hi)
            hi = p - 1


def sift_down(xs, start, end):
    root = start
    while 2 * root + 1 <= end:
        child = 2 * root + 1
        if child + 1 <= end and xs[child] < xs[child + 1]:
            child += 1
        if xs[root] < xs[child]:
            xs[root], xs[child] = xs[child], xs[root]
            root = child
        else:
            return


def heap_sort(xs):
    xs = xs[:]
    n = len(xs)
    for start in range((n - 2) // 2, -1, -1):
        sift_down(xs, start, n - 1)
    for end in range(n - 1, 0, -1):
        xs[0], xs[end] = xs[end], xs[0]
        sift_down(xs, 0, end - 1)
    return xs


def counting_sort(xs, lo, hi):
    counts = [0] * (hi - lo + 1)
    for x in xs:
        counts[x - lo] += 1
    out = []
    for i in range(len(counts)):
        out.extend([i + lo] * counts[i])
    return out


def main(argv):
    data = pseudo_random(400, 7)
    expected = sorted(data)
    print(data[:8], expected[:8], expected[-3:])
    print("insertion", insertion_sort(data) == expected)
    print("merge", merge_sort(data) == expected)
    q = data[:]
    quick_sort(q, 0, len(q) - 1)
    print("quick", q == expected)
    print("heap", heap_sort(data) == expected)
    print("counting", counting_sort(data, -500, 499) == expected)
    words = ["delta", "alpha", "charlie", "bravo", "echo", "alpha"]
    words.sort()
    print(words, merge_sort([3, 1, 2]), heap_sort([]), insertion_sort([1]))
    desc = sorted(data, reverse=True)
    print(desc[:5], data == pseudo_random(400, 7))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
