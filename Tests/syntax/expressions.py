# Syntax stress file: expressions, precedence and associativity (valid Python 3.11, not RPy).
a + b * c - d / e // f % g @ h
a ** b ** c
-a ** -b
not a == b
a or b and not c or d
a and b and c
a | b ^ c & d << e >> f
~a + +b - -c
(a + b) * (c - d)
a < b <= c > d >= e == f != g
a in b not in c is d is not e
x if y else z if w else v
lambda: 1
lambda x: x
lambda x, y=1, *args, z, w=2, **kw: x
lambda x, /, y, *, z: z
lambda *args: args
lambda **kw: kw
lambda *, k=1: k
(x := 10)
if (n := len(a)) > 10: pass
[y := f(x), y ** 2]
f(x)
f(x, y, *args, key=value, **kwargs)
f(*a, *b, **c, **d)
f(a, *b, c=1, *d)
f(x for x in range(3))
f(a)(b)(c)
f(
    a,
    b,
)
obj.attr.method(arg).other[index]
x[1]
x[1:2]
x[1:2:3]
x[::2]
x[:]
x[::]
x[1:]
x[:2]
x[a, b]
x[1:2, ::3]
x[...]
x[a:b, c]
x[(a, b)]
x[*a]
x[*a, b]
[]
[1]
[1, 2, 3,]
[*a, *b]
()
(1,)
(1, 2)
1, 2
{}
{1: 2}
{1: 2, **other, 3: 4}
{1, 2}
{*a, *b}
[x for x in y]
[x for x in y if x if not x]
[x * y for x in range(3) for y in range(x) if y]
{x for x in y}
{k: v for k, v in items}
(x for x in y)
[(x, y) for x, y in pairs]
[x for x in (lambda: y)()]
a if b else (lambda: c)
x = [
    1,
    2,
]
y = (1 +
     2)
z = 1 + \
    2
total = (first
         + second
         - third)
a.b.c.d
print(*args, sep="")
None, True, False, ...
await_thing = 1
not not a
a if not b else c
(yield)
