// Reads a JIT log back (for `clrpy log summary`): checks the section structure and the event lines JitLog
// writes, and adds them up into a JitLogSummary. A jit-summary section, when present, is complete and
// replaces the counts made from the other sections (which only exist for the categories that were on).
using System.Globalization;

namespace ClrPy.Runtime.Jit.Logging;

/// <summary>A malformed log line: <see cref="Line"/> is 1-based.</summary>
public sealed class JitLogFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>What a log says the JIT did. Times are µs per phase name, null when the log has no jit-summary section.</summary>
public sealed class JitLogSummary
{
    public long Loops { get; set; }
    public long Bridges { get; set; }
    /// <summary>Pieces of long traces compiled again, optimized, once hot (piece-optimized events).</summary>
    public long PiecesOptimized { get; set; }
    /// <summary>Versions made of pieces compiled again as one method once hot (version-merged events).</summary>
    public long VersionsMerged { get; set; }
    /// <summary>Bridges compiled on their own first and then into their loop's method (bridges-merged events).</summary>
    public long BridgesMerged { get; set; }
    /// <summary>Groups of loops compiled as one method (loops-grouped events).</summary>
    public long LoopGroups { get; set; }
    /// <summary>Versions of loops compiled for frameless portal calls (frameless-entry events).</summary>
    public long FramelessEntries { get; set; }
    public long LoopsTraced { get; set; }
    public long BlackholeRuns { get; set; }
    public long PortalResumes { get; set; }
    public long Entries { get; set; }
    public long Transfers { get; set; }
    public Dictionary<string, long> AbortsByReason { get; } = new(StringComparer.Ordinal);
    public Dictionary<int, JitCounters.GuardFailures> Guards { get; } = [];
    public Dictionary<string, long>? Microseconds { get; set; }
    public long TotalMicroseconds { get; set; }

    public long Aborts => Sum(AbortsByReason.Values);

    public long GuardFailures
    {
        get
        {
            long total = 0;
            foreach (var guard in Guards.Values)
                total += guard.Failures;
            return total;
        }
    }

    /// <summary>Guards with the most failures first (ties by id).</summary>
    public List<JitCounters.GuardFailures> TopGuards(int count)
    {
        var guards = new List<JitCounters.GuardFailures>(Guards.Values);
        guards.Sort((a, b) => a.Failures != b.Failures ? b.Failures.CompareTo(a.Failures) : a.GuardId.CompareTo(b.GuardId));
        return guards.GetRange(0, Math.Min(count, guards.Count));
    }

    private static long Sum(IEnumerable<long> values)
    {
        long total = 0;
        foreach (long value in values)
            total += value;
        return total;
    }
}

public static class JitLogReader
{
    private sealed class OpenSection(string category, int line)
    {
        public string Category { get; } = category;
        public int Line { get; } = line;
        public bool HasContent { get; set; }
    }

