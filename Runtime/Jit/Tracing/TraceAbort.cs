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
}

public static class TraceAborts
{
    public static string Message(TraceAbort reason) => reason switch
    {
        TraceAbort.TooLong => "the trace grew past trace_limit",
        TraceAbort.PortalReturned => "the interpreter returned before the loop closed",
        TraceAbort.PortalRaised => "the interpreter raised out of its portal before the loop closed",
        TraceAbort.Overflowed => "an ovfcheck overflowed while tracing",
        _ => "an operation the tracer does not record",
    };
}
