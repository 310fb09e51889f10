// SourceLoader: reading a file into a SourceText, or a diagnostic that names the file (and, for
// binary content, the line and column of the first bad byte).
using System.Text;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend.Text;

public sealed class SourceLoaderTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "clrpy-loader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void A_UTF8_file_loads_with_its_path()
    {
        string path = Write("ok.py", Encoding.UTF8.GetBytes("x = 'é'\n"));
        var (source, error) = SourceLoader.Load(path);
        Assert.That(error, Is.Null);
        Assert.That(source!.Text, Is.EqualTo("x = 'é'\n"));
        Assert.That(source.Path, Is.EqualTo(path));
    }

    [Test]
    public void A_byte_order_mark_is_stripped()
    {
        var (source, _) = SourceLoader.Load(Write("bom.py", [0xEF, 0xBB, 0xBF, (byte)'x', (byte)'\n']));
        Assert.That(source!.Text, Is.EqualTo("x\n"));
    }

    [Test]
    public void An_empty_file_loads()
    {
        var (source, error) = SourceLoader.Load(Write("empty.py", []));
        Assert.That(error, Is.Null);
        Assert.That(source!.Text, Is.Empty);
    }

    [Test]
    public void A_missing_file_is_named_without_a_span()
    {
        string path = Path.Combine(_directory, "missing.py");
        var (source, error) = SourceLoader.Load(path);
        Assert.That(source, Is.Null);
        Assert.That(error!.Span, Is.Null);
        Assert.That(error.Headline, Is.EqualTo($"{path}: error: no such file"));
    }

    [Test]
    public void A_directory_is_not_a_source_file()
    {
        var (_, error) = SourceLoader.Load(_directory);
        Assert.That(error!.Headline, Is.EqualTo($"{_directory}: error: is a directory, not a Python file"));
    }

    [Test]
    public void Invalid_UTF8_is_located_at_the_first_bad_byte()
    {
        string path = Write("bad.py", [.. Encoding.UTF8.GetBytes("x = 1\ny = 2\nz = 'é"), 0xFF, (byte)'\'', (byte)'\n']);
        var (source, error) = SourceLoader.Load(path);
        Assert.That(source, Is.Null);
        Assert.That(error!.Headline, Is.EqualTo($"{path}:3:7: error: invalid UTF-8 byte 0xff"));
    }

    [Test]
    public void A_NUL_byte_suggests_a_binary_file()
    {
        string path = Write("binary.py", [(byte)'a', (byte)'\n', (byte)'b', 0, 1, 2]);
        var (_, error) = SourceLoader.Load(path);
        Assert.That(error!.Headline, Is.EqualTo($"{path}:2:2: error: file contains a NUL byte; is it a binary file?"));
    }

    [Test]
    public void A_truncated_multibyte_sequence_at_the_end_is_invalid()
    {
        string path = Write("truncated.py", [(byte)'x', 0xC3]);
        var (_, error) = SourceLoader.Load(path);
        Assert.That(error!.Headline, Is.EqualTo($"{path}:1:2: error: invalid UTF-8 byte 0xc3"));
    }
}
