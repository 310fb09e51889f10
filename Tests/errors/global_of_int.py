# error: 6:5: global 'counter' is not RPy: only module-level lists, dicts and prebuilt instances can be shared as globals, and they cannot be rebound
counter = 0


def bump():
    global counter
    counter += 1


def main(argv):
    bump()
    return 0
