// Checks the JIT hints of an annotated program before anything consumes them (RPY.md, "JIT hints"):
// each driver's jit_merge_point and can_enter_jit calls name every green and red of the driver once,
// by keyword; greens hold values the JIT can treat as constants (ints, floats, bools, chars, strs,
// instances: not lists, dicts or tuples, whose contents change or are not one value); a function holds
// the merge point of one driver at most, a driver has one merge point in the whole program, and
// can_enter_jit appears only beside its driver's merge point; what is live at a merge point is a green or a
// red (MergePointLivenessChecker), and can_enter_jit passes what the merge point will see next
// (CanEnterJitChecker); a driver's get_printable_location is a function of its greens (PrintableLocationHook
// annotates it); set_param names a module-level driver and a constant parameter name. Misuse is a located error.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Jit;

/// <summary>A JitDriver of the program with the names of its greens and reds, and its get_printable_location
/// when given (a function taking the greens, returning a str: PrintableLocationHook annotates it).</summary>
public sealed record JitDriverInfo(PrebuiltBuiltinInstance Driver, ImmutableArray<string> Greens, ImmutableArray<string> Reds,
    FunctionDesc? PrintableLocation)
{
    public override string ToString() => $"JitDriver#{Driver.Id} greens=[{string.Join(", ", Greens)}] reds=[{string.Join(", ", Reds)}]";
}

/// <summary>One jit_merge_point or can_enter_jit call: the values passed for each green and red; or a set_param call
/// (Hint "set_param"): its "name" (a str constant) and "value".</summary>
public sealed record JitHintCall(JitDriverInfo Driver, string Hint, FunctionDesc Function, Operation Call,
    ImmutableDictionary<string, Value> Arguments);

public static class JitHintChecker
{
    public const string HintId = "CPJ001";

    /// <summary>Every merge point and can_enter_jit call of the program, checked.</summary>
    public static IReadOnlyList<JitHintCall> Check(AnnotatedProgram program)
    {
        var calls = new List<JitHintCall>();
        var drivers = new Dictionary<PrebuiltBuiltinInstance, JitDriverInfo>();
        var mergePoints = new Dictionary<PrebuiltBuiltinInstance, JitHintCall>();
        foreach (var (function, graph) in program.Graphs.OrderBy(pair => pair.Key.Ast.Span.File, StringComparer.Ordinal).ThenBy(pair => pair.Key.Ast.Span.Start))
        {
            var inFunction = new List<JitHintCall>();
            foreach (var block in graph.Blocks)
            {
                var hints = new Dictionary<Variable, (PrebuiltBuiltinInstance Driver, string Hint)>();
                foreach (var operation in block.Operations)
                {
                    if (operation is { Code: OpCode.GetAttr, Args: [Constant { Kind: ConstantKind.BuiltinInstance } target, Constant { Value: string name }] }
                        && target.As<PrebuiltBuiltinInstance>() is { Class.Name: "clrpy.jit.JitDriver" } driver
                        && name is "jit_merge_point" or "can_enter_jit")
                    {
                        hints[operation.Result] = (driver, name);
                        continue;
                    }
                    if (operation is { Code: OpCode.CallMethod, Args: [Constant { Kind: ConstantKind.BuiltinInstance } receiver, Constant { Value: "jit_merge_point" or "can_enter_jit" } method, ..] }
                        && receiver.As<PrebuiltBuiltinInstance>() is { Class.Name: "clrpy.jit.JitDriver" })
                        Fail(operation.Span, $"{method.Value}() takes the greens and reds as keyword arguments (name=value), not by position");
                    if (operation.Code is OpCode.SimpleCall or OpCode.CallArgs
                        && operation.Args[0] is Constant { Kind: ConstantKind.Builtin } builtin && builtin.As<BuiltinDesc>().Name == SetParamName)
                    {
                        calls.Add(CheckSetParam(program, drivers, function, operation));
                        continue;
                    }
                    if (operation.Code is OpCode.SimpleCall or OpCode.CallArgs && operation.Args[0] is Variable callee
                        && hints.TryGetValue(callee, out var hint))
                    {
                        if (!drivers.TryGetValue(hint.Driver, out var info))
                            drivers[hint.Driver] = info = DriverInfo(hint.Driver, operation.Span);
                        var call = CheckCall(program, info, hint.Hint, function, operation);
                        inFunction.Add(call);
                        calls.Add(call);
                    }
                }
            }
            CheckPlacement(inFunction, mergePoints);
            foreach (var merge in inFunction.Where(call => call.Hint == "jit_merge_point"))
            {
                MergePointLivenessChecker.Check(graph, merge);
                foreach (var canEnter in inFunction.Where(call => call.Hint == "can_enter_jit" && call.Driver == merge.Driver))
                    CanEnterJitChecker.Check(graph, canEnter, merge);
            }
        }
        return calls;
    }

