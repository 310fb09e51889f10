# error: 5:13: variable 'x' can be int or str
def main(argv: list[str]) -> int:
    x = len(argv)
    if x > 1:
        x = argv[1]
    print(x)
    return x
