// Finds where a constant that reaches a block input came from. Flow graphs carry constants on links
// without spans (`x = 1` emits no operation), so conflict notes look the assignment up in the function's
// AST: the first `name = <that literal>` (or `return <that literal>` for the result). Used by the annotator.
using System.Numerics;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Flow;
using SyntaxConstantKind = ClrPy.Frontend.Syntax.ConstantKind;

namespace ClrPy.Translator.Annotation;

public sealed class ConstantOrigins
{
    /// <summary>The name hint of a graph's return variable, under which <c>return literal</c> is indexed.</summary>
    public const string ResultName = "result";

    private readonly Dictionary<(string Name, string Literal), SourceSpan> _assignments = [];

    public ConstantOrigins(FunctionDefStmt function) => Collect(function.Body);

    /// <summary>Where <paramref name="name"/> was assigned this constant, or null when no literal assignment matches.</summary>
    public SourceSpan? Find(string name, Constant constant) =>
        Key(constant) is { } literal && _assignments.TryGetValue((name, literal), out var span) ? span : null;

    private void Collect(IEnumerable<Stmt> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AssignStmt assign when Key(assign.Value) is { } literal:
                    foreach (var target in assign.Targets)
                        if (target is NameExpr name)
                            _assignments.TryAdd((name.Id, literal), assign.Value.Span);
                    break;
                case AnnAssignStmt { Target: NameExpr name, Value: { } value } when Key(value) is { } literal:
                    _assignments.TryAdd((name.Id, literal), value.Span);
                    break;
                case ReturnStmt { Value: { } value } when Key(value) is { } literal:
                    _assignments.TryAdd((ResultName, literal), value.Span);
                    break;
                case ReturnStmt { Value: null } bare:
                    _assignments.TryAdd((ResultName, "None"), bare.Span);
                    break;
                case IfStmt branch:
                    Collect(branch.Body.Concat(branch.OrElse));
                    break;
                case WhileStmt loop:
                    Collect(loop.Body.Concat(loop.OrElse));
                    break;
                case ForStmt loop:
                    Collect(loop.Body.Concat(loop.OrElse));
                    break;
                case TryStmt attempt:
                    Collect(attempt.Body.Concat(attempt.Handlers.SelectMany(handler => handler.Body)).Concat(attempt.OrElse).Concat(attempt.FinalBody));
                    break;
            }
        }
    }

    private static string? Key(Expr expr) => expr switch
    {
        ConstantExpr { Kind: SyntaxConstantKind.None } => "None",
        ConstantExpr { Kind: SyntaxConstantKind.Bool, Value: bool flag } => flag ? "True" : "False",
        ConstantExpr { Kind: SyntaxConstantKind.Int, Value: BigInteger number } => "i" + number,
        ConstantExpr { Kind: SyntaxConstantKind.Float, Value: double number } => "f" + number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ConstantExpr { Kind: SyntaxConstantKind.Str, Value: string text } => "s" + text,
        UnaryOpExpr { Op: UnaryOperator.USub, Operand: ConstantExpr { Kind: SyntaxConstantKind.Int, Value: BigInteger number } } => "i" + (-number),
        UnaryOpExpr { Op: UnaryOperator.USub, Operand: ConstantExpr { Kind: SyntaxConstantKind.Float, Value: double number } } =>
            "f" + (-number).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? Key(Constant constant) => constant.Kind switch
    {
        Flow.ConstantKind.None => "None",
        Flow.ConstantKind.Bool => (bool)constant.Value! ? "True" : "False",
        Flow.ConstantKind.Int => "i" + (long)constant.Value!,
        Flow.ConstantKind.Float => "f" + ((double)constant.Value!).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Flow.ConstantKind.Str => "s" + (string)constant.Value!,
        _ => null,
    };
}
