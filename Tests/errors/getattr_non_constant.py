# error: 3:25: getattr() with a non-constant attribute name is not RPy
def field(obj, name):
    return getattr(obj, name)


def main(argv):
    return 0
