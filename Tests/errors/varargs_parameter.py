# error: 2:12: *values parameters are not RPy
def total(*values):
    return 0


def main(argv):
    return total(1, 2)
