// Names of Python constructs as diagnostics mention them ("a for loop", "a with statement").
// Used by the module loader and the flow builder.
using ClrPy.Frontend.Syntax;

namespace ClrPy.Translator;

public static class StatementNames
{
    public static string Describe(Stmt statement) => statement switch
    {
        ForStmt { IsAsync: true } => "an async for loop",
        ForStmt => "a for loop",
        WhileStmt => "a while loop",
        IfStmt => "an if statement",
        TryStmt => "a try statement",
        WithStmt => "a with statement",
        RaiseStmt => "a raise statement",
        ReturnStmt => "a return statement",
        DeleteStmt => "a del statement",
        AssertStmt => "an assert statement",
        ExprStmt => "an expression statement",
        AugAssignStmt => "an augmented assignment",
        AssignStmt => "an assignment",
        NonlocalStmt => "a nonlocal statement",
        GlobalStmt => "a global statement",
        BreakStmt => "break",
        ContinueStmt => "continue",
        FunctionDefStmt => "a nested def",
        ClassDefStmt => "a nested class",
        ImportStmt or ImportFromStmt => "an import",
        _ => "this statement",
    };
}
