// The JIT hints of RPY.md as the translator checks them: correct drivers pass, each misuse is one
// located error naming what is wrong.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Support;
using ClrPy.Translator;
using ClrPy.Translator.Flow;
using ClrPy.Translator.Jit;

namespace ClrPy.Tests.Translator.Jit;

public sealed class JitHintCheckerTests
{
    private const string Interpreter = """
        from clrpy.jit import JitDriver

        driver = JitDriver(greens=["pc", "code"], reds=["acc"])

        def run(code, acc):
            pc = 0
            while pc < len(code):
                MERGE
                op = code[pc]
                if op == "+":
                    acc += 1
                pc += 1
                if pc == len(code) and acc < 100:
                    pc = 0
                    ENTER
            return acc

        def main(argv):
            print(run("+-+", 0))
            return 0
        """;

    private static Pipeline Annotated(string source)
    {
        var parsed = PythonParser.Parse(new SourceText("hints.py", source));
        Assert.That(parsed.Succeeded, Is.True, () => string.Join("\n", parsed.Diagnostics));
        var pipeline = Pipeline.Load(parsed.Module!);
        pipeline.Annotate();
        return pipeline;
    }

    private static Diagnostic Error(string source)
    {
        var error = Assert.Throws<DiagnosticException>(() => Annotated(source));
        Assert.That(error!.Diagnostic.Id, Is.EqualTo(JitHintChecker.HintId));
        return error.Diagnostic;
    }

    private static string Program(string merge = "driver.jit_merge_point(pc=pc, code=code, acc=acc)",
        string enter = "driver.can_enter_jit(pc=pc, code=code, acc=acc)") =>
        Interpreter.Replace("MERGE", merge).Replace("ENTER", enter);

    [Test]
    public void A_correct_driver_yields_its_merge_point_and_can_enter_jit_with_their_values()
    {
        var hints = Annotated(Program()).JitHints;
        Assert.That(hints.Select(h => h.Hint), Is.EquivalentTo(new[] { "jit_merge_point", "can_enter_jit" }));
        Assert.That(hints[0].Driver.Greens, Is.EqualTo(new[] { "pc", "code" }));
        Assert.That(hints[0].Arguments.Keys, Is.EquivalentTo(new[] { "pc", "code", "acc" }));
    }

