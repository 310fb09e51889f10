// The Managed data model's dict against CPython's: a long random sequence of inserts, updates,
// deletions and pops keeps the same entries in the same order; KeyError messages are CPython's.
using System.Text;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Runtime.Managed;

public sealed class RDictTests
{
    [Test]
    public void Random_inserts_deletes_and_pops_keep_cpythons_order()
    {
        var random = new Random(20261123);
        var dict = new RDict<string, long>();
        var script = new StringBuilder("d = {}\nout = []\n");
        var ours = new List<string>();
        for (int step = 0; step < 3000; step++)
        {
            string key = "k" + random.Next(60);
            long value = random.Next(1000);
            switch (random.Next(4))
            {
                case 0 or 1:
                    dict.SetItem(key, value);
                    script.Append($"d['{key}'] = {value}\n");
                    break;
                case 2:
                    ours.Add(dict.Pop(key, -1).ToString());
                    script.Append($"out.append(str(d.pop('{key}', -1)))\n");
                    break;
                default:
                    if (dict.Contains(key))
                        dict.DelItem(key);
                    script.Append($"if '{key}' in d:\n    del d['{key}']\n");
                    break;
            }
        }
        script.Append("print(' '.join(out))\nprint(' '.join('%s=%s' % kv for kv in d.items()))\n");
        var cpython = Processes.Python(["-c", script.ToString()]);
        Assert.That(cpython.ExitCode, Is.Zero, cpython.Stderr);
        string expected = string.Join(" ", ours) + "\n" + string.Join(" ", dict.Entries.Select(e => $"{e.Key}={e.Value}")) + "\n";
        Assert.That(expected, Is.EqualTo(cpython.Stdout));
        Assert.That(dict.Len, Is.EqualTo(dict.Entries.Count()));
    }

    [Test]
    public void Missing_keys_raise_key_error_with_the_repr_of_the_key()
    {
        var byName = new RDict<string, long>();
        byName.GetItem("fox");
        var error = Pending.Take();
        Assert.That(error, Is.TypeOf<PyKeyError>());
        Assert.That(error!.Message, Is.EqualTo("'fox'"));
        var byPair = new RDict<(long, string), double>();
        byPair.Pop((1, "it's"));
        Assert.That(Pending.Take()!.Message, Is.EqualTo("(1, \"it's\")"));
        Assert.That(byPair.SetDefault((2, "b"), 0.5), Is.EqualTo(0.5));
        Assert.That(byPair.Get((2, "b"), 9.0), Is.EqualTo(0.5));
        Assert.That(Pending.Exception, Is.Null);
    }
}
