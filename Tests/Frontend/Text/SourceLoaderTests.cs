// SourceLoader turns files into SourceText and every unusable file into a diagnostic naming it.
using System.Text;
using ClrPy.Frontend.Text;

namespace ClrPy.Tests.Frontend.Text;

public sealed class SourceLoaderTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("clrpy-loader-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void Missing_file_is_reported_with_its_name()
    {
        string path = Path.Combine(_directory, "nope.py");
        var (source, error) = SourceLoader.Load(path);
        Assert.That(source, Is.Null);
        Assert.That(error!.Headline, Is.EqualTo(path + ": error: no such file"));
    }

    [Test]
    public void Directory_is_reported_as_not_a_file()
    {
        var (_, error) = SourceLoader.Load(_directory);
        Assert.That(error!.Headline, Is.EqualTo(_directory + ": error: is a directory, not a Python file"));
    }

    [Test]
    public void Nul_byte_is_located_at_its_line_and_column()
    {
        string path = Write("bin.py", [(byte)'x', (byte)'\n', (byte)'a', (byte)'b', 0, (byte)'c']);
        var (_, error) = SourceLoader.Load(path);
        Assert.That(error!.Headline, Is.EqualTo(path + ":2:3: error: file contains a NUL byte; is it a binary file?"));
    }

    [Test]
    public void Invalid_utf8_is_located_at_the_first_bad_byte()
    {
        string path = Write("latin1.py", [.. Encoding.ASCII.GetBytes("x = 1\ns = '"), 0xE9, (byte)'\'']);
        var (_, error) = SourceLoader.Load(path);
        Assert.That(error!.Headline, Is.EqualTo(path + ":2:6: error: invalid UTF-8 byte 0xe9; source files must be UTF-8"));
    }

    [Test]
    public void Utf8_bom_is_dropped_and_non_ascii_text_is_kept()
    {
        string path = Write("bom.py", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("s = 'é'\n")]);
        var (source, error) = SourceLoader.Load(path);
        Assert.That(error, Is.Null);
        Assert.That(source!.Text, Is.EqualTo("s = 'é'\n"));
    }

    [Test]
    public void Empty_file_loads_as_empty_text()
    {
        var (source, error) = SourceLoader.Load(Write("empty.py", []));
        Assert.That(error, Is.Null);
        Assert.That(source!.Text, Is.Empty);
    }
}