    [Test]
    public void A_green_changed_between_can_enter_jit_and_the_merge_point_is_reported_at_can_enter_jit()
    {
        // the JIT enters its loop at the merge point with can_enter_jit's values: an update after the call is skipped
        var error = Error(Program(enter: "driver.can_enter_jit(pc=pc, code=code, acc=acc)\n            pc += 0"));
        Assert.That(error.Headline, Does.Contain("'pc' changes between can_enter_jit() and jit_merge_point()"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(15));
    }

    [Test]
    public void A_red_changed_on_one_path_only_is_reported_too()
    {
        var error = Error(Program(enter: "driver.can_enter_jit(pc=pc, code=code, acc=acc)\n            if len(code) > 5:\n                acc += 1"));
        Assert.That(error.Headline, Does.Contain("'acc' changes between can_enter_jit() and jit_merge_point()"));
    }

    [Test]
    public void A_missing_red_is_reported_at_the_merge_point()
    {
        var error = Error(Program(merge: "driver.jit_merge_point(pc=pc, code=code)"));
        Assert.That(error.Headline, Does.Contain("the red 'acc' is missing at jit_merge_point()"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(8));
    }

    [Test]
    public void A_name_that_is_neither_green_nor_red_is_reported()
    {
        var error = Error(Program(enter: "driver.can_enter_jit(pc=pc, code=code, acc=acc, op=op)"));
        Assert.That(error.Headline, Does.Contain("'op' is neither a green nor a red"));
    }

    [Test]
    public void Positional_arguments_are_refused()
    {
        Assert.That(Error(Program(merge: "driver.jit_merge_point(pc, code, acc)")).Headline, Does.Contain("as keyword arguments"));
    }

    [Test]
    public void A_list_green_is_refused_with_where_the_list_came_from()
    {
        var source = Program().Replace("print(run(\"+-+\", 0))", "print(run([\"+\", \"-\"], 0))");
        var error = Error(source);
        Assert.That(error.Headline, Does.Contain("the green 'code' is a list[str]"));
    }

    [Test]
    public void Two_drivers_in_one_function_are_refused()
    {
        var source = Program().Replace("driver = JitDriver(greens=[\"pc\", \"code\"], reds=[\"acc\"])",
            "driver = JitDriver(greens=[\"pc\", \"code\"], reds=[\"acc\"])\nother = JitDriver(greens=[\"pc\"], reds=[\"acc\"])")
            .Replace("        op = code[pc]", "        other.jit_merge_point(pc=pc, acc=acc)\n        op = code[pc]");
        var error = Error(source);
        Assert.That(error.Headline, Does.Contain("a second JitDriver's jit_merge_point in this function"));
        Assert.That(error.Notes.Length, Is.EqualTo(1));
    }

    [Test]
    public void Can_enter_jit_away_from_its_merge_point_is_refused()
    {
        var source = Program(enter: "bump(pc, code, acc)").Replace("def main(argv):",
            "def bump(pc, code, acc):\n    driver.can_enter_jit(pc=pc, code=code, acc=acc)\n\ndef main(argv):");
        Assert.That(Error(source).Headline, Does.Contain("can_enter_jit() outside the function holding its driver's jit_merge_point"));
    }

    [Test]
    public void A_local_live_at_the_merge_point_that_is_neither_green_nor_red_is_reported_by_name()
    {
        var source = Program().Replace("acc):\n    pc = 0\n", "acc):\n    pc = 0\n    size = len(code)\n").Replace("if op == \"+\":", "if op == \"+\" and size > 1:");
        var error = Error(source);
        Assert.That(error.Headline, Does.Contain("'size' is live at jit_merge_point() but is neither a green nor a red"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(9));
    }

    [Test]
    public void A_local_recomputed_after_the_merge_point_is_not_live_there()
    {
        var source = Program().Replace("        op = code[pc]", "        size = len(code)\n        op = code[pc]").Replace("if op == \"+\":", "if op == \"+\" and size > 1:");
        Assert.DoesNotThrow(() => Annotated(source));
    }

    [Test]
    public void A_local_only_used_before_the_loop_is_not_live_at_the_merge_point()
    {
        var source = Program().Replace("acc):\n    pc = 0\n", "acc):\n    size = len(code)\n    pc = size - size\n");
        Assert.DoesNotThrow(() => Annotated(source));
    }

    [Test]
    public void A_local_read_only_after_the_loop_is_live_at_the_merge_point_too()
    {
        var source = Program().Replace("acc):\n    pc = 0\n", "acc):\n    pc = 0\n    start = acc\n").Replace("    return acc", "    return acc - start");
        Assert.That(Error(source).Headline, Does.Contain("'start' is live at jit_merge_point()"));
    }

    /// <summary>The interpreter with a set_param call as the first statement of main (line 19).</summary>
    private static string WithSetParam(string call) => Program()
        .Replace("from clrpy.jit import JitDriver", "from clrpy.jit import JitDriver, set_param")
        .Replace("def main(argv):\n", "def main(argv):\n    " + call + "\n");

    [Test]
    public void Set_param_is_kept_with_the_driver_of_its_merge_point_and_its_constant_name()
    {
        var hints = Annotated(WithSetParam("set_param(driver, \"threshold\", len(argv))")).JitHints;
        var setParam = hints.Single(h => h.Hint == "set_param");
        Assert.That(setParam.Driver, Is.SameAs(hints.Single(h => h.Hint == "jit_merge_point").Driver));
        Assert.That(setParam.Arguments["name"], Is.TypeOf<Constant>().With.Property(nameof(Constant.Value)).EqualTo("threshold"));
    }

    [Test]
    public void Set_param_with_a_name_computed_at_run_time_is_reported_at_the_call()
    {
        var error = Error(WithSetParam("set_param(driver, argv[1], 5)"));
        Assert.That(error.Headline, Does.Contain("set_param() needs the parameter's name as a constant str"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(19));
        Assert.That(error.Span!.Value.Column, Is.EqualTo(5));
    }

    [Test]
    public void Set_param_with_a_driver_passed_as_a_value_is_reported_at_the_call()
    {
        var source = WithSetParam("tune(driver)").Replace("def main(argv):", "def tune(d):\n    set_param(d, \"threshold\", 5)\n\ndef main(argv):");
        var error = Error(source);
        Assert.That(error.Headline, Does.Contain("set_param() needs a module-level JitDriver as its first argument"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(19));
    }

    [Test]
    public void The_examples_hints_pass_the_checks()
    {
        var programs = Directory.GetFiles(Repository.PathOf("Tests/programs"), "jit_*.py");
        foreach (var example in Directory.GetFiles(Repository.PathOf("examples"), "*.py").Concat(programs))
        {
            var parsed = PythonParser.Parse(SourceLoader.Load(example).Source!);
            Assert.DoesNotThrow(() => Pipeline.Load(parsed.Module!).Annotate(), example);
        }
    }
}

public sealed class ImmutableFieldCheckerTests
{
    private const string Program = """
        class Code(object):
            _immutable_fields_ = ["name", "consts[*]"]

            def __init__(self, name, consts):
                self.name = name
                if len(consts) > 0:
                    self.consts = consts
                else:
                    self.consts = [0]
                self.hits = 0

        class BigCode(Code):
            def __init__(self, name):
                Code.__init__(self, name, [1, 2])
                self.hits = 1

        def use(code):
            code.hits += 1
            WRITE
            return code.name

        def main(argv):
            print(use(Code("a", [])), use(BigCode("b")))
            return 0
        """;

    private static void Translate(string source)
    {
        var parsed = PythonParser.Parse(new SourceText("fields.py", source));
        Assert.That(parsed.Succeeded, Is.True);
        Pipeline.Load(parsed.Module!).Annotate();
    }

    [Test]
    public void Immutable_fields_set_by_init_and_mutable_fields_set_anywhere_pass()
    {
        Assert.DoesNotThrow(() => Translate(Program.Replace("WRITE", "pass")));
    }

    [Test]
    public void Setting_an_immutable_field_outside_init_is_a_located_error_naming_the_declaration()
    {
        var error = Assert.Throws<DiagnosticException>(() => Translate(Program.Replace("WRITE", "code.name = \"changed\"")))!.Diagnostic;
        Assert.That(error.Id, Is.EqualTo(ImmutableFieldChecker.ImmutableFieldId));
        Assert.That(error.Headline, Does.Contain("'name' is in _immutable_fields_ of class 'Code': only __init__ may set it"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(19));
        Assert.That(error.Notes[0].Span!.Value.Line, Is.EqualTo(1));
    }

    [Test]
    public void A_starred_entry_protects_the_field_itself_too()
    {
        var error = Assert.Throws<DiagnosticException>(() => Translate(Program.Replace("WRITE", "code.consts = [5]")))!.Diagnostic;
        Assert.That(error.Headline, Does.Contain("'consts' is in _immutable_fields_"));
    }

    [Test]
    public void A_virtualizable_entry_naming_no_attribute_is_a_located_error()
    {
        var error = Assert.Throws<DiagnosticException>(() => Translate("""
            class Frame(object):
                _virtualizable_ = ["stack[*]", "stack_depth"]

                def __init__(self):
                    self.stack = [0] * 4
                    self.depth = 0

            def main(argv):
                f = Frame()
                print(f.depth, len(f.stack))
                return 0
            """))!.Diagnostic;
        Assert.That(error.Id, Is.EqualTo(ImmutableFieldChecker.VirtualizableFieldId));
        Assert.That(error.Headline, Does.Contain("_virtualizable_ of class 'Frame' names 'stack_depth', which its instances never have"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(1));
    }
}
