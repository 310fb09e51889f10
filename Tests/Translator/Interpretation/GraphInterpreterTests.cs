// The graph interpreter runs hand-built typed graphs with Python's semantics: calls and recursion,
// loops through bool switches, exceptions caught by exception links or escaping to the caller,
// virtual method dispatch, text conversions, and the recursion limit.
using ClrPy.Translator.Interpretation;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Interpretation;

public sealed class GraphInterpreterTests
{
    private static readonly LowLevelType Int = LowLevelType.Signed;
    private readonly BuiltinClasses _builtins = new();

    private InstanceType ExceptionType => new(_builtins.Exception);

    private static TypedConstant Const(long value) => new(value, Int);

    private static TypedVariable Emit(TypedGraph graph, TypedBlock block, LowOpCode code, LowLevelType type, object? descriptor, params TypedValue[] args)
    {
        var result = graph.NewVariable(null, type);
        block.Operations.Add(new TypedOperation(code, [.. args], result, descriptor, null));
        return result;
    }

    /// <summary>fib(n) = n if n &lt; 2 else fib(n - 1) + fib(n - 2)</summary>
    private FunctionDescriptor Fib()
    {
        var fib = new FunctionDescriptor("fib", [Int], Int);
        var graph = new TypedGraph("fib", [("n", Int)], Int, ExceptionType);
        var start = graph.StartBlock;
        var n = start.Inputs[0];
        var small = Emit(graph, start, LowOpCode.IntLt, LowLevelType.Bool, null, n, Const(2));
        var recurse = new TypedBlock([graph.NewVariable("n", Int)]);
        start.Branch(small, new TypedLink(recurse, [n]), new TypedLink(graph.ReturnBlock, [n]));
        var m = recurse.Inputs[0];
        var m1 = Emit(graph, recurse, LowOpCode.IntSub, Int, null, m, Const(1));
        var f1 = Emit(graph, recurse, LowOpCode.DirectCall, Int, fib, m1);
        var m2 = Emit(graph, recurse, LowOpCode.IntSub, Int, null, m, Const(2));
        var f2 = Emit(graph, recurse, LowOpCode.DirectCall, Int, fib, m2);
        var sum = Emit(graph, recurse, LowOpCode.IntAdd, Int, null, f1, f2);
        recurse.Goto(new TypedLink(graph.ReturnBlock, [sum]));
        fib.Graph = graph;
        return fib;
    }

    [Test]
    public void Recursive_calls_compute_fibonacci()
    {
        var fib = Fib();
        Assert.That(TypedGraphVerifier.Verify(fib.Graph!), Is.Empty);
        var (value, exception) = new GraphInterpreter(_builtins, TextWriter.Null).Call(fib, [15L]);
        Assert.That((value, exception), Is.EqualTo(((object)610L, (RpyInstance?)null)));
    }

    /// <summary>safe_div(a, b): try: return a // b except ZeroDivisionError: return -1</summary>
    private FunctionDescriptor SafeDiv(bool catchIt)
    {
        var function = new FunctionDescriptor("safe_div", [Int, Int], Int);
        var graph = new TypedGraph("safe_div", [("a", Int), ("b", Int)], Int, ExceptionType);
        var start = graph.StartBlock;
        var quotient = Emit(graph, start, LowOpCode.IntFloorDiv, Int, null, start.Inputs[0], start.Inputs[1]);
        var caught = graph.NewVariable("e", ExceptionType);
        var handlers = catchIt
            ? new[] { new TypedLink(graph.ReturnBlock, [Const(-1)]) { Catches = _builtins["ZeroDivisionError"], ExceptionValue = caught } }
            : [new TypedLink(graph.ExceptBlock, [caught]) { Catches = _builtins.Exception, ExceptionValue = caught }];
        start.Catch(new TypedLink(graph.ReturnBlock, [quotient]), handlers);
        function.Graph = graph;
        return function;
    }

    [TestCase(7, 2, 3)]
    [TestCase(-7, 2, -4)]
    [TestCase(7, -2, -4)]
    [TestCase(-7, -2, 3)]
    [TestCase(7, 0, -1)]
    public void Floor_division_has_python_semantics_and_exception_links_catch(long a, long b, long expected)
    {
        var function = SafeDiv(catchIt: true);
        Assert.That(TypedGraphVerifier.Verify(function.Graph!), Is.Empty);
        Assert.That(new GraphInterpreter(_builtins, TextWriter.Null).Call(function, [a, b]).Value, Is.EqualTo(expected));
    }

    [Test]
    public void An_exception_escaping_a_function_reaches_the_caller_with_its_class_and_message()
    {
        var (_, exception) = new GraphInterpreter(_builtins, TextWriter.Null).Call(SafeDiv(catchIt: false), [1L, 0L]);
        Assert.That(exception!.Class.Name, Is.EqualTo("ZeroDivisionError"));
        Assert.That(PyValues.Str(exception), Is.EqualTo("integer division or modulo by zero"));
    }

