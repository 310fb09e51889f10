// An edge between blocks: the values passed to the target's input variables, and (for switch
// exits) the case that selects it. Exception links also define the caught exception's value.
namespace ClrPy.Translator.Flow;

public sealed class Link(Block target, IEnumerable<Value> args)
{
    public Block Target { get; set; } = target;

    /// <summary>One value per input variable of the target, in order.</summary>
    public List<Value> Args { get; } = [.. args];

    /// <summary>False/True for a bool switch, an int constant for an int switch, an exception class
    /// for an exception link; null for the unconditional, default or normal exit.</summary>
    public Constant? Case { get; set; }

    /// <summary>On an exception link: the variable holding the raised exception, defined by the link.</summary>
    public Variable? ExceptionValue { get; set; }
}
