// Which registers of a jitcode hold values still needed at each instruction: a backward dataflow over the
// instruction stream, decoded from the forms' argument codes. The tracer saves only live registers in a guard's
// resume data, so fail arguments stay few and dead values are not kept alive by traces.
namespace ClrPy.Runtime.Jit.Codes;

public sealed class JitCodeLiveness
{
    private readonly Dictionary<int, int> _indexOfOffset = [];
    private readonly bool[][][] _liveIn;

    private JitCodeLiveness(bool[][][] liveIn, List<int> starts)
    {
        _liveIn = liveIn;
        for (int i = 0; i < starts.Count; i++)
            _indexOfOffset[starts[i]] = i;
    }

    /// <summary>Whether a variable register is live on entry to the instruction at <paramref name="offset"/>.</summary>
    public bool IsLive(int offset, RegisterKind kind, int register) =>
        _indexOfOffset.TryGetValue(offset, out int index) && _liveIn[index][(int)kind][register];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JitCode, JitCodeLiveness> Computed = new();

    /// <summary>The liveness of a jitcode, computed once.</summary>
    public static JitCodeLiveness Of(JitCode code) => Computed.GetValue(code, Compute);

    public static JitCodeLiveness Compute(JitCode code)
    {
        var words = code.Code;
        var starts = new List<int>();
        var uses = new List<List<(int Kind, int Register)>>();
        var defs = new List<List<(int Kind, int Register)>>();
        var successors = new List<List<int>>();
        for (int pc = 0; pc < words.Length;)
        {
            starts.Add(pc);
            var instruction = code.Instructions[words[pc]];
            var use = new List<(int, int)>();
            var def = new List<(int, int)>();
            var labels = new List<int>();
            int at = pc + 1;
            string argCodes = instruction.ArgCodes;
            for (int i = 0; i < argCodes.Length; i++)
            {
                switch (argCodes[i])
                {
                    case 'i' or 'r' or 'f':
                        use.Add((KindIndex(argCodes[i]), words[at++]));
                        break;
                    case 'I' or 'R' or 'F':
                    {
                        int count = words[at++];
                        for (int k = 0; k < count; k++)
                            use.Add((KindIndex(char.ToLowerInvariant(argCodes[i])), words[at++]));
                        break;
                    }
                    case 'L':
                        labels.Add(words[at++]);
                        break;
                    case '>':
                        def.Add((KindIndex(argCodes[++i]), words[at++]));
                        break;
                    default:
                        at++;
                        break;
                }
            }
            var next = new List<int>(labels);
            if (!EndsFlow(instruction.Name))
                next.Add(at);
            uses.Add(use);
            defs.Add(def);
            successors.Add(next);
            pc = at;
        }
        var indexOf = new Dictionary<int, int>();
        for (int i = 0; i < starts.Count; i++)
            indexOf[starts[i]] = i;
        var sizes = new[] { code.VariableRegisters[0], code.VariableRegisters[1], code.VariableRegisters[2] };
        var liveIn = new bool[starts.Count][][];
        for (int i = 0; i < liveIn.Length; i++)
            liveIn[i] = [new bool[sizes[0]], new bool[sizes[1]], new bool[sizes[2]]];
        bool changed = true;
        var live = new bool[3][];
        while (changed)
        {
            changed = false;
            for (int i = starts.Count - 1; i >= 0; i--)
            {
                for (int kind = 0; kind < 3; kind++)
                    live[kind] = new bool[sizes[kind]];
                foreach (int successor in successors[i])
                {
                    if (!indexOf.TryGetValue(successor, out int s))
                        continue;
                    for (int kind = 0; kind < 3; kind++)
                    {
                        for (int r = 0; r < sizes[kind]; r++)
                            live[kind][r] |= liveIn[s][kind][r];
                    }
                }
                foreach (var (kind, register) in defs[i])
                {
                    if (register < sizes[kind])
                        live[kind][register] = false;
                }
                foreach (var (kind, register) in uses[i])
                {
                    if (register < sizes[kind])
                        live[kind][register] = true;
                }
                for (int kind = 0; kind < 3; kind++)
                {
                    for (int r = 0; r < sizes[kind]; r++)
                    {
                        if (live[kind][r] != liveIn[i][kind][r])
                        {
                            liveIn[i][kind][r] = live[kind][r];
                            changed = true;
                        }
                    }
                }
            }
        }
        return new JitCodeLiveness(liveIn, starts);
    }

    private static bool EndsFlow(string name) => name is "goto" or "raise" or "reraise" or "int_return" or "ref_return"
        or "float_return" or "void_return";

    private static int KindIndex(char letter) => letter switch
    {
        'i' => (int)RegisterKind.Int,
        'r' => (int)RegisterKind.Ref,
        _ => (int)RegisterKind.Float,
    };
}
