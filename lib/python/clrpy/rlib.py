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


class r_uint(int):
    """An unsigned 64-bit word: r_uint(x) wraps x, and arithmetic with an r_uint operand wraps too
    and gives an r_uint (an int operand is read as unsigned), as in translated code.

    Translated: a reinterpretation of the word as unsigned; // % >> and comparisons are unsigned."""

    def __new__(cls, x=0):
        return int.__new__(cls, int(x) & _MASK)

    def _wrap(op):
        def method(self, other):
            if not isinstance(other, int):
                return NotImplemented
            return r_uint(op(int(self), int(other) & _MASK))
        return method

    def _wrap_reflected(op):
        def method(self, other):
            if not isinstance(other, int):
                return NotImplemented
            return r_uint(op(int(other) & _MASK, int(self)))
        return method

    def _shift(op):
        def method(self, count):
            if not isinstance(count, int):
                return NotImplemented
            return r_uint(op(int(self), int(count)))
        return method

    __add__ = _wrap(lambda a, b: a + b)
    __radd__ = _wrap_reflected(lambda a, b: a + b)
    __sub__ = _wrap(lambda a, b: a - b)
    __rsub__ = _wrap_reflected(lambda a, b: a - b)
    __mul__ = _wrap(lambda a, b: a * b)
    __rmul__ = _wrap_reflected(lambda a, b: a * b)
    __floordiv__ = _wrap(lambda a, b: a // b)
    __rfloordiv__ = _wrap_reflected(lambda a, b: a // b)
    __mod__ = _wrap(lambda a, b: a % b)
    __rmod__ = _wrap_reflected(lambda a, b: a % b)
    __and__ = _wrap(lambda a, b: a & b)
    __rand__ = _wrap_reflected(lambda a, b: a & b)
    __or__ = _wrap(lambda a, b: a | b)
    __ror__ = _wrap_reflected(lambda a, b: a | b)
    __xor__ = _wrap(lambda a, b: a ^ b)
    __rxor__ = _wrap_reflected(lambda a, b: a ^ b)
    __pow__ = _wrap(lambda a, b: pow(a, b, 1 << 64))
    __lshift__ = _shift(lambda a, n: a << n)
    __rshift__ = _shift(lambda a, n: a >> n)

    def _compare(op):
        def method(self, other):
            if not isinstance(other, int):
                return NotImplemented
            return op(int(self), int(other) & _MASK)
        return method

    __lt__ = _compare(lambda a, b: a < b)
    __le__ = _compare(lambda a, b: a <= b)
    __gt__ = _compare(lambda a, b: a > b)
    __ge__ = _compare(lambda a, b: a >= b)
    __eq__ = _compare(lambda a, b: a == b)
    __ne__ = _compare(lambda a, b: a != b)
    __hash__ = int.__hash__

    def __neg__(self):
        return r_uint(-int(self))

    def __invert__(self):
        return r_uint(~int(self))

    def __repr__(self):
        return int.__repr__(self)

    __str__ = __repr__

    del _wrap, _wrap_reflected, _shift, _compare


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
