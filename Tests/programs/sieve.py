# Sieve of Eratosthenes and a prime-gap histogram: list-heavy integer loops.


def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [i for i in range(limit + 1) if is_prime[i]]


def main(argv):
    primes = sieve(5000)
    print(len(primes), primes[:10], primes[-1])
    gaps = {}
    for i in range(1, len(primes)):
        gap = primes[i] - primes[i - 1]
        gaps[gap] = gaps.get(gap, 0) + 1
    keys = sorted(gaps.keys())
    for k in keys[:6]:
        print(k, gaps[k])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
