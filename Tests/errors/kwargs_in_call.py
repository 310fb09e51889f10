# error: 8:19: **kwargs in a call is not RPy
def f(a, b):
    return a + b


def main(argv):
    options = {"a": 1, "b": 2}
    return f(a=1, **options)
