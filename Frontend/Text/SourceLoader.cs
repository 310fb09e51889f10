// Reads a source file from disk into a SourceText: decodes UTF-8 and reports missing files,
// unreadable files and binary content as diagnostics. Called by the CLI and the translator's importer.
using ClrPy.Frontend.Diagnostics;

namespace ClrPy.Frontend.Text;

public static class SourceLoader
{
    /// <summary>Loads a file; exactly one of the two results is non-null.</summary>
    public static (SourceText? Source, Diagnostic? Error) Load(string path) =>
        throw new NotImplementedException("being written (issue 2)");
}
