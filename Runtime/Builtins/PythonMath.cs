// The float functions of Python's math module with CPython's error rules: a NaN result from non-NaN
// arguments is a domain error (ValueError "math domain error"); an infinite result from finite
// arguments is a range error (OverflowError "math range error"), except for the logarithms and for
// pow(0.0, negative), where CPython reports a domain error. Shared by the graph interpreter and by
// translated programs, which call Call with the function's enum value.
namespace ClrPy.Runtime.Builtins;

public enum MathFunction
{
    Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Exp, Expm1, Log, LogBase, Log10, Log2, Log1p, Pow, Fabs,
    Hypot, Fmod, Copysign, Degrees, Radians,
}

public enum MathError { None, Domain, Range, DivisionByZero }

public static class PythonMath
{
    /// <summary>The function of math.NAME, with the number of float arguments it takes (log with two
    /// arguments is LogBase).</summary>
    public static bool TryLookup(string name, int arguments, out MathFunction function)
    {
        function = default;
        if (name == "log" && arguments == 2)
        {
            function = MathFunction.LogBase;
            return true;
        }
        if (!Enum.TryParse(name, ignoreCase: true, out function) || function == MathFunction.LogBase)
            return false;
        return Arity(function) == arguments;
    }

    public static int Arity(MathFunction function) => function switch
    {
        MathFunction.Atan2 or MathFunction.LogBase or MathFunction.Pow or MathFunction.Hypot or MathFunction.Fmod
            or MathFunction.Copysign => 2,
        _ => 1,
    };

    /// <summary>Computes the function; on an error the result is meaningless and <paramref name="error"/> says which.</summary>
    public static double Call(MathFunction function, double x, double y, out MathError error)
    {
        double result = function switch
        {
            MathFunction.Tan => Math.Tan(x),
            MathFunction.Asin => Math.Asin(x),
            MathFunction.Acos => Math.Acos(x),
            MathFunction.Atan => Math.Atan(x),
            MathFunction.Atan2 => Math.Atan2(x, y),
            MathFunction.Sinh => Math.Sinh(x),
            MathFunction.Cosh => Math.Cosh(x),
            MathFunction.Tanh => Math.Tanh(x),
            MathFunction.Exp => Math.Exp(x),
            MathFunction.Expm1 => ExpM1(x),
            MathFunction.Log => Math.Log(x),
            MathFunction.LogBase => Math.Log(x) / Math.Log(y),
            MathFunction.Log10 => Math.Log10(x),
            MathFunction.Log2 => Math.Log2(x),
            MathFunction.Log1p => LogOnePlus(x),
            MathFunction.Pow => Pow(x, y),
            MathFunction.Fabs => Math.Abs(x),
            MathFunction.Hypot => Hypot(x, y),
            MathFunction.Fmod => x % y, // C's fmod: the sign of x, NaN for y == 0 or infinite x
            MathFunction.Copysign => Math.CopySign(x, y),
            MathFunction.Degrees => x * (180.0 / Math.PI),
            MathFunction.Radians => x * (Math.PI / 180.0),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
        error = Check(function, x, y, result);
        return result;
    }

    public static string ErrorClass(MathError error) => error switch
    {
        MathError.Domain => "ValueError",
        MathError.Range => "OverflowError",
        MathError.DivisionByZero => "ZeroDivisionError",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    public static string ErrorMessage(MathError error) => error switch
    {
        MathError.Domain => "math domain error",
        MathError.Range => "math range error",
        MathError.DivisionByZero => "float division by zero",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    private static MathError Check(MathFunction function, double x, double y, double result)
    {
        bool binary = Arity(function) == 2;
        bool argumentsNaN = double.IsNaN(x) || binary && double.IsNaN(y);
        bool argumentsFinite = double.IsFinite(x) && (!binary || double.IsFinite(y));
        switch (function)
        {
            case MathFunction.Fabs or MathFunction.Copysign or MathFunction.Degrees or MathFunction.Radians or MathFunction.Atan2:
                return MathError.None;
            case MathFunction.LogBase:
                if (x <= 0 || y <= 0)
                    return MathError.Domain;
                return Math.Log(y) == 0 ? MathError.DivisionByZero : MathError.None;
            case MathFunction.Log or MathFunction.Log10 or MathFunction.Log2:
                return x <= 0 ? MathError.Domain : MathError.None;
            case MathFunction.Log1p:
                return x <= -1 ? MathError.Domain : MathError.None;
            case MathFunction.Pow when x == 0 && y < 0 && argumentsFinite:
                return MathError.Domain;
        }
        if (double.IsNaN(result) && !argumentsNaN)
            return MathError.Domain;
        if (double.IsInfinity(result) && argumentsFinite)
            return MathError.Range;
        return MathError.None;
    }

    private static double Pow(double x, double y)
    {
        // C's pow, which CPython follows: 1 ** anything and anything ** 0 are 1, even for NaN.
        if (x == 1.0 || y == 0.0)
            return 1.0;
        return Math.Pow(x, y);
    }

    private static double Hypot(double x, double y)
    {
        if (double.IsInfinity(x) || double.IsInfinity(y))
            return double.PositiveInfinity;
        x = Math.Abs(x);
        y = Math.Abs(y);
        double larger = Math.Max(x, y), smaller = Math.Min(x, y);
        if (larger == 0)
            return 0;
        double ratio = smaller / larger;
        return larger * Math.Sqrt(1 + ratio * ratio);
    }

    // Kahan's formulations: accurate near zero, where exp(x) - 1 and log(1 + x) lose their digits.
    private static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
            return x;
        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsInfinity(u))
            return um1;
        return um1 * x / Math.Log(u);
    }

    private static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
