# Syntax stress file: statements nested in functions and classes, valid Python (not RPy). Compared with CPython's ast.
import os, sys as system
from os import path as p, sep
from . import sibling
from ..parent.module import (a, b as c,
                             d,)
from ... import deep

X: int = 1
Y: "list[str]"
(Z): float = 2.0
a = b = c = [1, 2, 3]
first, *rest = a
(p1, p2), p3 = (1, 2), 3
[q1, [q2, q3]] = [1, [2, 3]]
a[0] += 1; a[1:2] = [5]; del a[0]
x = 1 if a else 2


@decorator
@decorator.with_args(1, key="v")
def function(pos, /, normal, default=3, *args, kwonly, kwdefault=None, **kwargs) -> None:
    """Docstring."""
    global X
    nonlocal_name = 1
    assert pos, "message"
    if pos:
        pass
    elif normal:
        return
    elif default: return 1
    else:
        return pos, normal
    while True:
        break
    else:
        pass
    for i in range(10):
        if i % 2: continue
    else:
        pass
    try:
        raise ValueError("x") from None
    except (ValueError, TypeError) as error:
        raise
    except KeyError:
        pass
    except:
        pass
    else:
        pass
    finally:
        pass
    with open("f") as handle, open("g") as (h1):
        pass
    with (open("f") as f1,
          open("g") as f2):
        pass

    def inner():
        nonlocal nonlocal_name
        nonlocal_name += 1
    return inner


class Base:
    pass


class Derived(Base, metaclass=type, **{}):
    attribute = 1

    def method(self):
        return self.attribute

    @property
    def prop(self): return 2


async def coroutine():
    await coroutine()
    async for item in aiter_:
        pass
    async with lock as held:
        pass
    return [x async for x in aiter_]


def generator():
    yield
    yield 1, 2
    received = yield
    yield from generator()
