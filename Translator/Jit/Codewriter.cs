// The codewriter: typed graphs become jitcodes (Runtime/Jit/Codes), the register bytecode the tracer and
// the blackhole interpreter run. Each typed variable gets a register of its kind (int for Signed,
// Unsigned, Bool and Char; float; ref for everything else); constants become registers past the
// variables. Each typed operation becomes one instruction named after its LowOps row, with argument
// codes from its operands; control flow becomes goto / goto_if_not / catch_exception with the moves a
// link needs (done as a parallel copy), and exception links become a dispatch on the exception's class.
// Calls and allocations of several values pass one register list per kind (I, R, F): the callee's or the
// result's types say how to put them back in order. With operation helpers (the CIL JIT build), operations
// the tracer does not model are residual calls of their OperationHelpers function instead.
using ClrPy.Runtime.Jit.Codes;
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Jit;

public sealed class Codewriter
{
    private readonly InstructionSet _instructions = new();
    private readonly Dictionary<FunctionDescriptor, JitCode> _codes = [];
    private readonly Dictionary<FunctionDescriptor, Descriptions.FunctionHints> _hints = [];

    public InstructionSet Instructions => _instructions;

    public IReadOnlyDictionary<FunctionDescriptor, JitCode> Codes => _codes;

    /// <summary>With operation helpers on (the CIL JIT build), the helpers made for the operations the tracer
    /// does not model; null otherwise.</summary>
    public OperationHelpers? Helpers { get; private init; }

    /// <summary>The jitcodes of every function of a typed program; with <paramref name="operationHelpers"/>, every
    /// operation the tracer does not model is a residual call to its helper (see <see cref="WithHelpers"/>).</summary>
    public static Codewriter Write(TypedProgram program, bool operationHelpers = false)
    {
        var writer = new Codewriter { Helpers = operationHelpers ? new OperationHelpers(program.Representations.Builtins) : null };
        foreach (var (desc, function) in program.FunctionsByDesc)
            writer._hints[function] = desc.Hints;
        foreach (var function in program.Functions.Where(f => f.Graph is not null))
            writer.JitCodeOf(function);
        return writer;
    }

    /// <summary>The JIT hints (@elidable, @dont_look_inside, @unroll_safe) of a function.</summary>
    public Descriptions.FunctionHints HintsOf(FunctionDescriptor function) => _hints.GetValueOrDefault(function);

    /// <summary>The program with the operation helpers among its functions, for the backend to emit them.</summary>
    public TypedProgram WithHelpers(TypedProgram program) =>
        Helpers is { Functions.Count: > 0 } helpers ? program with { Functions = [.. program.Functions, .. helpers.Functions] } : program;

    public JitCode JitCodeOf(FunctionDescriptor function)
    {
        if (!_codes.TryGetValue(function, out var code))
        {
            code = new JitCode(function.Name, _instructions);
            _codes[function] = code;
            new FunctionWriter(this, code, function.Graph ?? throw new InvalidOperationException($"{function.Name} has no graph")).Write();
        }
        return code;
    }

    public const string ResidualCall = "residual_call";

    public const string ElidableCall = "elidable_call";

    public static RegisterKind? KindOf(LowLevelType type) => type.Kind switch
    {
        TypeKind.Void => null,
        TypeKind.Signed or TypeKind.Unsigned or TypeKind.Bool or TypeKind.Char => RegisterKind.Int,
        TypeKind.Float => RegisterKind.Float,
        _ => RegisterKind.Ref,
    };

    public static IntMeaning MeaningOf(LowLevelType type) => type.Kind switch
    {
        TypeKind.Unsigned => IntMeaning.Unsigned,
        TypeKind.Bool => IntMeaning.Bool,
        TypeKind.Char => IntMeaning.Char,
        _ => IntMeaning.Signed,
    };

    public static char Letter(RegisterKind kind) => kind switch { RegisterKind.Int => 'i', RegisterKind.Ref => 'r', _ => 'f' };

