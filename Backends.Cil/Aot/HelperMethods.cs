// Finds the runtime helper that implements a LowOps row (Runtime/Managed/Ops: NumberOps, TextOps,
// ListOps, DictOps, ValueOps, named after the row's LowOpCode) and instantiates it for the operation's
// representations: type parameters are bound from the container operands first (RList<T> against a
// list's item), then from the result, then from plain operands. Used by FunctionEmitter.
using System.Reflection;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed.Ops;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class HelperMethods(ClrTypes types)
{
    private static readonly Type[] HelperClasses = [typeof(NumberOps), typeof(TextOps), typeof(ListOps), typeof(DictOps), typeof(ValueOps), typeof(Raises)];

    private static readonly Dictionary<string, List<MethodInfo>> ByName = HelperClasses
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .GroupBy(method => method.Name)
        .ToDictionary(group => group.Key, group => group.ToList());

    /// <summary>The helper named <paramref name="name"/> taking these operands and producing this result.</summary>
    public IlMethod Resolve(string name, IReadOnlyList<LowLevelType> operands, LowLevelType result)
    {
        if (!ByName.TryGetValue(name, out var candidates))
            throw new InvalidOperationException($"the runtime has no helper {name}");
        var method = candidates.FirstOrDefault(m => m.GetParameters().Length == operands.Count)
            ?? throw new InvalidOperationException($"the runtime's {name} does not take {operands.Count} operands");
        return Instantiate(method, operands, result);
    }

    public IlMethod Instantiate(MethodInfo method, IReadOnlyList<LowLevelType> operands, LowLevelType result)
    {
        var parameters = method.GetParameters();
        if (!method.IsGenericMethodDefinition)
            return new IlMethod(method, [.. parameters.Select(p => p.ParameterType)], method.ReturnType, null);
        var bindings = new Dictionary<Type, Type>();
        for (int i = 0; i < parameters.Length && i < operands.Count; i++)
        {
            if (!parameters[i].ParameterType.IsGenericParameter)
                types.Bind(parameters[i].ParameterType, operands[i], bindings);
        }
        if (result.Kind != TypeKind.Void)
            types.Bind(method.ReturnType, result, bindings);
        for (int i = 0; i < parameters.Length && i < operands.Count; i++)
        {
            if (parameters[i].ParameterType.IsGenericParameter)
                types.Bind(parameters[i].ParameterType, operands[i], bindings);
        }
        var arguments = method.GetGenericArguments();
        foreach (var argument in arguments)
        {
            if (!bindings.ContainsKey(argument))
                throw new InvalidOperationException($"cannot infer {argument.Name} of {method.Name} from ({string.Join(", ", operands)}) -> {result}");
        }
        var instance = method.MakeGenericMethod([.. arguments.Select(a => bindings[a])]);
        return new IlMethod(instance, [.. parameters.Select(p => ClrTypes.Substitute(p.ParameterType, bindings))],
            ClrTypes.Substitute(method.ReturnType, bindings), null);
    }
}
