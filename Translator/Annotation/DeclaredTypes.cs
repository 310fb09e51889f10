// Checks the optional source annotations (`argv: list[str]`, `-> float`) against what inference
// found, after the fixpoint. A declaration that inference contradicts is an error; forms this
// checker does not understand are accepted unchecked.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed partial class Annotator
{
    private void CheckDeclaredTypes()
    {
        foreach (var (function, graph) in _graphs)
        {
            var ast = function.Ast;
            var declared = ast.Args.PosOnlyArgs.AddRange(ast.Args.Args).AddRange(ast.Args.KwOnlyArgs);
            for (int i = 0; i < declared.Length && i < graph.Parameters.Count; i++)
            {
                if (declared[i].Annotation is { } expected && _bindings.GetValueOrDefault(graph.Parameters[i]) is { } inferred)
                    CheckDeclared(function, expected, inferred, $"parameter '{declared[i].Name}' of {function.Name}()");
            }
            if (ast.Returns is { } returns && _bindings.GetValueOrDefault(graph.ReturnBlock.Inputs[0]) is { } result)
                CheckDeclared(function, returns, result, $"the result of {function.Name}()");
            CheckDeclaredLocals(function, graph);
        }
    }

    /// <summary><c>x: T = value</c> in a body: every SSA variable holding a value of <c>x</c> must fit T.</summary>
    private void CheckDeclaredLocals(FunctionDesc function, FunctionGraph graph)
    {
        var declarations = new Dictionary<string, Expr>(StringComparer.Ordinal);
        CollectDeclarations(function.Ast.Body, declarations);
        if (declarations.Count == 0)
            return;
        foreach (var block in graph.Blocks)
        {
            foreach (var variable in block.Inputs.Concat(block.Operations.Select(operation => operation.Result)))
            {
                if (variable.NameHint is { } name && declarations.TryGetValue(name, out var declared)
                    && _bindings.GetValueOrDefault(variable) is { } inferred)
                    CheckDeclared(function, declared, inferred, $"variable '{name}'");
            }
        }
    }

    private static void CollectDeclarations(IEnumerable<Stmt> body, Dictionary<string, Expr> declarations)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AnnAssignStmt { Target: NameExpr target } declaration:
                    declarations.TryAdd(target.Id, declaration.Annotation);
                    break;
                case IfStmt branch:
                    CollectDeclarations(branch.Body.Concat(branch.OrElse), declarations);
                    break;
                case WhileStmt loop:
                    CollectDeclarations(loop.Body.Concat(loop.OrElse), declarations);
                    break;
                case ForStmt loop:
                    CollectDeclarations(loop.Body.Concat(loop.OrElse), declarations);
                    break;
                case TryStmt attempt:
                    CollectDeclarations(attempt.Body.Concat(attempt.Handlers.SelectMany(handler => handler.Body))
                        .Concat(attempt.OrElse).Concat(attempt.FinalBody), declarations);
                    break;
            }
        }
    }

    private void CheckDeclared(FunctionDesc function, Expr expected, Annotation inferred, string subject)
    {
        if (Matches(function.Module, expected, inferred) != false)
            return;
        var notes = inferred.Origin is { } origin ? new[] { new DiagnosticNote($"{inferred.UserName} comes from here", origin) } : [];
        TypeErrors.Error(TypeErrors.DeclaredTypeId, expected.Span, $"{subject} is {inferred.UserName} but is declared {Text(expected)}", notes);
    }

    /// <summary>True/false when the declaration is understood, null when it is not checked.</summary>
    private bool? Matches(ModuleDesc module, Expr expected, Annotation inferred)
    {
        if (inferred is SomeImpossible)
            return true;
        switch (expected)
        {
            case ConstantExpr { Kind: Frontend.Syntax.ConstantKind.None }:
                return inferred is SomeNone;
            case BinOpExpr { Op: BinaryOperator.BitOr } union when IsNone(union.Right) || IsNone(union.Left):
                var other = IsNone(union.Right) ? union.Left : union.Right;
                return inferred is SomeNone ? true : Matches(module, other, NonNull(inferred) ?? inferred);
            case SubscriptExpr { Value: NameExpr { Id: "Optional" } } optional:
                return inferred is SomeNone ? true : Matches(module, optional.Slice, NonNull(inferred) ?? inferred);
            case NameExpr name:
                return MatchesName(module, name.Id, inferred);
            case SubscriptExpr { Value: NameExpr { Id: "list" or "List" } } list:
                return inferred is SomeList { Nullable: false } someList ? Matches(module, list.Slice, someList.Def.Item) : false;
            case SubscriptExpr { Value: NameExpr { Id: "dict" or "Dict" }, Slice: TupleExpr { Elts.Length: 2 } pair }:
                return inferred is SomeDict { Nullable: false } dict
                    ? Both(Matches(module, pair.Elts[0], dict.Def.Key), Matches(module, pair.Elts[1], dict.Def.Value)) : false;
            case SubscriptExpr { Value: NameExpr { Id: "tuple" or "Tuple" } } tuple:
                var items = tuple.Slice is TupleExpr several ? several.Elts : [tuple.Slice];
                if (inferred is not SomeTuple someTuple || someTuple.Items.Length != items.Length)
                    return false;
                bool? all = true;
                for (int i = 0; i < items.Length; i++)
                    all = Both(all, Matches(module, items[i], someTuple.Items[i]));
                return all;
        }
        return null;
    }

    private static bool? Both(bool? left, bool? right) => left == false || right == false ? false : left == true && right == true ? true : null;

    private static bool IsNone(Expr expr) => expr is ConstantExpr { Kind: Frontend.Syntax.ConstantKind.None };

    private bool? MatchesName(ModuleDesc module, string name, Annotation inferred)
    {
        switch (name)
        {
            case "int":
                return inferred is SomeInt;
            case "float":
                return inferred is SomeFloat or SomeInt;
            case "bool":
                return inferred is SomeBool;
            case "str":
                return inferred is SomeStr { Nullable: false } or SomeChar;
            case "list":
                return inferred is SomeList { Nullable: false };
            case "dict":
                return inferred is SomeDict { Nullable: false };
            case "tuple":
                return inferred is SomeTuple;
        }
        if (module.Globals.TryGetValue(name, out var global) && Bookkeeper.ClassDefOf(global) is { } cls)
            return inferred is SomeInstance { Nullable: false } instance && instance.Class.IsSubclassOf(cls);
        return null;
    }

    private static string Text(Expr expr) => expr switch
    {
        NameExpr name => name.Id,
        ConstantExpr { Kind: Frontend.Syntax.ConstantKind.None } => "None",
        SubscriptExpr subscript => $"{Text(subscript.Value)}[{Text(subscript.Slice)}]",
        TupleExpr tuple => string.Join(", ", tuple.Elts.Select(Text)),
        BinOpExpr { Op: BinaryOperator.BitOr } union => $"{Text(union.Left)} | {Text(union.Right)}",
        AttributeExpr attribute => $"{Text(attribute.Value)}.{attribute.Attr}",
        _ => "?",
    };
}
