// The integer and float operations of the typed IR that are more than one IL instruction, with Python's
// meaning (floor division, modulo with the divisor's sign, overflow checks, math domain errors). Called
// by translated programs (Backends.Cil/Aot); errors are raised through Pending, never thrown.
using System.Numerics;
using System.Runtime.CompilerServices;
using ClrPy.Runtime.Builtins;

namespace ClrPy.Runtime.Managed.Ops;

public static class NumberOps
{
    // CPython's texts: // (and divmod) say "division or modulo", % says "modulo"
    public const string DivisionByZero = "integer division or modulo by zero";
    public const string ModuloByZero = "integer modulo by zero";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntFloorDiv(long a, long b)
    {
        if (b == 0)
            return ZeroDivision<long>(DivisionByZero);
        if (b == -1)
            return unchecked(-a);
        long quotient = a / b;
        return (a % b != 0 && (a ^ b) < 0) ? quotient - 1 : quotient;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntMod(long a, long b)
    {
        if (b == 0)
            return ZeroDivision<long>(ModuloByZero);
        if (b == -1)
            return 0;
        long remainder = a % b;
        return remainder != 0 && (remainder ^ b) < 0 ? remainder + b : remainder;
    }

    public static long IntAbs(long a) => a < 0 ? unchecked(-a) : a;

    public static long IntLShift(long a, long b) =>
        b < 0 ? Pending.Raise<long>(new PyValueError("negative shift count")) : b >= 64 ? 0 : a << (int)b;

    public static long IntRShift(long a, long b) =>
        b < 0 ? Pending.Raise<long>(new PyValueError("negative shift count")) : a >> (int)Math.Min(b, 63);

    public static ulong UintRShift(ulong a, long b) =>
        b < 0 ? Pending.Raise<ulong>(new PyValueError("negative shift count")) : b >= 64 ? 0 : a >> (int)b;

    public static ulong UintFloorDiv(ulong a, ulong b) => b == 0 ? Pending.Raise<ulong>(new PyZeroDivisionError(DivisionByZero)) : a / b;

    public static ulong UintMod(ulong a, ulong b) => b == 0 ? Pending.Raise<ulong>(new PyZeroDivisionError(ModuloByZero)) : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntAddOvf(long a, long b)
    {
        long result = unchecked(a + b);
        return ((a ^ result) & (b ^ result)) < 0 ? Overflow() : result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntSubOvf(long a, long b)
    {
        long result = unchecked(a - b);
        return ((a ^ b) & (a ^ result)) < 0 ? Overflow() : result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntMulOvf(long a, long b)
    {
        long high = Math.BigMul(a, b, out long low);
        return high != (low >> 63) ? Overflow() : low;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Overflow() => Pending.Raise<long>(new PyOverflowError("integer overflow"));

    public static long IntPow(long value, long exponent)
    {
        if (exponent < 0)
            return Pending.Raise<long>(new PyValueError("negative exponent"));
        long result = 1;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
                result = unchecked(result * value);
            value = unchecked(value * value);
            exponent >>= 1;
        }
        return result;
    }

    public static long IntMin(long a, long b) => Math.Min(a, b);

    public static long IntMax(long a, long b) => Math.Max(a, b);

    public static long IntGcd(long a, long b) => (long)BigInteger.GreatestCommonDivisor(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FloatTrueDiv(double a, double b) => b == 0 ? ZeroDivision<double>("float division by zero") : a / b;

    /// <summary>Raising out of line keeps the allocation (a call) off the inlined fast path of the caller's loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ZeroDivision<T>(string message) => Pending.Raise<T>(new PyZeroDivisionError(message));

    public static double FloatFloorDiv(double a, double b) =>
        b == 0 ? Pending.Raise<double>(new PyZeroDivisionError("float floor division by zero")) : DivMod(a, b).Div;

    public static double FloatMod(double a, double b) => b == 0 ? Pending.Raise<double>(new PyZeroDivisionError("float modulo")) : DivMod(a, b).Mod;

    public static double FloatPow(double a, double b) =>
        a == 0 && b < 0 ? Pending.Raise<double>(new PyZeroDivisionError("0.0 cannot be raised to a negative power")) : Math.Pow(a, b);

    public static double FloatSqrt(double a) => a < 0 ? Pending.Raise<double>(new PyValueError("math domain error")) : Math.Sqrt(a);

    public static long FloatFloor(double a) => ToInt(Math.Floor(a));

    public static long FloatCeil(double a) => ToInt(Math.Ceiling(a));

    public static long CastFloatToInt(double a) => ToInt(Math.Truncate(a));

    public static double FloatMin(double a, double b) => b < a ? b : a;

    public static double FloatMax(double a, double b) => b > a ? b : a;

    public static double FloatMath(double a, int function) => FloatMath2(a, 0.0, function);

    public static double FloatMath2(double a, double b, int function)
    {
        double result = PythonMath.Call((MathFunction)function, a, b, out var error);
        return error == MathError.None ? result
            : Pending.Raise<double>(PyExceptions.Create(PythonMath.ErrorClass(error), PythonMath.ErrorMessage(error)));
    }

    public static char CastIntToChar(long code) =>
        code is < 0 or > 0xFFFF ? Pending.Raise<char>(new PyValueError(ChrOutOfRange(code))) : (char)code;

    /// <summary>What chr(code) raises for a code that is no RPy character: CPython's text outside its range; an RPy
    /// character is one UTF-16 code unit, so codes CPython accepts above 0xFFFF say so.</summary>
    public static string ChrOutOfRange(long code) => code is < 0 or > 0x10FFFF
        ? "chr() arg not in range(0x110000)"
        : "chr() arg not in range(0x10000): an RPy character is one UTF-16 code unit";

    public static double TimeTime() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static long ToInt(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) || value < -9.2233720368547758e18 || value >= 9.2233720368547758e18
            ? Pending.Raise<long>(new PyOverflowError("cannot convert float to integer")) : (long)value;

    /// <summary>CPython's float divmod: the modulo has the divisor's sign, the quotient is floored.</summary>
    public static (double Div, double Mod) DivMod(double a, double b)
    {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0)
        {
            if ((b < 0) != (mod < 0))
            {
                mod += b;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, b);
        }
        double floor;
        if (div != 0)
        {
            floor = Math.Floor(div);
            if (div - floor > 0.5)
                floor += 1.0;
        }
        else
        {
            floor = Math.CopySign(0.0, a / b);
        }
        return (floor, mod);
    }

    /// <summary>round(x, n) like CPython: the exact binary value rounded half-to-even at n decimals.</summary>
    public static double FloatRound(double value, long digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
            return value;
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        BigInteger mantissa = (bits & 0xFFFFFFFFFFFFFL) | (exponent == 0 ? 0 : 1L << 52);
        exponent = (exponent == 0 ? 1 : exponent) - 1075;
        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (exponent >= 0)
            numerator <<= exponent;
        else
            denominator <<= -exponent;
        if (digits >= 0)
            numerator *= BigInteger.Pow(10, (int)digits);
        else
            denominator *= BigInteger.Pow(10, (int)-digits);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
            quotient += 1;
        string text = quotient.ToString(System.Globalization.CultureInfo.InvariantCulture) + "e"
            + (-digits).ToString(System.Globalization.CultureInfo.InvariantCulture);
        double rounded = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return value < 0 ? -rounded : rounded;
    }
}
