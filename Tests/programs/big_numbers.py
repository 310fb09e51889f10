# Arbitrary-precision natural numbers as little-endian lists of base-10000 limbs, built on machine
# ints that never leave 64 bits: factorials, powers of two, Fibonacci numbers, digit sums, comparison.

BASE = 10000


class Big(object):
    def __init__(self, limbs):
        self.limbs = limbs
        self.trim()

    @staticmethod
    def of(n):
        limbs = []
        while n > 0:
            limbs.append(n % BASE)
            n //= BASE
        return Big(limbs)

    def trim(self):
        while len(self.limbs) > 0 and self.limbs[-1] == 0:
            self.limbs.pop()

    def add(self, other):
        result = []
        carry = 0
        i = 0
        while i < len(self.limbs) or i < len(other.limbs) or carry:
            total = carry
            if i < len(self.limbs):
                total += self.limbs[i]
            if i < len(other.limbs):
                total += other.limbs[i]
            result.append(total % BASE)
            carry = total // BASE
            i += 1
        return Big(result)

    def mul_small(self, k):
        result = []
        carry = 0
        for limb in self.limbs:
            total = limb * k + carry
            result.append(total % BASE)
            carry = total // BASE
        while carry:
            result.append(carry % BASE)
            carry //= BASE
        return Big(result)

    def mul(self, other):
        result = [0] * (len(self.limbs) + len(other.limbs) + 1)
        for i in range(len(self.limbs)):
            carry = 0
            for j in range(len(other.limbs)):
                total = result[i + j] + self.limbs[i] * other.limbs[j] + carry
                result[i + j] = total % BASE
                carry = total // BASE
            k = i + len(other.limbs)
            while carry:
                total = result[k] + carry
                result[k] = total % BASE
                carry = total // BASE
                k += 1
        return Big(result)

    def compare(self, other):
        if len(self.limbs) != len(other.limbs):
            return -1 if len(self.limbs) < len(other.limbs) else 1
        for i in range(len(self.limbs) - 1, -1, -1):
            if self.limbs[i] != other.limbs[i]:
                return -1 if self.limbs[i] < other.limbs[i] else 1
        return 0

    def to_str(self):
        if not self.limbs:
            return "0"
        parts = [str(self.limbs[-1])]
        for i in range(len(self.limbs) - 2, -1, -1):
            parts.append("%04d" % self.limbs[i])
        return "".join(parts)

    def digit_sum(self):
        total = 0
        for ch in self.to_str():
            total += ord(ch) - ord("0")
        return total


def factorial(n):
    result = Big.of(1)
    for k in range(2, n + 1):
        result = result.mul_small(k)
    return result


def power(base, exponent):
    result = Big.of(1)
    square = Big.of(base)
    while exponent > 0:
        if exponent & 1:
            result = result.mul(square)
        square = square.mul(square)
        exponent >>= 1
    return result


def fibonacci(n):
    a = Big.of(0)
    b = Big.of(1)
    for _ in range(n):
        a, b = b, a.add(b)
    return a


def main(argv):
    print("0! =", factorial(0).to_str())
    print("20! =", factorial(20).to_str(), factorial(20).to_str() == str(2432902008176640000))
    f50 = factorial(50)
    print("50! =", f50.to_str())
    print("digits", len(f50.to_str()), "digit sum", f50.digit_sum())
    print("2**64 =", power(2, 64).to_str())
    print("2**200 =", power(2, 200).to_str())
    print("3**100 digit sum", power(3, 100).digit_sum())
    print("fib(90) =", fibonacci(90).to_str())
    print("fib(200) =", fibonacci(200).to_str())
    print("zero", Big.of(0).to_str(), Big([0, 0, 0]).to_str(), Big.of(10000).limbs)
    pairs = [(factorial(25), power(2, 83)), (power(10, 12), Big.of(1000000000000)), (fibonacci(50), fibonacci(49))]
    for a, b in pairs:
        print(a.to_str(), ["<", "==", ">"][a.compare(b) + 1], b.to_str())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
