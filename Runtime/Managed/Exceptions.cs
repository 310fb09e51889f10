// RPy's builtin exception classes in the Managed data model (the CIL backend's): plain CLR classes with
// CPython's hierarchy, never thrown. An operation that raises stores the exception in Pending.Exception
// and returns a dummy value; the translated code tests the slot after each operation that can raise and
// jumps to its handler or returns (DESIGN.md decision 4: explicit checks, measured in bench/exceptions).
// User exception classes of a translated program derive from these.
namespace ClrPy.Runtime.Managed;

public class PyBaseException(string message)
{
    /// <summary>The first argument of the constructor, as str() shows it.</summary>
    public string Message = message;

    /// <summary>The class name CPython would print (a translated subclass overrides it).</summary>
    public virtual string ClassName => "BaseException";
}

public class PyException(string message) : PyBaseException(message) { public override string ClassName => "Exception"; }
public class PyArithmeticError(string message) : PyException(message) { public override string ClassName => "ArithmeticError"; }
public class PyLookupError(string message) : PyException(message) { public override string ClassName => "LookupError"; }
public class PyValueError(string message) : PyException(message) { public override string ClassName => "ValueError"; }
public class PyUnicodeError(string message) : PyValueError(message) { public override string ClassName => "UnicodeError"; }
public class PyAttributeError(string message) : PyException(message) { public override string ClassName => "AttributeError"; }
public class PyIndexError(string message) : PyLookupError(message) { public override string ClassName => "IndexError"; }
public class PyKeyError(string message) : PyLookupError(message) { public override string ClassName => "KeyError"; }
public class PyZeroDivisionError(string message) : PyArithmeticError(message) { public override string ClassName => "ZeroDivisionError"; }
public class PyOverflowError(string message) : PyArithmeticError(message) { public override string ClassName => "OverflowError"; }
public class PyTypeError(string message) : PyException(message) { public override string ClassName => "TypeError"; }
public class PyRuntimeError(string message) : PyException(message) { public override string ClassName => "RuntimeError"; }
public class PyNotImplementedError(string message) : PyRuntimeError(message) { public override string ClassName => "NotImplementedError"; }
public class PyRecursionError(string message) : PyRuntimeError(message) { public override string ClassName => "RecursionError"; }
public class PyAssertionError(string message) : PyException(message) { public override string ClassName => "AssertionError"; }
public class PyStopIteration(string message) : PyException(message) { public override string ClassName => "StopIteration"; }
public class PyMemoryError(string message) : PyException(message) { public override string ClassName => "MemoryError"; }

/// <summary>Builtin exceptions by their RPy class name (for helpers that learn the class from a table).</summary>
public static class PyExceptions
{
    public static PyBaseException Create(string className, string message) => className switch
    {
        "BaseException" => new PyBaseException(message),
        "Exception" => new PyException(message),
        "ArithmeticError" => new PyArithmeticError(message),
        "LookupError" => new PyLookupError(message),
        "ValueError" => new PyValueError(message),
        "UnicodeError" => new PyUnicodeError(message),
        "AttributeError" => new PyAttributeError(message),
        "IndexError" => new PyIndexError(message),
        "KeyError" => new PyKeyError(message),
        "ZeroDivisionError" => new PyZeroDivisionError(message),
        "OverflowError" => new PyOverflowError(message),
        "TypeError" => new PyTypeError(message),
        "RuntimeError" => new PyRuntimeError(message),
        "NotImplementedError" => new PyNotImplementedError(message),
        "RecursionError" => new PyRecursionError(message),
        "AssertionError" => new PyAssertionError(message),
        "StopIteration" => new PyStopIteration(message),
        "MemoryError" => new PyMemoryError(message),
        _ => throw new ArgumentException("not a builtin exception class: " + className, nameof(className)),
    };
}

/// <summary>The exception raised by the last operation, if any: a plain static (not thread-static: RPy
/// programs are single-threaded, and a plain static is the cheapest check).</summary>
public static class Pending
{
    public static PyBaseException? Exception;

    /// <summary>Makes <paramref name="exception"/> pending and returns a dummy value of the operation's type.</summary>
    public static T Raise<T>(PyBaseException exception)
    {
        Exception = exception;
        return default!;
    }

    /// <summary>Takes the pending exception (a handler catching it).</summary>
    public static PyBaseException? Take()
    {
        var exception = Exception;
        Exception = null;
        return exception;
    }
}
