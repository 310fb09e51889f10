# error: 2:14: parameter 'n' of twice() is str but is declared int
def twice(n: int) -> int:
    return len(n) * 2


def main(argv: list[str]) -> int:
    return twice(argv[0])
