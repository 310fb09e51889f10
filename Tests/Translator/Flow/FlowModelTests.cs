// Tests of the flow-graph model itself: the opcode table, the printer's text form and the checker,
// on graphs assembled by hand (the builder's tests are in FlowBuilderTests).
using ClrPy.Frontend.Text;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Tests.Translator.Flow;

public sealed class FlowModelTests
{
    private static readonly SourceText Source = new("fib.py", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n");

    private static SourceSpan At(int line, int column) =>
        new(Source, Source.GetLineStart(line) + column - 1, Source.GetLineStart(line) + column);

    [Test]
    public void Opcode_table_is_indexed_by_opcode_and_names_are_unique()
    {
        var all = OpCodes.All;
        for (int i = 0; i < all.Count; i++)
            Assert.That((int)all[i].Code, Is.EqualTo(i), all[i].Name);
        Assert.That(all.Select(info => info.Name).Distinct().Count(), Is.EqualTo(all.Count));
        Assert.That(Enum.GetValues<OpCode>(), Has.Length.EqualTo(all.Count));
    }

    private static FunctionGraph HandBuiltFib()
    {
        var graph = new FunctionGraph("fib", "fib", At(1, 1), ["n"]);
        var n = graph.Parameters[0];
        var start = graph.StartBlock;
        var test = graph.NewVariable(null);
        start.Operations.Add(new Operation(OpCode.Lt, [n, Constant.Int(2)], test, At(2, 8)));
        var n1 = graph.NewVariable("n");
        var recurse = new Block([n1]);
        start.CloseWithBool(test, new Link(recurse, [n]), new Link(graph.ReturnBlock, [n]), At(2, 8));
        var minus1 = graph.NewVariable(null);
        recurse.Operations.Add(new Operation(OpCode.Sub, [n1, Constant.Int(1)], minus1, At(4, 16)));
        var call = graph.NewVariable(null);
        recurse.Operations.Add(new Operation(OpCode.SimpleCall, [Constant.Str("fib"), minus1], call, At(4, 12)));
        recurse.CloseWithGoto(new Link(graph.ReturnBlock, [call]));
        return graph;
    }

    [Test]
    public void Printer_shows_blocks_in_reading_order_with_renumbered_variables_and_positions()
    {
        string text = FlowPrinter.Print(HandBuiltFib());
        Assert.That(text, Is.EqualTo(
            """
            graph fib(v0_n) at fib.py:1
            block0(v0_n):
                v1 = lt(v0_n, 2)                        # fib.py:2:8
                switch v1: false -> block1(v0_n), true -> block2(v0_n)
            block1(v2_n):
                v3 = sub(v2_n, 1)                       # fib.py:4:16
                v4 = simple_call('fib', v3)             # fib.py:4:12
                goto block2(v4)
            block2(v5_result):
                return v5_result
            block3(v6_exc):
                raise v6_exc

            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void Checker_accepts_a_well_formed_graph()
    {
        Assert.That(FlowGraphChecker.Check(HandBuiltFib()), Is.Empty);
    }

    [Test]
    public void Checker_reports_a_variable_used_outside_its_block()
    {
        var graph = HandBuiltFib();
        var recurse = graph.StartBlock.Exits[0].Target;
        recurse.Exits[0].Args[0] = graph.Parameters[0];
        Assert.That(FlowGraphChecker.Check(graph), Has.Some.Contains("not defined in the block"));
    }

    [Test]
    public void Checker_reports_a_link_with_the_wrong_number_of_values()
    {
        var graph = HandBuiltFib();
        graph.StartBlock.Exits[1].Args.Add(Constant.None);
        Assert.That(FlowGraphChecker.Check(graph), Has.Some.Contains("passes 2 values"));
    }

    [Test]
    public void Dot_output_has_a_node_per_block_and_an_edge_per_link()
    {
        string dot = DotWriter.Write(HandBuiltFib());
        Assert.That(dot, Does.StartWith("digraph \"fib\" {"));
        Assert.That(dot, Does.Contain("block0 -> block1 [label=\"False\\n(v0_n)\"]"));
        Assert.That(dot, Does.Contain("block1 -> block2 [label=\"(v4)\"]"));
    }

    [Test]
    public void Dot_files_are_named_after_functions_with_safe_and_distinct_names()
    {
        string directory = Directory.CreateTempSubdirectory("clrpy-dot-").FullName;
        try
        {
            var graphs = new[] { "<lambda>", "<lambda>", "Frame.run" }.Select(name =>
            {
                var graph = new FunctionGraph(name, name, At(1, 1), []);
                graph.StartBlock.CloseWithGoto(new Link(graph.ReturnBlock, [Constant.None]));
                return graph;
            });
            var paths = DotWriter.WriteFiles(graphs, directory);
            Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new[] { "_lambda_.dot", "_lambda__2.dot", "Frame.run.dot" }));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Test]
    public void Constants_print_like_python_literals()
    {
        Assert.That(Constant.Float(1e16).ToString(), Is.EqualTo("1e+16"));
        Assert.That(Constant.Float(0.1).ToString(), Is.EqualTo("0.1"));
        Assert.That(Constant.Float(3.0).ToString(), Is.EqualTo("3.0"));
        Assert.That(Constant.Float(1e-5).ToString(), Is.EqualTo("1e-05"));
        Assert.That(Constant.Float(123456.789).ToString(), Is.EqualTo("123456.789"));
        Assert.That(Constant.Str("it's\n").ToString(), Is.EqualTo("\"it's\\n\""));
        Assert.That(Constant.Tuple([Constant.Int(1)]).ToString(), Is.EqualTo("(1,)"));
        Assert.That(Constant.Of(Builtins.LookupGlobal("len")!).ToString(), Is.EqualTo("<builtin len>"));
    }
}
