// What a guard must know to give control back to the interpreter when it fails: the interpreter frames live at
// that point (outermost first), each with its jitcode, where it resumes, where its result goes, and where each
// of its registers' values comes from (a fail argument of the guard, or a constant). Written by the tracer for
// each guard; read by the blackhole interpreter, which rebuilds the frames and runs them on.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Resume;

/// <summary>One register's value on resume: fail argument <see cref="FailArg"/>, or <see cref="Constant"/> when it is -1.</summary>
public readonly record struct ResumeSlot(ushort Register, int FailArg, TraceValue Constant);

public sealed class ResumeFrame(int codeIndex, int pc, RegisterKind resultKind, int resultRegister, ResumeSlot[][] registers)
{
    public int CodeIndex { get; } = codeIndex;

    /// <summary>Where the frame goes on: for the innermost frame the guard's alternative, for the others just after their call.</summary>
    public int Pc { get; } = pc;

    /// <summary>The register of the caller (the frame before this one) receiving this frame's result; -1 for none.</summary>
    public RegisterKind ResultKind { get; } = resultKind;

    public int ResultRegister { get; } = resultRegister;

    /// <summary>By RegisterKind: the variable registers that hold a value.</summary>
    public ResumeSlot[][] Registers { get; } = registers;
}

/// <summary>
/// The resume data of one guard. When the trace has an exception pending as the guard fails (a call raised where
/// the trace expected none), the innermost frame resumes by raising it at its <see cref="ResumeFrame.Pc"/>.
/// </summary>
public sealed class ResumeData(ResumeFrame[] frames, int failArgCount)
{
    public ResumeFrame[] Frames { get; } = frames;

    public int FailArgCount { get; } = failArgCount;
}
