# Helper module of shapes_multi.py: a small class hierarchy, constants and a prebuilt instance that
# another module imports (files starting with '_' are not programs themselves).
from _units import scale_label

UNIT_NAME = "cm"
SIDES = {"triangle": 3, "square": 4, "hexagon": 6}


class Polygon(object):
    def __init__(self, name, side):
        self.name = name
        self.side = side

    def perimeter(self):
        return SIDES[self.name] * self.side

    def label(self):
        return "%s(%s)" % (self.name, scale_label(self.side, UNIT_NAME))


class Regular(Polygon):
    def perimeter(self):
        return Polygon.perimeter(self) + 0


UNIT_SQUARE = Polygon("square", 1)
