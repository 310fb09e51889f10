# error: 2:18: star imports are not RPy: import the names you use
from math import *


def main(argv):
    return 0
