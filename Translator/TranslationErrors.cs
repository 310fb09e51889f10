// The located user errors the translator reports (not-RPy constructs, undefined names, import
// problems), thrown as DiagnosticException from these [DoesNotReturn] helpers and caught by the
// caller of the translator (the CLI's command, or a test).
using System.Diagnostics.CodeAnalysis;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator;

public static class TranslationErrors
{
    /// <summary>A Python construct RPy does not support.</summary>
    public const string NotRpyId = "CPT001";

    /// <summary>A name that is not defined where it is used.</summary>
    public const string UndefinedNameId = "CPT002";

    /// <summary>The program has no <c>main(argv)</c>.</summary>
    public const string NoMainId = "CPT003";

    /// <summary>An import that cannot be resolved.</summary>
    public const string ImportId = "CPT004";

    /// <summary>Module-level code that cannot be evaluated at translation time.</summary>
    public const string ModuleLevelId = "CPT005";

    [DoesNotReturn]
    public static void NotRpy(SourceSpan span, string message) => Throw(NotRpyId, span, message);

    [DoesNotReturn]
    public static void UndefinedName(SourceSpan span, string name) => Throw(UndefinedNameId, span, $"name '{name}' is not defined");

    [DoesNotReturn]
    public static void Import(SourceSpan span, string message) => Throw(ImportId, span, message);

    [DoesNotReturn]
    public static void ModuleLevel(SourceSpan span, string message) => Throw(ModuleLevelId, span, message);

    [DoesNotReturn]
    public static void Throw(string id, SourceSpan span, string message) =>
        throw new DiagnosticException(Diagnostic.Error(id, span, message));
}
