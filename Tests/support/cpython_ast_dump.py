# Prints CPython's own `ast` tree of a file in ClrPy's normalized dump format, the reference side of
# the parser's differential test (Tests/Frontend/CpythonAstDifferentialTests.cs); the C# side is
# ClrPy.Frontend.Syntax.AstNormalizedDump. Usage: python3 cpython_ast_dump.py FILE.py
#   or: python3 cpython_ast_dump.py --batch FILE.py... (each dump preceded by a line `=== FILE`,
#       a file CPython rejects gets the line `SyntaxError LINE:COL message` instead of a dump)
#
# Format, one node per line, two spaces of indentation per level:
#   KIND[@LINE] [scalar=value ...]      KIND is CPython's class name; @LINE for nodes with a lineno,
#                                       except inside f-strings (CPython 3.11's positions there are unreliable)
#     field:                            then each child node (or `None` for a missing list entry),
#       CHILD ...                       indented one more level
# Fields come in CPython's `_fields` order. Skipped: ctx, type_comment, kind, type_ignores, type_params.
# None scalars/children and empty lists are omitted. Scalars: identifiers as is, ints in decimal,
# operators by class name, lists of them as [A,B]. Constants print as `Constant@L TYPE VALUE`:
#   int 42 | float <16 hex digits of the IEEE bits> | complex <real bits> <imag bits> | str "..." |
#   bytes <hex> | bool True | None | Ellipsis
# Strings are quoted with \\ \" \n \r \t escaped and every other code point outside 0x20..0x7e as \u{HEX}.
import ast
import struct
import sys

SKIPPED = {"ctx", "type_comment", "kind", "type_ignores", "type_params"}


def quote(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= ord(ch) <= 0x7E:
            out.append(ch)
        else:
            out.append("\\u{%X}" % ord(ch))
    out.append('"')
    return "".join(out)


def float_bits(x):
    return struct.pack(">d", x).hex()


def constant_text(value):
    if value is None:
        return "None"
    if value is Ellipsis:
        return "Ellipsis"
    if isinstance(value, bool):
        return "bool " + str(value)
    if isinstance(value, int):
        return "int " + str(value)
    if isinstance(value, float):
        return "float " + float_bits(value)
    if isinstance(value, complex):
        return "complex " + float_bits(value.real) + " " + float_bits(value.imag)
    if isinstance(value, str):
        return "str " + quote(value)
    if isinstance(value, bytes):
        return "bytes " + value.hex()
    raise TypeError("unexpected constant %r" % (value,))


OPERATORS = (ast.operator, ast.unaryop, ast.boolop, ast.cmpop)


def is_scalar(value):
    return isinstance(value, (str, int, OPERATORS))


def scalar_text(value):
    if isinstance(value, OPERATORS):
        return type(value).__name__
    return str(value)


def dump(node, depth, out, in_fstring):
    pad = "  " * depth
    head = type(node).__name__
    if hasattr(node, "lineno") and not in_fstring:
        head += "@%d" % node.lineno
    if isinstance(node, ast.Constant):
        out.append(pad + head + " " + constant_text(node.value))
        return
    scalars = []
    children = []
    for field in node._fields:
        if field in SKIPPED:
            continue
        value = getattr(node, field, None)
        if value is None:
            continue
        if isinstance(value, list):
            if not value:
                continue
            if all(is_scalar(v) for v in value):
                scalars.append("%s=[%s]" % (field, ",".join(scalar_text(v) for v in value)))
            else:
                children.append((field, value))
        elif is_scalar(value):
            scalars.append("%s=%s" % (field, scalar_text(value)))
        else:
            children.append((field, [value]))
    out.append(pad + " ".join([head] + scalars))
    inner = in_fstring or isinstance(node, ast.JoinedStr)
    for field, values in children:
        out.append(pad + "  " + field + ":")
        for child in values:
            if child is None:
                out.append(pad + "    None")
            else:
                dump(child, depth + 2, out, inner)


def dump_file(path):
    with open(path, "rb") as f:
        source = f.read()
    tree = ast.parse(source, filename=path)
    out = []
    dump(tree, 0, out, False)
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) > 1 and argv[1] == "--batch":
        for path in argv[2:]:
            sys.stdout.write("=== %s\n" % path)
            try:
                sys.stdout.write(dump_file(path))
            except SyntaxError as e:
                sys.stdout.write("SyntaxError %s:%s %s\n" % (e.lineno, e.offset, e.msg))
        return 0
    sys.stdout.write(dump_file(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
