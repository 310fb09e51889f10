# error: 3:12: eval() is not RPy
def compute(text):
    return eval(text)


def main(argv):
    return compute("1")
