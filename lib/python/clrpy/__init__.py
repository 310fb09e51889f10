"""ClrPy's support package: lets RPy programs run unchanged on CPython and PyPy.

`clrpy.jit` holds the JIT hints (no-ops here; the translator reads them) and `clrpy.rlib` the
machine-integer helpers. Put `lib/python` on PYTHONPATH to use it.
"""
