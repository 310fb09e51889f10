// A JitDriver's get_printable_location as the translator sees it: no RPy code calls it, yet it is annotated with
// the merge point's greens and lowered, so the JIT can call it for its logs; a hook that is not a function of the
// greens returning a str is one located error.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Translator;
using ClrPy.Translator.Jit;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Jit;

public sealed class PrintableLocationHookTests
{
    // line 9 defines the hook, line 16 is the merge point
    private const string Interpreter = """
        from clrpy.jit import JitDriver


        class Code(object):
            def __init__(self, name, ops):
                self.name = name
                self.ops = ops

        HOOK

        driver = JitDriver(DRIVER)

        def run(code, acc):
            pc = 0
            while pc < len(code.ops):
                driver.jit_merge_point(pc=pc, code=code, acc=acc)
                acc += code.ops[pc]
                pc += 1
            return acc

        def main(argv):
            print(run(Code("sum", [1, 2, 3]), 0))
            return 0
        """;

    private const string NamingHook = "def printable_location(pc, code): return code.name + \":\" + str(pc)";

    private const string Variables = "greens=[\"pc\", \"code\"], reds=[\"acc\"], ";

    private const string WithHook = Variables + "get_printable_location=printable_location";

    private static Pipeline Lowered(string hook = NamingHook, string driver = WithHook)
    {
        var source = Interpreter.Replace("HOOK", hook).Replace("DRIVER", driver);
        var parsed = PythonParser.Parse(new SourceText("hook.py", source));
        Assert.That(parsed.Succeeded, Is.True, () => string.Join("\n", parsed.Diagnostics));
        var pipeline = Pipeline.Load(parsed.Module!);
        pipeline.Lower();
        return pipeline;
    }

    private static Diagnostic Error(string hook = NamingHook, string driver = WithHook)
    {
        var error = Assert.Throws<DiagnosticException>(() => Lowered(hook, driver));
        Assert.That(error!.Diagnostic.Id, Is.EqualTo(JitHintChecker.HintId));
        return error.Diagnostic;
    }

    private static FunctionDescriptor LoweredHook(Pipeline pipeline)
    {
        var hook = pipeline.JitHints[0].Driver.PrintableLocation;
        Assert.That(hook, Is.Not.Null);
        return pipeline.Typed!.FunctionsByDesc[hook!];
    }

    [Test]
    public void A_hook_no_rpy_code_calls_is_annotated_with_the_greens_and_lowered()
    {
        var hook = LoweredHook(Lowered());
        Assert.That(hook.Graph, Is.Not.Null);
        Assert.That(hook.Parameters[0], Is.EqualTo(LowLevelType.Signed));
        Assert.That(hook.Parameters[1], Is.InstanceOf<InstanceType>().And.Property("Class").Property("Name").EqualTo("Code"));
        Assert.That(hook.Result, Is.EqualTo(LowLevelType.Str));
    }

    [Test]
    public void A_lambda_is_a_hook_too_given_by_keyword_or_third_by_position()
    {
        var byKeyword = LoweredHook(Lowered(hook: "", driver: Variables + "get_printable_location=lambda pc, code: code.name"));
        Assert.That(byKeyword.Result, Is.EqualTo(LowLevelType.Str));
        var byPosition = LoweredHook(Lowered(hook: "", driver: "[\"pc\", \"code\"], [\"acc\"], lambda pc, code: code.name"));
        Assert.That(byPosition.Parameters, Has.Length.EqualTo(2));
    }

    [Test]
    public void A_driver_without_a_hook_or_with_none_has_none()
    {
        Assert.That(Lowered(driver: Variables + "get_printable_location=None").JitHints[0].Driver.PrintableLocation, Is.Null);
        Assert.That(Lowered(driver: Variables + "name='plain'").JitHints[0].Driver.PrintableLocation, Is.Null);
    }

    [Test]
    public void A_hook_taking_fewer_parameters_than_the_greens_is_reported_at_its_definition()
    {
        var error = Error(hook: "def printable_location(pc): return str(pc)");
        Assert.That(error.Headline, Does.Contain(
            "printable_location() takes 1 parameter, but as the get_printable_location of a JitDriver with 2 greens it is called with the greens (pc, code)"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(9));
        Assert.That(error.Notes[0].Message, Is.EqualTo("the JitDriver is used here"));
        Assert.That(error.Notes[0].Span!.Value.Line, Is.EqualTo(16));
    }

    [Test]
    public void A_hook_that_is_not_a_function_is_reported_where_the_driver_is_used()
    {
        var error = Error(driver: Variables + "get_printable_location=Code");
        Assert.That(error.Headline, Does.Contain("the get_printable_location of the JitDriver used here is not a function"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(16));
    }

    [Test]
    public void A_hook_returning_an_int_is_reported_with_where_the_int_comes_from()
    {
        var error = Error(hook: "def printable_location(pc, code):\n    return pc + 1");
        Assert.That(error.Headline, Does.Contain("printable_location() returns int, but as a get_printable_location it must return a str"));
        Assert.That(error.Span!.Value.Line, Is.EqualTo(9));
        Assert.That(error.Notes[0].Span!.Value.Line, Is.EqualTo(10));
    }

    [Test]
    public void A_hook_that_never_returns_is_reported()
    {
        var error = Error(hook: "def printable_location(pc, code):\n    raise ValueError()");
        Assert.That(error.Headline, Does.Contain("printable_location() never returns, but as a get_printable_location it must return a str"));
    }
}
