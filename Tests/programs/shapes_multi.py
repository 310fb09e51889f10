# A program spanning three modules: `import m`, `from m import names`, module constants, a class
# defined in one module and subclassed in another, and a prebuilt instance from another module.
import _shapes
import _units
from _shapes import Polygon, UNIT_SQUARE, SIDES


class Star(_shapes.Polygon):
    def perimeter(self):
        return 2 * SIDES[self.name] * self.side


def main(argv):
    shapes = [Polygon("triangle", 3), _shapes.Regular("hexagon", 2), Star("square", 5), UNIT_SQUARE]
    for s in shapes:
        print(s.label(), s.perimeter(), isinstance(s, _shapes.Polygon), isinstance(s, Star))
    print(_shapes.UNIT_NAME, sorted(SIDES.keys()), _units.scale_label(7, "mm"))
    total = 0
    for s in shapes:
        total += s.perimeter()
    print("total perimeter", total)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
