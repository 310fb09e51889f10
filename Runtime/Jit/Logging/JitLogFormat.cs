// The text of a JIT log, written by JitLog and read back by JitLogReader (so both sides live here): section
// markers "[hex µs] {category" / "[hex µs] category}" as in PyPy's PYPYLOG, and event lines
// "name: key=value key=\"quoted text\"" that start a section, optionally followed by free text (a trace).
using System.Globalization;
using System.Text;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Logging;

public static class JitLogFormat
{
    public static void AppendSectionStart(StringBuilder text, long microseconds, string category) =>
        text.Append(CultureInfo.InvariantCulture, $"[{microseconds:x}] {{{category}\n");

    public static void AppendSectionEnd(StringBuilder text, long microseconds, string category) =>
        text.Append(CultureInfo.InvariantCulture, $"[{microseconds:x}] {category}}}\n");

    /// <summary>Starts an event line: "name:".</summary>
    public static void AppendEventName(StringBuilder text, string name) => text.Append(name).Append(':');

    public static void AppendField(StringBuilder text, string key, long value) =>
        text.Append(' ').Append(key).Append('=').Append(value);

    /// <summary>A text field, quoted as trace string literals are, unless it is one plain word.</summary>
    public static void AppendField(StringBuilder text, string key, string value)
    {
        text.Append(' ').Append(key).Append('=');
        if (IsPlainWord(value))
        {
            text.Append(value);
            return;
        }
        TracePrinter.AppendStringLiteral(text, value);
    }

    private static bool IsPlainWord(string value)
    {
        if (value.Length == 0)
            return false;
        foreach (char c in value)
        {
            if (c <= ' ' || c is '"' or '\\' or '=')
                return false;
        }
        return true;
    }

    /// <summary>Reads "[hex] {category" (a start) or "[hex] category}" (an end); false for any other line.</summary>
    public static bool TryParseMarker(string line, out long microseconds, out string category, out bool isStart)
    {
        microseconds = 0;
        category = "";
        isStart = false;
        int close = line.IndexOf("] ", StringComparison.Ordinal);
        if (line.Length < 5 || line[0] != '[' || close < 2)
            return false;
        if (!long.TryParse(line.AsSpan(1, close - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out microseconds))
            return false;
        string rest = line[(close + 2)..];
        isStart = rest.StartsWith('{');
        string name = isStart ? rest[1..] : rest.EndsWith('}') ? rest[..^1] : "";
        if (name.Length == 0 || !IsName(name, allowUnderscore: true))
            return false;
        category = name;
        return true;
    }

    /// <summary>
    /// Reads an event line into its name and fields; false when the line is not shaped like one (then it is
    /// free text). A line shaped like one with a broken field gives true and <paramref name="error"/>.
    /// </summary>
    public static bool TryParseEvent(string line, out string name, out Dictionary<string, string> fields, out string? error)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        int colon = line.IndexOf(':');
        name = colon > 0 ? line[..colon] : "";
        if (colon <= 0 || !IsName(name, allowUnderscore: false) || (colon + 1 < line.Length && line[colon + 1] != ' '))
            return false;
        int at = colon + 1;
        while (at < line.Length && error is null)
        {
            at++;  // the space before each field
            int equals = line.IndexOf('=', at);
            string key = equals < 0 ? "" : line[at..equals];
            if (key.Length == 0 || !IsName(key, allowUnderscore: false))
            {
                error = $"expected key=value at column {at + 1}";
                break;
            }
            at = equals + 1;
            string? value = at < line.Length && line[at] == '"' ? ReadQuoted(line, ref at, out error) : ReadWord(line, ref at);
            if (value is not null && !fields.TryAdd(key, value))
                error = $"field '{key}' given twice";
        }
        return true;
    }

    private static string ReadWord(string line, ref int at)
    {
        int end = line.IndexOf(' ', at);
        if (end < 0)
            end = line.Length;
        string word = line[at..end];
        at = end;
        return word;
    }

    private static string? ReadQuoted(string line, ref int at, out string? error)
    {
        var value = new StringBuilder();
        error = null;
        for (int i = at + 1; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                at = i + 1;
                if (at < line.Length && line[at] != ' ')
                    error = $"expected a space after the quoted text at column {at + 1}";
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            char escaped = i + 1 < line.Length ? line[++i] : '\0';
            switch (escaped)
            {
                case '"' or '\\': value.Append(escaped); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when i + 4 < line.Length && ushort.TryParse(line.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default:
                    error = $"bad escape in quoted text at column {i + 1}";
                    return null;
            }
        }
        error = $"quoted text opened at column {at + 1} is never closed";
        return null;
    }

    private static bool IsName(string text, bool allowUnderscore)
    {
        if (text.Length == 0 || !char.IsAsciiLetterLower(text[0]))
            return false;
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || (allowUnderscore && c == '_')))
                return false;
        }
        return true;
    }
}
