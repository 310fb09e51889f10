// [x] * n builds a one-item list and then a second list n times as long: two lists, two arrays and two
// runtime calls for what is one allocation. When the one-item list is read by nothing but that list_mul
// (in the same block), both become one list_repeat(x, n). Frames that make their stacks with
// [0] * size (stack_vm's, every call) allocate half as much, in translated code and in JIT traces alike.
namespace ClrPy.Translator.Typing;

public static class RepeatFusion
{
    public static void Fuse(TypedGraph graph)
    {
        var uses = new Dictionary<TypedVariable, int>();
        graph.CountUses(uses);
        foreach (var block in graph.Blocks())
            FuseIn(block.Operations, uses);
    }

    private static void FuseIn(List<TypedOperation> operations, Dictionary<TypedVariable, int> uses)
    {
        var singles = new Dictionary<TypedVariable, int>();
        for (int i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (operation.Code == LowOpCode.NewList && operation.Args.Length == 1 && uses.GetValueOrDefault(operation.Result) == 1)
                singles[operation.Result] = i;
            else if (operation.Code == LowOpCode.ListMul && operation.Args[0] is TypedVariable list
                     && singles.Remove(list, out int at))
            {
                var item = operations[at].Args[0];
                operations[i] = new TypedOperation(LowOpCode.ListRepeat, [item, operation.Args[1]], operation.Result, null, operation.Span);
                operations[at] = null!;
            }
        }
        operations.RemoveAll(operation => operation is null);
    }
}