    [Test]
    public void A_loop_through_a_bool_switch_sums_and_prints_with_python_text()
    {
        // total = 0.0; i = 0; while i < 10: total += i * 0.5; i += 1; print(total, i)
        var main = new FunctionDescriptor("main", [], LowLevelType.Void);
        var graph = new TypedGraph("main", [], LowLevelType.None, ExceptionType);
        var loop = new TypedBlock([graph.NewVariable("total", LowLevelType.Float), graph.NewVariable("i", Int)]);
        graph.StartBlock.Goto(new TypedLink(loop, [new TypedConstant(0.0, LowLevelType.Float), Const(0)]));
        var (total, i) = (loop.Inputs[0], loop.Inputs[1]);
        var more = Emit(graph, loop, LowOpCode.IntLt, LowLevelType.Bool, null, i, Const(10));
        var body = new TypedBlock([graph.NewVariable("total", LowLevelType.Float), graph.NewVariable("i", Int)]);
        var done = new TypedBlock([graph.NewVariable("total", LowLevelType.Float), graph.NewVariable("i", Int)]);
        loop.Branch(more, new TypedLink(done, [total, i]), new TypedLink(body, [total, i]));
        var asFloat = Emit(graph, body, LowOpCode.CastIntToFloat, LowLevelType.Float, null, body.Inputs[1]);
        var half = Emit(graph, body, LowOpCode.FloatMul, LowLevelType.Float, null, asFloat, new TypedConstant(0.5, LowLevelType.Float));
        var newTotal = Emit(graph, body, LowOpCode.FloatAdd, LowLevelType.Float, null, body.Inputs[0], half);
        var next = Emit(graph, body, LowOpCode.IntAdd, Int, null, body.Inputs[1], Const(1));
        body.Goto(new TypedLink(loop, [newTotal, next]));
        var totalText = Emit(graph, done, LowOpCode.ToStr, LowLevelType.Str, null, done.Inputs[0]);
        var countText = Emit(graph, done, LowOpCode.ToStr, LowLevelType.Str, null, done.Inputs[1]);
        var line = Emit(graph, done, LowOpCode.StrConcat, LowLevelType.Str, null, totalText, new TypedConstant(" ", LowLevelType.Str));
        line = Emit(graph, done, LowOpCode.StrConcat, LowLevelType.Str, null, line, countText);
        line = Emit(graph, done, LowOpCode.StrConcat, LowLevelType.Str, null, line, new TypedConstant("\n", LowLevelType.Str));
        Emit(graph, done, LowOpCode.WriteStdout, LowLevelType.Void, null, line);
        done.Goto(new TypedLink(graph.ReturnBlock, [new TypedConstant(null, LowLevelType.None)]));
        main.Graph = graph;
        Assert.That(TypedGraphVerifier.Verify(graph), Is.Empty);
        var output = new StringWriter();
        new GraphInterpreter(_builtins, output).Call(main, []);
        Assert.That(output.ToString(), Is.EqualTo("22.5 10\n"));
    }

    [Test]
    public void Method_calls_dispatch_on_the_receivers_class()
    {
        var shape = new ClassDescriptor("Shape", null);
        var square = new ClassDescriptor("Square", shape);
        var shapeType = new InstanceType(shape);
        FunctionDescriptor Constant(string name, long value)
        {
            var function = new FunctionDescriptor(name, [shapeType], Int);
            var graph = new TypedGraph(name, [("self", shapeType)], Int, ExceptionType);
            graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [Const(value)]));
            function.Graph = graph;
            return function;
        }
        var slot = shape.AddMethod("sides", Constant("Shape.sides", 0));
        square.AddMethod("sides", Constant("Square.sides", 4));
        var call = new FunctionDescriptor("count", [shapeType], Int);
        var callGraph = new TypedGraph("count", [("s", shapeType)], Int, ExceptionType);
        var sides = Emit(callGraph, callGraph.StartBlock, LowOpCode.MethodCall, Int, slot, callGraph.StartBlock.Inputs[0]);
        callGraph.StartBlock.Goto(new TypedLink(callGraph.ReturnBlock, [sides]));
        call.Graph = callGraph;
        Assert.That(TypedGraphVerifier.Verify(callGraph), Is.Empty);
        var interpreter = new GraphInterpreter(_builtins, TextWriter.Null);
        Assert.That(interpreter.Call(call, [new RpyInstance(square)]).Value, Is.EqualTo(4L));
        Assert.That(interpreter.Call(call, [new RpyInstance(shape)]).Value, Is.EqualTo(0L));
    }

    [Test]
    public void Unbounded_recursion_raises_RecursionError_instead_of_overflowing_the_stack()
    {
        var loop = new FunctionDescriptor("forever", [Int], Int);
        var graph = new TypedGraph("forever", [("n", Int)], Int, ExceptionType);
        var result = Emit(graph, graph.StartBlock, LowOpCode.DirectCall, Int, loop, graph.StartBlock.Inputs[0]);
        graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [result]));
        loop.Graph = graph;
        var (_, exception) = new GraphInterpreter(_builtins, TextWriter.Null) { MaxDepth = 200 }.Call(loop, [1L]);
        Assert.That(exception!.Class.Name, Is.EqualTo("RecursionError"));
    }

    [Test]
    public void The_verifier_reports_an_operand_of_the_wrong_representation()
    {
        var graph = new TypedGraph("bad", [("s", LowLevelType.Str)], Int, ExceptionType);
        var sum = Emit(graph, graph.StartBlock, LowOpCode.IntAdd, Int, null, graph.StartBlock.Inputs[0], Const(1));
        graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [sum]));
        Assert.That(TypedGraphVerifier.Verify(graph), Has.One.Contains("int_add").And.Contains("operand 1 is Str"));
    }
}
