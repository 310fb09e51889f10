# error: 3:5: the with statement is not RPy (yet): use try/finally
def read(path):
    with open(path) as f:
        return f.read()


def main(argv):
    return 0
