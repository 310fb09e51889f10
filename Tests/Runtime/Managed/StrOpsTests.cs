// The str operations shared by the graph interpreter and translated programs, against CPython on
// inputs chosen for their edge cases (whitespace beyond ASCII, empty patterns, signs and underscores).
using ClrPy.Runtime.Builtins;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Runtime.Managed;

public sealed class StrOpsTests
{
    private static readonly string[] Texts = ["", "abc", "  a b\tc  ", "\x1c x \x85", "a,b,,c", "12", "-3_000", " +7 ", "1__0", "1e3", "-inf", "nan", "4.5e-1", "x1", "²"];

    private static string[] Cpython(string expression)
    {
        string texts = "[" + string.Join(", ", Texts.Select(PythonText.StrRepr)) + "]";
        var result = Processes.Python(["-c",
            $"import sys\nfor t in {texts}:\n    try:\n        r = {expression}\n    except ValueError as e:\n        r = 'ValueError: ' + str(e)\n    sys.stdout.write(repr(r) + '\\n')"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return result.Stdout.TrimEnd('\n').Split('\n');
    }

    private static string Ours(Func<string, object?> operation, string text)
    {
        var value = operation(text);
        if (Pending.Take() is { } error)
            return PythonText.StrRepr(error.ClassName + ": " + error.Message);
        return value switch
        {
            List<string> parts => "[" + string.Join(", ", parts.Select(PythonText.StrRepr)) + "]",
            _ => PyRepr.Of(value),
        };
    }

    [TestCase("t.strip()")]
    [TestCase("t.split()")]
    [TestCase("t.split(',')")]
    [TestCase("t.replace('', '-')")]
    [TestCase("t.replace('b', 'BB')")]
    [TestCase("t.isdigit()")]
    [TestCase("t.isspace()")]
    [TestCase("t.find('b', -2)")]
    [TestCase("t.startswith('a', 1)")]
    [TestCase("t[1:-1:2]")]
    [TestCase("t * 3")]
    [TestCase("int(t)")]
    [TestCase("float(t)")]
    public void Matches_cpython(string expression)
    {
        Func<string, object?> operation = expression switch
        {
            "t.strip()" => StrOps.Strip,
            "t.split()" => t => StrOps.Split(t),
            "t.split(',')" => t => StrOps.Split(t, ","),
            "t.replace('', '-')" => t => StrOps.Replace(t, "", "-"),
            "t.replace('b', 'BB')" => t => StrOps.Replace(t, "b", "BB"),
            "t.isdigit()" => t => StrOps.IsDigit(t),
            "t.isspace()" => t => StrOps.IsSpace(t),
            "t.find('b', -2)" => t => StrOps.Find(t, "b", -2),
            "t.startswith('a', 1)" => t => StrOps.StartsWith(t, "a", 1),
            "t[1:-1:2]" => t => StrOps.Slice(t, 1, -1, 2),
            "t * 3" => t => StrOps.Repeat(t, 3),
            "int(t)" => t => StrOps.ToInt(t),
            _ => t => StrOps.ToFloat(t),
        };
        Assert.That(Texts.Select(text => Ours(operation, text)), Is.EqualTo(Cpython(expression)));
    }
}