    private sealed class FunctionWriter(Codewriter writer, JitCode code, TypedGraph graph)
    {
        private readonly List<ushort> _code = [];
        private readonly Dictionary<TypedVariable, ushort> _registers = [];
        private readonly Dictionary<(RegisterKind, object?), ushort> _constants = [];
        private readonly Dictionary<TypedBlock, int> _blockStarts = [];
        private readonly List<(int Position, TypedBlock Target)> _blockFixups = [];
        private readonly List<(int Position, int Label)> _labelFixups = [];
        private readonly List<int> _labels = [];
        private readonly int[] _variables = new int[3];

        /// <summary>The block written after the current one: a link to it needs no goto.</summary>
        private TypedBlock? _next;

        public void Write()
        {
            var blocks = graph.Blocks();
            AllocateRegisters(blocks.Union([graph.ReturnBlock, graph.ExceptBlock]).ToList());
            // one scratch register per kind, for breaking cycles of link moves
            for (int kind = 0; kind < 3; kind++)
                _scratch[kind] = checked((ushort)_variables[kind]++);
            code.IntMeanings.Add(IntMeaning.Signed);
            _variables.CopyTo(code.VariableRegisters, 0);
            foreach (var parameter in graph.StartBlock.Inputs)
                code.Parameters.Add((KindOf(parameter.Type) ?? RegisterKind.Ref, _registers[parameter]));
            var order = blocks.Where(block => block != graph.ReturnBlock && block != graph.ExceptBlock)
                .Append(graph.ReturnBlock).Append(graph.ExceptBlock).ToList();
            for (int i = 0; i < order.Count; i++)
            {
                _next = i + 1 < order.Count ? order[i + 1] : null;
                WriteBlock(order[i]);
            }
            var result = _code.ToArray();
            foreach (var (position, target) in _blockFixups)
                result[position] = checked((ushort)_blockStarts[target]);
            foreach (var (position, label) in _labelFixups)
                result[position] = checked((ushort)_labels[label]);
            code.Code = result;
        }

        /// <summary>Gives every variable a register. Variables live only in their block (block-local SSA), from
        /// their definition to their last use (link arguments are used at the block's end), so each block is
        /// colored on its own by a linear scan; a block input prefers the register its argument had in an
        /// already colored predecessor, which saves link moves. Int registers are colored separately for each
        /// meaning (signed, unsigned, bool, char), so a register always means one thing.</summary>
        private void AllocateRegisters(List<TypedBlock> blocks)
        {
            var hints = new Dictionary<TypedVariable, int>();
            var colors = new Dictionary<TypedVariable, (int Space, int Color)>();
            var spaceSizes = new Dictionary<int, int>();
            foreach (var block in blocks)
            {
                int end = block.Operations.Count + 1;
                var intervals = new Dictionary<TypedVariable, (int Start, int End)>();
                void Define(TypedVariable variable, int at) => intervals[variable] = (at, at);
                void Use(TypedValue value, int at)
                {
                    if (value is TypedVariable variable && intervals.TryGetValue(variable, out var interval))
                        intervals[variable] = (interval.Start, Math.Max(interval.End, at));
                }
                foreach (var input in block.Inputs)
                    Define(input, 0);
                for (int i = 0; i < block.Operations.Count; i++)
                {
                    foreach (var arg in block.Operations[i].Args)
                        Use(arg, i + 1);
                    Define(block.Operations[i].Result, i + 1);
                }
                if (block.Condition is { } condition)
                    Use(condition, end);
                foreach (var link in block.Links)
                {
                    if (link.ExceptionValue is { } caught)
                        Define(caught, end);
                    foreach (var arg in link.Args)
                        Use(arg, end);
                }
                // linear scan, in order of definition
                var active = new List<(TypedVariable Variable, int Space, int Color, int End)>();
                foreach (var (variable, (start, last)) in intervals.OrderBy(pair => pair.Value.Start).ThenBy(pair => pair.Key.Id))
                {
                    // a value last used by the operation that defines another may share its register (operations
                    // read before they write); values defined together at the start (inputs) or at the end (the
                    // caught exception, beside the link arguments) may not
                    active.RemoveAll(entry => entry.End < start || entry.End == start && start != 0 && start != end);
                    int space = Space(variable);
                    var taken = active.Where(entry => entry.Space == space).Select(entry => entry.Color).ToHashSet();
                    int color = hints.TryGetValue(variable, out int hint) && !taken.Contains(hint) ? hint : 0;
                    while (taken.Contains(color))
                        color++;
                    colors[variable] = (space, color);
                    spaceSizes[space] = Math.Max(spaceSizes.GetValueOrDefault(space), color + 1);
                    active.Add((variable, space, color, last));
                }
                // hint each successor's inputs with the registers of the values passed to them
                foreach (var link in block.Links)
                {
                    for (int i = 0; i < link.Args.Length; i++)
                    {
                        if (link.Args[i] is TypedVariable passed && colors.TryGetValue(passed, out var given) && Space(link.Target.Inputs[i]) == given.Space)
                            hints.TryAdd(link.Target.Inputs[i], given.Color);
                    }
                }
            }
            // lay the color spaces out one after another within each kind
            var offsets = new Dictionary<int, int>();
            foreach (var space in spaceSizes.Keys.Order())
            {
                int kind = space / 8;
                offsets[space] = _variables[kind];
                _variables[kind] += spaceSizes[space];
                if (kind == (int)RegisterKind.Int)
                    code.IntMeanings.AddRange(Enumerable.Repeat((IntMeaning)(space % 8), spaceSizes[space]));
            }
            foreach (var (variable, (space, color)) in colors)
                _registers[variable] = checked((ushort)(offsets[space] + color));
        }

