// The codewriter: register assignment, link moves (including cycles that need the scratch register),
// exception dispatch and the text form. Programs run from their jitcodes must print what CPython prints.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Tests.Translator.Running;
using ClrPy.Translator;
using ClrPy.Translator.Jit;

namespace ClrPy.Tests.Translator.Jit;

public sealed class CodewriterTests
{
    private static Codewriter Write(string source, bool operationHelpers = false)
    {
        var parsed = PythonParser.Parse(new SourceText("prog.py", source));
        Assert.That(parsed.Succeeded, Is.True);
        return Codewriter.Write(Pipeline.Load(parsed.Module!).Lower(), operationHelpers);
    }

    [Test]
    public void Swapping_locals_in_a_loop_is_a_cycle_of_moves_broken_through_the_scratch_register()
    {
        const string source = """
            def main(argv):
                a = 1
                b = 2
                n = 0
                while True:
                    a, b = b, a
                    n += 1
                    if n > 4:
                        break
                print(a, b, n)
                return 0
            """;
        Snippets.AssertLikeCpython(source, jitcodes: true);
        var main = Write(source).Codes.Values.Single(code => code.Name == "main");
        // the loop block jumps to itself with its inputs a and b swapped; the scratch is the last int variable register
        string scratch = "%i" + (main.VariableRegisters[0] - 1);
        Assert.That(JitCodePrinter.Print(main), Does.Contain("-> " + scratch + "\n"));
    }

    [Test]
    public void Exceptions_are_dispatched_by_class_from_catch_exception()
    {
        Snippets.AssertLikeCpython("""
            class Oops(Exception):
                pass

            def risky(n):
                if n % 3 == 0:
                    raise Oops("three")
                if n % 3 == 1:
                    return 10 // (n - n)
                return n

            def main(argv):
                for n in range(6):
                    try:
                        print(risky(n))
                    except Oops as e:
                        print("oops", e)
                    except ZeroDivisionError:
                        print("zero")
                return 0
            """, jitcodes: true);
    }

    [Test]
    public void Constants_live_in_registers_past_the_variables_and_print_as_values()
    {
        var codes = Write("""
            def f(x):
                return x * 2.5 + 1.0

            def main(argv):
                print(f(2.0), -0.0, 0.0)
                return 0
            """);
        var f = codes.Codes.Values.Single(code => code.Name == "f");
        Assert.That(f.FloatConstants, Is.EquivalentTo(new[] { 2.5, 1.0 }));
        Assert.That(f.Parameters, Has.Count.EqualTo(1));
        Assert.That(f.Parameters[0].Kind, Is.EqualTo(RegisterKind.Float));
        string text = JitCodePrinter.Print(f);
        Assert.That(text, Does.Contain("float_mul %f0, $2.5 -> %f0"));
        Assert.That(text, Does.Contain("float_add %f0, $1.0 -> %f0"), "the product reuses the register of x, dead after the multiplication");
        var main = codes.Codes.Values.Single(code => code.Name == "main");
        Assert.That(main.FloatConstants.Select(BitConverter.DoubleToInt64Bits).Distinct().Count(), Is.EqualTo(main.FloatConstants.Count),
            "-0.0 and 0.0 are different constants");
    }

    [Test]
    public void Jit_hints_survive_into_the_jitcodes_with_greens_before_reds()
    {
        var codes = Write("""
            from clrpy.jit import JitDriver, promote, we_are_jitted, elidable, dont_look_inside

            driver = JitDriver(greens=["pc", "code"], reds=["acc"])

            def run(code, acc):
                pc = 0
                while pc < len(code):
                    driver.jit_merge_point(acc=acc, code=code, pc=pc)
                    op = promote(code[pc])
                    if op == "+" and not we_are_jitted():
                        acc += 1
                    pc += 1
                    if pc == len(code) and acc < 10:
                        pc = 0
                        driver.can_enter_jit(pc=pc, code=code, acc=acc)
                return acc

            @elidable
            def weight(op):
                return 2 if op == "+" else 1

            @dont_look_inside
            def log(acc):
                return acc

            def main(argv):
                print(run("+-", 0), weight("+"), log(3))
                return 0
            """);
        string main = JitCodePrinter.Print(codes.Codes.Values.Single(code => code.Name == "main"));
        Assert.That(main, Does.Contain("elidable_call <weight>"));
        Assert.That(main, Does.Contain("residual_call <log>"));
        Assert.That(main, Does.Contain("direct_call <run>"));
        string run = JitCodePrinter.Print(codes.Codes.Values.Single(code => code.Name == "run"));
        Assert.That(run, Does.Match(@"jit_merge_point <JitDriver#\d+ greens=\[pc, code\] reds=\[acc\]>, I\[%i\d+, %i\d+\], R\[%r\d+\]"));
        Assert.That(run, Does.Contain("can_enter_jit <JitDriver#"));
        Assert.That(run, Does.Contain("jit_promote"));
        Assert.That(run, Does.Contain("we_are_jitted -> %i"));
    }

    [Test]
    public void With_operation_helpers_unmodelled_operations_are_residual_calls_of_one_helper_per_operation_and_types()
    {
        const string source = """
            def main(argv):
                items = [3, 4, 5]
                names = ["ab", "cde"]
                total = items[0] + items[2] + len(names[1])
                print(total // 2, names[0])
                return 0
            """;
        var writer = Write(source, operationHelpers: true);
        string main = JitCodePrinter.Print(writer.Codes.Values.Single(code => code.Name == "main"));
        Assert.That(main, Does.Not.Contain("list_getitem "));
        Assert.That(main, Does.Contain("int_add "), "the tracer models word arithmetic itself");
        Assert.That(main, Does.Contain("str_len "));
        var helpers = writer.Helpers!.Functions.Select(helper => helper.Name).ToList();
        Assert.That(helpers.Count(name => name.StartsWith("jit$op$list_getitem$", StringComparison.Ordinal)), Is.EqualTo(2),
            "one for a list of ints, one for a list of strs");
        Assert.That(helpers, Has.Some.StartsWith("jit$op$int_floordiv$"));
        Assert.That(main, Does.Match(@"residual_call <jit\$op\$list_getitem\$\d+>"));
        Assert.That(writer.Codes.Keys.Select(function => function.Name), Has.None.StartsWith("jit$op$"), "helpers have no jitcode");
        var plain = Write(source);
        Assert.That(plain.Helpers, Is.Null);
        Assert.That(JitCodePrinter.Print(plain.Codes.Values.Single(code => code.Name == "main")), Does.Contain("list_getitem "));
    }

    [Test]
    public void An_operation_helper_leaves_the_exception_its_operation_raises_pending()
    {
        Snippets.AssertLikeCpython("""
            def main(argv):
                items = [1, 2]
                table = {"a": 1}
                try:
                    print(items[5])
                except IndexError:
                    print("index")
                try:
                    print(table["b"])
                except KeyError as e:
                    print("key", e)
                for n in range(3):
                    try:
                        print(10 // n)
                    except ZeroDivisionError:
                        print("zero")
                return 0
            """, jitcodes: true, operationHelpers: true);
    }
}
