# error: 3:12: globals() is not RPy
def names():
    return globals()


def main(argv):
    names()
    return 0
