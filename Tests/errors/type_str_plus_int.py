# error: 4:11: unsupported operand types for +: str and int
def main(argv: list[str]) -> int:
    label = argv[0]
    print(label + 1)
    return 0