    private static JitDriverInfo DriverInfo(PrebuiltBuiltinInstance driver, SourceSpan use)
    {
        ImmutableArray<string> Names(string keyword, string position)
        {
            var value = driver.Arguments.GetValueOrDefault(keyword) ?? driver.Arguments.GetValueOrDefault(position);
            var items = value?.Value switch
            {
                PrebuiltList list => list.Items,
                ImmutableArray<Constant> tuple => [.. tuple],
                _ => null,
            };
            if (items is null || items.Any(item => item.Value is not string))
                Fail(use, $"the JitDriver used here needs {keyword}=[...] with a list of variable names");
            return [.. items!.Select(item => (string)item.Value!)];
        }
        var greens = Names("greens", "0");
        var reds = Names("reds", "1");
        if (greens.Intersect(reds).FirstOrDefault() is { } both)
            Fail(use, $"'{both}' is both a green and a red of the JitDriver used here");
        if (reds.IsEmpty)
            Fail(use, "the JitDriver used here has no reds; the interpreter's changing state (its frame, stack, ...) must be reds");
        return new JitDriverInfo(driver, greens, reds, PrintableLocation(driver, greens, use));
    }

    /// <summary>get_printable_location (by keyword, or third by position as in clrpy.jit's JitDriver) unless absent or
    /// None: a function the JIT calls with the greens in their declared order.</summary>
    private static FunctionDesc? PrintableLocation(PrebuiltBuiltinInstance driver, ImmutableArray<string> greens, SourceSpan use)
    {
        var hook = driver.Arguments.GetValueOrDefault("get_printable_location") ?? driver.Arguments.GetValueOrDefault("2");
        if (hook is null or { Kind: ConstantKind.None })
            return null;
        string expected = $"the greens ({string.Join(", ", greens)})";
        if (hook is not { Kind: ConstantKind.Function } || hook.As<FunctionDesc>() is not { Kind: FunctionKind.Function or FunctionKind.StaticMethod } function)
        {
            Fail(use, $"the get_printable_location of the JitDriver used here is not a function: it must be a function taking {expected} and returning a str");
            return null;
        }
        if (function.ParameterNames.Length != greens.Length)
            Fail(function.Ast.Span, $"{function.Name}() takes {Count(function.ParameterNames.Length, "parameter")}, but as the get_printable_location of a JitDriver with {Count(greens.Length, "green")} it is called with {expected}",
                new DiagnosticNote("the JitDriver is used here", use));
        return function;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static JitHintCall CheckCall(AnnotatedProgram program, JitDriverInfo driver, string hint, FunctionDesc function, Operation call)
    {
        var span = call.Span;
        if (call.Code == OpCode.SimpleCall && call.Args.Length > 1)
            Fail(span, $"{hint}() takes the greens and reds as keyword arguments (name=value), not by position");
        var names = call.Code == OpCode.CallArgs
            ? ((ImmutableArray<Constant>)((Constant)call.Args[1]).Value!).Select(name => (string)name.Value!).ToList()
            : [];
        int first = call.Code == OpCode.CallArgs ? 2 : 1;
        if (names.Contains("*") || call.Args.Length - first != names.Count)
            Fail(span, $"{hint}() takes the greens and reds as keyword arguments (name=value), not by position");
        var arguments = ImmutableDictionary.CreateBuilder<string, Value>();
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            if (!driver.Greens.Contains(name) && !driver.Reds.Contains(name))
                Fail(span, $"'{name}' is neither a green nor a red of this JitDriver (greens: {string.Join(", ", driver.Greens)}; reds: {string.Join(", ", driver.Reds)})");
            arguments[name] = call.Args[first + i];
        }
        foreach (var green in driver.Greens.Where(green => !arguments.ContainsKey(green)))
            Fail(span, $"the green '{green}' is missing at {hint}(): every green and red of the driver must be passed");
        foreach (var red in driver.Reds.Where(red => !arguments.ContainsKey(red)))
            Fail(span, $"the red '{red}' is missing at {hint}(): every green and red of the driver must be passed");
        foreach (var green in driver.Greens)
        {
            var annotation = arguments[green] is Variable variable ? program.Of(variable) : null;
            if (annotation is SomeList or SomeDict or SomeTuple or SomePbc)
                Fail(span, $"the green '{green}' is a {annotation.UserName}: greens must be ints, floats, bools, chars, strs or instances, values the JIT can treat as constants",
                    new DiagnosticNote($"'{green}' is a {annotation.UserName} here", annotation.Origin));
        }
        return new JitHintCall(driver, hint, function, call, arguments.ToImmutable());
    }

