# A tokenizer and recursive-descent evaluator for integer arithmetic expressions, with error reporting
# through exceptions.


class ParseError(Exception):
    def __init__(self, message, position):
        Exception.__init__(self, message)
        self.message = message
        self.position = position


class Token(object):
    def __init__(self, kind, text, position):
        self.kind = kind
        self.text = text
        self.position = position


def tokenize(source):
    tokens = []
    i = 0
    while i < len(source):
        c = source[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            start = i
            while i < len(source) and source[i].isdigit():
                i += 1
            tokens.append(Token("num", source[start:i], start))
        elif c in "+-*/()":
            tokens.append(Token("op", c, i))
            i += 1
        else:
            raise ParseError("unexpected character " + c, i)
    tokens.append(Token("end", "", len(source)))
    return tokens


class Parser(object):
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def advance(self):
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expression(self):
        value = self.term()
        while self.peek().text == "+" or self.peek().text == "-":
            op = self.advance().text
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self):
        value = self.factor()
        while self.peek().text == "*" or self.peek().text == "/":
            op = self.advance().text
            right = self.factor()
            if op == "*":
                value = value * right
            else:
                if right == 0:
                    raise ParseError("division by zero", self.peek().position)
                value = value // right
        return value

    def factor(self):
        token = self.advance()
        if token.kind == "num":
            return int(token.text)
        if token.text == "-":
            return -self.factor()
        if token.text == "(":
            value = self.expression()
            if self.advance().text != ")":
                raise ParseError("expected )", token.position)
            return value
        raise ParseError("unexpected token '" + token.text + "'", token.position)


def evaluate(source):
    parser = Parser(tokenize(source))
    value = parser.expression()
    if parser.peek().kind != "end":
        raise ParseError("trailing input", parser.peek().position)
    return value


def main(argv):
    sources = ["1 + 2 * 3", "(1 + 2) * 3", "-4 * (2 - 7) / 3", "2 * (3 + 4) * 5 - 1",
               "1 / 0", "3 + ", "4 $ 4", "(1 + 2"]
    for source in sources:
        try:
            print(source, "=", evaluate(source))
        except ParseError as e:
            print(source, "error at", e.position, e.message)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
