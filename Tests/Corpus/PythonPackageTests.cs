// The clrpy Python package (lib/python/clrpy) passes its own unit tests on CPython.
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Corpus;

public sealed class PythonPackageTests
{
    [Test]
    public void The_clrpy_package_passes_its_unittests_on_CPython()
    {
        var result = Processes.Python(["-m", "unittest", "discover", "-s", Repository.PathOf("Tests", "Python"), "-q"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Does.Contain("OK"));
    }
}
