# error: 3:5: exec() is not RPy
def run(code):
    exec(code)


def main(argv):
    run("x = 1")
    return 0
