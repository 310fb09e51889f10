# error: 1:1: no main(argv) function
def helper(argv):
    return 0
