# error: 2:8: no module named 'helpers_that_do_not_exist': RPy programs import math, os, time, sys, clrpy and their own .py modules beside the main program
import helpers_that_do_not_exist


def main(argv):
    return 0
