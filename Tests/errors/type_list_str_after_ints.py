# error: 6:5: list item can be int or str
def main(argv: list[str]) -> int:
    numbers = []
    numbers.append(1)
    numbers.append(2)
    numbers.append(argv[0])
    return len(numbers)
