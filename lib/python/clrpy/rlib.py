"""Machine-integer helpers of RPy: the CPython meaning of the operations the translator compiles.

On CPython ints are unbounded, so these functions emulate 64-bit words. The translator compiles
each of them to a few machine instructions (or to nothing at all).
"""

_MASK = (1 << 64) - 1
_SIGN = 1 << 63
_MIN = -(1 << 63)
_MAX = (1 << 63) - 1


def intmask(x):
    """Wrap x to a signed 64-bit integer, as machine arithmetic does.

    Translated: a no-op, since RPy ints already are 64-bit words that wrap."""
    x = int(x) & _MASK
    if x & _SIGN:
        return x - (1 << 64)
    return x


def r_uint(x):
    """Wrap x to an unsigned 64-bit integer.

    Translated: a reinterpretation of the word as unsigned (later arithmetic on it is unsigned)."""
    return int(x) & _MASK


r_int64 = intmask


def ovfcheck(x):
    """Return x if it fits in a signed 64-bit integer, else raise OverflowError.

    Translated: the operation written inside ovfcheck(...) (`a + b`, `a - b`, `a * b`, `-a`)
    becomes a checked machine operation that raises OverflowError when the result overflows."""
    if x < _MIN or x > _MAX:
        raise OverflowError("integer overflow")
    return x


def we_are_translated():
    """False on CPython; the translator folds it to the constant True."""
    return False
