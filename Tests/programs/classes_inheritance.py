# Classes: single inheritance, polymorphic methods through a base class, explicit base __init__ calls,
# isinstance, class attributes as constants, mixins without __init__, static and class methods,
# __slots__, prebuilt module-level instances and attributes set in several methods.


class Shape(object):
    kind = "shape"
    sides = 0

    def __init__(self, name):
        self.name = name
        self.scale = 1

    def area(self):
        return 0.0

    def describe(self):
        return "%s %s with %d sides, area %.2f" % (self.kind, self.name, self.sides, self.area())

    def grow(self, factor):
        self.scale *= factor


class Rect(Shape):
    kind = "rect"
    sides = 4

    def __init__(self, name, w, h):
        Shape.__init__(self, name)
        self.w = w
        self.h = h

    def area(self):
        return float(self.w * self.h * self.scale * self.scale)


class Square(Rect):
    kind = "square"

    def __init__(self, name, side):
        Rect.__init__(self, name, side, side)


class Circle(Shape):
    kind = "circle"

    def __init__(self, name, r):
        Shape.__init__(self, name)
        self.r = r

    def area(self):
        return 3.0 * self.r * self.r * self.scale * self.scale


class LabelMixin(object):
    def label(self):
        return "<" + self.text() + ">"


class Tag(LabelMixin):
    def __init__(self, text):
        self.value = text

    def text(self):
        return self.value


class Counter(object):
    __slots__ = ["count", "step"]
    instances = 0

    def __init__(self, step):
        self.count = 0
        self.step = step

    def tick(self):
        self.count += self.step
        return self.count

    @staticmethod
    def zero():
        return 0

    @classmethod
    def make_double(cls):
        return cls(2)


class Lazy(object):
    def __init__(self):
        self.ready = False
        self.value = 0

    def load(self, v):
        self.value = v
        self.ready = True
        self.loaded_twice = self.value * 2


UNIT = Square("unit", 1)
DEFAULT_COUNTER = Counter(5)


def total_area(shapes):
    total = 0.0
    for s in shapes:
        total += s.area()
    return total


def main(argv):
    shapes = [Rect("r1", 2, 3), Square("s1", 4), Circle("c1", 2), UNIT]
    for s in shapes:
        print(s.describe())
    print(total_area(shapes))
    shapes[0].grow(2)
    print(shapes[0].describe(), shapes[0].scale)
    for s in shapes:
        print(s.name, isinstance(s, Shape), isinstance(s, Rect), isinstance(s, Square), isinstance(s, Circle))
    print(Shape.kind, Rect.kind, Square.sides, Circle.sides, UNIT.kind)
    t = Tag("hello")
    print(t.label(), isinstance(t, LabelMixin))
    c = Counter(3)
    c.tick()
    c.tick()
    d = Counter.make_double()
    d.tick()
    print(c.count, d.count, d.step, Counter.zero(), DEFAULT_COUNTER.tick(), DEFAULT_COUNTER.tick())
    lazy = Lazy()
    print(lazy.ready, lazy.value)
    lazy.load(21)
    print(lazy.ready, lazy.value, lazy.loaded_twice)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
