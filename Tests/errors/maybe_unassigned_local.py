# error: 5:12: local variable 'result' may be used before it is assigned (it is not assigned on every path to here)
def choose(flag):
    if flag:
        result = 1
    return result


def main(argv):
    return choose(True)
