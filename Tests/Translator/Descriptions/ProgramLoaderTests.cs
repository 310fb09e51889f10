// The program model: module-level code evaluated at translation time into constants, classes,
// functions and prebuilt instances; imports of modules beside the main program; main required.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;
using static ClrPy.Tests.Translator.Flow.FlowTestSupport;

namespace ClrPy.Tests.Translator.Descriptions;

public sealed class ProgramLoaderTests
{
    private static Constant Global(ProgramDesc program, string name) => program.MainModule.Globals[name];

    [Test]
    public void Constant_expressions_are_evaluated_with_python_semantics()
    {
        var program = Load("A = 7 // -2\nB = -7 % 3\nC = (1, 'x') + (2.5,)\nD = 'ab' * 2\nE = 1 << 40\nF = 2 ** 10 - 1\n");
        Assert.That(Global(program, "A"), Is.EqualTo(Constant.Int(-4)));
        Assert.That(Global(program, "B"), Is.EqualTo(Constant.Int(2)));
        Assert.That(Global(program, "C").ToString(), Is.EqualTo("(1, 'x', 2.5)"));
        Assert.That(Global(program, "D"), Is.EqualTo(Constant.Str("abab")));
        Assert.That(Global(program, "E"), Is.EqualTo(Constant.Int(1L << 40)));
        Assert.That(Global(program, "F"), Is.EqualTo(Constant.Int(1023)));
    }

    [Test]
    public void Lists_and_dicts_at_module_level_are_prebuilt_containers()
    {
        var program = Load("TABLE = [0] * 3\nNAMES = {'a': 1, 'b': TABLE}\n");
        Assert.That(Global(program, "TABLE").As<PrebuiltList>().Items, Has.Count.EqualTo(3));
        var names = Global(program, "NAMES").As<PrebuiltDict>();
        Assert.That(names.Entries[1].Value, Is.EqualTo(Global(program, "TABLE")));
    }

    [Test]
    public void Integer_constants_must_fit_in_64_bits()
    {
        var error = Error("BIG = 2 ** 70\n\ndef main(argv):\n    return 0\n");
        Assert.That(error.Message, Is.EqualTo("integer constant does not fit in 64 bits"));
    }

