// The flow builder, construct by construct: each test builds a small function, checks the graph
// with FlowGraphChecker (FlowTestSupport does it for every graph) and states its shape.
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;
using static ClrPy.Tests.Translator.Flow.FlowTestSupport;

namespace ClrPy.Tests.Translator.Flow;

public sealed class FlowBuilderTests
{
    private static IEnumerable<Block> Switching(FunctionGraph graph, ExitSwitch kind) => graph.Blocks.Where(b => !b.IsFinal && b.Switch == kind);

    [Test]
    public void If_else_tests_a_comparison_directly_and_joins_both_branches()
    {
        var graph = Graph("def f(x):\n    if x < 0:\n        y = -x\n    else:\n        y = x\n    return y\n");
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.IsTrue), Is.Zero);
        Assert.That(graph.ReturnBlock.Inputs, Has.Count.EqualTo(1));
        Assert.That(Count(graph, OpCode.Neg), Is.EqualTo(1));
    }

    [Test]
    public void Truth_of_a_plain_value_is_tested_with_is_true()
    {
        var graph = Graph("def f(items):\n    if items:\n        return 1\n    return 0\n");
        Assert.That(Count(graph, OpCode.IsTrue), Is.EqualTo(1));
    }

    [Test]
    public void And_in_a_condition_branches_on_each_operand_without_materialising_a_bool()
    {
        var graph = Graph("def f(a, b):\n    if a > 0 and b > 0:\n        return 1\n    return 0\n");
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(2));
        Assert.That(Count(graph, OpCode.Gt), Is.EqualTo(2));
    }

    [Test]
    public void Or_as_a_value_is_a_branch_whose_paths_join_with_the_chosen_value()
    {
        var graph = Graph("def f(a, b):\n    x = a or b\n    return x\n");
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.IsTrue), Is.EqualTo(1));
        Assert.That(graph.Blocks.Count(b => b.Exits.Any(l => l.Target == graph.ReturnBlock)), Is.EqualTo(2).Or.EqualTo(1));
    }

    [Test]
    public void Conditional_expression_is_a_branch()
    {
        var graph = Graph("def f(a):\n    return 1 if a else 2\n");
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(1));
    }

    [Test]
    public void Chained_comparison_short_circuits_and_evaluates_the_middle_operand_once()
    {
        var graph = Graph("def g():\n    return 1\n\ndef f(a, c):\n    return a < g() < c\n");
        Assert.That(Count(graph, OpCode.SimpleCall), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.Lt), Is.EqualTo(2));
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(1));
    }

    [Test]
    public void While_loop_has_a_header_with_a_back_edge_and_break_skips_the_else_clause()
    {
        var graph = Graph(
            "def f(n):\n    i = 0\n    while i < n:\n        if i == 5:\n            break\n        i += 1\n    else:\n        print('done')\n    return i\n");
        var header = graph.Blocks.Single(b => b.Operations.Any(o => o.Code == OpCode.Lt));
        Assert.That(graph.Blocks.Count(b => b.Exits.Any(l => l.Target == header)), Is.EqualTo(2), "entry and back edge");
        Assert.That(Count(graph, OpCode.SimpleCall), Is.EqualTo(1));
    }

    [Test]
    public void While_true_needs_no_test()
    {
        var graph = Graph("def f(n):\n    while True:\n        n -= 1\n        if n < 0:\n            return n\n");
        Assert.That(Count(graph, OpCode.IsTrue), Is.Zero);
        Assert.That(Switching(graph, ExitSwitch.Bool).Count(), Is.EqualTo(1));
    }

    [Test]
    public void For_loop_iterates_with_next_whose_stop_iteration_exit_leaves_the_loop()
    {
        var graph = Graph("def f(items):\n    total = 0\n    for x in items:\n        total += x\n    return total\n");
        Assert.That(Count(graph, OpCode.Iter), Is.EqualTo(1));
        var loop = Switching(graph, ExitSwitch.LastException).Single();
        Assert.That(loop.Operations[^1].Code, Is.EqualTo(OpCode.Next));
        Assert.That(loop.Exits[1].Case!.Value, Is.EqualTo(Builtins.StopIteration));
    }

    [Test]
    public void For_loop_over_range_calls_the_range_builtin_then_iterates()
    {
        var graph = Graph("def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n");
        var call = graph.Blocks.SelectMany(b => b.Operations).First(o => o.Code == OpCode.SimpleCall);
        Assert.That(((Constant)call.Args[0]).Value, Is.EqualTo(Builtins.LookupGlobal("range")));
    }

    [Test]
    public void Continue_links_back_to_the_loop_header()
    {
        var graph = Graph("def f(items):\n    n = 0\n    for x in items:\n        if x:\n            continue\n        n += 1\n    return n\n");
        var header = Switching(graph, ExitSwitch.LastException).Single();
        Assert.That(graph.Blocks.Count(b => b.Exits.Any(l => l.Target == header)), Is.EqualTo(3), "entry, continue and the end of the body");
    }

    [Test]
    public void Operations_that_can_raise_inside_try_get_an_exception_exit_to_the_handlers()
    {
        var graph = Graph(
            "def f(d, k):\n    try:\n        v = d[k]\n    except KeyError:\n        v = 0\n    return v\n");
        var raising = Switching(graph, ExitSwitch.LastException).Single();
        Assert.That(raising.Operations[^1].Code, Is.EqualTo(OpCode.GetItem));
        Assert.That(raising.Exits[1].ExceptionValue, Is.Not.Null);
        Assert.That(Count(graph, OpCode.IsInstance), Is.EqualTo(1));
        Assert.That(graph.Blocks.Any(b => b.Exits.Any(l => l.Target == graph.ExceptBlock)), Is.True, "an unmatched exception is re-raised");
    }

    [Test]
    public void Operations_outside_try_have_no_exception_exits()
    {
        var graph = Graph("def f(d, k):\n    return d[k]\n");
        Assert.That(Switching(graph, ExitSwitch.LastException), Is.Empty);
    }

    [Test]
    public void Raise_outside_try_links_to_the_except_block_with_a_new_instance()
    {
        var graph = Graph("def f(x):\n    if x:\n        raise ValueError('bad')\n    return x\n");
        var raising = graph.Blocks.Single(b => b.Exits.Any(l => l.Target == graph.ExceptBlock));
        Assert.That(raising.Operations[^1].Code, Is.EqualTo(OpCode.SimpleCall));
    }

    [Test]
    public void Raise_inside_try_goes_to_the_handler_dispatch()
    {
        var graph = Graph("def f(x):\n    try:\n        raise ValueError('bad')\n    except ValueError:\n        return 1\n");
        Assert.That(Count(graph, OpCode.IsInstance), Is.EqualTo(1));
    }

    [Test]
    public void Finally_is_duplicated_on_the_normal_exception_and_return_paths()
    {
        var graph = Graph(
            "def f(x):\n    try:\n        if x:\n            return g(x)\n        g(0)\n    finally:\n        print('cleanup')\n    return 0\n\ndef g(x):\n    return x\n");
        int cleanups = graph.Blocks.SelectMany(b => b.Operations)
            .Count(o => o.Code == OpCode.SimpleCall && o.Args[0] is Constant { Value: BuiltinDesc { Name: "print" } });
        Assert.That(cleanups, Is.EqualTo(3));
    }

    [Test]
    public void Break_inside_try_finally_runs_the_finally_body_before_leaving_the_loop()
    {
        var graph = Graph(
            "def f(items):\n    for x in items:\n        try:\n            if x:\n                break\n        finally:\n            print(x)\n    return 0\n");
        Assert.That(Count(graph, OpCode.SimpleCall), Is.EqualTo(2), "the break and normal paths (nothing in the body can raise)");
    }

    [Test]
    public void Bare_raise_in_a_handler_re_raises_the_caught_exception()
    {
        var graph = Graph("def f(x):\n    try:\n        g(x)\n    except ValueError:\n        raise\n    return 0\n\ndef g(x):\n    return x\n");
        Assert.That(graph.Blocks.Count(b => b.Exits.Any(l => l.Target == graph.ExceptBlock)), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Assert_raises_assertion_error_on_the_false_branch()
    {
        var graph = Graph("def f(x):\n    assert x > 0, 'positive'\n    return x\n");
        var raising = graph.Blocks.Single(b => b.Exits.Any(l => l.Target == graph.ExceptBlock));
        Assert.That(((Constant)raising.Operations[^1].Args[0]).Value, Is.EqualTo(Builtins.AssertionError));
    }

    [Test]
    public void List_comprehension_is_an_inlined_loop_appending_to_a_new_list()
    {
        var graph = Graph("def f(items):\n    return [x * 2 for x in items if x > 0]\n");
        Assert.That(Count(graph, OpCode.NewList), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.Next), Is.EqualTo(1));
        var append = graph.Blocks.SelectMany(b => b.Operations).Single(o => o.Code == OpCode.CallMethod);
        Assert.That(append.Args[1], Is.EqualTo(Constant.Str("append")));
    }

    [Test]
    public void Nested_comprehension_keeps_a_value_computed_before_it()
    {
        var graph = Graph("def f(a, rows):\n    return g(a + 1, [x for row in rows for x in row])\n\ndef g(a, b):\n    return a\n");
        Assert.That(Count(graph, OpCode.Next), Is.EqualTo(2));
    }

    [Test]
    public void Dict_comprehension_sets_items()
    {
        var graph = Graph("def f(items):\n    return {x: x * x for x in items}\n");
        Assert.That(Count(graph, OpCode.NewDict), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.SetItem), Is.EqualTo(1));
    }

    [Test]
    public void Comprehension_variables_do_not_leak_into_the_function()
    {
        var error = Error("def f(items):\n    ys = [x for x in items]\n    return x\n\ndef main(argv):\n    return 0\n");
        Assert.That(error.Message, Is.EqualTo("name 'x' is not defined"));
    }

    [Test]
    public void Swapping_with_a_tuple_display_needs_no_operations()
    {
        var graph = Graph("def f(a, b):\n    a, b = b, a\n    return a - b\n");
        Assert.That(graph.StartBlock.Operations.Select(o => o.Code), Is.EqualTo(new[] { OpCode.Sub }));
    }

    [Test]
    public void Unpacking_a_value_checks_its_length_then_takes_items()
    {
        var graph = Graph("def f(pair):\n    a, b = pair\n    return a\n");
        Assert.That(Count(graph, OpCode.Unpack), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.GetItem), Is.EqualTo(2));
    }

    [Test]
    public void Augmented_assignment_to_an_attribute_reads_modifies_and_writes_it()
    {
        var graph = Graph("def f(obj):\n    obj.count += 1\n");
        Assert.That(graph.StartBlock.Operations.Select(o => o.Code),
            Is.EqualTo(new[] { OpCode.GetAttr, OpCode.InplaceAdd, OpCode.SetAttr }));
    }

    [Test]
    public void Augmented_assignment_to_an_item_evaluates_container_and_index_once()
    {
        var graph = Graph("def g():\n    return 0\n\ndef f(items):\n    items[g()] -= 1\n");
        Assert.That(graph.StartBlock.Operations.Select(o => o.Code),
            Is.EqualTo(new[] { OpCode.SimpleCall, OpCode.GetItem, OpCode.Sub, OpCode.SetItem }));
    }

    [Test]
    public void Del_of_an_item_is_delitem_and_del_of_a_name_unbinds_it()
    {
        var graph = Graph("def f(d, k):\n    del d[k]\n    x = 1\n    del x\n");
        Assert.That(Count(graph, OpCode.DelItem), Is.EqualTo(1));
        Assert.That(Error("def f():\n    x = 1\n    del x\n    return x\n\ndef main(argv):\n    return 0\n").Message, Does.Contain("may be used before it is assigned"));
    }

    [Test]
    public void Module_constants_are_folded_so_only_the_taken_branch_is_built()
    {
        var graph = Graph("DEBUG = False\n\ndef f(x):\n    if DEBUG:\n        print(x)\n    return x\n");
        Assert.That(Switching(graph, ExitSwitch.Bool), Is.Empty);
        Assert.That(Count(graph, OpCode.SimpleCall), Is.Zero);
    }

    [Test]
    public void Global_containers_are_constants()
    {
        var graph = Graph("HISTORY = []\n\ndef f(x):\n    global HISTORY\n    HISTORY.append(x)\n");
        var append = graph.StartBlock.Operations.Single();
        Assert.That(((Constant)append.Args[0]).Kind, Is.EqualTo(ConstantKind.List));
    }

    [Test]
    public void Keyword_arguments_make_a_call_args_with_the_keyword_names()
    {
        var graph = Graph("def g(a, b=2):\n    return a + b\n\ndef f():\n    return g(1, b=3)\n");
        var call = graph.StartBlock.Operations.Single();
        Assert.That(call.Code, Is.EqualTo(OpCode.CallArgs));
        Assert.That(call.Args[1], Is.EqualTo(Constant.Tuple([Constant.Str("b")])));
    }

    [Test]
    public void Star_arguments_are_passed_through_call_args()
    {
        var graph = Graph("def g(a, b):\n    return a + b\n\ndef f(t):\n    return g(*t)\n");
        var call = graph.StartBlock.Operations.Single();
        Assert.That(call.Args[1], Is.EqualTo(Constant.Tuple([Constant.Str("*")])));
    }

    [Test]
    public void Builtins_that_are_operations_become_operations()
    {
        var graph = Graph("def f(x):\n    return len(x) + isinstance(x, list) + type(x)\n");
        Assert.That(graph.StartBlock.Operations.Select(o => o.Code).Take(2), Is.EqualTo(new[] { OpCode.Len, OpCode.IsInstance }));
        Assert.That(Count(graph, OpCode.Type), Is.EqualTo(1));
    }

    [Test]
    public void Method_calls_are_call_method_and_base_methods_are_direct_calls()
    {
        var program = Load(
            "class A(object):\n    def __init__(self, x):\n        self.x = x\n\nclass B(A):\n    def __init__(self, x):\n        A.__init__(self, x)\n        super().__init__(x)\n        self.run(1)\n    def run(self, n):\n        return n\n");
        var graph = program.Functions.Single(f => f.QualifiedName == "B.__init__").Graph!;
        var codes = graph.StartBlock.Operations.Select(o => o.Code).ToList();
        Assert.That(codes, Is.EqualTo(new[] { OpCode.SimpleCall, OpCode.SimpleCall, OpCode.CallMethod }));
        Assert.That(((Constant)graph.StartBlock.Operations[1].Args[0]).Value, Is.SameAs(program.Classes[0].Methods["__init__"]));
    }

    [Test]
    public void F_strings_format_each_field_and_join_the_parts()
    {
        var graph = Graph("def f(x, y):\n    return f'x={x!r} y={y:>4}'\n");
        Assert.That(Count(graph, OpCode.Format), Is.EqualTo(2));
        Assert.That(Count(graph, OpCode.BuildStr), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.SimpleCall), Is.EqualTo(1), "!r calls repr");
    }

    [Test]
    public void Getattr_with_a_constant_name_is_a_getattr_operation()
    {
        var graph = Graph("def f(obj):\n    return getattr(obj, 'name')\n");
        Assert.That(graph.StartBlock.Operations.Single().Code, Is.EqualTo(OpCode.GetAttr));
    }

    [Test]
    public void Slices_are_getslice_and_stepped_slices_build_a_slice_object()
    {
        var graph = Graph("def f(s):\n    return s[1:] + s[::2]\n");
        Assert.That(Count(graph, OpCode.GetSlice), Is.EqualTo(1));
        Assert.That(Count(graph, OpCode.NewSlice), Is.EqualTo(1));
    }

    [Test]
    public void Every_operation_carries_the_span_of_its_node()
    {
        var graph = Graph("def f(a, b):\n    return a +  b\n");
        var add = graph.StartBlock.Operations.Single();
        Assert.That((add.Span.Line, add.Span.Column), Is.EqualTo((2, 12)));
    }

    [Test]
    public void Await_is_reported_as_not_rpy()
    {
        Assert.That(Error("def f(t):\n    return await t\n\ndef main(argv):\n    return 0\n").Message, Is.EqualTo("await is not RPy"));
    }

    [Test]
    public void A_local_assigned_on_one_path_only_is_reported_where_it_is_used()
    {
        var error = Error("def f(x):\n    for i in range(x):\n        last = i\n    return last\n\ndef main(argv):\n    return 0\n");
        Assert.That((error.Span!.Value.Line, error.Span.Value.Column), Is.EqualTo((4, 12)));
    }
}
