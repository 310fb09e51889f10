# Golden program: a small class hierarchy with a virtual method, a class attribute read through
# instances, a dict of counts, a bound method used as a value and an exception class of its own.


class Shape(object):
    kind = "shape"

    def __init__(self, name):
        self.name = name

    def area(self):
        return 0.0


class Square(Shape):
    kind = "square"

    def __init__(self, name, side):
        Shape.__init__(self, name)
        self.side = side

    def area(self):
        return float(self.side * self.side)


class BadShape(Exception):
    pass


def total_area(shapes):
    counts = {}
    total = 0.0
    for shape in shapes:
        counts[shape.kind] = counts.get(shape.kind, 0) + 1
        measure = shape.area
        total += measure()
    if total < 0.0:
        raise BadShape("negative")
    return total, len(counts)


def main(argv):
    shapes = [Shape("dot"), Square("box", 3)]
    try:
        total, kinds = total_area(shapes)
        print(total, kinds)
    except BadShape as e:
        print("bad", e)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