        /// <summary>The color space of a variable: its register kind, and for ints its meaning.</summary>
        private static int Space(TypedVariable variable)
        {
            // a variable of no representation (a classmethod's class) lives in a ref register holding None
            var kind = KindOf(variable.Type) ?? RegisterKind.Ref;
            return (int)kind * 8 + (kind == RegisterKind.Int ? (int)MeaningOf(variable.Type) : 0);
        }

        private ushort Operand(TypedValue value, out RegisterKind kind)
        {
            kind = KindOf(value.Type) ?? RegisterKind.Ref;
            if (value is TypedVariable variable)
                return _registers[variable];
            // a constant of no representation (a class, a module) is a null reference
            if (KindOf(value.Type) is null)
                value = new TypedConstant(null, LowLevelType.None);
            var constant = (TypedConstant)value;
            // a str constant compared with chars ("zz" looked up in a dict of chars) is not one char: a ref
            if (kind == RegisterKind.Int && constant.Value is string { Length: not 1 })
                kind = RegisterKind.Ref;
            object? key = kind switch
            {
                RegisterKind.Int => (IntValue(constant.Value), MeaningOf(constant.Type)),
                RegisterKind.Float => BitConverter.DoubleToInt64Bits(constant.Value is long l ? l : (double)constant.Value!), // keeps -0.0 apart from 0.0
                _ => (constant.Value, constant.Type),
            };
            if (_constants.TryGetValue((kind, key), out ushort existing))
                return existing;
            ushort register;
            switch (kind)
            {
                case RegisterKind.Int:
                    register = checked((ushort)(_variables[0] + code.IntConstants.Count));
                    code.IntConstants.Add(IntValue(constant.Value));
                    code.IntMeanings.Add(MeaningOf(constant.Type));
                    break;
                case RegisterKind.Float:
                    register = checked((ushort)(_variables[2] + code.FloatConstants.Count));
                    code.FloatConstants.Add(constant.Value is long whole ? whole : (double)constant.Value!);
                    break;
                default:
                    register = checked((ushort)(_variables[1] + code.RefConstants.Count));
                    code.RefConstants.Add(constant.Value);
                    code.RefConstantTypes.Add(constant.Type);
                    break;
            }
            _constants[(kind, key)] = register;
            return register;
        }