    public static JitLogSummary Read(TextReader reader)
    {
        string summaryCategory = JitLogSpec.NameOf(JitLogCategory.Summary);
        var fromEvents = new JitLogSummary();
        JitLogSummary? fromSummary = null;
        var open = new Stack<OpenSection>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (JitLogFormat.TryParseMarker(line, out _, out string category, out bool isStart))
            {
                if (isStart)
                {
                    if (open.TryPeek(out var parent))
                        parent.HasContent = true;
                    open.Push(new OpenSection(category, lineNumber));
                    continue;
                }
                if (!open.TryPop(out var section))
                    throw new JitLogFormatException(lineNumber, $"section '{category}' ends but was never started");
                if (section.Category != category)
                    throw new JitLogFormatException(lineNumber, $"section '{category}' ends, but the open one is '{section.Category}' (line {section.Line})");
                continue;
            }
            if (!open.TryPeek(out var current))
            {
                if (line.Length == 0)
                    continue;
                throw new JitLogFormatException(lineNumber, "text outside of any section (expected \"[timestamp] {category\")");
            }
            bool isSummary = current.Category == summaryCategory;
            // an event is a section's first line, and the lines after it are its text (a trace); jit-summary is all entries
            bool first = !current.HasContent;
            current.HasContent = true;
            if (!(first || isSummary))
                continue;
            if (!JitLogFormat.TryParseEvent(line, out string name, out var fields, out string? error))
            {
                if (isSummary)
                    throw new JitLogFormatException(lineNumber, "expected a jit-summary entry (\"name: key=value ...\")");
                continue;
            }
            if (error is not null)
                throw new JitLogFormatException(lineNumber, $"{name}: {error}");
            if (isSummary)
                fromSummary = AddSummaryLine(fromSummary ?? new JitLogSummary(), name, new Fields(fields, lineNumber, name));
            else
                AddEvent(fromEvents, name, new Fields(fields, lineNumber, name));
        }
        if (open.TryPeek(out var unclosed))
            throw new JitLogFormatException(unclosed.Line, $"section '{unclosed.Category}' is never ended");
        return fromSummary ?? fromEvents;
    }

    private static void AddEvent(JitLogSummary summary, string name, Fields fields)
    {
        switch (name)
        {
            case "loop-traced":
                fields.Text("key");
                fields.Number("ops");
                summary.LoopsTraced++;
                break;
            case "trace-before-opt" or "trace-after-opt":
                fields.Text("trace");
                break;
            case "trace-aborted":
                fields.Text("location");
                Add(summary.AbortsByReason, fields.Text("reason"), 1);
                break;
            case "loop-compiled":
                fields.Text("loop");
                fields.Number("ops");
                fields.Number("us");
                summary.Loops++;
                break;
            case "bridge-compiled":
                fields.Number("guard");
                fields.Text("loop");
                fields.Number("ops");
                fields.Number("us");
                summary.Bridges++;
                break;
            case "piece-optimized":
                fields.Number("ops");
                fields.Number("us");
                summary.PiecesOptimized++;
                break;
            case "version-merged":
                fields.Number("ops");
                fields.Number("us");
                summary.VersionsMerged++;
                break;
            case "bridges-merged":
                fields.Text("loop");
                summary.BridgesMerged += fields.Number("bridges");
                fields.Number("ops");
                break;
            case "loops-grouped":
                fields.Number("loops");
                fields.Number("ops");
                fields.Number("us");
                summary.LoopGroups++;
                break;
            case "frameless-entry":
                fields.Number("ops");
                fields.Number("us");
                summary.FramelessEntries++;
                break;
            case "guard-failed":
                AddGuard(summary, (int)fields.Number("guard"), fields.Text("loop"), 1);
                break;
            case "blackhole-run":
                fields.Number("guard");
                summary.BlackholeRuns++;
                break;
            default:
                throw new JitLogFormatException(fields.Line, $"unknown event '{name}'");
        }
    }

    private static JitLogSummary AddSummaryLine(JitLogSummary summary, string name, Fields fields)
    {
        switch (name)
        {
            case "counts":
                summary.Loops = fields.Number("loops");
                summary.Bridges = fields.Number("bridges");
                summary.LoopsTraced = fields.Number("traced");
                summary.BlackholeRuns = fields.Number("blackhole-runs");
                summary.PortalResumes = fields.Number("portal-resumes");
                summary.Entries = fields.Number("entries");
                summary.Transfers = fields.Number("transfers");
                // counts added to the section later: older logs have none
                summary.PiecesOptimized = fields.OptionalNumber("pieces-optimized");
                summary.VersionsMerged = fields.OptionalNumber("versions-merged");
                summary.BridgesMerged = fields.OptionalNumber("bridges-merged");
                summary.LoopGroups = fields.OptionalNumber("loop-groups");
                summary.FramelessEntries = fields.OptionalNumber("frameless-entries");
                break;
            case "abort":
                Add(summary.AbortsByReason, fields.Text("reason"), fields.Number("count"));
                break;
            case "guard":
                AddGuard(summary, (int)fields.Number("id"), fields.Text("loop"), fields.Number("failures"));
                break;
            case "time":
                summary.Microseconds = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (string phase in JitCounters.PhaseNameList)
                    summary.Microseconds[phase] = fields.Number(phase);
                summary.TotalMicroseconds = fields.Number("total");
                break;
            default:
                throw new JitLogFormatException(fields.Line, $"unknown jit-summary entry '{name}'");
        }
        return summary;
    }

    private static void Add(Dictionary<string, long> counts, string key, long count) =>
        counts[key] = counts.GetValueOrDefault(key) + count;

    private static void AddGuard(JitLogSummary summary, int id, string loop, long failures)
    {
        long before = summary.Guards.TryGetValue(id, out var guard) ? guard.Failures : 0;
        summary.Guards[id] = new JitCounters.GuardFailures(id, loop, before + failures);
    }

    /// <summary>An event's fields, each one required, with errors naming the line, the event and the field.</summary>
    private readonly struct Fields(Dictionary<string, string> fields, int line, string eventName)
    {
        public int Line => line;

        public string Text(string key) => fields.TryGetValue(key, out string? value) ? value
            : throw new JitLogFormatException(line, $"{eventName}: missing field '{key}'");

        /// <summary>A number field that older logs do not have: 0 when absent.</summary>
        public long OptionalNumber(string key) => fields.ContainsKey(key) ? Number(key) : 0;

        public long Number(string key)
        {
            string text = Text(key);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= 0 ? value
                : throw new JitLogFormatException(line, $"{eventName}: field '{key}' must be a whole number >= 0, not '{text}'");
        }
    }
}
