# error: 7:5: set_param() with a value of type float: JIT parameters are ints, or a str for enable_opts
from clrpy.jit import JitDriver, set_param

driver = JitDriver(greens=["pc"], reds=["n"])

def main(argv):
    set_param(driver, "threshold", 2.5)
    return 0
