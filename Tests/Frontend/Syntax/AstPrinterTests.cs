// AstPrinter: the readable dump of `clrpy parse --dump-ast`, with each node's kind, scalar fields and
// its span LINE:COL-ENDLINE:ENDCOL.
using ClrPy.Frontend.Syntax;
using static ClrPy.Tests.Frontend.ParsingHelpers;

namespace ClrPy.Tests.Frontend.Syntax;

public sealed class AstPrinterTests
{
    [Test]
    public void Prints_kinds_scalars_and_spans_indented_under_field_names()
    {
        string printed = AstPrinter.Print(ParseModule("x = a + 1\n"));
        Assert.That(printed, Is.EqualTo(
            "Module [1:1-2:1]\n" +
            "  body:\n" +
            "    Assign [1:1-1:10]\n" +
            "      targets:\n" +
            "        Name id=x [1:1-1:2]\n" +
            "      value:\n" +
            "        BinOp op=Add [1:5-1:10]\n" +
            "          left:\n" +
            "            Name id=a [1:5-1:6]\n" +
            "          right:\n" +
            "            Constant int 1 [1:9-1:10]\n"));
    }

    [Test]
    public void Floats_print_as_their_shortest_decimal()
    {
        Assert.That(AstPrinter.Print(ParseModule("0.1\n")), Does.Contain("Constant float 0.1 [1:1-1:4]"));
    }

    [Test]
    public void A_decorated_function_spans_from_def_and_lists_decorators()
    {
        string printed = AstPrinter.Print(ParseModule("@d\ndef f(a, *, b=1):\n    return a\n"));
        Assert.That(printed, Does.Contain("FunctionDef name=f [2:1-3:13]"));
        Assert.That(printed, Does.Contain("decorator_list:\n        Name id=d [1:2-1:3]"));
    }

    [Test]
    public void Missing_list_entries_print_as_None()
    {
        string printed = AstPrinter.Print(ParseModule("def f(*, a, b=1): pass\n"));
        Assert.That(printed, Does.Contain("kw_defaults:\n            None\n            Constant int 1"));
    }
}
