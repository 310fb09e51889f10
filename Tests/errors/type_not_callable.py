# error: 4:12: int is not callable
def main(argv: list[str]) -> int:
    count = len(argv)
    return count(1)
