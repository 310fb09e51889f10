# error: 3:12: locals() is not RPy
def names():
    return locals()


def main(argv):
    names()
    return 0
