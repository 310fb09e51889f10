// What the backend tests add to the trace tests' world: descriptors made from real CLR members (fields of
// Node and of Cell with narrow types, static methods raising through Pending, arrays of bool/char/int/byte and
// of a class, an RList<long>'s count, items and items array, classes made by their constructors, two of them
// with a common base), so that the backend's direct IL is compared with the interpreter's reflection path.
// Used by BackendHarness.
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Runtime.Managed;
using ClrPy.Tests.Runtime.Jit.Trace;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed class Cell
{
    public int Small;
    public bool Flag;
    public char Letter;
    public byte Octet;
    public Node? Node;
}

/// <summary>Two classes with a common base, for values of either class reaching one place.</summary>
public abstract class Shape
{
    public long Size;
}

public sealed class Square : Shape;

public sealed class Circle : Shape;

public static class JitTestMethods
{
    public static double Scale(long factor, double value) => factor * value;

    /// <summary>Raises ZeroDivisionError the way translated code does: Pending, a dummy result.</summary>
    public static long Divide(long a, long b) => b == 0 ? Pending.Raise<long>(new PyZeroDivisionError("by zero")) : a / b;

    public static long Pack(int small, bool flag, char letter) => small * 1000L + (flag ? 500 : 0) + letter;

    public static Node Wrap(Node? next, int value) => new() { Next = next, Value = value };

    public static int Truncate(long value) => unchecked((int)value * 3);

    public static char Upper(char letter) => char.ToUpperInvariant(letter);

    public static bool IsOdd(long value) => (value & 1) != 0;

    public static void Touch(Cell cell, byte octet) => cell.Octet = octet;
}

public static class JitTestWorld
{
    public static TraceTestWorld Create()
    {
        var world = new TraceTestWorld();
        foreach (var field in new[] { "Value", "Next", "Weight" })
            world.Registry.Add(FieldDescr.ForField(typeof(Node).GetField(field)!, "Node." + field));
        foreach (var field in new[] { "Small", "Flag", "Letter", "Octet", "Node" })
            world.Registry.Add(FieldDescr.ForField(typeof(Cell).GetField(field)!));
        world.Registry.Add(ClassDescr.ForType(typeof(Cell)));
        world.Registry.Add(FieldDescr.ForField(typeof(Shape).GetField(nameof(Shape.Size))!, "Shape.Size"));
        world.Registry.Add(ClassDescr.ForType(typeof(Square))).Add(ClassDescr.ForType(typeof(Circle)));
        world.Registry.Add(new ClassDescr("ZeroDivisionError", typeof(PyZeroDivisionError)));
        world.Registry.Add(new ArrayDescr("BoolArray", typeof(bool)));
        world.Registry.Add(new ArrayDescr("CharArray", typeof(char)));
        world.Registry.Add(new ArrayDescr("Int32Array", typeof(int)));
        world.Registry.Add(new ArrayDescr("ByteArray", typeof(byte)));
        world.Registry.Add(new ArrayDescr("NodeArray", typeof(Node)));
        var list = new ClrPy.Runtime.Jit.Tracing.ClrDescrs().List(typeof(RList<long>));
        world.Registry.Add(list.Count).Add(list.Items).Add(list.Array);
        Add(world, nameof(JitTestMethods.Scale), CallEffects.Elidable);
        Add(world, nameof(JitTestMethods.Divide), CallEffects.Elidable | CallEffects.CanRaise);
        Add(world, nameof(JitTestMethods.Pack), CallEffects.Elidable);
        Add(world, nameof(JitTestMethods.Wrap), CallEffects.None);
        Add(world, nameof(JitTestMethods.Truncate), CallEffects.Elidable);
        Add(world, nameof(JitTestMethods.Upper), CallEffects.Elidable);
        Add(world, nameof(JitTestMethods.IsOdd), CallEffects.Elidable);
        Add(world, nameof(JitTestMethods.Touch), CallEffects.None);
        return world;
    }

    private static void Add(TraceTestWorld world, string method, CallEffects effects) =>
        world.Registry.Add(CallDescr.ForMethod(typeof(JitTestMethods).GetMethod(method)!, effects, "m." + method));
}
