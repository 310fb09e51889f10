# error: 2:1: async functions are not RPy
async def fetch():
    return 1


def main(argv):
    return 0
