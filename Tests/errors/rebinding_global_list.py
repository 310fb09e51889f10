# error: 7:5: assigning the module-level name 'HISTORY' is not RPy: globals are constants (mutate a prebuilt list, dict or instance instead)
HISTORY = []


def reset():
    global HISTORY
    HISTORY = []


def main(argv):
    reset()
    return 0
