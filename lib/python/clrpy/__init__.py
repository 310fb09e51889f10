"""Run-time support that lets RPy programs run unchanged on CPython and pypy3.

The ClrPy translator recognises `clrpy.jit` and `clrpy.rlib` by name and replaces their functions
with its own implementations; on CPython they are the plain-Python stand-ins defined here.
"""
