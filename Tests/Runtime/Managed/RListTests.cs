// The Managed data model's list against CPython's: slicing over many lengths and bounds, insert and pop
// positions, the order of strings and tuples, and errors raised through Pending with CPython's messages.
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Runtime.Managed;

public sealed class RListTests
{
    private static readonly long?[] Bounds = [null, -7, -3, -1, 0, 2, 5, 9];
    private static readonly long[] Steps = [1, 2, 3, -1, -2];

    private static RList<long> Range(int n) => new(Enumerable.Range(0, n).Select(i => (long)i));

    private static string Show(RList<long> list) => "[" + string.Join(", ", list.Items.ToArray()) + "]";

    [Test]
    public void Slices_select_what_cpython_selects()
    {
        string bounds = "[" + string.Join(", ", Bounds.Select(b => b?.ToString() ?? "None")) + "]";
        string steps = "[" + string.Join(", ", Steps) + "]";
        var cpython = Processes.Python(["-c",
            $"for n in range(7):\n for a in {bounds}:\n  for b in {bounds}:\n   for k in {steps}:\n    print(list(range(n))[a:b:k])"]);
        Assert.That(cpython.ExitCode, Is.Zero, cpython.Stderr);
        var ours = new List<string>();
        for (int n = 0; n < 7; n++)
            foreach (var a in Bounds)
                foreach (var b in Bounds)
                    foreach (var k in Steps)
                        ours.Add(Show(Range(n).Slice(a ?? long.MinValue, b ?? long.MinValue, k)));
        Assert.That(ours, Is.EqualTo(cpython.Stdout.TrimEnd('\n').Split('\n')));
    }

    [Test]
    public void Repeat_makes_what_cpython_makes()
    {
        var cpython = Processes.Python(["-c", "for n in range(4):\n for k in [-2, 0, 1, 3]:\n  print(list(range(n)) * k)\nprint([7] * 5)"]);
        Assert.That(cpython.ExitCode, Is.Zero, cpython.Stderr);
        var ours = new List<string>();
        for (int n = 0; n < 4; n++)
            foreach (long k in new long[] { -2, 0, 1, 3 })
                ours.Add(Show(Range(n).Repeat(k)));
        var sevens = new RList<long>();
        sevens.Append(7);
        ours.Add(Show(sevens.Repeat(5)));
        Assert.That(ours, Is.EqualTo(cpython.Stdout.TrimEnd('\n').Split('\n')));
    }

    [Test]
    public void Repeat_beyond_an_arrays_size_raises_memory_error()
    {
        Pending.Exception = null;
        _ = Range(3).Repeat(long.MaxValue / 2);
        Assert.That(Pending.Exception, Is.InstanceOf<PyMemoryError>());
        Pending.Exception = null;
    }

    [Test]
    public void Insert_and_pop_positions_follow_cpython()
    {
        var cpython = Processes.Python(["-c",
            "for i in [-9, -2, 0, 2, 9]:\n xs = list(range(4)); xs.insert(i, 99); print(xs)\nfor i in [-4, -1, 0, 3]:\n xs = list(range(4)); print(xs.pop(i), xs)"]);
        var ours = new List<string>();
        foreach (long i in new long[] { -9, -2, 0, 2, 9 })
        {
            var xs = Range(4);
            xs.Insert(i, 99);
            ours.Add(Show(xs));
        }
        foreach (long i in new long[] { -4, -1, 0, 3 })
        {
            var xs = Range(4);
            long popped = xs.Pop(i);
            ours.Add(popped + " " + Show(xs));
        }
        Assert.That(ours, Is.EqualTo(cpython.Stdout.TrimEnd('\n').Split('\n')));
    }

    [Test]
    public void Errors_are_pending_exceptions_with_cpython_messages()
    {
        var xs = Range(3);
        Assert.That(xs.GetItem(-4), Is.Zero);
        var error = Pending.Take();
        Assert.That(error, Is.TypeOf<PyIndexError>());
        Assert.That(error!.Message, Is.EqualTo("list index out of range"));
        new RList<long>().Pop(-1);
        Assert.That(Pending.Take()!.Message, Is.EqualTo("pop from empty list"));
        xs.Index(7);
        Assert.That(Pending.Take(), Is.TypeOf<PyValueError>());
        Assert.That(xs.GetItem(-3), Is.Zero);
        Assert.That(Pending.Exception, Is.Null);
    }

    [Test]
    public void Sort_orders_strings_by_code_point_and_tuples_item_by_item_stably()
    {
        var words = new RList<string>(["b", "B", "a", "é", "Z"]);
        words.Sort();
        Assert.That(words.Items.ToArray(), Is.EqualTo(new[] { "B", "Z", "a", "b", "é" }));
        var pairs = new RList<(long, string)>([(2, "x"), (1, "z"), (1, "a"), (2, "b")]);
        pairs.Sort();
        Assert.That(pairs.Items.ToArray(), Is.EqualTo(new[] { (1L, "a"), (1L, "z"), (2L, "b"), (2L, "x") }));
        Assert.That(pairs.Contains((1, "z")), Is.True);
    }
}
