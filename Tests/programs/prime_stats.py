# Sieve of Eratosthenes over a list of bools: prime count, the last primes, twin primes and a
# digit-sum histogram, a loop-heavy program with list indexing and slicing.


def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            j = i * i
            while j <= limit:
                is_prime[j] = False
                j += i
        i += 1
    primes = []
    for n in range(limit + 1):
        if is_prime[n]:
            primes.append(n)
    return primes


def digit_sum(n):
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s


def main(argv):
    limit = 20000
    if len(argv) > 1:
        limit = int(argv[1])
    primes = sieve(limit)
    print("primes below", limit, ":", len(primes))
    print("first:", primes[:10])
    print("last:", primes[-5:])
    twins = 0
    for k in range(1, len(primes)):
        if primes[k] - primes[k - 1] == 2:
            twins += 1
    print("twin pairs:", twins)
    histogram = [0] * 50
    for p in primes:
        histogram[digit_sum(p)] += 1
    for s in range(len(histogram)):
        if histogram[s] > 0:
            print("digit sum %2d: %d" % (s, histogram[s]))
    gaps = {}
    for k in range(1, len(primes)):
        gap = primes[k] - primes[k - 1]
        gaps[gap] = gaps.get(gap, 0) + 1
    print("largest gap:", max(gaps.keys()), "most common gap:", sorted(gaps.items())[0])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
