// Class descriptors of RPy's builtin exception classes (RPY.md), with CPython's hierarchy, shared by
// lowering (for `except IndexError:` and raises inside operations) and by the graph interpreter.
namespace ClrPy.Translator.Typing;

public sealed class BuiltinClasses
{
    public BuiltinClasses()
    {
        Exception = new ClassDescriptor("Exception", null, isBuiltin: true);
        Message = Exception.AddField("message", LowLevelType.Str);
        var arithmetic = Make("ArithmeticError", Exception);
        var lookup = Make("LookupError", Exception);
        Make("ValueError", Exception);
        Make("IndexError", lookup);
        Make("KeyError", lookup);
        Make("ZeroDivisionError", arithmetic);
        Make("OverflowError", arithmetic);
        Make("TypeError", Exception);
        var runtime = Make("RuntimeError", Exception);
        Make("NotImplementedError", runtime);
        Make("RecursionError", runtime);
        Make("AssertionError", Exception);
        Make("StopIteration", Exception);
        Make("MemoryError", Exception);
    }

    /// <summary>The root of RPy exceptions (user exception classes derive from it).</summary>
    public ClassDescriptor Exception { get; }

    /// <summary>The message every exception carries (the first argument of its constructor).</summary>
    public FieldDescriptor Message { get; }

    private readonly Dictionary<string, ClassDescriptor> _byName = [];

    public ClassDescriptor this[string name] => name == "Exception" ? Exception : _byName[name];

    public bool TryGet(string name, out ClassDescriptor? descriptor)
    {
        if (name == "Exception")
        {
            descriptor = Exception;
            return true;
        }
        return _byName.TryGetValue(name, out descriptor);
    }

    private ClassDescriptor Make(string name, ClassDescriptor baseClass)
    {
        var descriptor = new ClassDescriptor(name, baseClass, isBuiltin: true);
        _byName[name] = descriptor;
        return descriptor;
    }
}
