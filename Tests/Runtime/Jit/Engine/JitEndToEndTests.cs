// The JIT end to end: every example and every JIT corpus program (Tests/programs/jit_*.py), translated with
// --backend=cil, prints what CPython prints with the JIT eager (tiny thresholds, so loops are traced, run,
// left through guards and blackholed, and functions traced from their start after two calls), with the default parameters, and with CLRPY_JIT=off; the eager run's
// jit-summary shows that the JIT really traced something, and for interpreters whose CALL recurses into the
// portal, that inner portal frames left by guards were finished in the portal's resume entry. set_param changes
// the running JIT (jit_set_param.py with arguments). Frameless portal calls: a callee's entry allocates no frame,
// and a callee frame read after the call is allocated and read back (jit_callee_frame_read.py).
using ClrPy.Tests.Backends.Cil.Aot;
using ClrPy.Tests.Corpus;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Runtime.Jit.Engine;

public sealed class JitEndToEndTests
{
    private static readonly Dictionary<string, string[]> Arguments = new()
    {
        ["examples/tiny_interpreter.py"] = ["20000"],
        ["examples/brainfuck.py"] = ["3", "6"],
        ["examples/stack_vm.py"] = ["1"],
        ["examples/fib.py"] = ["15"],
    };

    /// <summary>Programs whose traces inline a recursive call of the portal and fail guards inside it. (stack_vm's
    /// calls, eager, become portal calls once their functions are traced from their start after two calls.)</summary>
    private static readonly HashSet<string> ResumesInnerPortals = ["Tests/programs/jit_recursive_portal.py"];

    public static IEnumerable<TestCaseData> Programs()
    {
        var corpus = Directory.GetFiles(Repository.PathOf("Tests", "programs"), "jit_*.py")
            .Select(file => "Tests/programs/" + Path.GetFileName(file));
        return Arguments.Keys.Concat(corpus).Order(StringComparer.Ordinal)
            .Select(program => new TestCaseData(program).SetName("Prints_as_on_CPython_with_the_jit_eager_default_and_off(" + Path.GetFileName(program) + ")"));
    }

    [TestCaseSource(nameof(Programs))]
    public void Prints_as_on_CPython_with_the_jit_eager_default_and_off(string relative)
    {
        string program = Repository.PathOf(relative.Split('/'));
        string[] arguments = Arguments.GetValueOrDefault(relative, []);
        string directory = Path.GetDirectoryName(program)!;
        var cpython = Processes.Python([program, .. arguments], directory);
        string assembly = CorpusTranslationTests.Translate(program);
        string log = Path.Combine(Path.GetDirectoryName(assembly)!, "jit.log");
        var modes = new Dictionary<string, Dictionary<string, string>>
        {
            ["eager"] = new() { ["CLRPY_JIT"] = "threshold=2,function_threshold=2,trace_eagerness=2", ["CLRPYLOG"] = "jit-summary:" + log },
            ["default"] = [],
            ["off"] = new() { ["CLRPY_JIT"] = "off" },
        };
        foreach (var (mode, environment) in modes)
        {
            var run = Processes.Run("dotnet", [assembly, .. arguments], directory, environment);
            Assert.That(run.ExitCode, Is.EqualTo(cpython.ExitCode), $"{mode}: exit code; stderr:\n{run.Stderr}");
            Assert.That(run.Stdout, Is.EqualTo(cpython.Stdout), $"{mode}: stdout");
        }
        if (File.ReadAllText(program).Contains("jit_merge_point"))
            Assert.That(File.ReadAllText(log), Does.Match(@"counts: loops=[1-9]"), "the eager run compiled no loop:\n" + File.ReadAllText(log));
        if (ResumesInnerPortals.Contains(relative))
            Assert.That(File.ReadAllText(log), Does.Match(@"portal-resumes=[1-9]"), "no inner portal frame went to the resume entry:\n" + File.ReadAllText(log));
    }

