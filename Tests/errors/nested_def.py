# error: 3:5: nested function 'inner' is not RPy (no closures): define it at module level
def outer(x):
    def inner(y):
        return x + y
    return inner(1)


def main(argv):
    return outer(1)
