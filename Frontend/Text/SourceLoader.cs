// Reads a source file from disk into a SourceText: decodes UTF-8 (dropping a BOM) and reports
// missing files, directories, unreadable files and binary content as diagnostics.
// Called by the CLI and the translator's importer.
using System.Text;
using ClrPy.Frontend.Diagnostics;

namespace ClrPy.Frontend.Text;

public static class SourceLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads a file; exactly one of the two results is non-null.</summary>
    public static (SourceText? Source, Diagnostic? Error) Load(string path)
    {
        if (Directory.Exists(path))
            return (null, Diagnostic.ErrorInFile("CPL001", path, "is a directory, not a Python file"));
        if (!File.Exists(path))
            return (null, Diagnostic.ErrorInFile("CPL002", path, "no such file"));
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return (null, Diagnostic.ErrorInFile("CPL003", path, "cannot read the file: " + error.Message));
        }
        return Decode(path, bytes);
    }

    /// <summary>Decodes file content; binary content is reported at its first offending byte.</summary>
    public static (SourceText? Source, Diagnostic? Error) Decode(string path, byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int nul = Array.IndexOf(bytes, (byte)0, start);
        int invalid = FirstInvalidUtf8(bytes, start);
        int bad = nul < 0 ? invalid : invalid < 0 ? nul : Math.Min(nul, invalid);
        if (bad < 0)
            return (new SourceText(path, StrictUtf8.GetString(bytes, start, bytes.Length - start)), null);
        // Locate the bad byte using the valid text before it.
        var prefix = new SourceText(path, Encoding.UTF8.GetString(bytes, start, bad - start));
        var span = new SourceSpan(prefix, prefix.Text.Length, prefix.Text.Length);
        string message = bad == nul
            ? "file contains a NUL byte; is it a binary file?"
            : $"invalid UTF-8 byte 0x{bytes[bad]:x2}";
        return (null, Diagnostic.Error("CPL004", span, message));
    }

    private static int FirstInvalidUtf8(byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        if (System.Text.Unicode.Utf8.IsValid(span))
            return -1;
        int offset = 0;
        while (offset < span.Length)
        {
            var result = System.Text.Rune.DecodeFromUtf8(span[offset..], out _, out int consumed);
            if (result != System.Buffers.OperationStatus.Done)
                return start + offset;
            offset += consumed;
        }
        return -1;
    }
}
