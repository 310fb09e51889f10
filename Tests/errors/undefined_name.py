# error: 3:12: name 'totl' is not defined
def add(total, x):
    return totl + x


def main(argv):
    return add(1, 2)
