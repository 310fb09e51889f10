# os.write(1, ...) of encoded text interleaved with print: every print is flushed first, so the
# order on stdout is the program order on CPython and in the translation.
import os


def emit(text):
    os.write(1, text.encode())


def main(argv):
    print("printed first", flush=True)
    emit("written second\n")
    for i in range(3):
        print("print", i, flush=True)
        emit("write %d\n" % i)
    emit("no newline, ")
    emit("then a newline\n")
    print("done")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
