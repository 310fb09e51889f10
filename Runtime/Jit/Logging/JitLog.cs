// The JIT log (CLRPYLOG=jit-tracing,jit-optimize,jit-backend,jit-summary:FILE): timestamped sections written
// through a buffered writer, the events the tracer, optimizer, backend and blackhole interpreter report, and
// phase timing scopes. JitLog.Current is the process's log; tests and tools build their own.
using System.Diagnostics;
using System.Text;

namespace ClrPy.Runtime.Jit.Logging;

/// <summary>
/// One JIT log. Events always update <see cref="Counters"/>; they write a section only when their category is on.
/// Single-threaded, like the JIT. When every category is off nothing is written and nothing allocates.
/// Arguments that cost something to build (trace text, printable locations) should be built only when
/// <see cref="IsEnabled"/> says their category is on.
/// </summary>
public sealed class JitLog : IDisposable
{
    /// <summary>The environment variable read by <see cref="Current"/>.</summary>
    public const string Variable = "CLRPYLOG";

    private static readonly Lazy<JitLog> CurrentLog = new(() => FromSpec(Environment.GetEnvironmentVariable(Variable), Console.Error));

    private JitLogCategory _enabled;
    private TextWriter? _output;
    private readonly bool _ownsOutput;
    private readonly Func<long>? _clock;
    private readonly TextWriter _warnings;
    private readonly long _start;
    private readonly StringBuilder? _text;
    private JitLogCategory[] _openSections = [];
    private int _openDepth;
    private bool _timing;

    /// <summary>
    /// A log of <paramref name="categories"/> written to <paramref name="output"/> (owned: disposed with the log).
    /// <paramref name="clock"/> replaces Stopwatch.GetTimestamp (in Stopwatch ticks) so tests can fix the times.
    /// A write that fails turns the log off with a warning on <paramref name="warnings"/> (default: stderr).
    /// </summary>
    public JitLog(JitLogCategory categories, TextWriter? output, Func<long>? clock = null, TextWriter? warnings = null)
        : this(categories, output, ownsOutput: true, clock, warnings ?? Console.Error)
    {
    }

    private JitLog(JitLogCategory categories, TextWriter? output, bool ownsOutput, Func<long>? clock, TextWriter warnings)
    {
        _warnings = warnings;
        _enabled = output is null ? JitLogCategory.None : categories & JitLogCategory.All;
        _output = _enabled == JitLogCategory.None ? null : output;
        _ownsOutput = ownsOutput;
        _clock = clock;
        _timing = _enabled != JitLogCategory.None;
        _start = _timing ? Now() : 0;
        if (_timing)
        {
            _text = new StringBuilder(256);
            _openSections = new JitLogCategory[8];
        }
    }

    /// <summary>The process's log, made from CLRPYLOG on first use (warnings to stderr) and flushed at exit.</summary>
    public static JitLog Current => CurrentLog.Value;

