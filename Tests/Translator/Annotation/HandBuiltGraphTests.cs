// The annotator's driver on graphs built by hand (independent of the flow builder): results flow
// through operations and links, callee results flow back, and conflicts at block inputs are located.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Tests.Translator.Annotation;

public sealed class HandBuiltGraphTests
{
    private static (ModuleDesc Module, FunctionDesc Main, FunctionDesc Helper) Functions()
    {
        var module = PythonParser.Parse(new SourceText("prog.py", "def main(argv):\n    pass\n\ndef helper(n):\n    pass\n")).Module!;
        var desc = new ModuleDesc("__main__", module);
        FunctionDesc Define(int index) =>
            new((FunctionDefStmt)module.Body[index], desc, null, FunctionKind.Function, FunctionHints.None,
                [((FunctionDefStmt)module.Body[index]).Args.Args[0].Name], [null]);
        return (desc, Define(0), Define(1));
    }

    [Test]
    public void A_result_flows_through_a_call_and_back_to_the_caller()
    {
        var (_, main, helper) = Functions();
        var span = main.Ast.Span;
        var helperGraph = new FunctionGraph("helper", "helper", span, ["n"]);
        var doubled = helperGraph.NewVariable("d");
        helperGraph.StartBlock.Operations.Add(new Operation(OpCode.Mul, [helperGraph.Parameters[0], Constant.Int(2)], doubled, span));
        helperGraph.StartBlock.CloseWithGoto(new Link(helperGraph.ReturnBlock, [doubled]));

        var mainGraph = new FunctionGraph("main", "main", span, ["argv"]);
        var length = mainGraph.NewVariable("n");
        var called = mainGraph.NewVariable("r");
        mainGraph.StartBlock.Operations.Add(new Operation(OpCode.Len, [mainGraph.Parameters[0]], length, span));
        mainGraph.StartBlock.Operations.Add(new Operation(OpCode.SimpleCall, [Constant.Of(helper), length], called, span));
        mainGraph.StartBlock.CloseWithGoto(new Link(mainGraph.ReturnBlock, [called]));

        var program = Annotator.Annotate(main, function => function == main ? mainGraph : helperGraph);
        Assert.That(program.Of(mainGraph.ReturnBlock.Inputs[0]), Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Of(helperGraph.Parameters[0]), Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Dump(), Does.Contain("v1_d: int = mul(v0_n, 2)"));
    }

    [Test]
    public void Two_links_bringing_int_and_str_into_one_variable_conflict()
    {
        var (_, main, _) = Functions();
        var span = main.Ast.Span;
        var graph = new FunctionGraph("main", "main", span, ["argv"]);
        var test = graph.NewVariable("t");
        var join = new Block([graph.NewVariable("x")]);
        graph.StartBlock.Operations.Add(new Operation(OpCode.IsTrue, [graph.Parameters[0]], test, span));
        graph.StartBlock.CloseWithBool(test, new Link(join, [Constant.Int(1)]), new Link(join, [Constant.Str("ab")]), span);
        join.CloseWithGoto(new Link(graph.ReturnBlock, [join.Inputs[0]]));

        var error = Assert.Throws<DiagnosticException>(() => Annotator.Annotate(main, _ => graph))!;
        Assert.That(error.Diagnostic.Message, Is.EqualTo("variable 'x' can be int or str"));
    }
}
