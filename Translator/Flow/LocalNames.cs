// Finds the local variables of a function the way Python does: its parameters and every name it
// assigns (assignment, for, except ... as, del, import), except names declared global.
// Used by FlowGraphBuilder to tell a local that may be unassigned from a global.
using ClrPy.Frontend.Syntax;

namespace ClrPy.Translator.Flow;

public static class LocalNames
{
    public static HashSet<string> Collect(FunctionDefStmt function)
    {
        var names = new HashSet<string>();
        var globals = new HashSet<string>();
        var args = function.Args;
        foreach (var arg in args.PosOnlyArgs.Concat(args.Args).Concat(args.KwOnlyArgs))
            names.Add(arg.Name);
        foreach (var statement in function.Body)
            Visit(statement, names, globals);
        names.ExceptWith(globals);
        return names;
    }

    /// <summary>Adds the names an assignment target binds (a name, or names inside tuples, lists and starred targets).</summary>
    public static void CollectTargets(Expr target, HashSet<string> names)
    {
        switch (target)
        {
            case NameExpr name:
                names.Add(name.Id);
                break;
            case TupleExpr tuple:
                foreach (var element in tuple.Elts)
                    CollectTargets(element, names);
                break;
            case ListExpr list:
                foreach (var element in list.Elts)
                    CollectTargets(element, names);
                break;
            case StarredExpr starred:
                CollectTargets(starred.Value, names);
                break;
        }
    }

    private static void Visit(Stmt statement, HashSet<string> names, HashSet<string> globals)
    {
        switch (statement)
        {
            case AssignStmt assign:
                foreach (var target in assign.Targets)
                    CollectTargets(target, names);
                break;
            case AugAssignStmt augmented:
                CollectTargets(augmented.Target, names);
                break;
            case AnnAssignStmt annotated:
                CollectTargets(annotated.Target, names);
                break;
            case ForStmt forStmt:
                CollectTargets(forStmt.Target, names);
                VisitAll(forStmt.Body, names, globals);
                VisitAll(forStmt.OrElse, names, globals);
                break;
            case WhileStmt whileStmt:
                VisitAll(whileStmt.Body, names, globals);
                VisitAll(whileStmt.OrElse, names, globals);
                break;
            case IfStmt ifStmt:
                VisitAll(ifStmt.Body, names, globals);
                VisitAll(ifStmt.OrElse, names, globals);
                break;
            case TryStmt tryStmt:
                VisitAll(tryStmt.Body, names, globals);
                foreach (var handler in tryStmt.Handlers)
                {
                    if (handler.Name is { } bound)
                        names.Add(bound);
                    VisitAll(handler.Body, names, globals);
                }
                VisitAll(tryStmt.OrElse, names, globals);
                VisitAll(tryStmt.FinalBody, names, globals);
                break;
            case WithStmt with:
                foreach (var item in with.Items)
                {
                    if (item.OptionalVars is { } vars)
                        CollectTargets(vars, names);
                }
                VisitAll(with.Body, names, globals);
                break;
            case DeleteStmt delete:
                foreach (var target in delete.Targets)
                    CollectTargets(target, names);
                break;
            case GlobalStmt global:
                globals.UnionWith(global.Names);
                break;
            case ImportStmt import:
                foreach (var alias in import.Names)
                    names.Add(alias.AsName ?? alias.Name.Split('.')[0]);
                break;
            case ImportFromStmt importFrom:
                foreach (var alias in importFrom.Names)
                    names.Add(alias.AsName ?? alias.Name);
                break;
            case FunctionDefStmt def:
                names.Add(def.Name);
                break;
            case ClassDefStmt classDef:
                names.Add(classDef.Name);
                break;
        }
    }

    private static void VisitAll(IEnumerable<Stmt> statements, HashSet<string> names, HashSet<string> globals)
    {
        foreach (var statement in statements)
            Visit(statement, names, globals);
    }
}
