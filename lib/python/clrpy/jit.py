"""JIT hints of RPy (see RPY.md): on CPython they do nothing beyond checking how they are called.

The translator reads these hints to build the meta-tracing JIT: a JitDriver marks the dispatch loop
of an interpreter, the decorators tell the tracer how to treat a function. Here every hint is an
identity, but merge points check their keyword names so a mistake fails on CPython too.
"""

_PARAMETERS = {
    "threshold": 1039,
    "function_threshold": 1619,
    "trace_eagerness": 200,
    "trace_limit": 6000,
    "decay": 40,
    "loop_longevity": 1000,
    "retrace_limit": 5,
    "max_retrace_guards": 15,
    "max_unroll_loops": 0,
    "enable_opts": "all",
}

# The names enable_opts takes, separated by ':' (the translated JIT's optimizer passes, and PyPy's names for its
# optimizations; Runtime/Jit/Warmup/JitParameters.cs has the same lists): checked here so that a program that
# ends with an error when translated ends with one on CPython too.
_OPTIMIZATIONS = frozenset([
    "all", "peeling", "virtualizables", "virtuals", "heap", "guards", "fold", "bounds", "cse", "deadstores",
    "deadcode", "intbounds", "rewrite", "virtualize", "pure", "unroll", "string", "earlyforce",
])

_MAX_PARAMETER = 2 ** 31 - 1


def _no_op(**livevars):
    pass


class JitDriver(object):
    """Marks the dispatch loop of an interpreter.

    greens: names of the variables that identify a position in the interpreted program (a loop
    header of the user program is a pair of green values); reds: every other variable live at the
    merge point. The translator turns jit_merge_point into the tracer's entry point and
    can_enter_jit into the hot-loop counter at backward jumps."""

    def __init__(self, greens, reds, get_printable_location=None, virtualizables=None,
                 name="jitdriver", is_recursive=False):
        greens = list(greens)
        reds = list(reds)
        for name_ in greens + reds:
            if not isinstance(name_, str):
                raise TypeError("JitDriver variable names must be strings, got %r" % (name_,))
        if len(set(greens + reds)) != len(greens) + len(reds):
            raise TypeError("JitDriver greens and reds must be distinct names")
        for name_ in virtualizables or []:
            if name_ not in reds:
                raise TypeError("virtualizable %r must be a red variable" % (name_,))
        self.greens = greens
        self.reds = reds
        self.get_printable_location = get_printable_location
        self.virtualizables = list(virtualizables or [])
        self.name = name
        self.is_recursive = is_recursive
        self.params = dict(_PARAMETERS)
        self._names = frozenset(greens + reds)

    def _check(self, hint, kwargs):
        if len(kwargs) != len(self._names) or not self._names.issuperset(kwargs):
            missing = sorted(self._names.difference(kwargs))
            extra = sorted(set(kwargs).difference(self._names))
            raise TypeError("%s.%s: expected exactly greens %r + reds %r; missing %r, unexpected %r"
                            % (self.name, hint, self.greens, self.reds, missing, extra))

    def jit_merge_point(self, **livevars):
        """The start of one iteration of the interpreter loop: where traces begin and close."""
        self._check("jit_merge_point", livevars)
        # The translator checks every call site; on CPython the first call of each is checked, then the
        # hint becomes a plain no-op so that interpreters keep CPython's speed.
        self.jit_merge_point = _no_op

    def can_enter_jit(self, **livevars):
        """A backward jump of the user program: counts towards the threshold that starts tracing."""
        self._check("can_enter_jit", livevars)
        self.can_enter_jit = _no_op


def elidable(func):
    """A pure function: with constant arguments the tracer folds its call to the result."""
    return func


def dont_look_inside(func):
    """Never traced into: traces call it as an opaque residual call."""
    return func


def unroll_safe(func):
    """A function containing a loop that the tracer may nevertheless trace (unroll) into."""
    return func


def promote(x):
    """In a trace, turns x into a constant guarded by an equality check; identity here."""
    return x


def we_are_jitted():
    """False when interpreting (always, on CPython); True inside a compiled trace."""
    return False


def set_param(driver, name, value):
    """Sets a JIT tunable of a driver (the names of _PARAMETERS); `set_param(driver, "off", None)`
    disables the JIT for that driver. Raises ValueError for an unknown name, an int out of range or an
    unknown optimization, TypeError for a value of the wrong type: where the translated program ends
    with the same message.

    Translated: sets the driver's parameter in the running JIT, like CLRPY_JIT=name=value does for
    the whole program; the JIT's next decisions for that driver use it."""
    if name == "off":
        driver.params["threshold"] = -1
        return
    if name not in _PARAMETERS:
        raise ValueError("unknown JIT parameter '%s'; known: off, %s" % (name, ", ".join(sorted(_PARAMETERS))))
    default = _PARAMETERS[name]
    if isinstance(default, int):
        if not isinstance(value, int):
            raise TypeError("JIT parameter '%s' takes an int" % (name,))
        if not 0 <= value <= _MAX_PARAMETER:
            raise ValueError("JIT parameter '%s' must be between 0 and %d, not %d" % (name, _MAX_PARAMETER, value))
    if isinstance(default, str):
        if not isinstance(value, str):
            raise TypeError("JIT parameter '%s' takes a str" % (name,))
        for opt in value.split(":"):
            if opt.strip() and opt.strip().lower() not in _OPTIMIZATIONS:
                raise ValueError("enable_opts: unknown optimization '%s'" % (opt.strip(),))
    driver.params[name] = value
