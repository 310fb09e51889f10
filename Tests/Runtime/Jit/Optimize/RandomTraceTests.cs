// Random traces (integer arithmetic with overflow checks, guards with fail arguments, allocations, fields,
// frame fields, calls, sometimes a loop) optimized by each pass alone and by all of them, then run against
// the original: the same exit, guard, materialized fail arguments and side effects; the same traces made loops
// that pass back a chain of new nodes, nested virtuals at the peeled loop's label. Seeds are fixed.
using System.Text;
using ClrPy.Runtime.Jit.Optimize;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Optimize.OptimizerTestKit;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Runtime.Jit.Optimize;

public sealed class RandomTraceTests
{
    private const int Seeds = 300;
    private const int NestedLoopSeeds = 100;

    private static readonly string[] Binary =
        ["int_add", "int_sub", "int_mul", "int_and", "int_or", "int_xor", "int_lt", "int_le", "int_eq", "int_ne", "int_gt", "int_ge", "uint_lt"];

    private static readonly string[] Unary = ["int_neg", "int_invert", "int_is_true", "int_is_zero"];

    private static readonly string[] Overflow = ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"];

    /// <summary>Writes one random trace; inputs are [i0, i1, p2 (a Node), p3 (a TestFrame), i4 (a loop counter)].
    /// <paramref name="nestedLoop"/> makes it a loop passing back, for p2, a chain of new nodes ending in one of its
    /// nodes (the same trace otherwise), so that the peeled loop's label has virtuals nested in virtuals.</summary>
    public static string Generate(int seed, bool nestedLoop = false)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var ints = new List<string> { "i0", "i1", "i4" };
        var nodes = new List<string> { "p2" };
        var refs = new List<string> { "p2", "p3" };
        var arrays = new List<string>();
        // The last int store's text before and after its value: written again later, the first may be dead.
        (string Before, string After)? lastStore = null;
        int next = 5;
        bool loop = random.Next(3) == 0 || nestedLoop;
        text.Append("[i0, i1, p2, p3, i4]\n");
        if (loop)
            text.Append("label(i0, i1, p2, p3, i4, descr=Loop)\n");
        string Int() => random.Next(4) == 0 ? random.Next(-2, 4).ToString() : ints[random.Next(ints.Count)];
        string Pick(List<string> from) => from[random.Next(from.Count)];
        string FailArgs()
        {
            var chosen = new List<string>();
            for (int i = random.Next(4); i > 0; i--)
                chosen.Add(random.Next(2) == 0 ? Pick(ints) : Pick(refs));
            return string.Join(", ", chosen.Distinct());
        }
        string NewInt(string op, params string[] operands)
        {
            string name = "i" + next++;
            text.Append(name).Append(" = ").Append(op).Append('(').Append(string.Join(", ", operands)).Append(")\n");
            ints.Add(name);
            return name;
        }
        int length = random.Next(6, 25);
        for (int step = 0; step < length; step++)
        {
            switch (random.Next(18))
            {
                case 17:
                    // the frame's stack (virtualizable items): read through its list, at a constant index or not; its
                    // array may then be accessed as any other (case 15), the same array through another value
                    string list = "p" + next++, items = "p" + next++;
                    text.Append(list).Append(" = getfield_gc_r(p3, descr=Frame.stack)\n");
                    text.Append(items).Append(" = getfield_gc_r(").Append(list).Append(", descr=Cells.items)\n");
                    arrays.Add(items);
                    refs.Add(items);
                    string at = random.Next(4) == 0 ? NewInt("int_mod", Pick(ints), "4") : random.Next(4).ToString();
                    if (random.Next(2) == 0)
                    {
                        lastStore = ($"setarrayitem_gc({items}, {at}, ", ", descr=IntArray)\n");
                        text.Append(lastStore.Value.Before).Append(Int()).Append(lastStore.Value.After);
                    }
                    else
                        NewInt("getarrayitem_gc_i", items, at, "descr=IntArray");
                    break;
                case 16 when lastStore is { } store:
                    text.Append(store.Before).Append(Int()).Append(store.After);
                    break;
                case 14:
                    string array = "p" + next++;
                    text.Append(array).Append(" = new_array(3, descr=IntArray)\n");
                    arrays.Add(array);
                    refs.Add(array);
                    break;
                case 15 when arrays.Count > 0:
                    string target = Pick(arrays);
                    string index = random.Next(3) == 0 ? NewInt("int_mod", Pick(ints), "3") : random.Next(3).ToString();
                    switch (random.Next(3))
                    {
                        case 0:
                            lastStore = ($"setarrayitem_gc({target}, {index}, ", ", descr=IntArray)\n");
                            text.Append(lastStore.Value.Before).Append(Int()).Append(lastStore.Value.After);
                            break;
                        case 1:
                            NewInt("getarrayitem_gc_i", target, index, "descr=IntArray");
                            break;
                        default:
                            NewInt("arraylen_gc", target, "descr=IntArray");
                            break;
                    }
                    break;
                case 0 or 1 or 2:
                    string same = Pick(ints);
                    NewInt(Binary[random.Next(Binary.Length)], random.Next(5) == 0 ? [same, same] : [Int(), Int()]);
                    break;
                case 3:
                    NewInt(Unary[random.Next(Unary.Length)], Pick(ints));
                    break;
                case 4:
                    NewInt(Overflow[random.Next(Overflow.Length)], Int(), Int());
                    text.Append("guard_no_overflow() [").Append(FailArgs()).Append("]\n");
                    break;
                case 5 or 6:
                    text.Append(random.Next(2) == 0 ? "guard_true(" : "guard_false(").Append(Pick(ints)).Append(") [").Append(FailArgs()).Append("]\n");
                    break;
                case 7:
                    string node = "p" + next++;
                    text.Append(node).Append(" = new(descr=Node)\n");
                    text.Append("setfield_gc(").Append(node).Append(", ").Append(Int()).Append(", descr=Node.value)\n");
                    nodes.Add(node);
                    refs.Add(node);
                    break;
                case 8:
                    if (random.Next(2) == 0)
                    {
                        lastStore = ($"setfield_gc({Pick(nodes)}, ", ", descr=Node.value)\n");
                        text.Append(lastStore.Value.Before).Append(Int()).Append(lastStore.Value.After);
                    }
                    else
                        text.Append("setfield_gc(").Append(Pick(nodes)).Append(", ").Append(Pick(nodes)).Append(", descr=Node.next)\n");
                    break;
                case 9:
                    if (random.Next(2) == 0)
                    {
                        NewInt("getfield_gc_i", Pick(nodes), "descr=Node.value");
                        break;
                    }
                    // Reading a node back through next makes values that may be the same object as others.
                    string read = "p" + next++;
                    text.Append(read).Append(" = getfield_gc_r(").Append(Pick(nodes)).Append(", descr=Node.next)\n");
                    text.Append("guard_nonnull_class(").Append(read).Append(", ConstClass(Node)) [").Append(FailArgs()).Append("]\n");
                    nodes.Add(read);
                    refs.Add(read);
                    break;
                case 10:
                    if (random.Next(2) == 0)
                        text.Append("setfield_gc(p3, ").Append(Int()).Append(", descr=Frame.acc)\n");
                    else
                        NewInt("getfield_gc_i", "p3", "descr=Frame.acc");
                    break;
                case 11:
                    text.Append(random.Next(2) == 0 ? "guard_class(" : "guard_nonnull_class(").Append(Pick(nodes)).Append(", ConstClass(Node)) [").Append(FailArgs()).Append("]\n");
                    if (random.Next(2) == 0)
                        text.Append("guard_nonnull(").Append(Pick(nodes)).Append(") [").Append(FailArgs()).Append("]\n");
                    break;
                case 12:
                    if (random.Next(2) == 0)
                        text.Append("call_n(").Append(Int()).Append(", descr=record)\n");
                    else
                        NewInt("call_i", Int(), Int(), "descr=max");
                    break;
                default:
                    if (random.Next(3) == 0)
                        text.Append("guard_value(").Append(Pick(ints)).Append(", ").Append(random.Next(-1, 3)).Append(") [").Append(FailArgs()).Append("]\n");
                    else
                        NewInt("int_mod", Int(), random.Next(1, 5).ToString());
                    break;
            }
        }
        if (!loop)
        {
            text.Append("finish(").Append(string.Join(", ", new[] { Pick(ints), Pick(refs), Pick(ints) }.Distinct())).Append(")\n");
            return text.ToString();
        }
        string counter = NewInt("int_sub", "i4", "1");
        string more = NewInt("int_gt", counter, "0");
        text.Append("guard_true(").Append(more).Append(") [").Append(FailArgs()).Append("]\n");
        string carried = Pick(nodes);
        if (nestedLoop)
        {
            var chain = ChainRandom(seed);
            for (int depth = chain.Next(1, 4); depth > 0; depth--)
            {
                string link = "p" + next++;
                text.Append(link).Append(" = new(descr=Node)\n");
                text.Append("setfield_gc(").Append(link).Append(", ").Append(ints[chain.Next(ints.Count)]).Append(", descr=Node.value)\n");
                text.Append("setfield_gc(").Append(link).Append(", ").Append(carried).Append(", descr=Node.next)\n");
                carried = link;
            }
        }
        text.Append("jump(").Append(Pick(ints)).Append(", ").Append(Pick(ints)).Append(", ").Append(carried).Append(", p3, ").Append(counter).Append(", descr=Loop)\n");
        return text.ToString();
    }

    /// <summary>What chooses a nested loop's chain: its length first (1 to 3 nodes), then its values.</summary>
    private static Random ChainRandom(int seed) => new(seed * 13 + 5);

    private static Func<TraceTestWorld, TraceValue[]>[] Inputs(int seed)
    {
        var random = new Random(seed * 7 + 1);
        var makers = new Func<TraceTestWorld, TraceValue[]>[3];
        long[] interesting = [0, 1, -1, 2, 7, long.MaxValue, long.MinValue, 1L << 40];
        for (int i = 0; i < makers.Length; i++)
        {
            long a = interesting[random.Next(interesting.Length)], b = interesting[random.Next(interesting.Length)];
            long value = random.Next(-3, 4), acc = random.Next(-3, 4), count = random.Next(1, 5);
            int shape = random.Next(3);
            makers[i] = w =>
            {
                var node = new Node { Value = value };
                node.Next = shape switch { 0 => node, 1 => new Node { Value = value + 1, Next = node }, _ => null };
                return [Int(a), Int(b), Ref(node), Ref(new TestFrame { Acc = acc, Stack = new TestCells { Items = [value, acc, 3, -1] } }), Int(count)];
            };
        }
        return makers;
    }

    public static IEnumerable<TestCaseData> PassSets() =>
    [
        new TestCaseData(OptimizerPasses.All).SetArgDisplayNames("all passes"),
        .. Enum.GetValues<OptimizerPasses>().Where(pass => pass is not (OptimizerPasses.None or OptimizerPasses.All))
            .Select(pass => new TestCaseData(pass).SetArgDisplayNames(pass.ToString())),
    ];

    [TestCaseSource(nameof(PassSets))]
    public void Random_traces_behave_the_same_after_optimization(OptimizerPasses passes) => AssertSeedsBehaveTheSame(passes, Seeds, nestedLoop: false);

    [TestCaseSource(nameof(PassSets))]
    public void Random_loops_carrying_chains_of_new_nodes_behave_the_same_after_optimization(OptimizerPasses passes) =>
        AssertSeedsBehaveTheSame(passes, NestedLoopSeeds, nestedLoop: true);

    private static void AssertSeedsBehaveTheSame(OptimizerPasses passes, int seeds, bool nestedLoop)
    {
        for (int seed = 0; seed < seeds; seed++)
        {
            string trace = Generate(seed, nestedLoop);
            try
            {
                AssertSameBehaviour(trace, passes, Inputs(seed));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Assert.Fail($"seed {seed}, passes {passes}:\n{trace}\noptimized:\n{SafeOptimize(trace, passes)}\n{error.Message}");
            }
        }
    }

    [Test]
    public void Random_traces_are_valid_traces_that_sometimes_fail_a_guard_and_sometimes_finish()
    {
        int guardFailures = 0, finishes = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var world = NewWorld();
            var outcome = new TraceInterpreter(world.Parse(Generate(seed)), 1000).Run(Inputs(seed)[0](world));
            if (outcome.Exit == TraceExit.GuardFailed)
                guardFailures++;
            else
                finishes++;
        }
        Assert.That(guardFailures, Is.GreaterThan(Seeds / 5));
        Assert.That(finishes, Is.GreaterThan(Seeds / 10));
    }

    private static string SafeOptimize(string trace, OptimizerPasses passes)
    {
        try
        {
            return OptimizeToText(trace, passes);
        }
        catch (Exception error)
        {
            return error.Message;
        }
    }

    [Test]
    public void Random_traces_give_the_dead_store_pass_stores_to_remove()
    {
        int seedsWithDeadStores = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            string trace = Generate(seed);
            if (StoreCount(OptimizeToText(trace, OptimizerPasses.DeadStores)) < StoreCount(trace))
                seedsWithDeadStores++;
        }
        TestContext.Out.WriteLine($"{seedsWithDeadStores} of {Seeds} traces lose a store");
        Assert.That(seedsWithDeadStores, Is.GreaterThan(Seeds / 10));
    }

    [Test]
    public void Random_traces_give_the_virtualizable_pass_stack_items_to_keep_in_values()
    {
        // so that the comparisons above cover items delayed past guards and carried around loops
        int seedsWithDelayedItems = 0;
        for (int seed = 0; seed < Seeds; seed++)
            if (OptimizeToText(Generate(seed), OptimizerPasses.Peeling | OptimizerPasses.Virtualizables).Contains("; setarrayitem(", StringComparison.Ordinal))
                seedsWithDelayedItems++;
        TestContext.Out.WriteLine($"{seedsWithDelayedItems} of {Seeds} traces delay a stack item past a guard");
        Assert.That(seedsWithDelayedItems, Is.GreaterThan(Seeds / 20));
    }

    [Test]
    public void Random_loops_carrying_chains_keep_chains_of_two_or_more_new_nodes_virtual_around_the_loop()
    {
        // so that the comparisons above cover nodes nested in the peeled loop's label arguments, not only flat ones
        int seedsKeepingChains = 0;
        for (int seed = 0; seed < NestedLoopSeeds; seed++)
        {
            if (ChainRandom(seed).Next(1, 4) < 2)
                continue;
            string[] optimized = OptimizeToText(Generate(seed, nestedLoop: true), OptimizerPasses.Peeling | OptimizerPasses.Virtuals).Split('\n');
            int label = Array.FindLastIndex(optimized, line => line.StartsWith("label(", StringComparison.Ordinal));
            if (!optimized[label..].Any(line => line.EndsWith(" = new(descr=Node)", StringComparison.Ordinal)))
                seedsKeepingChains++;
        }
        TestContext.Out.WriteLine($"{seedsKeepingChains} of {NestedLoopSeeds} loops keep a chain of two or more nodes virtual");
        Assert.That(seedsKeepingChains, Is.GreaterThan(NestedLoopSeeds / 10));
    }

    private static int StoreCount(string trace) =>
        trace.Split('\n').Count(line => line.StartsWith("setfield_gc(", StringComparison.Ordinal) || line.StartsWith("setarrayitem_gc(", StringComparison.Ordinal));
}
