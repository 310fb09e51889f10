# error: 2:17: **options parameters are not RPy
def configure(**options):
    return 0


def main(argv):
    return configure()
