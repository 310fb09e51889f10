// The log categories and the CLRPYLOG value that selects them: "jit-tracing,jit-backend:FILE", "*:FILE" for all,
// FILE "-" for stderr. Parsed once by JitLog.FromEnvironment (and by tests); a bad value is a message, never a throw.
namespace ClrPy.Runtime.Jit.Logging;

/// <summary>What a log section is about; a set of them is what CLRPYLOG turns on.</summary>
[Flags]
public enum JitLogCategory
{
    None = 0,
    /// <summary>jit-tracing: loops traced (green key, op count).</summary>
    Tracing = 1 << 0,
    /// <summary>jit-optimize: each trace's text before and after optimization.</summary>
    Optimize = 1 << 1,
    /// <summary>jit-backend: loops and bridges compiled (ops, µs).</summary>
    Backend = 1 << 2,
    /// <summary>jit-summary: the counters and phase times, written once at exit.</summary>
    Summary = 1 << 3,
    /// <summary>jit-abort: traces aborted (reason, location).</summary>
    Abort = 1 << 4,
    /// <summary>jit-guard: each guard failure (guard, loop).</summary>
    Guard = 1 << 5,
    /// <summary>jit-blackhole: each blackhole interpreter run.</summary>
    Blackhole = 1 << 6,
    All = (1 << 7) - 1,
}

/// <summary>A parsed CLRPYLOG value: the categories and where the log goes, or why the value is refused.</summary>
public readonly record struct JitLogSpec(JitLogCategory Categories, string? Path, string? Error)
{
    /// <summary>The path that means "write to stderr".</summary>
    public const string StandardError = "-";

    private static readonly (JitLogCategory Category, string Name)[] Names =
    [
        (JitLogCategory.Tracing, "jit-tracing"),
        (JitLogCategory.Optimize, "jit-optimize"),
        (JitLogCategory.Backend, "jit-backend"),
        (JitLogCategory.Summary, "jit-summary"),
        (JitLogCategory.Abort, "jit-abort"),
        (JitLogCategory.Guard, "jit-guard"),
        (JitLogCategory.Blackhole, "jit-blackhole"),
    ];

    public static JitLogSpec Off => new(JitLogCategory.None, null, null);

    /// <summary>The section name of one category ("jit-tracing").</summary>
    public static string NameOf(JitLogCategory category)
    {
        foreach (var (known, name) in Names)
        {
            if (known == category)
                return name;
        }
        throw new ArgumentOutOfRangeException(nameof(category), category, "not a single log category");
    }

    /// <summary>Every category name, comma-separated, for messages and usage text.</summary>
    public static string KnownNames => string.Join(", ", Array.ConvertAll(Names, entry => entry.Name));

    /// <summary>Reads "CATEGORIES:FILE"; empty or null means off. On a bad value, Error says what is wrong.</summary>
    public static JitLogSpec Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Off;
        int colon = value.IndexOf(':');  // the first: categories hold none, a Windows path may
        if (colon < 0)
            return Refused($"'{value}' is not CATEGORIES:FILE (e.g. jit-summary:log.txt or *:log.txt)");
        string path = value[(colon + 1)..].Trim();
        if (path.Length == 0)
            return Refused($"'{value}' names no file after the ':'");
        var categories = JitLogCategory.None;
        foreach (string item in value[..colon].Split(',', StringSplitOptions.TrimEntries))
        {
            var category = item == "*" ? JitLogCategory.All : Lookup(item);
            if (category == JitLogCategory.None)
                return Refused(item.Length == 0 ? $"'{value}' has an empty category" : $"unknown category '{item}' (known: *, {KnownNames})");
            categories |= category;
        }
        return new JitLogSpec(categories, path, null);
    }

    private static JitLogCategory Lookup(string name)
    {
        foreach (var (category, known) in Names)
        {
            if (known == name)
                return category;
        }
        return JitLogCategory.None;
    }

    private static JitLogSpec Refused(string why) => new(JitLogCategory.None, null, why);
}