        /// <summary>An int register's value for a constant: ints, bools as 0/1, chars (or one-character strs) as code points.</summary>
        private static long IntValue(object? value) => value switch
        {
            long l => l,
            ulong u => unchecked((long)u),
            bool b => b ? 1 : 0,
            char c => c,
            string { Length: 1 } s => s[0],
            Flow.Constant { Value: var inner } => IntValue(inner),
            null => 0,
            _ => throw new InvalidOperationException($"no int value for the constant {value}"),
        };

        private void Emit(string name, string argCodes, params ushort[] operands)
        {
            _code.Add(writer._instructions.Number(name, argCodes));
            _code.AddRange(operands);
        }

        private int NewLabel()
        {
            _labels.Add(-1);
            return _labels.Count - 1;
        }

        private void Place(int label) => _labels[label] = _code.Count;

        private void WriteBlock(TypedBlock block)
        {
            _blockStarts[block] = _code.Count;
            if (block == graph.ReturnBlock)
            {
                var result = block.Inputs[0];
                if (KindOf(result.Type) is { } kind)
                    Emit(kind switch { RegisterKind.Int => "int_return", RegisterKind.Ref => "ref_return", _ => "float_return" }, Letter(kind).ToString(), _registers[result]);
                else
                    Emit("void_return", "");
                return;
            }
            if (block == graph.ExceptBlock)
            {
                Emit("raise", "r", _registers[block.Inputs[0]]);
                return;
            }
            foreach (var operation in block.Operations)
                WriteOperation(operation);
            switch (block.Exit)
            {
                case TypedExit.Goto:
                    WriteLink(block.Links[0], last: true);
                    break;
                case TypedExit.Bool:
                {
                    int whenFalse = NewLabel();
                    Emit("goto_if_not", "iL", _registers[block.Condition!], 0);
                    _labelFixups.Add((_code.Count - 1, whenFalse));
                    WriteLink(block.Links[1]);
                    Place(whenFalse);
                    WriteLink(block.Links[0], last: true);
                    break;
                }
                case TypedExit.LastException:
                {
                    // catch_exception follows the raising operation: execution goes on after it normally,
                    // or jumps to the handler dispatch when the operation raised.
                    int handlers = NewLabel();
                    Emit("catch_exception", "L", 0);
                    _labelFixups.Add((_code.Count - 1, handlers));
                    WriteLink(block.Links[0]);
                    Place(handlers);
                    foreach (var link in block.Links.Skip(1))
                    {
                        int next = NewLabel();
                        Emit("goto_if_exception_mismatch", "dL", Descriptor(link.Catches), 0);
                        _labelFixups.Add((_code.Count - 1, next));
                        Emit("last_exc_value", ">r", _registers[link.ExceptionValue!]);
                        WriteLink(link);
                        Place(next);
                    }
                    Emit("reraise", "");
                    break;
                }
            }
        }

        private ushort Descriptor(object? descriptor)
        {
            int index = code.Descriptors.IndexOf(descriptor);
            if (index < 0)
            {
                index = code.Descriptors.Count;
                code.Descriptors.Add(descriptor);
            }
            return checked((ushort)index);
        }

        private void WriteOperation(TypedOperation operation)
        {
            if (writer.Helpers is { } helpers && !OperationHelpers.IsModelled(operation.Code))
                operation = helpers.CallOf(operation);
            if (operation.Span is { } span)
                code.Positions[_code.Count] = $"{span.Line}:{span.Column}";
            var argCodes = new System.Text.StringBuilder();
            var operands = new List<ushort>();
            // allocations of several values name their type, so the values can be put back in order
            var descriptor = operation.Descriptor ?? (operation.Info.IsVariadic ? operation.Result.Type : null);
            if (descriptor is not null)
            {
                argCodes.Append('d');
                operands.Add(Descriptor(descriptor));
            }
            if (operation.Info.IsVariadic)
            {
                // one list per kind, each in order
                foreach (var kind in new[] { RegisterKind.Int, RegisterKind.Ref, RegisterKind.Float })
                {
                    var registers = new List<ushort>();
                    foreach (var arg in operation.Args)
                    {
                        ushort register = Operand(arg, out var argKind);
                        if (argKind == kind)
                            registers.Add(register);
                    }
                    argCodes.Append(char.ToUpperInvariant(Letter(kind)));
                    operands.Add(checked((ushort)registers.Count));
                    operands.AddRange(registers);
                }
            }
            else
            {
                foreach (var arg in operation.Args)
                {
                    operands.Add(Operand(arg, out var kind));
                    argCodes.Append(Letter(kind));
                }
            }
            if (KindOf(operation.Result.Type) is { } resultKind)
            {
                argCodes.Append('>').Append(Letter(resultKind));
                operands.Add(_registers[operation.Result]);
            }
            Emit(InstructionName(operation), argCodes.ToString(), [.. operands]);
        }

