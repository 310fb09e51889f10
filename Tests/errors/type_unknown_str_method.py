# error: 4:11: str has no method 'shout'
def main(argv: list[str]) -> int:
    name = argv[0]
    print(name.shout())
    return 0
