# error: 10:12: Point has no attribute 'z'
class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


def main(argv: list[str]) -> int:
    p = Point(1, 2)
    return p.z
