// Turns the main module's AST into a ProgramDesc: resolves and parses imported modules of the same
// directory tree on demand, and evaluates module-level code (imports, def, class, constant
// assignments) at translation time. Called by the CLI's translate command and by the tests.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Constant = ClrPy.Translator.Flow.Constant;

namespace ClrPy.Translator.Descriptions;

public sealed class ProgramLoader
{
    private readonly string _rootDirectory;
    private readonly ProgramDesc _program;
    private readonly HashSet<string> _loading = [];
    private readonly ConstantEvaluator _evaluator;

    private ProgramLoader(Module mainModule)
    {
        _rootDirectory = Path.GetDirectoryName(Path.GetFullPath(mainModule.Source.Path)) ?? ".";
        _program = new ProgramDesc(new ModuleDesc("__main__", mainModule));
        _evaluator = new ConstantEvaluator(_program, (module, def) => DefineFunction(module, def, null));
    }

    /// <summary>Loads the program whose main module is given; throws DiagnosticException on a user error.</summary>
    public static ProgramDesc Load(Module mainModule)
    {
        var loader = new ProgramLoader(mainModule);
        var main = loader._program.MainModule;
        loader._program.Modules[main.Name] = main;
        loader.Evaluate(main);
        if (main.Globals.GetValueOrDefault("main")?.Value is not FunctionDesc mainFunction)
            TranslationErrors.Throw(TranslationErrors.NoMainId, new SourceSpan(main.Source, 0, 0), "no main(argv) function");
        else
            loader._program.Main = mainFunction;
        return loader._program;
    }

    /// <summary>Loads a program from a file path (parsing it first); throws DiagnosticException on a user error.</summary>
    public static ProgramDesc LoadFile(string path) => Load(Parse(path, null));

