# expect-exit: 1
# An exception nobody catches ends the program with exit code 1 after the output printed so far.


class ConfigError(Exception):
    pass


def load(name):
    if name == "":
        raise ConfigError("empty configuration name")
    return len(name)


def main(argv):
    print("loading", load("base"))
    print("loading", load(""))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
