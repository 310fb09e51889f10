// Checks a typed graph against the LowOps table and the SSA rules: operand representations fit each
// operation's signature, descriptors are of the right kind, links pass one value of the right type per
// target input, every variable is defined once and before use. Run by tests after every lowering, and
// by backends before they emit code. Returns the problems found (empty when the graph is well formed).
namespace ClrPy.Translator.Typing;

public static class TypedGraphVerifier
{
    public static List<string> Verify(TypedGraph graph)
    {
        var problems = new List<string>();
        var defined = new HashSet<TypedVariable>();
        var blocks = graph.Blocks();
        foreach (var block in blocks)
        {
            foreach (var input in block.Inputs)
            {
                if (!defined.Add(input))
                    problems.Add($"{graph.Name}: {input} is defined twice");
            }
            foreach (var link in block.Links)
            {
                if (link.ExceptionValue is { } caught && !defined.Add(caught))
                    problems.Add($"{graph.Name}: {caught} is defined twice");
            }
        }
        foreach (var block in blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (!defined.Add(operation.Result))
                    problems.Add($"{graph.Name}: {operation.Result} is defined twice");
            }
        }
        foreach (var block in blocks)
            VerifyBlock(graph, block, problems);
        return problems;
    }

    private static void VerifyBlock(TypedGraph graph, TypedBlock block, List<string> problems)
    {
        var available = new HashSet<TypedVariable>(block.Inputs);
        foreach (var operation in block.Operations)
        {
            string where = $"{graph.Name}: {operation.Code.Name()} -> {operation.Result}";
            foreach (var arg in operation.Args)
            {
                if (arg is TypedVariable variable && !available.Contains(variable))
                    problems.Add($"{where}: {variable} is used before it is defined in this block");
            }
            VerifyOperation(operation, where, problems);
            available.Add(operation.Result);
        }
        bool isFinal = block == graph.ReturnBlock || block == graph.ExceptBlock;
        if (block.Links.Count == 0 && !isFinal)
            problems.Add($"{graph.Name}: a block has no exit");
        if (block.Exit == TypedExit.Bool && (block.Condition is null || block.Condition.Type.Kind != TypeKind.Bool || block.Links.Count != 2))
            problems.Add($"{graph.Name}: a bool switch needs a Bool condition and two links");
        if (block.Exit == TypedExit.LastException && (block.Operations.Count == 0 || !block.Operations[^1].Info.Effects.HasFlag(OpEffects.CanRaise)))
            problems.Add($"{graph.Name}: an exception switch follows an operation that cannot raise");
        foreach (var link in block.Links)
        {
            var linkScope = new HashSet<TypedVariable>(available);
            if (link.ExceptionValue is { } caught)
                linkScope.Add(caught);
            if (link.Args.Length != link.Target.Inputs.Length)
            {
                problems.Add($"{graph.Name}: a link passes {link.Args.Length} values to a block with {link.Target.Inputs.Length} inputs");
                continue;
            }
            for (int i = 0; i < link.Args.Length; i++)
            {
                var arg = link.Args[i];
                if (arg is TypedVariable variable && !linkScope.Contains(variable))
                    problems.Add($"{graph.Name}: link passes {variable}, which is not defined in its block");
                var expected = link.Target.Inputs[i].Type;
                if (!Compatible(arg.Type, expected))
                    problems.Add($"{graph.Name}: link passes {arg} of type {arg.Type} to input {link.Target.Inputs[i]} of type {expected}");
            }
        }
    }

    private static void VerifyOperation(TypedOperation operation, string where, List<string> problems)
    {
        var info = operation.Info;
        var slots = info.Operands;
        if (!info.IsVariadic && operation.Args.Length != slots.Length)
            problems.Add($"{where}: takes {slots.Length} operands, got {operation.Args.Length}");
        for (int i = 0; i < operation.Args.Length && slots.Length > 0; i++)
        {
            char slot = slots[Math.Min(i, slots.Length - 1)][0];
            if (!LowOps.Fits(slot, operation.Args[i].Type))
                problems.Add($"{where}: operand {i + 1} is {operation.Args[i].Type}, the table wants '{slot}'");
        }
        if (info.Result != '*' && !LowOps.Fits(info.Result, operation.Result.Type))
            problems.Add($"{where}: result is {operation.Result.Type}, the table wants '{info.Result}'");
        bool descriptorOk = info.Descriptor switch
        {
            DescriptorKind.None => operation.Descriptor is null,
            DescriptorKind.Class => operation.Descriptor is ClassDescriptor,
            DescriptorKind.Field => operation.Descriptor is FieldDescriptor,
            DescriptorKind.Function => operation.Descriptor is FunctionDescriptor,
            DescriptorKind.Method => operation.Descriptor is MethodDescriptor,
            DescriptorKind.Index => operation.Descriptor is int,
            DescriptorKind.MathFunction => operation.Descriptor is Runtime.Builtins.MathFunction,
            DescriptorKind.JitDriver => operation.Descriptor is Jit.JitDriverInfo,
            _ => false,
        };
        if (!descriptorOk)
            problems.Add($"{where}: needs a {info.Descriptor} descriptor, has {operation.Descriptor?.GetType().Name ?? "none"}");
    }

    /// <summary>Whether a value of one representation may flow into a variable of another: equal types,
    /// None into any reference, an instance into a variable of one of its base classes.</summary>
    public static bool Compatible(LowLevelType from, LowLevelType to) =>
        from == to
        || (from.Kind == TypeKind.NoneType && to.IsReference)
        || (from is InstanceType sub && to is InstanceType sup && sub.Class.IsSubclassOf(sup.Class));
}
