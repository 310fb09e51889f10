# error: 15:15: method 'area' is called through Shape but its overrides have different signatures
class Shape:
    def area(self) -> int:
        return 0


class Square(Shape):
    def area(self, scale: int) -> int:
        return 4 * scale


def main(argv: list[str]) -> int:
    shapes = [Shape(), Square()]
    for shape in shapes:
        print(shape.area())
    return 0
