# Module-level mutable state: a registry list, a counter dict and a prebuilt config instance that
# functions update through `global` and through attribute and item assignment.


class Config(object):
    def __init__(self, name, verbose, limit):
        self.name = name
        self.verbose = verbose
        self.limit = limit


CONFIG = Config("default", False, 3)
REGISTRY = []
COUNTERS = {"created": 0, "dropped": 0}
NAMES_SEEN = {}


def register(name):
    global REGISTRY
    if len(REGISTRY) >= CONFIG.limit:
        COUNTERS["dropped"] += 1
        if CONFIG.verbose:
            print("  dropping", name)
        return False
    REGISTRY.append(name)
    COUNTERS["created"] += 1
    NAMES_SEEN[name] = len(REGISTRY)
    return True


def reset():
    global REGISTRY
    del REGISTRY[:]
    COUNTERS["created"] = 0


def main(argv):
    for name in ["a", "b", "c", "d"]:
        print(name, register(name))
    print(REGISTRY, COUNTERS, NAMES_SEEN)
    CONFIG.verbose = True
    CONFIG.limit = 5
    for name in ["e", "f", "g", "h"]:
        register(name)
    print(REGISTRY, COUNTERS, CONFIG.name, CONFIG.limit)
    reset()
    register("z")
    print(REGISTRY, COUNTERS, len(NAMES_SEEN))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
