# Syntax stress file: physical layout, comments, blank lines, line joining and one-line statements.

# A comment before the first statement.
x = 1  # trailing comment

    # an indented comment is ignored


def function(a,  # comment inside brackets
             b,
             # comment on its own line inside brackets
             c):
    if a:  # comment after colon
        return \
            b
    # comment at a lower indentation

    return c


class C: x = 1; y = 2


if x: y = 1; z = 2
while False: pass
for i in []: continue
with a: pass
try: pass
except: pass


def one_liner(): return 1


values = [1,
  2,
        3]
text = ("a"
        "b"
        'c')
call(a,
     b)[0] \
    .attr
if (a and
        b):
    pass
total = 1 + \
        2 + \
        3
empty_lines_follow = 1



last = 2
ｗｉｄｔｈ = 1
café = ｗｉｄｔｈ
