# Exceptions: a user hierarchy, builtins raised where CPython raises them, else/finally, re-raise,
# and exceptions crossing several calls.


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, needed):
        BankError.__init__(self, "need " + str(needed))
        self.needed = needed


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(amount - balance)
    return balance - amount


def nested(balance, amount):
    return withdraw(balance, amount) * 2


def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return -1


def lookup(d, key):
    try:
        value = d[key]
    except KeyError:
        print("missing", key)
        return 0
    else:
        print("found", key)
        return value
    finally:
        print("lookup done")


def reraise(xs, i):
    try:
        return xs[i]
    except IndexError:
        print("reraising")
        raise


def main(argv):
    try:
        nested(10, 25)
    except InsufficientFunds as e:
        print("caught", e.needed, str(e))
    try:
        nested(10, 25)
    except BankError:
        print("caught as base class")
    print(safe_div(7, 2), safe_div(7, 0))
    d = {"a": 1}
    print(lookup(d, "a"), lookup(d, "b"))
    try:
        reraise([1, 2], 5)
    except IndexError as e:
        print("outer caught", str(e))
    try:
        raise ValueError("bad value")
    except (TypeError, ValueError) as e:
        print("tuple handler", str(e))
    count = 0
    for i in range(5):
        try:
            if i % 2 == 0:
                raise RuntimeError("even")
            count += 1
        except RuntimeError:
            count += 10
        finally:
            count += 100
    print(count)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
