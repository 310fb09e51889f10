// One operation of a block: `result = opcode(args...)`, with the span of the AST node it came
// from. Created by the flow builder; the annotator attaches types to its arguments and result.
using System.Collections.Immutable;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Flow;

public sealed class Operation(OpCode code, ImmutableArray<Value> args, Variable result, SourceSpan span)
{
    public OpCode Code { get; } = code;

    public ImmutableArray<Value> Args { get; } = args;

    /// <summary>Always a fresh variable, even for operations whose result is unused (e.g. setattr).</summary>
    public Variable Result { get; } = result;

    public SourceSpan Span { get; } = span;

    public OpInfo Info => Code.Info();

    public override string ToString() => $"{Result} = {Code.Name()}({string.Join(", ", Args)})";
}
