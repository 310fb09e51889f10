# error: 3:1: a for loop at module level is not RPy (module-level code may only import, define functions and classes, and assign constants)
TABLE = [0, 0, 0]
for i in range(3):
    TABLE[i] = i * i


def main(argv):
    return 0
