# A program spanning two modules: `import` and `from ... import` of a helper module.
import _geometry
from _geometry import Point, make_origin


def main(argv):
    origin = make_origin()
    p = Point(3, -4)
    q = _geometry.Point(1, 1)
    print(_geometry.ORIGIN_NAME, p.manhattan(origin), q.manhattan(p))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
