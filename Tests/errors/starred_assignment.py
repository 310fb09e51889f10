# error: 3:12: starred assignment targets are not RPy
def split(values):
    first, *rest = values
    return first


def main(argv):
    return split([1, 2])
