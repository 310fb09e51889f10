// str/repr/format/% of interpreter values print exactly what CPython prints (each expected string
// below was produced by python3 3.11).
using ClrPy.Runtime.Builtins;
using ClrPy.Translator.Interpretation;

namespace ClrPy.Tests.Translator.Interpretation;

public sealed class PythonTextTests
{
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1e-7, "1e-07")]
    [TestCase(123456789.0 * 1000.0, "123456789000.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(2.5, "2.5")]
    [TestCase(1e22, "1e+22")]
    [TestCase(0.0001, "0.0001")]
    public void Floats_print_like_CPython(double value, string expected) =>
        Assert.That(PyValues.Str(value), Is.EqualTo(expected));

    [Test]
    public void Containers_print_like_CPython()
    {
        var list = new RpyList([1L, "a", 2.5, null, true]);
        var dict = new RpyDict();
        dict.Items["k"] = new RpyTuple([1L]);
        dict.Items[new RpyTuple([1L, 2L])] = new RpyTuple([]);
        Assert.That(PyValues.Str(list), Is.EqualTo("[1, 'a', 2.5, None, True]"));
        Assert.That(PyValues.Str(dict), Is.EqualTo("{'k': (1,), (1, 2): ()}"));
        Assert.That(PyValues.Repr("it's"), Is.EqualTo("\"it's\""));
    }

    [TestCase(3.14159, ".2f", "3.14")]
    [TestCase(42L, "05d", "00042")]
    [TestCase("RPy", ">8", "     RPy")]
    [TestCase("RPy", "<6", "RPy   ")]
    [TestCase(255L, "#x", "0xff")]
    [TestCase(1234567L, ",", "1,234,567")]
    [TestCase(0.000123, "g", "0.000123")]
    [TestCase(1234567.0, "g", "1.23457e+06")]
    [TestCase(2.5, "e", "2.500000e+00")]
    [TestCase(-3L, "+d", "-3")]
    [TestCase(7L, "^5", "  7  ")]
    public void Format_specs_behave_like_CPython(object value, string spec, string expected) =>
        Assert.That(PythonFormat.Format(value, spec, PyValues.Str), Is.EqualTo(expected));

    [Test]
    public void Percent_formatting_behaves_like_CPython()
    {
        string text = PythonFormat.Percent("%d items cost %s, %5.2f each, hex %x, repr %r, %-4s|%03d",
            [3L, "money", 2.5, 255L, "q", "ab", 7L], PyValues.Str, PyValues.Repr);
        Assert.That(text, Is.EqualTo("3 items cost money,  2.50 each, hex ff, repr 'q', ab  |007"));
    }
}
