// One RPy module of the program: its AST and its globals after the translation-time evaluation of
// its module-level code. Created by ProgramLoader; read by the flow builder (globals are constants).
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Descriptions;

public sealed class ModuleDesc(string name, Module ast)
{
    /// <summary>The dotted module name (<c>__main__</c> for the program's main file).</summary>
    public string Name { get; } = name;

    public Module Ast { get; } = ast;

    public SourceText Source => Ast.Source;

    /// <summary>Module-level names and their translation-time values, in definition order.</summary>
    public Dictionary<string, Constant> Globals { get; } = [];

    /// <summary>Names declared <c>global</c> somewhere and rebound by functions are rejected; this
    /// records where each global was defined, for diagnostics.</summary>
    public Dictionary<string, SourceSpan> GlobalSpans { get; } = [];

    public List<FunctionDesc> Functions { get; } = [];

    public List<ClassDesc> Classes { get; } = [];

    public override string ToString() => $"<module {Name}>";
}
