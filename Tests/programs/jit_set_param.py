# set_param at run time: main tunes the driver from its arguments before running the same workload (no
# arguments: a low threshold), and the interpreted program's "tune" instruction calls set_param inside the
# hot loop, so traces record it as a call. JitEndToEndTests runs it with other arguments and reads the
# jit-summary: a huge threshold compiles nothing, a small one compiles the loop, "off" nothing, and a
# misspelt parameter name ends the program (ValueError here, exit code 1 translated).
from clrpy.jit import JitDriver, set_param

driver = JitDriver(greens=["pc", "program"], reds=["acc", "count"])

ADD = 0     # acc = (acc + arg * count) % 1000003
TUNE = 1    # set_param(driver, "trace_eagerness", arg + count % 3)
LOOP = 2    # count -= 1, back to instruction arg while count > 0


class Program(object):
    _immutable_fields_ = ["ops[*]", "args[*]"]

    def __init__(self, ops, args):
        self.ops = ops
        self.args = args


def interpret(program, count):
    pc = 0
    acc = 0
    while pc < len(program.ops):
        driver.jit_merge_point(pc=pc, program=program, acc=acc, count=count)
        op = program.ops[pc]
        arg = program.args[pc]
        if op == ADD:
            acc = (acc + arg * count) % 1000003
        elif op == TUNE:
            set_param(driver, "trace_eagerness", arg + count % 3)
        elif op == LOOP:
            count -= 1
            if count > 0:
                pc = arg
                driver.can_enter_jit(pc=pc, program=program, acc=acc, count=count)
                continue
        pc += 1
    return acc


def tune(setting, argv):
    """Applies the setting named on the command line: the name given to set_param is always a constant."""
    value = 5
    if len(argv) > 2 and setting != "enable_opts":
        value = int(argv[2])
    if setting == "threshold":
        set_param(driver, "threshold", value)
    elif setting == "off":
        set_param(driver, "off", value)
    elif setting == "enable_opts":
        set_param(driver, "threshold", value)
        set_param(driver, "enable_opts", argv[2])
    elif setting == "misspelt":
        set_param(driver, "treshold", value)
    else:
        print("unknown setting " + setting)


def main(argv):
    setting = "threshold"
    if len(argv) > 1:
        setting = argv[1]
    print("tuning " + setting)
    tune(setting, argv)
    program = Program([ADD, TUNE, ADD, LOOP], [3, 2, 7, 0])
    for count in [10, 100, 1000, 5000]:
        print("count %d: %d" % (count, interpret(program, count)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
