# error: 6:2: unknown decorator: RPy accepts @staticmethod, @classmethod and the clrpy.jit hints (@elidable, @dont_look_inside, @unroll_safe)
def trace(function):
    return function


@trace
def work():
    return 1


def main(argv):
    return work()