    private static Module Parse(string path, SourceSpan? importedAt)
    {
        var (source, error) = SourceLoader.Load(path);
        if (error is not null)
        {
            if (importedAt is { } at)
                TranslationErrors.Import(at, error.Message);
            throw new DiagnosticException(error);
        }
        var result = PythonParser.Parse(source!);
        if (!result.Succeeded)
            throw new DiagnosticException(result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        return result.Module!;
    }

    private void Evaluate(ModuleDesc module)
    {
        foreach (var statement in module.Ast.Body)
            EvaluateStatement(module, statement);
    }

    private void EvaluateStatement(ModuleDesc module, Stmt statement)
    {
        switch (statement)
        {
            case ImportStmt import:
                foreach (var alias in import.Names)
                    Import(module, alias);
                break;
            case ImportFromStmt importFrom:
                ImportFrom(module, importFrom);
                break;
            case FunctionDefStmt def:
                var function = DefineFunction(module, def, null);
                Bind(module, def.Name, Constant.Of(function), def.Span);
                break;
            case ClassDefStmt classDef:
                Bind(module, classDef.Name, Constant.Of(DefineClass(module, classDef)), classDef.Span);
                break;
            case AssignStmt assign:
                var value = _evaluator.Evaluate(module, assign.Value, null);
                foreach (var target in assign.Targets)
                    _evaluator.Assign(module, target, value, null);
                break;
            case AnnAssignStmt { Value: { } annotated } annAssign:
                _evaluator.Assign(module, annAssign.Target, _evaluator.Evaluate(module, annotated, null), null);
                break;
            case AnnAssignStmt or PassStmt or GlobalStmt:
                break;
            case ExprStmt { Value: ConstantExpr { Kind: ConstantKind.Str } }:
                break;
            case IfStmt ifStmt when IsMainGuard(ifStmt.Test):
                break;
            case BreakStmt:
                TranslationErrors.NotRpy(statement.Span, "'break' outside loop");
                break;
            case ContinueStmt:
                TranslationErrors.NotRpy(statement.Span, "'continue' not properly in loop");
                break;
            case ReturnStmt:
                TranslationErrors.NotRpy(statement.Span, "'return' outside function");
                break;
            default:
                TranslationErrors.ModuleLevel(statement.Span,
                    $"{StatementNames.Describe(statement)} at module level is not RPy (module-level code may only import, define functions and classes, and assign constants)");
                break;
        }
    }

    private static bool IsMainGuard(Expr test) =>
        test is CompareExpr { Left: NameExpr { Id: "__name__" }, Ops: [CompareOperator.Eq], Comparators: [ConstantExpr { Value: "__main__" }] };

    private static void Bind(ModuleDesc module, string name, Constant value, SourceSpan span)
    {
        module.Globals[name] = value;
        module.GlobalSpans[name] = span;
    }

    private void Import(ModuleDesc module, Alias alias)
    {
        if (Builtins.LookupModule(alias.Name) is { } builtin)
        {
            string first = alias.Name.Split('.')[0];
            Bind(module, alias.AsName ?? first, Constant.Of(alias.AsName is null ? Builtins.LookupModule(first)! : builtin), alias.Span);
            return;
        }
        if (alias.Name is "typing" or "__future__")
            return;
        var imported = LoadModule(alias.Name, alias.Span);
        if (alias.AsName is null && alias.Name.Contains('.'))
            TranslationErrors.NotRpy(alias.Span, $"'import {alias.Name}' of a package is not RPy: write 'from {alias.Name[..alias.Name.LastIndexOf('.')]} import {alias.Name[(alias.Name.LastIndexOf('.') + 1)..]}'");
        Bind(module, alias.AsName ?? alias.Name, Constant.Of(imported), alias.Span);
    }

    private void ImportFrom(ModuleDesc module, ImportFromStmt importFrom)
    {
        if (importFrom.Names is [{ Name: "*" } star])
            TranslationErrors.NotRpy(star.Span, "star imports are not RPy: import the names you use");
        string moduleName = importFrom.Module ?? "";
        if (importFrom.Level == 0 && moduleName is "__future__" or "typing")
            return;
        if (importFrom.Level == 0 && Builtins.LookupModule(moduleName) is { } builtin)
        {
            foreach (var alias in importFrom.Names)
            {
                var member = Builtins.LookupMember(builtin, alias.Name);
                if (member is null)
                    TranslationErrors.Import(alias.Span, $"cannot import name '{alias.Name}' from '{moduleName}' (not supported by RPy)");
                Bind(module, alias.AsName ?? alias.Name, Constant.Of(member), alias.Span);
            }
            return;
        }
        string absolute = importFrom.Level > 0 ? ResolveRelative(moduleName, importFrom.Level, module, importFrom.Span) : moduleName;
        if (absolute.Length == 0)
        {
            foreach (var alias in importFrom.Names)
                Bind(module, alias.AsName ?? alias.Name, Constant.Of(LoadModule(alias.Name, alias.Span)), alias.Span);
            return;
        }
        var source = LoadModule(absolute, importFrom.Span);
        foreach (var alias in importFrom.Names)
        {
            var value = source.Globals.GetValueOrDefault(alias.Name)
                ?? (TryLoadSubmodule(source, alias, importFrom.Span) is { } submodule ? Constant.Of(submodule) : null);
            if (value is null)
                TranslationErrors.Import(alias.Span, $"cannot import name '{alias.Name}' from '{source.Name}'");
            Bind(module, alias.AsName ?? alias.Name, value, alias.Span);
        }
    }

    private ModuleDesc? TryLoadSubmodule(ModuleDesc package, Alias alias, SourceSpan span)
    {
        string name = package.Name + "." + alias.Name;
        return ModulePath(name) is null ? null : LoadModule(name, span);
    }

    private string? ModulePath(string dottedName)
    {
        string relative = Path.Combine(dottedName.Split('.'));
        string file = Path.Combine(_rootDirectory, relative + ".py");
        if (File.Exists(file))
            return file;
        string package = Path.Combine(_rootDirectory, relative, "__init__.py");
        return File.Exists(package) ? package : null;
    }

    /// <summary>The absolute name of a relative import (empty for the program's top-level directory).</summary>
    private static string ResolveRelative(string name, int level, ModuleDesc importer, SourceSpan span)
    {
        var parts = importer.Name == "__main__" ? [] : importer.Name.Split('.').ToList();
        bool isPackage = Path.GetFileName(importer.Source.Path) == "__init__.py";
        int drop = level - (isPackage ? 1 : 0);
        if (drop > parts.Count)
            TranslationErrors.Import(span, "relative import beyond the program's top-level directory");
        parts.RemoveRange(parts.Count - drop, drop);
        if (name.Length > 0)
            parts.Add(name);
        return string.Join('.', parts);
    }

    private ModuleDesc LoadModule(string name, SourceSpan span)
    {
        int dot = name.LastIndexOf('.');
        if (dot > 0 && ModulePath(name[..dot]) is not null)
            LoadModule(name[..dot], span);
        if (_program.Modules.TryGetValue(name, out var known))
            return known;
        if (!_loading.Add(name))
            TranslationErrors.Import(span, $"circular import of module '{name}'");
        string? path = ModulePath(name);
        if (path is null)
            TranslationErrors.Import(span, $"no module named '{name}': RPy programs import math, os, time, sys, clrpy and their own .py modules beside the main program");
        var module = new ModuleDesc(name, Parse(path, span));
        Evaluate(module);
        _program.Modules[name] = module;
        _loading.Remove(name);
        return module;
    }

    /// <summary>Creates the description of a def in a module or class body (after checking its signature and decorators).</summary>
    private FunctionDesc DefineFunction(ModuleDesc module, FunctionDefStmt def, ClassDesc? owner)
    {
        if (def.IsAsync)
            TranslationErrors.NotRpy(def.Span, "async functions are not RPy");
        var args = def.Args;
        if (args.VarArg is { } varArg)
            TranslationErrors.NotRpy(varArg.Span, $"*{varArg.Name} parameters are not RPy");
        if (args.KwArg is { } kwArg)
            TranslationErrors.NotRpy(kwArg.Span, $"**{kwArg.Name} parameters are not RPy");
        var kind = owner is null ? FunctionKind.Function : FunctionKind.Method;
        var hints = FunctionHints.None;
        foreach (var decorator in def.DecoratorList)
        {
            var value = decorator is NameExpr or AttributeExpr ? _evaluator.TryEvaluateName(module, decorator) : null;
            switch (value?.Value)
            {
                case BuiltinDesc { Name: "staticmethod" } when owner is not null:
                    kind = FunctionKind.StaticMethod;
                    break;
                case BuiltinDesc { Name: "classmethod" } when owner is not null:
                    kind = FunctionKind.ClassMethod;
                    break;
                case BuiltinDesc { Name: "clrpy.jit.elidable" }:
                    hints |= FunctionHints.Elidable;
                    break;
                case BuiltinDesc { Name: "clrpy.jit.dont_look_inside" }:
                    hints |= FunctionHints.DontLookInside;
                    break;
                case BuiltinDesc { Name: "clrpy.jit.unroll_safe" }:
                    hints |= FunctionHints.UnrollSafe;
                    break;
                default:
                    TranslationErrors.NotRpy(decorator.Span,
                        "unknown decorator: RPy accepts @staticmethod, @classmethod and the clrpy.jit hints (@elidable, @dont_look_inside, @unroll_safe)");
                    break;
            }
        }
        var parameters = args.PosOnlyArgs.Concat(args.Args).Concat(args.KwOnlyArgs).Select(a => a.Name).ToImmutableArray();
        var defaults = new Constant?[parameters.Length];
        int positional = args.PosOnlyArgs.Length + args.Args.Length;
        for (int i = 0; i < args.Defaults.Length; i++)
            defaults[positional - args.Defaults.Length + i] = _evaluator.Evaluate(module, args.Defaults[i], null);
        for (int i = 0; i < args.KwDefaults.Length; i++)
        {
            if (args.KwDefaults[i] is { } kwDefault)
                defaults[positional + i] = _evaluator.Evaluate(module, kwDefault, null);
        }
        var function = new FunctionDesc(def, module, owner, kind, hints, parameters, [.. defaults]);
        module.Functions.Add(function);
        _program.Functions.Add(function);
        return function;
    }

    private ClassDesc DefineClass(ModuleDesc module, ClassDefStmt classDef)
    {
        if (classDef.DecoratorList.Length > 0)
            TranslationErrors.NotRpy(classDef.DecoratorList[0].Span, "class decorators are not RPy");
        if (classDef.Keywords.Length > 0)
            TranslationErrors.NotRpy(classDef.Keywords[0].Span, "keywords in a class header (metaclasses) are not RPy");
        var cls = new ClassDesc(classDef, module);
        for (int i = 0; i < classDef.Bases.Length; i++)
        {
            var baseValue = _evaluator.Evaluate(module, classDef.Bases[i], null);
            switch (baseValue.Value)
            {
                case ClassDesc userBase when i == 0:
                    cls.Base = userBase;
                    break;
                case ClassDesc mixin:
                    if (mixin.FindMethod("__init__") is not null)
                        TranslationErrors.NotRpy(classDef.Bases[i].Span, $"mixin class '{mixin.Name}' must not define __init__ (RPy has single inheritance plus mixins)");
                    cls.Mixins.Add(mixin);
                    break;
                case BuiltinDesc { Name: "object" }:
                    break;
                case BuiltinDesc { Kind: BuiltinKind.ExceptionClass } builtinBase when i == 0:
                    cls.BuiltinBase = builtinBase;
                    break;
                default:
                    TranslationErrors.NotRpy(classDef.Bases[i].Span, "a base class must be a class of the program, object or an exception class");
                    break;
            }
        }
        foreach (var statement in classDef.Body)
            DefineClassMember(module, cls, statement);
        module.Classes.Add(cls);
        _program.Classes.Add(cls);
        return cls;
    }

    private void DefineClassMember(ModuleDesc module, ClassDesc cls, Stmt statement)
    {
        switch (statement)
        {
            case FunctionDefStmt def:
                var method = DefineFunction(module, def, cls);
                cls.Methods[def.Name] = method;
                break;
            case AssignStmt { Targets: [NameExpr target] } assign:
                var value = _evaluator.Evaluate(module, assign.Value, cls);
                switch (target.Id)
                {
                    case "_immutable_fields_":
                        cls.ImmutableFields = StringList(value, assign.Value.Span, target.Id);
                        break;
                    case "_virtualizable_":
                        cls.VirtualizableFields = StringList(value, assign.Value.Span, target.Id);
                        break;
                    case "__slots__":
                        cls.Slots = StringList(value, assign.Value.Span, target.Id);
                        break;
                    default:
                        cls.ClassAttributes[target.Id] = value;
                        break;
                }
                break;
            case AnnAssignStmt { Target: NameExpr annotated, Value: { } initial }:
                cls.ClassAttributes[annotated.Id] = _evaluator.Evaluate(module, initial, cls);
                break;
            case AnnAssignStmt or PassStmt or ExprStmt { Value: ConstantExpr { Kind: ConstantKind.Str } }:
                break;
            default:
                TranslationErrors.NotRpy(statement.Span,
                    $"{StatementNames.Describe(statement)} in a class body is not RPy (a class body may define methods and constant class attributes)");
                break;
        }
    }

    private static ImmutableArray<string> StringList(Constant value, SourceSpan span, string what)
    {
        IEnumerable<Constant> items = value.Value switch
        {
            ImmutableArray<Constant> tuple => tuple,
            PrebuiltList list => list.Items,
            string single => [Constant.Str(single)],
            _ => [Constant.None],
        };
        if (items.Any(item => item.Kind != Flow.ConstantKind.Str))
            TranslationErrors.NotRpy(span, $"{what} must be a list of strings");
        return [.. items.Select(item => (string)item.Value!)];
    }
}
