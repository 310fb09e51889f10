# error: 2:1: 'return' outside function
return 1


def main(argv):
    return 0
