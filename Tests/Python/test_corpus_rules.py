# Checks with CPython's ast that every program of the RPy corpus (Tests/programs) and every example
# keeps the shape RPY.md demands: module-level code, forbidden constructs, `main(argv)`. Run with test_clrpy.py.
import ast
import os
import unittest

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "programs")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
ALLOWED_DECORATORS = {"staticmethod", "classmethod", "elidable", "dont_look_inside", "unroll_safe"}
FORBIDDEN_CALLS = {"eval", "exec", "globals", "locals", "getattr", "setattr", "delattr", "vars", "iter", "next"}
FORBIDDEN_NODES = (ast.Yield, ast.YieldFrom, ast.Await, ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith,
                   ast.With, ast.Nonlocal, ast.GeneratorExp, ast.Set, ast.SetComp, ast.NamedExpr)


def corpus_files():
    return sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def is_constant(node):
    """The constant expressions RPY.md allows at module level (prebuilt constants)."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, ast.Attribute):
        return is_constant(node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(is_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and is_constant(k) for k in node.keys) and all(is_constant(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return is_constant(node.left) and is_constant(node.right)
    if isinstance(node, ast.UnaryOp):
        return is_constant(node.operand)
    if isinstance(node, ast.Call):
        # a prebuilt instance: a call of a class, which by the corpus' naming starts with a capital
        callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        return (callee[:1].isupper() and all(is_constant(a) for a in node.args)
                and all(is_constant(k.value) or isinstance(k.value, ast.Lambda) for k in node.keywords))
    return False


def is_main_trailer(node):
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def constant_kind(node):
    if isinstance(node, ast.Constant):
        return type(node.value).__name__
    return None


class CorpusRulesTests(unittest.TestCase):
    def check_file(self, name):
        with open(os.path.join(PROGRAMS, name), encoding="utf-8") as f:
            return self.check_source(name, f.read())

    def check_source(self, name, source):
        tree = ast.parse(source, name)
        problems = []
        for stmt in tree.body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)) or is_main_trailer(stmt):
                continue
            if isinstance(stmt, ast.Assign) and is_constant(stmt.value):
                continue
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue
            problems.append("line %d: module-level %s is not an import, def, class or constant"
                            % (stmt.lineno, type(stmt).__name__))
        for node in ast.walk(tree):
            if isinstance(node, FORBIDDEN_NODES):
                problems.append("line %d: %s is not RPy" % (node.lineno, type(node).__name__))
            if isinstance(node, ast.Starred) and not isinstance(getattr(node, "parent", None), ast.Call):
                problems.append("line %d: starred target" % node.lineno)
            if isinstance(node, ast.Lambda) and not isinstance(getattr(node, "parent", None), ast.keyword):
                problems.append("line %d: lambda" % node.lineno)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                problems.append("line %d: call of %s" % (node.lineno, node.func.id))
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                for decorator in node.decorator_list:
                    if not (isinstance(decorator, ast.Name) and decorator.id in ALLOWED_DECORATORS):
                        problems.append("line %d: decorator %s" % (node.lineno, ast.dump(decorator)))
            if isinstance(node, ast.FunctionDef):
                if node.args.vararg or node.args.kwarg or node.args.kwonlyargs:
                    problems.append("line %d: %s takes *args/**kwargs/keyword-only arguments" % (node.lineno, node.name))
                for inner in ast.walk(node):
                    if inner is not node and isinstance(inner, ast.FunctionDef):
                        problems.append("line %d: nested function %s" % (inner.lineno, inner.name))
            if isinstance(node, ast.List):
                kinds = {constant_kind(e) for e in node.elts if constant_kind(e) not in (None, "NoneType")}
                if len(kinds) > 1:
                    problems.append("line %d: list literal mixes %s" % (node.lineno, sorted(kinds)))
            for child in ast.iter_child_nodes(node):
                child.parent = node
        return tree, problems

    def test_every_program_and_helper_module_follows_the_rpy_shape(self):
        failures = []
        for name in corpus_files():
            _, problems = self.check_file(name)
            failures.extend(name + ": " + p for p in problems)
        self.assertEqual(failures, [])

    def test_the_examples_follow_the_rpy_shape(self):
        failures = []
        for name in sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".py")):
            with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
                _, problems = self.check_source(name, f.read())
            failures.extend(name + ": " + p for p in problems)
        self.assertEqual(failures, [])

    def test_every_program_defines_main_with_one_parameter(self):
        for name in corpus_files():
            if name.startswith("_"):
                continue
            tree, _ = self.check_file(name)
            mains = [s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == "main"]
            self.assertEqual(len(mains), 1, name)
            self.assertEqual(len(mains[0].args.args), 1, name)
            self.assertTrue(any(is_main_trailer(s) for s in tree.body), name + " lacks the __main__ trailer")

    def test_the_rules_reject_what_rpy_forbids(self):
        source = ("x = [1, 'a']\ny = compute()\nz = Point(1, 2)\ndef f(*args):\n    def g():\n        yield 1\n"
                  "    with open('f'):\n        a, *b = args\n    return eval('1')\n")
        _, problems = self.check_source("probe.py", source)
        text = "\n".join(problems)
        self.assertNotIn("line 3:", text)
        for expected in ["mixes", "line 2: module-level Assign", "*args", "nested function", "Yield", "With",
                         "starred target", "call of eval"]:
            self.assertIn(expected, text)


if __name__ == "__main__":
    unittest.main()
