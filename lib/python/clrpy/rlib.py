"""Machine-integer helpers for RPy programs: translated code computes with 64-bit words, and these
make CPython compute the same results (the translator maps each to one or two machine operations)."""

_MASK = (1 << 64) - 1
_SIGN = 1 << 63


def intmask(value):
    """Wraps an integer to a signed 64-bit word, like C."""
    value &= _MASK
    return value - (1 << 64) if value & _SIGN else value


def r_uint(value):
    """Wraps an integer to an unsigned 64-bit word."""
    return value & _MASK


def ovfcheck(value):
    """Returns `value` if it fits a signed 64-bit word, else raises OverflowError: write
    `ovfcheck(a + b)` and the translated program checks the machine addition's overflow flag."""
    if -_SIGN <= value < _SIGN:
        return value
    raise OverflowError("integer overflow")


def we_are_translated():
    """False when running on CPython/PyPy, True in the translated program."""
    return False
