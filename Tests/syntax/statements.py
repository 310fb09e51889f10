"""Syntax stress file: every statement form the parser supports (valid Python 3.11, not RPy)."""
from __future__ import annotations
import os
import os.path as osp, sys
from . import sibling
from .. import parent as p
from ...pkg.mod import (a, b as c,
                        d,)
from .mod import *
from os import path


def plain():
    pass


def defaults(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a


def positional_only(a, b, /, c, *, d):
    return (a, b, c, d)


def positional_only_defaults(a=1, /, b=2, *, c=3):
    return a,


def annotated(a: int, *args: str, b: "list[int]" = [], **kw: dict) -> None:
    ...


def star_only(*, key):
    del key


@decorator
@decorator.attribute(arg=1)
@(lambda f: f)
def decorated():
    global counter, other
    counter = 1
    def inner():
        nonlocal_target = 0
        def innermost():
            nonlocal nonlocal_target
            nonlocal_target += 1
        return innermost
    return inner


class Empty:
    pass


class Derived(Base, metaclass=Meta, **extra):
    """Docstring."""
    attribute: int = 3
    other: str

    @staticmethod
    def method(x): return x


@dataclass
class Decorated(object,): pass


if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    x = 2

if a: b = 1
else: b = 2

while x > 0:
    x -= 1
    if x == 5:
        continue
    if x == 3:
        break
else:
    done = True

for i in range(10):
    pass
else:
    pass

for i, (j, k) in pairs: pass
for [a, *rest] in lists: pass
for x, in singles: pass

try:
    risky()
except ValueError:
    pass
except (KeyError, IndexError) as error:
    raise RuntimeError("wrapped") from error
except:
    raise
else:
    fine = 1
finally:
    cleanup()

try:
    pass
finally:
    pass

try: x = 1
except Exception as e: x = 2

with open("f") as f, open("g") as (g, h):
    pass

with (open("f") as f,
      open("g") as g,):
    pass

with lock:
    pass

with a, b: pass

assert x, "message"
assert y

del x, y[0], z.attr
del (a, b), [c]

x = y = z = 0
a, b = b, a
a, *b = items
*a, b = items
(a, b), c = (1, 2), 3
[a, b] = [1, 2]
x[1:2] = y.z = w
x += 1; y -= 2; z *= 3
a @= b; a /= b; a //= b; a %= b; a **= b
a <<= b; a >>= b; a &= b; a |= b; a ^= b
annotated_only: int
(parenthesized): int = 1
obj.attr: str = "x"
items[0]: float
counter: int = 0 if False else 1

x = 1; y = 2;
pass; pass

if True: pass; x = 1


async def coroutine(session):
    async with session.get(url) as response:
        await response.text()
    async for item in stream:
        yield item
    result = await other()
    return [i async for i in aiter() if await check(i)]


def generator():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from other()
    await_ = 1
    return x


lambda: 0
match = 1
case = 2
type = 3
_ = 4
print(match, case, type, _)
