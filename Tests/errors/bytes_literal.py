# error: 3:12: bytes literals are not RPy
def payload():
    return b"abc"


def main(argv):
    payload()
    return 0