    /// <summary>
    /// A log from a CLRPYLOG value: the file is created (or "-" for stderr) and flushed at process exit. A bad
    /// value or a file that cannot be created gives one warning line on <paramref name="warnings"/> and a log that is off.
    /// </summary>
    public static JitLog FromSpec(string? spec, TextWriter warnings)
    {
        var parsed = JitLogSpec.Parse(spec);
        if (parsed.Error is not null)
            return Refuse(warnings, parsed.Error);
        if (parsed.Categories == JitLogCategory.None)
            return new JitLog(JitLogCategory.None, null, ownsOutput: false, clock: null, warnings);
        TextWriter output;
        bool toStderr = parsed.Path == JitLogSpec.StandardError;
        try
        {
            output = toStderr ? Console.Error
                : new StreamWriter(parsed.Path!, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { AutoFlush = false };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Refuse(warnings, $"cannot write '{parsed.Path}': {error.Message}");
        }
        var log = new JitLog(parsed.Categories, output, ownsOutput: !toStderr, clock: null, warnings);
        AppDomain.CurrentDomain.ProcessExit += log.OnProcessExit;
        return log;
    }

    private static JitLog Refuse(TextWriter warnings, string why)
    {
        warnings.WriteLine($"clrpy: warning: {Variable}: {why}; the JIT log is off");
        return new JitLog(JitLogCategory.None, null, ownsOutput: false, clock: null, warnings);
    }

    public JitCounters Counters { get; } = new();

    /// <summary>True when sections of <paramref name="category"/> are written.</summary>
    public bool IsEnabled(JitLogCategory category) => (_enabled & category) != 0;

    private long Now() => _clock is null ? Stopwatch.GetTimestamp() : _clock();

    private long MicrosecondsSinceStart(long now) => JitCounters.Microseconds(now - _start);

    /// <summary>Opens a section (closed by disposing the result); sections nest. Nothing happens when the category is off.</summary>
    public JitLogSection Section(JitLogCategory category)
    {
        if (!IsEnabled(category))
            return default;
        BeginSection(category);
        WriteOut(_text!);
        return new JitLogSection(this, category);
    }

    internal void EndSection(JitLogCategory category)
    {
        if (!IsEnabled(category) || _openDepth == 0)
            return;
        _openDepth--;
        JitLogFormat.AppendSectionEnd(_text!, MicrosecondsSinceStart(Now()), JitLogSpec.NameOf(category));
        WriteOut(_text!);
    }

    private void BeginSection(JitLogCategory category)
    {
        if (_openDepth == _openSections.Length)
            Array.Resize(ref _openSections, _openDepth * 2);
        _openSections[_openDepth++] = category;
        _text!.Clear();
        JitLogFormat.AppendSectionStart(_text, MicrosecondsSinceStart(Now()), JitLogSpec.NameOf(category));
    }

    private void WriteOut(StringBuilder text)
    {
        try
        {
            _output!.Write(text);
        }
        catch (IOException error)
        {
            GiveUp(error);
        }
        text.Clear();
    }

    /// <summary>A full disk or a closed pipe ends the log, not the program.</summary>
    private void GiveUp(IOException error)
    {
        _warnings.WriteLine($"clrpy: warning: {Variable}: writing the JIT log failed ({error.Message}); the JIT log is off");
        var output = _output;
        _output = null;
        _enabled = JitLogCategory.None;
        _timing = false;
        try
        {
            if (_ownsOutput)
                output?.Dispose();
        }
        catch (IOException)
        {
            // the buffered rest cannot be written either; the warning has said so
        }
    }

    /// <summary>Starts timing <paramref name="phase"/> until the result is disposed: <c>using var _ = log.Time(JitPhase.Tracing);</c>.</summary>
    public JitPhaseScope Time(JitPhase phase)
    {
        if (!_timing)
            return default;
        Counters.EnterPhase(phase, Now());
        return new JitPhaseScope(this);
    }

    /// <summary>Translated code runs until the result is disposed (a portal's resume entry called by the blackhole
    /// interpreter): its time is the interpreter's, not the enclosing phase's; JIT phases it enters count as usual.</summary>
    public JitPhaseScope Interpreting()
    {
        if (!_timing)
            return default;
        Counters.EnterPhase(JitCounters.Interpreter, Now());
        return new JitPhaseScope(this);
    }

    internal void EndPhase()
    {
        if (_timing)
            Counters.LeavePhase(Now());
    }

    // --- events: each one counts, then writes a section "name: fields" when its category is on ---

    /// <summary>Tracing closed a loop at <paramref name="greenKey"/> (its printable location) after recording <paramref name="opCount"/> ops.</summary>
    public void LoopTraced(string greenKey, int opCount)
    {
        Counters.CountLoopTraced();
        if (!StartEvent(JitLogCategory.Tracing, "loop-traced"))
            return;
        JitLogFormat.AppendField(_text!, "key", greenKey);
        JitLogFormat.AppendField(_text!, "ops", opCount);
        EndEvent(JitLogCategory.Tracing, null);
    }

    /// <summary>The trace <paramref name="name"/> as recorded (TracePrinter text; op lines may end in "# location").</summary>
    public void TraceBeforeOptimization(string name, string traceText) => TraceText("trace-before-opt", name, traceText);

    /// <summary>The trace <paramref name="name"/> as the optimizer left it.</summary>
    public void TraceAfterOptimization(string name, string traceText) => TraceText("trace-after-opt", name, traceText);

    private void TraceText(string eventName, string name, string traceText)
    {
        if (!StartEvent(JitLogCategory.Optimize, eventName))
            return;
        JitLogFormat.AppendField(_text!, "trace", name);
        EndEvent(JitLogCategory.Optimize, traceText);
    }

    /// <summary>Tracing at <paramref name="location"/> was given up for <paramref name="reason"/> (counted by its enum name).</summary>
    public void TraceAborted<TReason>(TReason reason, string location) where TReason : struct, Enum
    {
        string reasonName = EnumNames<TReason>.Of(reason);
        Counters.CountAbort(reasonName);
        if (!StartEvent(JitLogCategory.Abort, "trace-aborted"))
            return;
        JitLogFormat.AppendField(_text!, "reason", reasonName);
        JitLogFormat.AppendField(_text!, "location", location);
        EndEvent(JitLogCategory.Abort, null);
    }

    /// <summary>The backend compiled loop <paramref name="loopName"/> of <paramref name="opCount"/> ops in <paramref name="compileTime"/>.</summary>
    public void LoopCompiled(string loopName, int opCount, TimeSpan compileTime)
    {
        Counters.CountLoopCompiled(opCount);
        if (!StartEvent(JitLogCategory.Backend, "loop-compiled"))
            return;
        JitLogFormat.AppendField(_text!, "loop", loopName);
        JitLogFormat.AppendField(_text!, "ops", opCount);
        JitLogFormat.AppendField(_text!, "us", (long)compileTime.TotalMicroseconds);
        EndEvent(JitLogCategory.Backend, null);
    }

    /// <summary>The backend compiled a bridge from guard <paramref name="guardId"/> (FailDescr index) of loop <paramref name="loopName"/>.</summary>
    public void BridgeCompiled(int guardId, string loopName, int opCount, TimeSpan compileTime)
    {
        Counters.CountBridgeCompiled(opCount);
        if (!StartEvent(JitLogCategory.Backend, "bridge-compiled"))
            return;
        JitLogFormat.AppendField(_text!, "guard", guardId);
        JitLogFormat.AppendField(_text!, "loop", loopName);
        JitLogFormat.AppendField(_text!, "ops", opCount);
        JitLogFormat.AppendField(_text!, "us", (long)compileTime.TotalMicroseconds);
        EndEvent(JitLogCategory.Backend, null);
    }

    /// <summary>Bridges compiled on their own (<paramref name="bridgeCount"/>, <paramref name="opCount"/> ops) were
    /// compiled into their loop's method.</summary>
    public void BridgesMerged(string loopName, int bridgeCount, int opCount)
    {
        Counters.CountBridgesMerged(bridgeCount);
        if (!StartEvent(JitLogCategory.Backend, "bridges-merged"))
            return;
        JitLogFormat.AppendField(_text!, "loop", loopName);
        JitLogFormat.AppendField(_text!, "bridges", bridgeCount);
        JitLogFormat.AppendField(_text!, "ops", opCount);
        EndEvent(JitLogCategory.Backend, null);
    }

    /// <summary>The backend compiled again, optimized, a piece of <paramref name="opCount"/> ops that ran often in its quick code.</summary>
    public void PieceOptimized(int opCount, TimeSpan compileTime) => Recompiled("piece-optimized", opCount, compileTime);

    /// <summary>A loop's version made of pieces, hot, compiled again as one method of <paramref name="opCount"/> ops.</summary>
    public void VersionMerged(int opCount, TimeSpan compileTime) => Recompiled("version-merged", opCount, compileTime);

    /// <summary>A loop's version for frameless calls (JitEngine.FramelessEntry) was optimized and compiled.</summary>
    public void FramelessEntryCompiled(int opCount, TimeSpan compileTime) => Recompiled("frameless-entry", opCount, compileTime);

    /// <summary><paramref name="loopCount"/> loops that jump to each other often compiled as one method (a group)
    /// of <paramref name="opCount"/> ops.</summary>
    public void LoopsGrouped(int loopCount, int opCount, TimeSpan compileTime) => Recompiled("loops-grouped", opCount, compileTime, loopCount);

    private void Recompiled(string eventName, int opCount, TimeSpan compileTime, int loopCount = 0)
    {
        Counters.CountRecompiled(eventName, opCount);
        if (!StartEvent(JitLogCategory.Backend, eventName))
            return;
        if (loopCount > 0)
            JitLogFormat.AppendField(_text!, "loops", loopCount);
        JitLogFormat.AppendField(_text!, "ops", opCount);
        JitLogFormat.AppendField(_text!, "us", (long)compileTime.TotalMicroseconds);
        EndEvent(JitLogCategory.Backend, null);
    }

    /// <summary>Guard <paramref name="guardId"/> (FailDescr index) failed in compiled loop <paramref name="loopName"/>.</summary>
    public void GuardFailed(int guardId, string loopName)
    {
        Counters.CountGuardFailure(guardId, loopName);
        if (!StartEvent(JitLogCategory.Guard, "guard-failed"))
            return;
        JitLogFormat.AppendField(_text!, "guard", guardId);
        JitLogFormat.AppendField(_text!, "loop", loopName);
        EndEvent(JitLogCategory.Guard, null);
    }

    /// <summary>The blackhole interpreter handed an inner portal frame to the portal's resume entry (counted only).</summary>
    public void PortalResumed() => Counters.CountPortalResume();

    /// <summary>Compiled code ran once from translated code, passing control between loops
    /// <paramref name="transfers"/> times on the way (counted only).</summary>
    public void CompiledCodeRan(long transfers) => Counters.CountEntry(transfers);

    /// <summary>The blackhole interpreter resumed from guard <paramref name="guardId"/>'s resume data.</summary>
    public void BlackholeRun(int guardId)
    {
        Counters.CountBlackholeRun();
        if (!StartEvent(JitLogCategory.Blackhole, "blackhole-run"))
            return;
        JitLogFormat.AppendField(_text!, "guard", guardId);
        EndEvent(JitLogCategory.Blackhole, null);
    }

    private bool StartEvent(JitLogCategory category, string eventName)
    {
        if (!IsEnabled(category))
            return false;
        BeginSection(category);
        JitLogFormat.AppendEventName(_text!, eventName);
        return true;
    }

    private void EndEvent(JitLogCategory category, string? payload)
    {
        _text!.Append('\n');
        if (!string.IsNullOrEmpty(payload))
        {
            _text.Append(payload);
            if (!payload.EndsWith('\n'))
                _text.Append('\n');
        }
        _openDepth--;
        JitLogFormat.AppendSectionEnd(_text, MicrosecondsSinceStart(Now()), JitLogSpec.NameOf(category));
        WriteOut(_text);
    }

    /// <summary>Writes what is buffered to the file.</summary>
    public void Flush()
    {
        try
        {
            _output?.Flush();
        }
        catch (IOException error)
        {
            GiveUp(error);
        }
    }

    /// <summary>
    /// Ends the log: closes sections still open, writes jit-summary when that category is on, flushes and closes
    /// the file. Later events only count.
    /// </summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_output is null)
            return;
        long now = Now();
        if (_timing)
            Counters.Settle(now);
        var text = _text!;
        text.Clear();
        long micros = MicrosecondsSinceStart(now);
        while (_openDepth > 0)
            JitLogFormat.AppendSectionEnd(text, micros, JitLogSpec.NameOf(_openSections[--_openDepth]));
        if (IsEnabled(JitLogCategory.Summary))
        {
            string name = JitLogSpec.NameOf(JitLogCategory.Summary);
            JitLogFormat.AppendSectionStart(text, micros, name);
            Counters.AppendSummary(text, now - _start);
            JitLogFormat.AppendSectionEnd(text, micros, name);
        }
        WriteOut(text);
        Flush();
        if (_output is null)
            return;
        if (_ownsOutput)
            _output.Dispose();
        _output = null;
        _enabled = JitLogCategory.None;
        _timing = false;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}

/// <summary>An open log section; disposing it writes the closing marker.</summary>
public readonly struct JitLogSection(JitLog? log, JitLogCategory category) : IDisposable
{
    public void Dispose() => log?.EndSection(category);
}

/// <summary>A running phase of <see cref="JitLog.Time"/>; disposing it ends the phase.</summary>
public readonly struct JitPhaseScope(JitLog? log) : IDisposable
{
    public void Dispose() => log?.EndPhase();
}

/// <summary>Enum names made once per enum type: Enum.ToString allocates a new string on each call.</summary>
internal static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = Build();

    private static Dictionary<TEnum, string> Build()
    {
        var names = new Dictionary<TEnum, string>();
        foreach (var value in Enum.GetValues<TEnum>())
            names.TryAdd(value, value.ToString());
        return names;
    }

    public static string Of(TEnum value) => Names.TryGetValue(value, out string? name) ? name : value.ToString();
}
