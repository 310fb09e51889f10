# error: 6:2: class decorators are not RPy
def register(cls):
    return cls


@register
class Plugin(object):
    pass


def main(argv):
    return 0
