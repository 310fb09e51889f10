# error: 3:18: setattr() with a non-constant attribute name is not RPy
def store(obj, name, value):
    setattr(obj, name, value)


def main(argv):
    return 0
