// What the in-process command-line tests share: a fresh temporary folder per test for the files they
// write, and `clrpy ARGS` run through Cli.Run with its output captured.
using ClrPy.Tools;

namespace ClrPy.Tests.Support;

public abstract class CliTestBase
{
    protected string TestDirectory { get; private set; } = "";

    [SetUp]
    public void CreateDirectory() => TestDirectory = Directory.CreateTempSubdirectory("clrpy-cli-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(TestDirectory, recursive: true);

    protected string Write(string name, string text)
    {
        string path = Path.Combine(TestDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    protected static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = Cli.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
