# expect-exit: 3
# main's return value is the process exit code.


def main(argv):
    print("returning three")
    return 3


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
