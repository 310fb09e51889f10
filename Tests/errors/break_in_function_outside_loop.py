# error: 4:9: 'break' outside loop
def pick(x):
    if x:
        break
    return x


def main(argv):
    return pick(0)
