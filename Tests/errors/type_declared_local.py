# error: 3:12: variable 'total' is float but is declared int
def main(argv: list[str]) -> int:
    total: int = 0
    for arg in argv:
        total += 0.5
    return int(total)
