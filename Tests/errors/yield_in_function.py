# error: 3:5: yield is not RPy (no generators)
def numbers(n):
    yield n


def main(argv):
    numbers(3)
    return 0
