// The codewriter keeps the operations the tracer models (OperationHelpers.IsModelled) as jitcode instructions
// named as in LowOps; the meta-interpreter must run each of them under that name (ptr_iszero was once decoded
// only as "ptr_is_null", so a trace reaching `x is None` on a None-typed value stopped the program).
using ClrPy.Runtime.Jit.Tracing;
using ClrPy.Translator.Jit;
using ClrPy.Translator.Typing;

namespace ClrPy.Tests.Translator.Jit;

public sealed class InstructionFormsTests
{
    [Test]
    public void The_meta_interpreter_runs_every_modelled_operation_by_its_lowops_name()
    {
        var missing = LowOps.All.Where(op => OperationHelpers.IsModelled(op.Code) && !InstructionForms.Runs(op.Name))
            .Select(op => op.Name).ToList();
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void A_none_test_on_a_none_typed_value_in_a_traced_loop_runs_with_the_jit()
    {
        const string source = """
            from clrpy.jit import JitDriver
            driver = JitDriver(greens=["pc"], reds=["acc", "n"])

            def run(n):
                pc = 0
                acc = 0
                while n > 0:
                    driver.jit_merge_point(pc=pc, acc=acc, n=n)
                    for item in [None, None]:
                        if item is None:
                            acc += 1
                        if item is not None:
                            acc += 100
                    n -= 1
                    driver.can_enter_jit(pc=pc, acc=acc, n=n)
                return acc

            def main(argv):
                print(run(100))
                return 0
            """;
        var run = Running.Snippets.RunTranslatedCil(source, "none_test", new() { ["CLRPY_JIT"] = "threshold=2" });
        Assert.That(run.Stdout, Is.EqualTo("200\n"), run.Stderr);
    }
}
