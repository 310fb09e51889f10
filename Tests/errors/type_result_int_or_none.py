# error: 3:14: the result of find() can be int or None
def find(items: list[int], wanted: int) -> int:
    for i in range(len(items)):
        if items[i] == wanted:
            return i
    return None


def main(argv: list[str]) -> int:
    print(find([3, 4], 4))
    return 0
