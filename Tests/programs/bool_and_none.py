# bool and None: truthiness of every kind of value, boolean operators returning operands of one
# type, comparisons of bools, nullable instances/strings/lists checked with `is None`.


class Owner(object):
    def __init__(self, name):
        self.name = name
        self.pet = None


class Pet(object):
    def __init__(self, name):
        self.name = name


def describe(owner):
    if owner.pet is None:
        return owner.name + " has no pet"
    return owner.name + " has " + owner.pet.name


def find(names, wanted):
    for name in names:
        if name.startswith(wanted):
            return name
    return None


def maybe_list(n):
    if n < 0:
        return None
    return [i for i in range(n)]


def main(argv):
    print(True, False, not True, True == 1, False == 0, True is True, None is None)
    print(bool(1), bool(0), bool(-1), bool(0.0), bool(0.5), bool(""), bool(" "), bool([0]), bool({1: 2}))
    print(True and False, True or False, False or False, not (True and not False))
    print(3 and 4, 0 and 4, 3 or 4, 0 or 4, "" or "empty", "a" and "b", 0.0 or 1.5)
    flags = [True, False, True, True]
    print(flags, len([f for f in flags if f]), all_true(flags), any_true(flags))
    a = Owner("ann")
    b = Owner("bob")
    b.pet = Pet("rex")
    print(describe(a), "/", describe(b), a.pet is None, b.pet is not None)
    names = ["alpha", "beta", "gamma"]
    hit = find(names, "ga")
    miss = find(names, "zz")
    print(hit, miss, hit is None, miss is None, miss == None)
    if miss is None:
        miss = "default"
    print(miss.upper())
    for n in [-1, 0, 3]:
        xs = maybe_list(n)
        if xs is None:
            print(n, "no list")
        elif not xs:
            print(n, "empty list")
        else:
            print(n, xs)
    d = {"k": True}
    print(d.get("k", False), d.get("x", False), "k" in d and d["k"])
    x = 5
    print(x > 3 and x < 10, x < 3 or x > 4, not x == 5, x != 5 or x == 5)
    return 0


def all_true(xs):
    for x in xs:
        if not x:
            return False
    return True


def any_true(xs):
    for x in xs:
        if x:
            return True
    return False


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