    private const string SetParamName = "clrpy.jit.set_param";

    /// <summary>set_param(driver, name, value): the driver is a module-level JitDriver (which one is settled when the
    /// program is translated) and the name a constant str; the value is any int or str expression.</summary>
    private static JitHintCall CheckSetParam(AnnotatedProgram program, Dictionary<PrebuiltBuiltinInstance, JitDriverInfo> drivers,
        FunctionDesc function, Operation call)
    {
        var span = call.Span;
        if (call.Code != OpCode.SimpleCall || call.Args.Length != 4)
            Fail(span, "set_param() takes three arguments by position: set_param(driver, name, value)");
        if (call.Args[1] is not Constant { Kind: ConstantKind.BuiltinInstance } target
            || target.As<PrebuiltBuiltinInstance>() is not { Class.Name: "clrpy.jit.JitDriver" } driver)
            throw Failure(span, "set_param() needs a module-level JitDriver as its first argument, not a value computed at run time",
                [.. OriginOf(program, call.Args[1], "the driver passed comes from here")]);
        if (call.Args[2] is not Constant { Value: string })
            Fail(span, "set_param() needs the parameter's name as a constant str (such as \"threshold\"), not a value computed at run time",
                [.. OriginOf(program, call.Args[2], "the name passed comes from here")]);
        if (!drivers.TryGetValue(driver, out var info))
            drivers[driver] = info = DriverInfo(driver, span);
        var arguments = ImmutableDictionary<string, Value>.Empty.Add("name", call.Args[2]).Add("value", call.Args[3]);
        return new JitHintCall(info, "set_param", function, call, arguments);
    }

    /// <summary>A note pointing at where a variable's value was made, when the annotator knows.</summary>
    private static IEnumerable<DiagnosticNote> OriginOf(AnnotatedProgram program, Value value, string message) =>
        value is Variable variable && program.Of(variable)?.Origin is { } origin ? [new DiagnosticNote(message, origin)] : [];

    private static void CheckPlacement(List<JitHintCall> calls, Dictionary<PrebuiltBuiltinInstance, JitHintCall> mergePoints)
    {
        var merges = calls.Where(call => call.Hint == "jit_merge_point").ToList();
        if (merges.Select(call => call.Driver.Driver).Distinct().Count() > 1)
        {
            var second = merges.First(call => call.Driver.Driver != merges[0].Driver.Driver);
            Fail(second.Call.Span, "a second JitDriver's jit_merge_point in this function: a function holds the merge point of one driver at most",
                new DiagnosticNote("the first driver's merge point", merges[0].Call.Span));
        }
        foreach (var merge in merges)
        {
            if (mergePoints.TryGetValue(merge.Driver.Driver, out var earlier))
                Fail(merge.Call.Span, "this JitDriver already has a jit_merge_point: a driver has exactly one, in its interpreter's main loop",
                    new DiagnosticNote("the other jit_merge_point", earlier.Call.Span));
            mergePoints[merge.Driver.Driver] = merge;
        }
        foreach (var enter in calls.Where(call => call.Hint == "can_enter_jit"))
        {
            if (!merges.Any(merge => merge.Driver.Driver == enter.Driver.Driver))
                Fail(enter.Call.Span, "can_enter_jit() outside the function holding its driver's jit_merge_point");
        }
    }

    private static void Fail(SourceSpan? span, string message, params DiagnosticNote[] notes) => throw Failure(span, message, notes);

    private static Exception Failure(SourceSpan? span, string message, params DiagnosticNote[] notes) => span is { } at
        ? new DiagnosticException(Diagnostic.Error(HintId, at, message, notes))
        : new InvalidOperationException(message);
}
