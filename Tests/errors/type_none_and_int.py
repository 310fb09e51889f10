# error: 6:20: variable 'best' can be int or None
def main(argv: list[str]) -> int:
    best = None
    for arg in argv:
        if best is None:
            best = len(arg)
    print(best)
    return 0
