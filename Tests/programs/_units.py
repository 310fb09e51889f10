# Helper module of shapes_multi.py, imported by _shapes.py: a module two levels down the imports.


def scale_label(value, unit):
    return str(value) + unit
