// Why a trace was abandoned before its loop closed, with the message logs and summaries show. The engine
// handles every abort at one place (JitEngine), counting it against the green key that started the trace.
namespace ClrPy.Runtime.Jit.Tracing;

public enum TraceAbort : byte
{
    TooLong,
    PortalReturned,
    PortalRaised,
    Overflowed,
    Unsupported,
    /// <summary>The trace came around a loop that has none compiled yet: that loop is traced on its own first.</summary>
    InnerLoop,
}

public static class TraceAborts
{
    public static string Message(TraceAbort reason) => reason switch
    {
        TraceAbort.TooLong => "the trace grew past trace_limit",
        TraceAbort.PortalReturned => "the interpreter returned before the loop closed",
        TraceAbort.PortalRaised => "the interpreter raised out of its portal before the loop closed",
        TraceAbort.Overflowed => "an ovfcheck overflowed while tracing",
        TraceAbort.InnerLoop => "the trace went around a loop that has no compiled loop yet",
        _ => "an operation the tracer does not record",
    };
}
