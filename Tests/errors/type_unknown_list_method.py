# error: 4:5: list[int] has no method 'push'
def main(argv: list[str]) -> int:
    stack = [1, 2]
    stack.push(3)
    return len(stack)
