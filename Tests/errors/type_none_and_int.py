# error: 8:12: variable 'best' can be None or int
def main(argv: list[str]) -> int:
    best = None
    for arg in argv:
        if best is None:
            best = len(arg)
    print(best)
    return 0
