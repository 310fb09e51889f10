// Every diagnostic the annotator reports, built in one place so messages stay consistent. Each
// helper throws a DiagnosticException and is [DoesNotReturn], keeping throw sites out of the annotator's loops.
using System.Diagnostics.CodeAnalysis;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Annotation;

public static class TypeErrors
{
    public const string ConflictId = "CPA001";
    public const string MissingAttributeId = "CPA002";
    public const string ArityId = "CPA003";
    public const string NotCallableId = "CPA004";
    public const string UnknownMethodId = "CPA005";
    public const string UnsupportedOperationId = "CPA006";
    public const string DeclaredTypeId = "CPA007";
    public const string NoMainId = "CPA008";
    public const string SignatureId = "CPA009";

    /// <summary>The diagnostic for a conflict: <c>variable 'x' can be int or str</c>, with a note per
    /// origin. <paramref name="subject"/> names what was being joined when the lattice did not say.</summary>
    public static Diagnostic ConflictDiagnostic(AnnotationConflict conflict, SourceSpan at, string subject)
    {
        string what = conflict.Subject ?? subject;
        var notes = new List<DiagnosticNote>();
        AddOrigin(notes, conflict.Left);
        AddOrigin(notes, conflict.Right);
        if (conflict.Reason is { } reason)
            notes.Add(new DiagnosticNote(reason));
        return Diagnostic.Error(ConflictId, at, $"{what} can be {conflict.Left.UserName} or {conflict.Right.UserName}", [.. notes]);
    }

    [DoesNotReturn]
    public static void Conflict(AnnotationConflict conflict, SourceSpan at, string subject) =>
        throw new DiagnosticException(ConflictDiagnostic(conflict, at, subject));

    [DoesNotReturn]
    public static void Error(string id, SourceSpan at, string message, params DiagnosticNote[] notes) =>
        throw new DiagnosticException(Diagnostic.Error(id, at, message, notes));

    [DoesNotReturn]
    public static void MissingAttribute(SourceSpan at, string typeName, string attribute) =>
        Error(MissingAttributeId, at, $"{typeName} has no attribute '{attribute}'");

    [DoesNotReturn]
    public static void Arity(SourceSpan at, string callee, int expected, int given, SourceSpan? definition)
    {
        string message = $"{callee} takes {Count(expected)} but {given} {(given == 1 ? "was" : "were")} given";
        if (definition is { } defined)
            Error(ArityId, at, message, new DiagnosticNote("defined here", defined));
        Error(ArityId, at, message);
    }

    [DoesNotReturn]
    public static void NotCallable(SourceSpan at, Annotation callee) =>
        Error(NotCallableId, at, $"{callee.UserName} is not callable", OriginNotes(callee));

    [DoesNotReturn]
    public static void UnknownMethod(SourceSpan at, Annotation receiver, string method) =>
        Error(UnknownMethodId, at, $"{receiver.UserName} has no method '{method}'", OriginNotes(receiver));

    [DoesNotReturn]
    public static void Unsupported(SourceSpan at, string message, params Annotation[] operands) =>
        Error(UnsupportedOperationId, at, message, [.. operands.SelectMany(OriginNotes)]);

    private static string Count(int arguments) => arguments == 1 ? "1 argument" : $"{arguments} arguments";

    private static DiagnosticNote[] OriginNotes(Annotation annotation)
    {
        var notes = new List<DiagnosticNote>();
        AddOrigin(notes, annotation);
        return [.. notes];
    }

    private static void AddOrigin(List<DiagnosticNote> notes, Annotation annotation)
    {
        if (annotation.Origin is { } origin)
            notes.Add(new DiagnosticNote($"{annotation.UserName} comes from here", origin));
    }
}
