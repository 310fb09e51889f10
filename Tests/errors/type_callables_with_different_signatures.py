# error: 14:11: the functions that can be called here have different signatures
def negate(x: int) -> int:
    return -x


def add(x: int, y: int) -> int:
    return x + y


def main(argv: list[str]) -> int:
    op = negate
    if len(argv) > 1:
        op = add
    print(op(1))
    return 0