        /// <summary>The row's name; a direct call says how the tracer treats its callee: residual_call for
        /// @dont_look_inside (called, not traced into), elidable_call for @elidable (folded with constant
        /// arguments), direct_call otherwise (traced into); an operation helper is always a residual_call.</summary>
        private string InstructionName(TypedOperation operation)
        {
            if (operation is { Code: LowOpCode.DirectCall, Descriptor: FunctionDescriptor helper } && writer.Helpers?.IsHelper(helper) == true)
                return ResidualCall;
            if (operation is { Code: LowOpCode.DirectCall, Descriptor: FunctionDescriptor callee } && writer._hints.TryGetValue(callee, out var hints))
            {
                if (hints.HasFlag(Descriptions.FunctionHints.DontLookInside))
                    return ResidualCall;
                if (hints.HasFlag(Descriptions.FunctionHints.Elidable))
                    return ElidableCall;
            }
            return operation.Info.Name;
        }

        /// <summary>Moves the link's values into the target's input registers (a parallel copy), then jumps.</summary>
        private void WriteLink(TypedLink link, bool last = false)
        {
            var moves = new List<(RegisterKind Kind, ushort From, ushort To)>();
            for (int i = 0; i < link.Args.Length; i++)
            {
                var input = link.Target.Inputs[i];
                var kind = KindOf(input.Type) ?? RegisterKind.Ref;
                ushort from = Operand(link.Args[i], out _);
                ushort to = _registers[input];
                if (from != to)
                    moves.Add((kind, from, to));
            }
            foreach (var kind in new[] { RegisterKind.Int, RegisterKind.Ref, RegisterKind.Float })
                ParallelCopy(kind, [.. moves.Where(m => m.Kind == kind).Select(m => (m.From, m.To))]);
            if (last && link.Target == _next)
                return;
            Emit("goto", "L", 0);
            _blockFixups.Add((_code.Count - 1, link.Target));
        }

        /// <summary>Copies registers as if all at once: a move waits while its destination is still to be
        /// read; a cycle is broken through a scratch register.</summary>
        private void ParallelCopy(RegisterKind kind, List<(ushort From, ushort To)> moves)
        {
            string name = kind switch { RegisterKind.Int => "int_copy", RegisterKind.Ref => "ref_copy", _ => "float_copy" };
            string codes = $"{Letter(kind)}>{Letter(kind)}";
            while (moves.Count > 0)
            {
                int ready = moves.FindIndex(move => !moves.Any(other => other.From == move.To));
                if (ready >= 0)
                {
                    Emit(name, codes, moves[ready].From, moves[ready].To);
                    moves.RemoveAt(ready);
                    continue;
                }
                // every destination is still a source: save one source in the scratch register
                ushort scratch = Scratch(kind);
                var (from, _) = moves[0];
                Emit(name, codes, from, scratch);
                for (int i = 0; i < moves.Count; i++)
                {
                    if (moves[i].From == from)
                        moves[i] = (scratch, moves[i].To);
                }
            }
        }

        private readonly ushort[] _scratch = new ushort[3];

        private ushort Scratch(RegisterKind kind) => _scratch[(int)kind];
    }
}
