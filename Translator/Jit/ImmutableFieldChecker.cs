// `_immutable_fields_ = ["code", "consts[*]"]` promises the JIT that those fields never change once the
// object is built, so it may fold reads of them from constant objects. The promise is checked here:
// a field listed by a class (or a base class) is assigned only by the __init__ methods of the class
// hierarchy, on their self. Any other assignment is a located error naming the declaration.
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Jit;

public static class ImmutableFieldChecker
{
    public const string ImmutableFieldId = "CPJ002";

    public const string VirtualizableFieldId = "CPJ003";

    public static void Check(AnnotatedProgram program)
    {
        CheckVirtualizables(program);
        foreach (var (function, graph) in program.Graphs.OrderBy(pair => pair.Key.Ast.Span.File, StringComparer.Ordinal).ThenBy(pair => pair.Key.Ast.Span.Start))
        {
            bool isInit = function.Name == "__init__" && function.Owner is not null;
            var self = graph.Parameters.Count > 0 ? graph.Parameters[0] : null;
            foreach (var operation in graph.Blocks.SelectMany(block => block.Operations))
            {
                if (operation is not { Code: OpCode.SetAttr, Args: [Variable target, Constant { Value: string field }, ..] })
                    continue;
                if (program.Of(target) is not SomeInstance { Class: var cls } || Declaring(cls, field) is not { } declaring)
                    continue;
                // __init__ may set the field on its own self (block inputs carry self along as other variables)
                if (isInit && self is not null && SameValue(graph, self, target))
                    continue;
                throw new DiagnosticException(Diagnostic.Error(ImmutableFieldId, operation.Span,
                    $"'{field}' is in _immutable_fields_ of class '{declaring.Name}': only __init__ may set it",
                    new DiagnosticNote($"declared immutable in class '{declaring.Name}'", declaring.Ast.Span)));
            }
        }
    }

    /// <summary>Every field named by a class's <c>_virtualizable_</c> (or <c>_immutable_fields_</c>) is an
    /// attribute its instances have (a misspelt entry would silently keep a field in memory).</summary>
    private static void CheckVirtualizables(AnnotatedProgram program)
    {
        foreach (var cls in program.Bookkeeper.ClassDefs.Where(def => def.Desc is not null).OrderBy(def => def.Desc!.Ast.Span.Start))
        {
            var desc = cls.Desc!;
            if (cls.SelfAndDescendants().All(def => def.Attributes.Count == 0))
                continue; // never instantiated: nothing to check against
            foreach (var (hint, entries) in new[] { ("_virtualizable_", desc.VirtualizableFields), ("_immutable_fields_", desc.ImmutableFields) })
            {
                foreach (string entry in entries)
                {
                    string field = entry.EndsWith("[*]", StringComparison.Ordinal) ? entry[..^3] : entry;
                    if (cls.SelfAndDescendants().All(def => def.LookupAttribute(field) is null))
                    {
                        throw new DiagnosticException(Diagnostic.Error(VirtualizableFieldId, desc.Ast.Span,
                            $"{hint} of class '{desc.Name}' names '{field}', which its instances never have"));
                    }
                }
            }
        }
    }

    /// <summary>The class in <paramref name="cls"/>'s hierarchy that lists <paramref name="field"/> as immutable.</summary>
    private static ClassDesc? Declaring(ClassDef cls, string field)
    {
        for (var desc = cls.Desc; desc is not null; desc = desc.Base)
        {
            if (desc.ImmutableFields.Any(entry => entry == field || entry == field + "[*]"))
                return desc;
        }
        return null;
    }

    /// <summary>Whether <paramref name="variable"/> is the parameter <paramref name="self"/> passed along unchanged
    /// (the flow graph renames a local at each block it reaches).</summary>
    private static bool SameValue(FunctionGraph graph, Variable self, Variable variable)
    {
        var origins = new HashSet<Variable> { self };
        var incoming = graph.Blocks.SelectMany(block => block.Exits).GroupBy(link => link.Target).ToList();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var links in incoming)
            {
                for (int i = 0; i < links.Key.Inputs.Count; i++)
                {
                    // an input is self when every link into its block passes self there
                    if (!origins.Contains(links.Key.Inputs[i]) && links.All(link => link.Args[i] is Variable passed && origins.Contains(passed)))
                    {
                        origins.Add(links.Key.Inputs[i]);
                        changed = true;
                    }
                }
            }
        }
        return origins.Contains(variable);
    }
}
