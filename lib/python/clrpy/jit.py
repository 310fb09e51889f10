"""JIT hints for RPy interpreters (see RPY.md in the design docs).

On CPython every hint does nothing at run time, except that the cheap checks below catch mistakes
(a merge point missing a declared variable, an unknown parameter) early, on CPython too.
The ClrPy translator recognizes these names and turns them into the meta-tracing JIT's hooks.
"""

PARAMETERS = ("threshold", "function_threshold", "trace_eagerness", "trace_limit",
              "inlining", "loop_longevity", "retrace_limit", "max_unroll_loops")


class JitDriver(object):
    """Declares an interpreter loop: `greens` identify a position in the user program, `reds` are
    the other live variables. The translator builds the tracing JIT's entry points from it."""

    def __init__(self, greens, reds, get_printable_location=None, name="jitdriver",
                 virtualizables=None, is_recursive=False):
        self.greens = list(greens)
        self.reds = list(reds)
        self.get_printable_location = get_printable_location
        self.name = name
        self.virtualizables = list(virtualizables or [])
        self.is_recursive = is_recursive
        self._names = frozenset(self.greens) | frozenset(self.reds)

    def _check(self, kind, values):
        if frozenset(values) != self._names:
            missing = sorted(self._names - frozenset(values))
            extra = sorted(frozenset(values) - self._names)
            raise TypeError("%s of %s: missing %s, unexpected %s" % (kind, self.name, missing, extra))

    def jit_merge_point(self, **values):
        """The top of the interpreter loop: tracing starts and traces close here."""
        self._check("jit_merge_point", values)

    def can_enter_jit(self, **values):
        """A backward jump in the user program: where warm-up counters are incremented."""
        self._check("can_enter_jit", values)


def elidable(func):
    """The function is pure: with constant arguments its call is folded away in traces."""
    return func


def dont_look_inside(func):
    """The tracer never follows this function; it is called as a residual call."""
    return func


def unroll_safe(func):
    """The function has a loop that may be unrolled into a trace."""
    return func


def promote(value):
    """Turns a red value into a constant in the trace (guarded); the identity on CPython."""
    return value


def we_are_jitted():
    """True inside compiled traces; always False when not translated."""
    return False


def set_param(driver, name, value):
    """Sets a JIT tunable (e.g. threshold) for `driver`; "off" as the name turns the JIT off."""
    if name != "off" and name not in PARAMETERS:
        raise ValueError("unknown JIT parameter %r (known: %s)" % (name, ", ".join(PARAMETERS)))
