# Syntax stress file: expressions, literals and f-strings packed into displays, valid Python (not RPy).
numbers = [0, 1, 123_456, 0x1F, 0XdeadBEEF, 0o777, 0O12, 0b1011, 0B1, 1.0, 1., .5, 1e3, 1E-3, 1.5e+10,
           3j, 2.5J, 1_000.000_1, 0e0, 9999999999999999999999999999]
strings = ['single', "double", '''triple
single''', """triple "double" """, r"raw \d", R'\n', b"bytes", B'\x00\x7f', rb"raw bytes", Br'\\',
           u"unicode", "escapes: \a\b\f\n\r\t\v\\\'\"\0\12\x41\u00e9\U0001F40D", "implicit " 'concatenation'
           """ across """ 'kinds', "line \
continuation"]
fstrings = [f"{numbers}", f'{numbers[0]!r:>10}', F"{x=}", f"{'nested' + str(1)}", f"{{}} {3:{4}.{2}}",
            f"""{
                numbers
            }""", fr"\{numbers}", f"{numbers!s}" "plain" f"{numbers!a}", f"{1:x}" f"{2:#o}"]
arith = 1 + 2 - 3 * 4 / 5 // 6 % 7 @ m ** 8 ** -9
bits = ~1 | 2 ^ 3 & 4 << 5 >> 6
logic = not a and b or c and not d
compare = a < b <= c == d != e >= f > g in h not in i is j is not k
conditional = a if b else c if d else (lambda x, *y, z=1, **w: x)(1)
walrus = [y := 5, y ** 2]
calls = f(1, *args, key=2, **kwargs)(g)[h](i).j
subscripts = a[1], a[1:2], a[::3], a[1:2:3], a[:, None], a[..., 0], a[b, c:d]
displays = [], [1], [1, 2,], (), (1,), (1, 2), {}, {1: 2}, {1, 2}, {**a, 'b': 2}, {*s, 3}
comprehensions = [x for x in y], {x for x in y if x}, {k: v for k, v in z}, (x for x in y for w in x if w)
starred = [*a, *b], (*c,), {*d}
chained = a.b.c.d(e).f[g].h
unary = -a, +b, ~c, not d, - - a
await_like = lambda: (yield)
