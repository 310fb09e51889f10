// RepeatFusion: [x] * n becomes one list_repeat when the one-item list is read only by the multiplication;
// a one-item list read elsewhere keeps its newlist and list_mul. Results match CPython on the graph
// interpreter, the jitcodes and the CIL backend.
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Tests.Translator.Running;
using ClrPy.Translator;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Typing;

public sealed class RepeatFusionTests
{
    private const string Source = """
        def make(n, word):
            zeros = [0] * n
            words = n * [word]
            return len(zeros) + len(words) + zeros[n - 1]

        def kept(n):
            one = [7]
            many = one * n
            one.append(8)
            return len(one) * 100 + len(many)

        def main(argv):
            print(make(3, "a"), kept(4), kept(0), kept(-2))
            print([1.5] * 3, ["x"] * -1, [None] * 2, [0] * 0)
            stack = [0] * 16
            stack[15] = 9
            print(stack)
            return 0
        """;

    private static TypedGraph Graph(string function)
    {
        var parsed = PythonParser.Parse(new SourceText("prog.py", Source));
        Assert.That(parsed.Succeeded, Is.True);
        return Pipeline.Load(parsed.Module!).Lower().Functions.Single(f => f.Name == function).Graph!;
    }

    private static List<LowOpCode> Codes(TypedGraph graph) =>
        [.. graph.Blocks().SelectMany(block => block.Operations).Select(operation => operation.Code)];

    [Test]
    public void A_one_item_list_times_n_is_one_list_repeat_on_either_side()
    {
        var codes = Codes(Graph("make"));
        Assert.That(codes.Count(code => code == LowOpCode.ListRepeat), Is.EqualTo(2));
        Assert.That(codes, Has.None.EqualTo(LowOpCode.NewList).And.None.EqualTo(LowOpCode.ListMul));
    }

    [Test]
    public void A_one_item_list_read_elsewhere_keeps_its_newlist_and_list_mul()
    {
        var codes = Codes(Graph("kept"));
        Assert.That(codes, Has.Member(LowOpCode.NewList).And.Member(LowOpCode.ListMul));
        Assert.That(codes, Has.No.Member(LowOpCode.ListRepeat));
    }

    [Test]
    public void Repeated_lists_print_as_on_cpython_in_the_graph_interpreter_and_jitcodes() =>
        Snippets.AssertLikeCpython(Source, jitcodes: true);

    [Test]
    public void Repeated_lists_print_as_on_cpython_in_the_cil_backend() =>
        Snippets.AssertLikeCpython(Source, cil: true);
}
