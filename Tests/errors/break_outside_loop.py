# error: 4:1: 'break' outside loop
def main(argv):
    return 0
break