    [TestCase("X = [1, 2] * 2000000000\n", "a list of 4,000,000,000 items is too big to build at translation time (at most 16,777,216)")]
    [TestCase("X = 'ab' * 5000000000\n", "a string of 10,000,000,000 characters is too big to build at translation time (at most 16,777,216)")]
    [TestCase("X = (1,) * 16777217\n", "a tuple of 16,777,217 items is too big to build at translation time (at most 16,777,216)")]
    public void Repeating_a_sequence_past_the_translation_time_limit_is_reported(string source, string message)
    {
        var error = Error(source + "\ndef main(argv):\n    return 0\n");
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(1));
    }

    [Test]
    public void Repeating_an_empty_sequence_or_by_a_huge_count_that_is_not_positive_is_empty()
    {
        var program = Load("A = [] * 5000000000\nB = 'x' * -5000000000\nC = [0] * 16777216\n");
        Assert.That(Global(program, "A").As<PrebuiltList>().Items, Is.Empty);
        Assert.That(Global(program, "B"), Is.EqualTo(Constant.Str("")));
        Assert.That(Global(program, "C").As<PrebuiltList>().Items, Has.Count.EqualTo(16777216));
    }

    [Test]
    public void Calling_a_class_at_module_level_runs_its_init_into_a_prebuilt_instance()
    {
        var program = Load(
            "class Base(object):\n    def __init__(self, name):\n        self.name = name\n\n"
            + "class Point(Base):\n    def __init__(self, x, y=2):\n        Base.__init__(self, 'p')\n        self.x = x\n        self.y = y\n        self.items = []\n        if x > 0:\n            self.sign = 1\n        else:\n            self.sign = -1\n\n"
            + "ORIGIN = Point(-3)\n");
        var origin = Global(program, "ORIGIN").As<PrebuiltInstance>();
        Assert.That(origin.Class.Name, Is.EqualTo("Point"));
        Assert.That(origin.Fields.Keys, Is.EqualTo(new[] { "name", "x", "y", "items", "sign" }));
        Assert.That(origin.Fields["sign"], Is.EqualTo(Constant.Int(-1)));
        Assert.That(program.PrebuiltInstances, Has.Count.EqualTo(1));
    }

    [Test]
    public void Init_bodies_that_cannot_run_at_translation_time_are_reported()
    {
        var error = Error("class C(object):\n    def __init__(self, n):\n        for i in range(n):\n            pass\n\nC0 = C(2)\n\ndef main(argv):\n    return 0\n");
        Assert.That(error.Message, Does.StartWith("a for loop cannot be run at translation time"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(3));
    }

    [Test]
    public void Classes_record_bases_mixins_methods_attributes_and_jit_declarations()
    {
        var program = Load(
            "class Mixin(object):\n    def hello(self):\n        return 1\n\n"
            + "class Frame(object):\n    _immutable_fields_ = ['code', 'consts[*]']\n    _virtualizable_ = ['pc', 'stack[*]']\n    __slots__ = ('pc', 'stack', 'code', 'consts')\n    LIMIT = 10\n"
            + "    def __init__(self, code):\n        self.code = code\n    @staticmethod\n    def make():\n        return Frame(None)\n    @classmethod\n    def build(cls):\n        return cls(None)\n\n"
            + "class Special(Frame, Mixin):\n    pass\n\nclass Failure(ValueError):\n    pass\n");
        var frame = program.Classes.Single(c => c.Name == "Frame");
        Assert.That(frame.ImmutableFields, Is.EqualTo(new[] { "code", "consts[*]" }));
        Assert.That(frame.VirtualizableFields, Is.EqualTo(new[] { "pc", "stack[*]" }));
        Assert.That(frame.Slots, Is.EqualTo(new[] { "pc", "stack", "code", "consts" }));
        Assert.That(frame.ClassAttributes["LIMIT"], Is.EqualTo(Constant.Int(10)));
        Assert.That(frame.Methods["make"].Kind, Is.EqualTo(FunctionKind.StaticMethod));
        Assert.That(frame.Methods["build"].Kind, Is.EqualTo(FunctionKind.ClassMethod));
        var special = program.Classes.Single(c => c.Name == "Special");
        Assert.That(special.Base, Is.SameAs(frame));
        Assert.That(special.Mixins.Single().Name, Is.EqualTo("Mixin"));
        Assert.That(special.FindMethod("hello"), Is.Not.Null);
        var failure = program.Classes.Single(c => c.Name == "Failure");
        Assert.That(failure.IsException, Is.True);
        Assert.That(failure.BuiltinBase!.IsSubclassOf(Builtins.Exception), Is.True);
    }

    [Test]
    public void Functions_record_defaults_and_jit_hints()
    {
        var program = Load(
            "from clrpy.jit import elidable, dont_look_inside\n\n@elidable\ndef f(a, b=3, *, c='x'):\n    return a\n\n@dont_look_inside\ndef g():\n    return 0\n");
        var f = program.Functions.Single(fn => fn.Name == "f");
        Assert.That(f.ParameterNames, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(f.Defaults, Is.EqualTo(new Constant?[] { null, Constant.Int(3), Constant.Str("x") }));
        Assert.That(f.Hints, Is.EqualTo(FunctionHints.Elidable));
        Assert.That(program.Functions.Single(fn => fn.Name == "g").Hints, Is.EqualTo(FunctionHints.DontLookInside));
    }

    [Test]
    public void A_jit_driver_is_a_prebuilt_builtin_instance_with_its_arguments()
    {
        var program = Load(
            "from clrpy.jit import JitDriver\n\ndriver = JitDriver(greens=['pc'], reds=['acc'], get_printable_location=lambda pc: str(pc))\n");
        var driver = Global(program, "driver").As<PrebuiltBuiltinInstance>();
        Assert.That(driver.Class.Name, Is.EqualTo("clrpy.jit.JitDriver"));
        Assert.That(driver.Arguments.Keys, Is.EqualTo(new[] { "greens", "reds", "get_printable_location" }));
        Assert.That(driver.Arguments["get_printable_location"].Kind, Is.EqualTo(ConstantKind.Function));
    }

    [Test]
    public void The_main_guard_trailer_is_ignored()
    {
        Assert.DoesNotThrow(() => Load("def main(argv):\n    return 0\n\nif __name__ == '__main__':\n    import sys\n    sys.exit(main(sys.argv))\n"));
    }

    [Test]
    public void A_program_without_main_is_reported_at_its_first_line()
    {
        var error = Error("def helper():\n    return 0\n", "prog.py");
        Assert.That(error.Headline, Is.EqualTo("prog.py:1:1: error: no main(argv) function"));
    }

    [Test]
    public void Imported_modules_beside_the_main_program_are_loaded_and_their_names_resolved()
    {
        string directory = Path.Combine(Path.GetTempPath(), "clrpy-flow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "pkg"));
        try
        {
            File.WriteAllText(Path.Combine(directory, "helpers.py"), "SCALE = 3\n\ndef triple(x):\n    return x * SCALE\n");
            File.WriteAllText(Path.Combine(directory, "pkg", "__init__.py"), "");
            File.WriteAllText(Path.Combine(directory, "pkg", "shapes.py"), "from .. import helpers\n\nclass Square(object):\n    def __init__(self, side):\n        self.side = helpers.triple(side)\n");
            File.WriteAllText(Path.Combine(directory, "main.py"),
                "import helpers\nfrom pkg.shapes import Square\nfrom helpers import triple as t3\n\nBIG = Square(2)\n\ndef main(argv):\n    return helpers.triple(t3(1)) + BIG.side\n");
            var program = ProgramLoader.LoadFile(Path.Combine(directory, "main.py"));
            Assert.That(program.Modules.Keys, Is.EquivalentTo(new[] { "__main__", "helpers", "pkg", "pkg.shapes" }));
            Assert.That(Global(program, "BIG").As<PrebuiltInstance>().Fields["side"], Is.EqualTo(Constant.Int(6)));
            var main = program.GetGraph(program.Main);
            AssertWellFormed(main);
            var calls = main.StartBlock.Operations.Where(o => o.Code == OpCode.SimpleCall).ToList();
            Assert.That(calls.Select(c => ((Constant)c.Args[0]).As<FunctionDesc>().QualifiedName), Is.EqualTo(new[] { "helpers.triple", "helpers.triple" }));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Test]
    public void Errors_in_an_imported_module_are_located_in_that_module()
    {
        string directory = Path.Combine(Path.GetTempPath(), "clrpy-flow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "bad.py"), "def gen():\n    yield 1\n");
            File.WriteAllText(Path.Combine(directory, "main.py"), "import bad\n\ndef main(argv):\n    bad.gen()\n    return 0\n");
            var error = Assert.Throws<DiagnosticException>(() => ProgramLoader.LoadFile(Path.Combine(directory, "main.py")).BuildAllGraphs())!;
            Assert.That(Path.GetFileName(error.Diagnostic.Span!.Value.File), Is.EqualTo("bad.py"));
            Assert.That(error.Diagnostic.Span.Value.Line, Is.EqualTo(2));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
