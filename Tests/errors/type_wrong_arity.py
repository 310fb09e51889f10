# error: 7:12: add() takes 2 arguments but 3 were given
def add(a: int, b: int) -> int:
    return a + b


def main(argv: list[str]) -> int:
    return add(1, 2, 3)
