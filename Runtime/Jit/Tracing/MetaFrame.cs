// One activation of a jitcode in the meta-interpreter: its registers (real values, and while tracing the trace
// value recorded for each), its position, the exception its handler caught, and where its caller wants the
// result. Made by the tracer when it inlines a call and by the resume code when a guard fails.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Tracing;

public sealed class MetaFrame
{
    public MetaFrame(JitCode code, int codeIndex, bool recording)
    {
        Code = code;
        CodeIndex = codeIndex;
        for (int kind = 0; kind < 3; kind++)
        {
            int count = code.RegisterCount((RegisterKind)kind);
            Registers[kind] = new TraceValue[count];
            if (recording)
            {
                Boxes[kind] = new int[count];
                Array.Fill(Boxes[kind], TraceValues.None);
            }
        }
        int ints = code.VariableRegisters[0], refs = code.VariableRegisters[1], floats = code.VariableRegisters[2];
        for (int i = 0; i < code.IntConstants.Count; i++)
            Registers[0][ints + i] = TraceValue.FromInt(code.IntConstants[i]);
        for (int i = 0; i < code.RefConstants.Count; i++)
            Registers[1][refs + i] = TraceValue.FromRef(code.RefConstants[i]);
        for (int i = 0; i < code.FloatConstants.Count; i++)
            Registers[2][floats + i] = TraceValue.FromFloat(code.FloatConstants[i]);
    }

    public JitCode Code { get; }

    /// <summary>Index of <see cref="Code"/> in JitProgram.Codes.</summary>
    public int CodeIndex { get; }

    public int Pc;

    /// <summary>A portal frame inlined while tracing has passed its merge point once (its call's start).</summary>
    public bool PassedMergePoint;

    /// <summary>A portal frame inlined while tracing ran can_enter_jit: its next merge point is a loop header.</summary>
    public bool AtLoopHeader;

    /// <summary>Register values by RegisterKind; constants live past the variables.</summary>
    public readonly TraceValue[][] Registers = new TraceValue[3][];

    /// <summary>While tracing: the trace value of each register (None until written; constants made on first read).</summary>
    public readonly int[][] Boxes = new int[3][];

    /// <summary>The exception the frame's handlers are dispatching on, and its trace value.</summary>
    public object? Caught;
    public int CaughtBox = TraceValues.None;

    /// <summary>Where this frame's result goes in its caller: a register of that kind, or -1 for none.</summary>
    public RegisterKind ResultKind;
    public int ResultRegister = -1;

    public bool IsConstantRegister(RegisterKind kind, int register) => register >= Code.VariableRegisters[(int)kind];
}
