# error: 4:12: lambda capturing the local variable 'offset' is not RPy (no closures): define a module-level function
def shifter(values):
    offset = 3
    return lambda x: x + offset


def main(argv):
    shifter([1])
    return 0
