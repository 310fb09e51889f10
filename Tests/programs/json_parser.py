# A recursive-descent parser for a JSON subset into a tree of value classes, with a compact and an
# indented printer, path queries and error positions. Exercises polymorphism through a base class,
# lists and dicts of instances, string scanning with indexes, escapes, and exceptions carrying data.


class JsonError(Exception):
    def __init__(self, pos, message):
        Exception.__init__(self, message)
        self.pos = pos
        self.message = message


class Value(object):
    def dump(self):
        raise NotImplementedError("dump")

    def pretty(self, indent, out):
        out.append(self.dump())

    def kind(self):
        return "value"


class Null(Value):
    def dump(self):
        return "null"

    def kind(self):
        return "null"


class Bool(Value):
    def __init__(self, flag):
        self.flag = flag

    def dump(self):
        return "true" if self.flag else "false"

    def kind(self):
        return "bool"


class Number(Value):
    def __init__(self, text, value):
        self.text = text
        self.value = value

    def dump(self):
        return self.text

    def kind(self):
        return "number"


class String(Value):
    def __init__(self, chars):
        self.chars = chars

    def dump(self):
        out = ['"']
        for ch in self.chars:
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\n":
                out.append("\\n")
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)

    def kind(self):
        return "string"


class Array(Value):
    def __init__(self, items):
        self.items = items

    def dump(self):
        return "[" + ",".join([item.dump() for item in self.items]) + "]"

    def pretty(self, indent, out):
        if not self.items:
            out.append("[]")
            return
        out.append("[\n")
        for i in range(len(self.items)):
            out.append("  " * (indent + 1))
            self.items[i].pretty(indent + 1, out)
            out.append(",\n" if i < len(self.items) - 1 else "\n")
        out.append("  " * indent + "]")

    def kind(self):
        return "array"


class Object(Value):
    def __init__(self, fields):
        self.fields = fields

    def dump(self):
        parts = []
        for key, value in self.fields.items():
            parts.append(String(key).dump() + ":" + value.dump())
        return "{" + ",".join(parts) + "}"

    def pretty(self, indent, out):
        if not self.fields:
            out.append("{}")
            return
        out.append("{\n")
        i = 0
        for key, value in self.fields.items():
            out.append("  " * (indent + 1) + String(key).dump() + ": ")
            value.pretty(indent + 1, out)
            i += 1
            out.append(",\n" if i < len(self.fields) else "\n")
        out.append("  " * indent + "}")

    def kind(self):
        return "object"


class Parser(object):
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self):
        self.skip_space()
        if self.pos >= len(self.text):
            raise JsonError(self.pos, "unexpected end of input")
        return self.text[self.pos]

    def expect(self, word):
        if not self.text.startswith(word, self.pos):
            raise JsonError(self.pos, "expected %s" % word)
        self.pos += len(word)

    def parse(self):
        value = self.parse_value()
        self.skip_space()
        if self.pos != len(self.text):
            raise JsonError(self.pos, "trailing characters")
        return value

    def parse_value(self):
        ch = self.peek()
        if ch == "{":
            return self.object()
        if ch == "[":
            return self.array()
        if ch == '"':
            return String(self.string())
        if ch == "t":
            self.expect("true")
            return Bool(True)
        if ch == "f":
            self.expect("false")
            return Bool(False)
        if ch == "n":
            self.expect("null")
            return Null()
        if ch == "-" or ch.isdigit():
            return self.number()
        raise JsonError(self.pos, "unexpected %r" % ch)

    def number(self):
        start = self.pos
        if self.text[self.pos] == "-":
            self.pos += 1
        while self.pos < len(self.text) and self.text[self.pos].isdigit():
            self.pos += 1
        is_float = False
        if self.pos < len(self.text) and self.text[self.pos] == ".":
            is_float = True
            self.pos += 1
            while self.pos < len(self.text) and self.text[self.pos].isdigit():
                self.pos += 1
        text = self.text[start:self.pos]
        if text == "-" or text.endswith("."):
            raise JsonError(start, "bad number %r" % text)
        return Number(text, float(text) if is_float else float(int(text)))

    def string(self):
        self.pos += 1
        out = []
        while True:
            if self.pos >= len(self.text):
                raise JsonError(self.pos, "unterminated string")
            ch = self.text[self.pos]
            self.pos += 1
            if ch == '"':
                return "".join(out)
            if ch == "\\":
                escaped = self.text[self.pos]
                self.pos += 1
                if escaped == "n":
                    out.append("\n")
                else:
                    out.append(escaped)
            else:
                out.append(ch)

    def array(self):
        self.pos += 1
        items = []
        if self.peek() == "]":
            self.pos += 1
            return Array(items)
        while True:
            items.append(self.parse_value())
            ch = self.peek()
            self.pos += 1
            if ch == "]":
                return Array(items)
            if ch != ",":
                raise JsonError(self.pos - 1, "expected , or ]")

    def object(self):
        self.pos += 1
        fields = {}
        if self.peek() == "}":
            self.pos += 1
            return Object(fields)
        while True:
            if self.peek() != '"':
                raise JsonError(self.pos, "expected a key")
            key = self.string()
            if self.peek() != ":":
                raise JsonError(self.pos, "expected :")
            self.pos += 1
            fields[key] = self.parse_value()
            ch = self.peek()
            self.pos += 1
            if ch == "}":
                return Object(fields)
            if ch != ",":
                raise JsonError(self.pos - 1, "expected , or }")


def lookup(root, path):
    node = root
    for part in path.split("."):
        if isinstance(node, Object):
            if part not in node.fields:
                return None
            node = node.fields[part]
        elif isinstance(node, Array) and part.isdigit():
            index = int(part)
            if index >= len(node.items):
                return None
            node = node.items[index]
        else:
            return None
    return node


def total(node):
    if isinstance(node, Number):
        return node.value
    result = 0.0
    if isinstance(node, Array):
        for item in node.items:
            result += total(item)
    elif isinstance(node, Object):
        for value in node.fields.values():
            result += total(value)
    return result


DOCUMENT = """
{"name": "clrpy", "version": 0.1, "tags": ["jit", "rpython", "dotnet"],
 "stable": false, "owner": null,
 "stats": {"files": 120, "lines": 35000, "ratio": -2.5, "empty": {}, "none": []},
 "quote": "say \\"hi\\"\\nbye"}
"""

BROKEN = ['{"a": 1,}', '[1 2]', '{"a" 1}', '"open', '-', '[tru]', '{"a": 1} x', '']


def main(argv):
    root = Parser(DOCUMENT).parse()
    print(root.dump())
    out = []
    root.pretty(0, out)
    print("".join(out))
    for path in ["name", "tags.1", "stats.lines", "stats.empty", "owner", "tags.7", "name.x", "quote"]:
        node = lookup(root, path)
        if node is None:
            print(path, "-> missing")
        else:
            print(path, "->", node.kind(), node.dump())
    print("sum of numbers:", total(root))
    for text in BROKEN:
        try:
            Parser(text).parse()
            print(repr(text), "parsed")
        except JsonError as e:
            print("%-12r error at %d: %s" % (text, e.pos, e.message))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
