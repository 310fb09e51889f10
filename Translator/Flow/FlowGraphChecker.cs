// Checks the invariants of a flow graph: SSA (every variable defined exactly once, and defined
// before every use on every path, which with block-local scopes means: within its block or on its
// link), link arity, and the shape of each exit switch. Run by the tests on every graph they build.
namespace ClrPy.Translator.Flow;

public static class FlowGraphChecker
{
    /// <summary>The problems found, each naming its block; empty for a well-formed graph.</summary>
    public static IReadOnlyList<string> Check(FunctionGraph graph)
    {
        var problems = new List<string>();
        var blocks = graph.Blocks;
        var names = FlowPrinter.Names(graph).Blocks;
        var definedOnce = new HashSet<Variable>();
        foreach (var block in blocks)
        {
            string where = $"{graph.QualifiedName}: {names[block]}";
            void Define(Variable variable)
            {
                if (!definedOnce.Add(variable))
                    problems.Add($"{where}: {variable} is defined more than once");
            }
            foreach (var input in block.Inputs)
                Define(input);
            foreach (var operation in block.Operations)
                Define(operation.Result);
            foreach (var link in block.Exits)
            {
                if (link.ExceptionValue is { } caught)
                    Define(caught);
            }
            CheckBlock(graph, block, where, names, problems);
        }
        if (!graph.StartBlock.Inputs.SequenceEqual(graph.Parameters))
            problems.Add($"{graph.QualifiedName}: the start block's inputs are not the parameters");
        return problems;
    }

    private static void CheckBlock(FunctionGraph graph, Block block, string where,
        IReadOnlyDictionary<Block, string> names, List<string> problems)
    {
        var visible = new HashSet<Variable>(block.Inputs);
        foreach (var operation in block.Operations)
        {
            var info = operation.Info;
            if (info.Arity >= 0 && operation.Args.Length != info.Arity)
                problems.Add($"{where}: {info.Name} takes {info.Arity} arguments, not {operation.Args.Length}");
            foreach (var arg in operation.Args)
            {
                if (arg is Variable used && !visible.Contains(used))
                    problems.Add($"{where}: {info.Name} uses {used} before it is defined");
            }
            visible.Add(operation.Result);
        }
        bool isFinal = block == graph.ReturnBlock || block == graph.ExceptBlock;
        if (isFinal)
        {
            if (block.Exits.Count != 0 || block.Inputs.Count != 1 || block.Operations.Count != 0)
                problems.Add($"{where}: the return and except blocks take one input and have no operations or exits");
            return;
        }
        CheckSwitch(block, where, visible, problems);
        foreach (var link in block.Exits)
        {
            if (!names.ContainsKey(link.Target))
                problems.Add($"{where}: a link leads to a block outside the graph");
            if (link.Args.Count != link.Target.Inputs.Count)
                problems.Add($"{where}: a link passes {link.Args.Count} values to {names.GetValueOrDefault(link.Target, "?")}, which takes {link.Target.Inputs.Count}");
            bool raising = link.ExceptionValue is not null;
            var lastResult = raising && block.Operations.Count > 0 ? block.Operations[^1].Result : null;
            foreach (var arg in link.Args)
            {
                if (arg is not Variable passed)
                    continue;
                if (passed == link.ExceptionValue)
                    continue;
                if (!visible.Contains(passed))
                    problems.Add($"{where}: a link passes {passed}, which is not defined in the block");
                else if (passed == lastResult)
                    problems.Add($"{where}: an exception link passes {passed}, the result of the operation that raised");
            }
        }
    }

    private static void CheckSwitch(Block block, string where, HashSet<Variable> visible, List<string> problems)
    {
        var exits = block.Exits;
        switch (block.Switch)
        {
            case ExitSwitch.None:
                if (exits.Count != 1 || exits[0].Case is not null || exits[0].ExceptionValue is not null)
                    problems.Add($"{where}: an unconditional exit needs exactly one plain link");
                break;
            case ExitSwitch.Bool:
                if (exits.Count != 2 || exits[0].Case is not { } no || !no.IsBool(false) || exits[1].Case is not { } yes || !yes.IsBool(true))
                    problems.Add($"{where}: a bool switch needs two links, cases False then True");
                CheckSwitchVariable(block, where, visible, problems);
                break;
            case ExitSwitch.Int:
                var cases = exits.Take(exits.Count - 1).Select(link => link.Case).ToList();
                if (exits.Count < 1 || exits[^1].Case is not null || cases.Any(c => c is null || c.Kind != ConstantKind.Int)
                    || cases.Distinct().Count() != cases.Count)
                    problems.Add($"{where}: an int switch needs distinct int cases and a last default link");
                CheckSwitchVariable(block, where, visible, problems);
                break;
            case ExitSwitch.LastException:
                if (block.Operations.Count == 0 || !block.Operations[^1].Info.CanRaise)
                    problems.Add($"{where}: an exception switch must follow an operation that can raise");
                if (exits.Count < 2 || exits[0].Case is not null || exits[0].ExceptionValue is not null)
                    problems.Add($"{where}: an exception switch needs a normal link then exception links");
                foreach (var link in exits.Skip(1))
                {
                    if (link.Case is not { Kind: ConstantKind.Builtin or ConstantKind.Class } || link.ExceptionValue is null)
                        problems.Add($"{where}: an exception link needs an exception class case and an exception value");
                }
                break;
        }
    }

    private static void CheckSwitchVariable(Block block, string where, HashSet<Variable> visible, List<string> problems)
    {
        if (block.SwitchVariable is not { } tested || !visible.Contains(tested))
            problems.Add($"{where}: the switch variable is not defined in the block");
    }
}
