// Per-green-key warm-up counting: each can_enter_jit of a green key adds one; when a key's count reaches
// the driver's threshold the caller starts tracing it. Keys that once aborted tracing count more slowly
// (their increment shrinks with each abort), and a key that keeps aborting is never traced again, so a
// too-branchy location cannot make the program slower than without the JIT.
namespace ClrPy.Runtime.Jit.Warmup;

public enum WarmupState { Counting, Traced, Blacklisted }

/// <summary>Counts can_enter_jit per key against threshold, or with <paramref name="functionEntries"/> the portal's
/// calls per key against function_threshold.</summary>
public sealed class WarmupCounters<TKey>(JitParameters parameters, bool functionEntries = false) where TKey : notnull
{
    private int Threshold => functionEntries ? parameters.FunctionThreshold : parameters.Threshold;

    private sealed class Entry
    {
        public long Count;
        public int Aborts;
        public WarmupState State;
    }

    /// <summary>Aborts after which a key is blacklisted.</summary>
    public const int MaxAborts = 4;

    private readonly Dictionary<TKey, Entry> _entries = [];

    public WarmupState StateOf(TKey key) => _entries.TryGetValue(key, out var entry) ? entry.State : WarmupState.Counting;

    public long CountOf(TKey key) => _entries.TryGetValue(key, out var entry) ? entry.Count : 0;

    /// <summary>One can_enter_jit of <paramref name="key"/>: true when the key should be traced now.</summary>
    public bool Tick(TKey key)
    {
        if (!parameters.Enabled || Threshold <= 0)
            return false;
        if (!_entries.TryGetValue(key, out var entry))
            _entries[key] = entry = new Entry();
        if (entry.State != WarmupState.Counting)
            return false;
        // each abort halves how fast the key warms up again
        entry.Count += 1L << Math.Max(0, MaxAborts - entry.Aborts);
        if (entry.Count < (long)Threshold << MaxAborts)
            return false;
        entry.Count = 0;
        return true;
    }

    /// <summary>Tracing from the key produced a loop: it is no longer counted.</summary>
    public void Traced(TKey key) => Get(key).State = WarmupState.Traced;

    /// <summary>Tracing from the key was aborted (trace_limit, ...): count again, more slowly; blacklist after MaxAborts.</summary>
    public void Aborted(TKey key)
    {
        var entry = Get(key);
        entry.Count = 0;
        if (++entry.Aborts >= MaxAborts)
            entry.State = WarmupState.Blacklisted;
    }

    /// <summary>A trace went around the key's loop without a loop for it: trace from it at its next can_enter_jit.</summary>
    public void MakeHot(TKey key)
    {
        var entry = Get(key);
        if (entry.State == WarmupState.Counting)
            entry.Count = Math.Max(entry.Count, ((long)Threshold << MaxAborts) - 1);
    }

    /// <summary>The loop of the key was freed (it died): the key counts from zero again.</summary>
    public void Forget(TKey key) => _entries.Remove(key);

    private Entry Get(TKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            _entries[key] = entry = new Entry();
        return entry;
    }
}