    [Test]
    public void Stack_vm_traces_fib_from_its_start_and_calls_the_portal_for_its_recursion()
    {
        // fib has no loop: it is compiled only by counting calls (function_threshold). Its trace does not unroll
        // the recursion: the recursive calls of execute become portal calls (PyPy's call_assembler)
        string program = Repository.PathOf("examples", "stack_vm.py");
        string assembly = CorpusTranslationTests.Translate(program);
        string log = Path.Combine(Path.GetDirectoryName(assembly)!, "jit-optimize.log");
        var cpython = Processes.Python([program, "1"], Path.GetDirectoryName(program)!);
        var run = Processes.Run("dotnet", [assembly, "1"], Path.GetDirectoryName(program)!,
            new Dictionary<string, string> { ["CLRPY_JIT"] = "function_threshold=50,trace_eagerness=5", ["CLRPYLOG"] = "jit-optimize:" + log });
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo(cpython.Stdout));
        string text = File.ReadAllText(log);
        Assert.That(text, Does.Contain("descr=portal_call"), "no trace calls the portal");
        Assert.That(text, Does.Match(@"(?m)^finish\(i\d+\)$"), "no trace ends with the portal returning");
    }

    /// <summary>Runs a program (a path below the repository) translated with --backend=cil with <paramref name="jit"/>
    /// (CLRPY_JIT, none when null) and CLRPYLOG=<paramref name="categories"/>:FILE; checks it exits with 0 and
    /// returns (stdout, the log's text).</summary>
    private static (string Stdout, string Log) RunLogged(string[] relative, string[] arguments, string? jit, string categories)
    {
        string program = Repository.PathOf(relative);
        string assembly = CorpusTranslationTests.Translate(program);
        string log = Path.Combine(Path.GetDirectoryName(assembly)!, categories.Replace(',', '-') + ".log");
        var environment = new Dictionary<string, string> { ["CLRPYLOG"] = categories + ":" + log };
        if (jit is not null)
            environment["CLRPY_JIT"] = jit;
        var run = Processes.Run("dotnet", [assembly, .. arguments], Path.GetDirectoryName(program)!, environment);
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        return (run.Stdout, File.ReadAllText(log));
    }

    [Test]
    public void A_bridge_too_long_because_of_an_inlined_callee_is_traced_again_without_it()
    {
        // the loop's trace leaves out the @unroll_safe helper; the bridge from the guard that leads to it first
        // inlines it and runs past trace_limit, the helper is marked not inlinable, and the guard gets its bridge on
        // a later try, calling it (before, it blackholed on every failure for the rest of the run)
        var (stdout, text) = RunLogged(["Tests", "programs", "jit_long_callee.py"], [], "trace_limit=150,trace_eagerness=5",
            "jit-abort,jit-backend,jit-optimize");
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(Repository.PathOf("Tests", "programs", "jit_long_callee.out"))));
        var tooLong = System.Text.RegularExpressions.Regex.Matches(text, @"reason=TooLong location=Bridge(\d+)")
            .Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.That(tooLong, Is.Not.Empty, "no bridge ran past trace_limit: the test no longer tests the retry\n" + text);
        Assert.That(tooLong.Any(guard => text.Contains($"bridge-compiled: guard={guard} ")), Is.True,
            "no guard whose bridge was too long got a bridge later\n" + text);
        Assert.That(text, Does.Contain("descr=checksum"), "no trace calls the helper\n" + text);
    }

    [Test]
    public void Every_bridge_of_a_small_loop_is_compiled_into_its_method_even_the_last_one()
    {
        // the loop's branches start one after another: in batches (each as many as the loop already holds) the last
        // bridges waited for a batch that never filled, and ran on their own for the rest of the run
        var (stdout, text) = RunLogged(["Tests", "programs", "jit_late_branches.py"], [], "threshold=50,trace_eagerness=5", "jit-backend");
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(Repository.PathOf("Tests", "programs", "jit_late_branches.out"))));
        int compiled = System.Text.RegularExpressions.Regex.Matches(text, @"bridge-compiled: ").Count;
        int merged = System.Text.RegularExpressions.Regex.Matches(text, @"bridges-merged: loop=\w+ bridges=(\d+)")
            .Sum(match => int.Parse(match.Groups[1].Value));
        Assert.That(compiled, Is.GreaterThanOrEqualTo(3), "the test no longer makes bridges\n" + text);
        Assert.That(merged, Is.EqualTo(compiled), text);
    }

    [Test]
    public void An_inner_loop_of_an_inlined_portal_call_becomes_a_portal_call_from_its_loop_header()
    {
        // count_primes' loop calls is_prime, whose own loop runs a number of times that depends on the candidate.
        // Its trace inlines is_prime's start, but at is_prime's loop header it calls the portal from there (PyPy
        // does the same) instead of unrolling is_prime's loop into the trace: the unrolled loop's exit guard used to
        // fail on most calls, and its bridges ran past trace_limit, so it blackholed for ever.
        var (_, text) = RunLogged(["examples", "stack_vm.py"], ["2", "8"], null, "jit-abort,jit-summary,jit-optimize");
        Assert.That(text, Does.Not.Contain("reason=TooLong"), "a trace ran past trace_limit\n" + text);
        var failures = System.Text.RegularExpressions.Regex.Match(text, @"guard-failures=(\d+)");
        Assert.That(failures.Success, Is.True, text);
        Assert.That(int.Parse(failures.Groups[1].Value), Is.LessThan(5000), "guards kept failing\n" + text);
        Assert.That(text, Does.Contain("descr=portal_call"), "no trace calls the portal\n" + text);
    }

    private static readonly string[] SetParamProgram = ["Tests", "programs", "jit_set_param.py"];

    /// <summary>jit_set_param.py, translated once for the set_param tests.</summary>
    private static readonly Lazy<string> SetParamAssembly = new(() => CorpusTranslationTests.Translate(Repository.PathOf(SetParamProgram)));

    /// <summary>Runs the translated jit_set_param.py with <paramref name="arguments"/>, CLRPY_JIT=<paramref name="jit"/>
    /// (none when null) and CLRPYLOG=<paramref name="categories"/>:FILE; returns the run, CPython's run of the same
    /// arguments, and the log's text.</summary>
    private static (ProcessResult Run, ProcessResult Cpython, string Log) RunSetParam(string[] arguments, string? jit,
        string categories = "jit-summary")
    {
        string program = Repository.PathOf(SetParamProgram);
        string directory = Path.GetDirectoryName(program)!;
        string log = Path.Combine(Path.GetDirectoryName(SetParamAssembly.Value)!, "set-param.log");
        File.Delete(log);
        var environment = new Dictionary<string, string> { ["CLRPYLOG"] = categories + ":" + log };
        if (jit is not null)
            environment["CLRPY_JIT"] = jit;
        var run = Processes.Run("dotnet", [SetParamAssembly.Value, .. arguments], directory, environment);
        var cpython = Processes.Python([program, .. arguments], directory);
        Assert.That(run.Stdout, Is.EqualTo(cpython.Stdout), "stdout; stderr:\n" + run.Stderr);
        Assert.That(run.ExitCode, Is.EqualTo(cpython.ExitCode), "exit code; stderr:\n" + run.Stderr);
        return (run, cpython, File.Exists(log) ? File.ReadAllText(log) : "");
    }

    private static int CompiledLoops(string log)
    {
        var loops = System.Text.RegularExpressions.Regex.Match(log, @"counts: loops=(\d+)");
        Assert.That(loops.Success, Is.True, "no jit-summary counts in the log:\n" + log);
        return int.Parse(loops.Groups[1].Value);
    }

    [Test]
    public void Set_param_threshold_decides_whether_the_same_workload_is_compiled()
    {
        // the program's set_param wins over CLRPY_JIT, which was read before main ran
        var (_, _, raised) = RunSetParam(["threshold", "1000000000"], "threshold=2");
        Assert.That(CompiledLoops(raised), Is.Zero, "a threshold above the loop's 6,110 iterations compiled it:\n" + raised);
        var (_, _, lowered) = RunSetParam(["threshold", "3"], "threshold=1000000000");
        Assert.That(CompiledLoops(lowered), Is.GreaterThanOrEqualTo(1), "a threshold of 3 compiled nothing:\n" + lowered);
    }

    [Test]
    public void Set_param_off_compiles_nothing_even_with_the_jit_eager()
    {
        var (_, _, log) = RunSetParam(["off"], "threshold=2,function_threshold=2");
        Assert.That(CompiledLoops(log), Is.Zero, log);
        Assert.That(log, Does.Match(@"counts: .*\bentries=0\b"), "compiled code ran after off:\n" + log);
    }

    [Test]
    public void Set_param_in_a_traced_loop_stays_a_call_in_the_optimized_trace()
    {
        // a residual side effect: it runs on every iteration of compiled code, as in the interpreter
        var (_, _, log) = RunSetParam(["threshold", "3"], null, "jit-summary,jit-optimize");
        string optimized = log[log.IndexOf("trace-after-opt: trace=Loop0", StringComparison.Ordinal)..];
        Assert.That(optimized, Does.Contain("descr=jit$op$jit_set_param"), log);
    }

    [Test]
    public void Set_param_takes_pypys_optimization_names()
    {
        var (_, _, log) = RunSetParam(["enable_opts", "intbounds:rewrite:virtualize:unroll"], null);
        Assert.That(CompiledLoops(log), Is.GreaterThanOrEqualTo(1), log);
    }

    [TestCase(null)]
    [TestCase("off")]
    public void Set_param_with_a_misspelt_name_ends_the_program_with_a_message_naming_it(string? jit)
    {
        // CPython's set_param raises ValueError at the same point: the same stdout before it, exit code 1
        var (run, _, _) = RunSetParam(["misspelt"], jit);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.StartWith("error: unknown JIT parameter 'treshold'; known: off, enable_opts, "));
        Assert.That(run.Stderr, Does.Not.Contain(" at "), "a .NET stack trace");
    }

    [Test]
    public void The_greens_of_an_inlined_portal_frame_become_constants_so_its_dispatch_folds()
    {
        // count_primes' CALL reads the callee from a list that is not immutable (function.functions): without a
        // guard_value on the inlined frame's greens at its merge point, its code list was read and every opcode
        // went through the whole dispatch chain of comparisons in the compiled trace
        var (_, text) = RunLogged(["examples", "stack_vm.py"], ["2", "4"], null, "jit-optimize");
        Assert.That(text, Does.Contain("trace-after-opt"), "nothing was traced\n" + text);
        var optimized = string.Join("\n", text.Split("trace-after-opt").Skip(1).Select(section => section.Split("trace-before-opt")[0]));
        Assert.That(optimized, Does.Contain("descr=portal_call"), "count_primes' loop no longer calls is_prime's loop\n" + optimized);
        Assert.That(optimized, Does.Not.Contain("descr=Function.code"), "a trace reads a function's code\n" + optimized);
    }

    [Test]
    public void Items_of_a_virtualizable_list_stay_in_values_in_a_peeled_loop()
    {
        // stack_vm's Frame declares stack[*] and locals[*] virtualizable: the tracer makes each stack index (the
        // depth) a constant with a guard_value, and the optimizer keeps the items at constant indexes in values,
        // as PyPy keeps virtualizable arrays: sum_squares' loop, once peeled, neither reads nor writes the stack or
        // the locals (nor checks bounds), and its guards write the items back when they fail
        var (_, text) = RunLogged(["examples", "stack_vm.py"], ["2", "4"], null, "jit-optimize");
        string loop = text.Split("trace-after-opt").Skip(1).Select(section => section.Split("trace-before-opt")[0])
            .FirstOrDefault(section => section.Contains("int_mod(") && section.Contains("Peeled")) ?? "";
        Assert.That(loop, Is.Not.Empty, "no peeled loop computing a modulo (sum_squares)\n" + text);
        string body = loop[loop.IndexOf("Peeled", StringComparison.Ordinal)..];
        Assert.That(body, Does.Not.Contain("uint_lt"), "a bounds check is left in the loop\n" + loop);
        Assert.That(body, Does.Not.Contain("arrayitem_gc"), "an item is read or written in the loop\n" + loop);
        Assert.That(body, Does.Contain("; setarrayitem("), "no guard writes items back\n" + loop);
    }

    [Test]
    public void A_callee_frames_repeated_lists_are_allocations_kept_virtual_through_the_portal_call()
    {
        // Frame's stack is [0] * 16 (one list_repeat after RepeatFusion): the tracer records it as new plus
        // new_array, so fib's bridge keeps the callee's frame virtual: guards carry it in their resume data, and
        // the portal call, frameless, passes its values instead of allocating it
        var (_, text) = RunLogged(["examples", "stack_vm.py"], ["2", "4"], null, "jit-optimize");
        string after = string.Concat(text.Split("trace-after-opt").Skip(1).Select(section => section.Split("trace-before-opt")[0]));
        Assert.That(after, Does.Not.Contain("list_repeat"), "a [x] * n is still a call\n" + after);
        Assert.That(after, Does.Match(@"=new_array\(list<int64>\[\]\) \[([^,\]]+, ){15}[^,\]]+\]"), "no guard keeps a 16-item stack virtual\n" + after);
        Assert.That(System.Text.RegularExpressions.Regex.Matches(after, @"(?m)^p\d+ = new\(descr=Frame\)$").Count,
            Is.LessThan(System.Text.RegularExpressions.Regex.Matches(after, "descr=portal_call").Count),
            "every portal call allocates the callee's frame\n" + after);
    }

    /// <summary>The optimized traces of a log (jit-optimize), by name: the text after each trace-after-opt line.</summary>
    private static Dictionary<string, string> OptimizedTraces(string log)
    {
        var traces = new Dictionary<string, string>();
        foreach (string section in log.Split("trace-after-opt: trace=").Skip(1))
        {
            int nameEnd = section.IndexOf('\n');
            string trace = section[(nameEnd + 1)..];
            int end = trace.IndexOf(" jit-optimize}", StringComparison.Ordinal);
            traces[section[..nameEnd]] = end < 0 ? trace : trace[..end];
        }
        return traces;
    }

    [Test]
    public void Stack_vm_runs_its_callees_frameless_entries_which_allocate_no_frame()
    {
        // fib's recursive calls give the callee a new frame that nothing reads after the call: the portal call is
        // frameless, and the callee's trace runs in a version (its name + e0) built with that frame virtual
        string program = Repository.PathOf("examples", "stack_vm.py");
        var (stdout, text) = RunLogged(["examples", "stack_vm.py"], ["1"], "threshold=2,function_threshold=2,trace_eagerness=2",
            "jit-backend,jit-optimize");
        Assert.That(stdout, Is.EqualTo(Processes.Python([program, "1"], Path.GetDirectoryName(program)!).Stdout));
        Assert.That(text, Does.Match(@"(?m)^frameless-entry: ops=\d+ us=\d+$"), "no frameless entry was compiled\n" + text);
        var traces = OptimizedTraces(text);
        var entries = traces.Keys.Where(name => System.Text.RegularExpressions.Regex.IsMatch(name, @"^Loop\d+e\d+$")).ToList();
        Assert.That(entries, Is.Not.Empty, "no trace is a loop's frameless entry\n" + text);
        foreach (string entry in entries)
        {
            Assert.That(traces, Does.ContainKey(entry[..entry.LastIndexOf('e')]), $"{entry} is not named after a loop");
            Assert.That(traces[entry], Does.Not.Contain("new(descr=Frame)"), $"{entry} allocates a frame\n" + traces[entry]);
        }
    }

    [Test]
    public void A_callee_frame_read_after_the_portal_call_is_allocated_before_it_and_read_back()
    {
        // CALL_READ reads the callee's frame after the call (its result and its count of instructions): the trace
        // allocates the frame and reads it back; CALL's frames, read by nobody, still make frameless calls
        var (stdout, text) = RunLogged(["Tests", "programs", "jit_callee_frame_read.py"], [], "threshold=2,function_threshold=2,trace_eagerness=2",
            "jit-backend,jit-optimize");
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(Repository.PathOf("Tests", "programs", "jit_callee_frame_read.out"))));
        Assert.That(text, Does.Contain("frameless-entry: ops="), "CALL made no frameless call\n" + text);
        var readBack = new System.Text.RegularExpressions.Regex(
            @"(p\d+) = new\(descr=Frame\)\n(?:.*\n)*?.*descr=portal_call\)\n(?:.*\n)*?i\d+ = getfield_gc_i\(\1, descr=Frame\.result\)");
        Assert.That(OptimizedTraces(text).Values.Any(readBack.IsMatch), Is.True,
            "no trace allocates a frame, calls the portal, then reads the frame's result\n" + text);
    }

    [Test]
    public void Stack_vm_logs_name_loops_and_trace_ops_with_its_get_printable_location()
    {
        // before, nothing called printable_location in RPy code, so it was never annotated nor translated, and the
        // logs showed the plain greens: key="pc=4, function=<<Function object>>"
        var (_, text) = RunLogged(["examples", "stack_vm.py"], ["2", "4"], null, "jit-tracing,jit-optimize");
        Assert.That(text, Does.Contain("loop-traced: key=\"is_prime:4 load\""), text);
        Assert.That(text, Does.Match(@"(?m)^# sum_squares:\d+ mul$"), "no op is annotated with its location\n" + text);
        Assert.That(text, Does.Not.Contain("function=<"), text);
    }

    [Test]
    public void A_get_printable_location_that_raises_leaves_the_plain_greens_in_the_log_and_the_program_unaffected()
    {
        // printable_location raises NoName for pc 1: its logs fall back to the greens, and the exception stays
        // inside the JIT's call (the program would stop with it, or catch it in describe(), if it leaked)
        string[] program = ["Tests", "programs", "jit_printable_location.py"];
        var (stdout, text) = RunLogged(program, [], "threshold=2,trace_eagerness=2", "jit-tracing,jit-optimize");
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(Repository.PathOf("Tests", "programs", "jit_printable_location.out"))));
        Assert.That(text, Does.Contain("loop-traced: key=\"countdown:0 add\""), text);
        Assert.That(text, Does.Match(@"(?m)^# countdown:2 dec$"), text);
        Assert.That(text, Does.Match(@"(?m)^# pc=1, program=<"), "pc 1, whose printable_location raises, has no plain location\n" + text);
    }

    [Test]
    public void Brainfuck_traces_read_nothing_from_the_programs_immutable_lists_and_reach_every_cell_in_bounds()
    {
        // program.operations and program.arguments are `[*]` immutable: every loop and bridge folds their items. A
        // bridge resuming after `pc = arguments[pc]` holds the list in a register (the engine remembers it is
        // immutable) and promotes the new pc at the next merge point; before, such bridges dispatched every
        // operation through calls and guards on a pc that was not constant.
        string program = Repository.PathOf("examples", "brainfuck.py");
        string assembly = CorpusTranslationTests.Translate(program);
        string log = Path.Combine(Path.GetDirectoryName(assembly)!, "jit-optimize.log");
        var run = Processes.Run("dotnet", [assembly, "3", "6"], Path.GetDirectoryName(program)!,
            new Dictionary<string, string> { ["CLRPY_JIT"] = "threshold=2,trace_eagerness=2", ["CLRPYLOG"] = "jit-optimize:" + log });
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var optimized = new List<string>();
        bool inOptimized = false;
        foreach (string line in File.ReadLines(log))
        {
            if (line.StartsWith("trace-after-opt", StringComparison.Ordinal))
                inOptimized = true;
            else if (line.StartsWith("trace-before-opt", StringComparison.Ordinal))
                inOptimized = false;
            else if (inOptimized)
                optimized.Add(line);
        }
        Assert.That(optimized.Count(line => line.StartsWith("jump(", StringComparison.Ordinal)), Is.GreaterThan(10), "too few traces to judge");
        Assert.That(optimized.Where(line => line.Contains("ConstPtr(") || line.Contains("list_getitem")), Is.Empty);
        // each cell access follows a guard of its index below the cells' count (or lies between two such checks of
        // the same pointer), read before the items: InBoundsPass marks them all, and compiled code skips the CLR's check
        var cellAccesses = optimized.Where(line => line.Contains("arrayitem_gc")).ToList();
        Assert.That(cellAccesses, Is.Not.Empty);
        Assert.That(cellAccesses.Where(line => !line.EndsWith(" inbounds", StringComparison.Ordinal)), Is.Empty);
    }
}
