// Class descriptors of RPy's builtin exception classes (RPY.md), with CPython's hierarchy, shared by
// lowering (for `except IndexError:` and raises inside operations) and by the graph interpreter.
namespace ClrPy.Translator.Typing;

public sealed class BuiltinClasses
{
    public BuiltinClasses()
    {
        BaseException = new ClassDescriptor("BaseException", null, isBuiltin: true);
        Message = BaseException.AddField("message", LowLevelType.Str);
        Exception = Make("Exception", BaseException);
        var arithmetic = Make("ArithmeticError", Exception);
        var lookup = Make("LookupError", Exception);
        var value = Make("ValueError", Exception);
        Make("UnicodeError", value);
        Make("AttributeError", Exception);
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

    /// <summary>The root of the exception hierarchy; it holds the message field.</summary>
    public ClassDescriptor BaseException { get; }

    /// <summary>The base of RPy exceptions (user exception classes derive from it).</summary>
    public ClassDescriptor Exception { get; }

    /// <summary>The message every exception carries (the first argument of its constructor).</summary>
    public FieldDescriptor Message { get; }

    private readonly Dictionary<string, ClassDescriptor> _byName = [];

    public ClassDescriptor this[string name] => name == BaseException.Name ? BaseException : _byName[name];

    public bool TryGet(string name, out ClassDescriptor? descriptor)
    {
        if (name == BaseException.Name)
        {
            descriptor = BaseException;
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
