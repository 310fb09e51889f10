// A range of a source file, stored as offsets into its SourceText. Every AST node, flow-graph
// operation and diagnostic carries one; line and column are computed on demand.
namespace ClrPy.Frontend.Text;

public readonly record struct SourceSpan(SourceText Source, int Start, int End)
{
    public string File => Source.Path;

    public int Line => Source.GetLineColumn(Start).Line;

    public int Column => Source.GetLineColumn(Start).Column;

    public int EndLine => Source.GetLineColumn(End).Line;

    public int EndColumn => Source.GetLineColumn(End).Column;

    /// <summary>The smallest span covering both spans (which must be in the same file).</summary>
    public SourceSpan Cover(SourceSpan other) =>
        new(Source, Math.Min(Start, other.Start), Math.Max(End, other.End));

    public override string ToString() => $"{File}:{Line}:{Column}";
}
