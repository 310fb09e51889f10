# A tree-walking interpreter for a tiny imperative language: node classes with polymorphic
# eval/execute methods, an environment dict, while loops, function calls with a call stack, and
# a runtime error class; it runs factorial, gcd and a prime counter built as trees.


class LangError(Exception):
    def __init__(self, message):
        Exception.__init__(self, message)
        self.message = message


class Env(object):
    def __init__(self, parent):
        self.parent = parent
        self.values = {}

    def lookup(self, name):
        env = self
        while env is not None:
            if name in env.values:
                return env.values[name]
            env = env.parent
        raise LangError("undefined variable " + name)

    def assign(self, name, value):
        self.values[name] = value


class Expr(object):
    def eval(self, env, interp):
        raise NotImplementedError("eval")


class Num(Expr):
    def __init__(self, value):
        self.value = value

    def eval(self, env, interp):
        return self.value


class Var(Expr):
    def __init__(self, name):
        self.name = name

    def eval(self, env, interp):
        return env.lookup(self.name)


class BinOp(Expr):
    def __init__(self, op, left, right):
        self.op = op
        self.left = left
        self.right = right

    def eval(self, env, interp):
        a = self.left.eval(env, interp)
        b = self.right.eval(env, interp)
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        if self.op == "%":
            if b == 0:
                raise LangError("modulo by zero")
            return a % b
        if self.op == "<":
            return 1 if a < b else 0
        if self.op == "==":
            return 1 if a == b else 0
        raise LangError("unknown operator " + self.op)


class Call(Expr):
    def __init__(self, name, args):
        self.name = name
        self.args = args

    def eval(self, env, interp):
        values = [arg.eval(env, interp) for arg in self.args]
        return interp.call(self.name, values)


class Stmt(object):
    def execute(self, env, interp):
        raise NotImplementedError("execute")


class Assign(Stmt):
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def execute(self, env, interp):
        env.assign(self.name, self.value.eval(env, interp))


class While(Stmt):
    def __init__(self, cond, body):
        self.cond = cond
        self.body = body

    def execute(self, env, interp):
        while self.cond.eval(env, interp) != 0:
            for stmt in self.body:
                stmt.execute(env, interp)


class If(Stmt):
    def __init__(self, cond, then, orelse):
        self.cond = cond
        self.then = then
        self.orelse = orelse

    def execute(self, env, interp):
        body = self.then if self.cond.eval(env, interp) != 0 else self.orelse
        for stmt in body:
            stmt.execute(env, interp)


class Return(Stmt):
    def __init__(self, value):
        self.value = value

    def execute(self, env, interp):
        raise ReturnSignal(self.value.eval(env, interp))


class ReturnSignal(Exception):
    def __init__(self, value):
        Exception.__init__(self)
        self.value = value


class Function(object):
    def __init__(self, name, params, body):
        self.name = name
        self.params = params
        self.body = body


class Interpreter(object):
    def __init__(self):
        self.functions = {}
        self.depth = 0
        self.max_depth = 0
        self.calls = 0

    def define(self, function):
        self.functions[function.name] = function

    def call(self, name, values):
        if name not in self.functions:
            raise LangError("undefined function " + name)
        function = self.functions[name]
        if len(values) != len(function.params):
            raise LangError("%s takes %d arguments" % (name, len(function.params)))
        env = Env(None)
        for i in range(len(values)):
            env.assign(function.params[i], values[i])
        self.calls += 1
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        try:
            for stmt in function.body:
                stmt.execute(env, self)
        except ReturnSignal as signal:
            return signal.value
        finally:
            self.depth -= 1
        return 0


def build(interp):
    interp.define(Function("fact", ["n"], [
        If(BinOp("<", Var("n"), Num(2)), [Return(Num(1))], []),
        Return(BinOp("*", Var("n"), Call("fact", [BinOp("-", Var("n"), Num(1))]))),
    ]))
    interp.define(Function("gcd", ["a", "b"], [
        While(BinOp("<", Num(0), Var("b")), [
            Assign("t", BinOp("%", Var("a"), Var("b"))),
            Assign("a", Var("b")),
            Assign("b", Var("t")),
        ]),
        Return(Var("a")),
    ]))
    interp.define(Function("is_prime", ["n"], [
        If(BinOp("<", Var("n"), Num(2)), [Return(Num(0))], []),
        Assign("d", Num(2)),
        While(BinOp("<", BinOp("*", Var("d"), Var("d")), BinOp("+", Var("n"), Num(1))), [
            If(BinOp("==", BinOp("%", Var("n"), Var("d")), Num(0)), [Return(Num(0))], []),
            Assign("d", BinOp("+", Var("d"), Num(1))),
        ]),
        Return(Num(1)),
    ]))
    interp.define(Function("count_primes", ["limit"], [
        Assign("i", Num(0)),
        Assign("count", Num(0)),
        While(BinOp("<", Var("i"), Var("limit")), [
            Assign("count", BinOp("+", Var("count"), Call("is_prime", [Var("i")]))),
            Assign("i", BinOp("+", Var("i"), Num(1))),
        ]),
        Return(Var("count")),
    ]))
    interp.define(Function("broken", ["x"], [Return(BinOp("%", Var("x"), Var("y")))]))


def main(argv):
    interp = Interpreter()
    build(interp)
    print("fact(10) =", interp.call("fact", [10]), "max depth", interp.max_depth)
    print("gcd(1071, 462) =", interp.call("gcd", [1071, 462]))
    print("primes below 300:", interp.call("count_primes", [300]), "calls so far", interp.calls)
    for name, args in [("broken", [1]), ("gcd", [1]), ("nope", [1]), ("gcd", [5, 0])]:
        try:
            print(name, "->", interp.call(name, args))
        except LangError as e:
            print(name, "failed:", e.message)
    print("depth back to", interp.depth)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
