# Helper module of multi_module.py (files starting with '_' are not programs themselves).

ORIGIN_NAME = "origin"


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def manhattan(self, other):
        return abs(self.x - other.x) + abs(self.y - other.y)


def make_origin():
    return Point(0, 0)
