# try/except/else/finally, raise inside try, bare re-raise, break through finally.
class Oops(Exception):
    pass


def lookup(table, key):
    try:
        value = table[key]
    except (KeyError, IndexError):
        value = -1
    except Oops:
        raise
    else:
        value += 1
    finally:
        print("looked up")
    return value


def check(x):
    try:
        if x < 0:
            raise Oops("negative")
        return x
    except Oops as e:
        print("caught")
        return 0


def main(argv):
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print(i)
    assert lookup({1: 2}, 1) == 3, "lookup"
    return check(-1)
