// Programs that once ran wrongly because of a flow-graph construction bug, run against CPython.
namespace ClrPy.Tests.Translator.Running;

public sealed class FlowRegressionTests
{
    [Test]
    public void Two_locals_holding_one_value_at_a_loop_entry_stay_separate_variables()
    {
        Snippets.AssertLikeCpython("""
            def step(n, seed):
                out = []
                x = seed
                for _ in range(n):
                    x = (x * 1103515245 + 12345) % 2147483648
                    out.append(x % 1000)
                return out

            def main(argv):
                print(step(5, 42))
                a = 1
                b = a
                i = 0
                while i < 4:
                    b = b * 2
                    i += 1
                print(a, b)
                return 0
            """);
    }

    [Test]
    public void An_alias_taken_inside_a_try_keeps_its_own_value_after_a_raising_call()
    {
        Snippets.AssertLikeCpython("""
            def div(a, b):
                return a // b

            def main(argv):
                total = 10
                seen = total
                for d in [1, 0, 2]:
                    try:
                        total = div(total * 3, d)
                    except ZeroDivisionError:
                        seen = seen + 1
                print(total, seen)
                return 0
            """);
    }
}
