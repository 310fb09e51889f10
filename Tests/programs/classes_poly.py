# Classes: single inheritance, polymorphic methods through a base class, isinstance, class constants,
# static and class methods, __slots__, a mixin without state.


class Describable(object):
    def describe(self):
        return self.kind() + " with area " + str(self.area())


class Shape(Describable):
    SIDES = 0

    def __init__(self, name):
        self.name = name

    def area(self):
        return 0.0

    def kind(self):
        return "shape"


class Rect(Shape):
    SIDES = 4

    def __init__(self, name, w, h):
        Shape.__init__(self, name)
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    def kind(self):
        return "rect"


class Square(Rect):
    def __init__(self, name, side):
        Rect.__init__(self, name, side, side)

    def kind(self):
        return "square"


class Circle(Shape):
    __slots__ = ["r"]

    def __init__(self, name, r):
        Shape.__init__(self, name)
        self.r = r

    def area(self):
        return 3.0 * self.r * self.r

    def kind(self):
        return "circle"

    @staticmethod
    def unit():
        return Circle("unit", 1.0)

    @classmethod
    def named(cls, name):
        return name.upper()


def main(argv):
    shapes = [Rect("r", 2.0, 3.0), Square("s", 2.0), Circle("c", 1.5), Circle.unit()]
    for s in shapes:
        print(s.name, s.describe(), s.SIDES)
        if isinstance(s, Rect):
            print("  a rect of width", s.w)
    print(isinstance(shapes[1], Rect), isinstance(shapes[2], Rect), Circle.named("x"))
    total = 0.0
    for s in shapes:
        total += s.area()
    print(total)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
