# Syntax stress file: numeric and string literals, escapes, prefixes, f-strings (valid Python 3.11).
0
7
2147483647
9223372036854775808
100_000_000
0xdeadBEEF
0XFF
0o777
0O17
0b1010
0B11
0x_ff
0b_1
0o_7
0_0
00
1.
.5
1.5
1e10
1E-10
1.5e+3
.5e2
1_000.000_1
1e1_0
1j
1.5j
.5J
1e3j
0j
3.14159265358979323846
1e308
1e-320
"double"
'single'
"""triple
double"""
'''triple
single'''
"escapes: \\ \' \" \a \b \f \n \r \t \v \0 \7 \77 \777 \x41 \u00e9 \U0001F600 \z"
"line\
continuation"
r"raw \n \d \\"
R'raw'
b"bytes \x00\xff \n \101"
B'bytes'
br"raw bytes \n"
Rb"raw bytes"
bR'x'
rB'x'
u"unicode"
U"unicode"
"implicit" 'concatenation' """of""" '''strings'''
b"implicit" b'bytes'
"é ü 日本 😀"
f"plain"
f"{x}"
f"{x!r} {x!s} {x!a}"
f"{x:>10} {y:.2f} {z:{width}.{precision}}"
f"{x=}"
f"{x = }"
f"{x=!s}"
f"{x=:>5}"
f"{{literal}} {x} }}{{"
f"{'nested'} {'x' if 0 else 'y'}"
f"{a['key']} {b[0]:{c}}"
f"{x}" "plain" f"{y}"
"plain" f"{x}"
F"{x}" fR"{x}\n" Rf'{y}' rf"{z}"
f"{3.14:.{digits}f}"
f'{(lambda: 1)()}'
f"{x:{'>'}10}"
f"{ {'a': 1}['a'] }"
f"""{
    x
}"""
f"{x,}"
f"{x, y}"
f"{yield_value}"
f"{a!r:^{w}}"
f"\n{x}\t"
