// Makes random but runnable trace sets from a seed: a loop (sometimes two jumping to each other) carrying a
// counter that bounds the iterations, ints with overflow ops, floats, guards of every kind, fields of a node
// and of a constant node, arrays, calls (some raising), and bridges from guards that save the whole loop state,
// jumping back or finishing. Used by RandomTraceTests, which compares backend and interpreter on each set.
using System.Globalization;
using System.Text;
using ClrPy.Runtime.Jit.Trace;
using ClrPy.Tests.Runtime.Jit.Trace;
using static ClrPy.Tests.Runtime.Jit.Trace.TraceTestWorld;

namespace ClrPy.Tests.Backends.Cil.Jit;

public sealed class RandomTraceGenerator
{
    private static readonly string[] IntConstants = ["0", "1", "-1", "2", "3", "7", "63", "64", "100", "-100", "9223372036854775807", "-9223372036854775808", "4294967296"];
    private static readonly string[] FloatConstants = ["0.0", "-0.0", "1.5", "-2.25", "1e300", "nan", "inf", "-inf", "0.1"];
    private static readonly string[] IntBinary = ["int_add", "int_sub", "int_mul", "int_and", "int_or", "int_xor", "int_lt", "int_le", "int_eq",
        "int_ne", "int_gt", "int_ge", "uint_lt", "uint_le", "uint_gt", "uint_ge"];
    private static readonly string[] FloatBinary = ["float_add", "float_sub", "float_mul", "float_truediv"];
    private static readonly string[] FloatCompare = ["float_lt", "float_le", "float_eq", "float_ne", "float_gt", "float_ge"];
    private static readonly long[] InterestingInts = [0, 1, -1, 2, 5, 100, long.MaxValue, long.MinValue, 1L << 32, -(1L << 31), 3037000500];

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private readonly List<string> _ints = [];
    private readonly List<string> _floats = [];
    private readonly List<string> _refs = [];
    private readonly string[] _state = new string[8];
    private readonly List<(int Trace, int Guard)> _bridgeable = [];
    private int _next;
    private int _guards;
    private int _traceIndex;

    private RandomTraceGenerator(int seed) => _random = new Random(seed);

    /// <summary>The trace set of <paramref name="seed"/> (the same seed always gives the same set and inputs).</summary>
    public static TraceSet Generate(int seed) => new RandomTraceGenerator(seed).Build(seed);

    private TraceSet Build(int seed)
    {
        int bound = _random.Next(1, 40);
        bool twoLoops = _random.Next(5) == 0;
        var loops = new List<string> { Loop("Loop0", twoLoops ? "Loop1" : "Loop0", bound) };
        if (twoLoops)
            loops.Add(Loop("Loop1", "Loop0", -1));
        var bridges = new List<BridgeText>();
        var roots = new List<int>();
        int bridgeCount = _random.Next(3);
        for (int b = 0; b < bridgeCount && _bridgeable.Count > 0; b++)
        {
            int pick = _random.Next(_bridgeable.Count);
            var (owner, guard) = _bridgeable[pick];
            _bridgeable.RemoveAt(pick);
            _traceIndex = loops.Count + bridges.Count;
            // only Loop0 counts iterations: a bridge rooted in Loop1 that jumped to Loop1 could fail forever
            int root = owner < loops.Count ? owner : roots[owner - loops.Count];
            roots.Add(root);
            bridges.Add(new BridgeText(owner, guard, Bridge(root == 0 && loops.Count == 2 && _random.Next(2) == 0 ? "Loop1" : "Loop0")));
        }
        return new TraceSet([.. loops], [.. bridges], _ => Inputs(seed));
    }

    private static TraceValue[] Inputs(int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        long Interesting() => random.Next(3) == 0 ? random.NextInt64(-1000, 1000) : InterestingInts[random.Next(InterestingInts.Length)];
        var ints = new long[8];
        var floats = new double[8];
        for (int i = 0; i < 8; i++)
        {
            ints[i] = Interesting();
            floats[i] = random.NextDouble() * 100 - 50;
        }
        var node = new Node { Value = Interesting(), Weight = random.NextDouble(), Next = random.Next(2) == 0 ? null : new Node { Value = 3 } };
        return [Int(random.Next(3)), Int(Interesting()), Int(Interesting()), Float(random.NextDouble() * 10 - 5), Float(-1.5),
            Ref(node), Ref(ints), Ref(floats)];
    }

    private void Begin(string inputs)
    {
        _text.Clear();
        _ints.Clear();
        _floats.Clear();
        _refs.Clear();
        _next = 0;
        _guards = 0;
        _text.Append('[');
        for (int i = 0; i < 8; i++)
            _state[i] = (i < 3 ? "i" : i < 5 ? "f" : "p") + _next++;
        _text.Append(string.Join(", ", _state)).Append("]\n");
        if (inputs.Length > 0)
            _text.Append("label(").Append(string.Join(", ", _state)).Append(", descr=").Append(inputs).Append(")\n");
        _ints.AddRange(_state[..3]);
        _floats.AddRange(_state[3..5]);
        _refs.AddRange(_state[5..]);
    }

    private string Loop(string label, string jumpTo, int bound)
    {
        _traceIndex = label == "Loop0" ? 0 : 1;
        Begin(label);
        if (bound > 0)
        {
            string counter = Op('i', $"int_add({_state[0]}, 1)");
            string test = Op('i', $"int_lt({counter}, {bound})");
            Guard($"guard_true({test})", bridgeable: false);
            _state[0] = counter;
        }
        Body(_random.Next(3, 25));
        _text.Append("jump(").Append(string.Join(", ", _state)).Append(", descr=").Append(jumpTo).Append(")\n");
        return _text.ToString();
    }

    private string Bridge(string jumpTo)
    {
        Begin("");
        Body(_random.Next(0, 8));
        if (_random.Next(4) == 0)
            _text.Append("finish(").Append(string.Join(", ", FailArgs())).Append(")\n");
        else
            _text.Append("jump(").Append(string.Join(", ", _state)).Append(", descr=").Append(jumpTo).Append(")\n");
        return _text.ToString();
    }

    private void Body(int ops)
    {
        for (int n = 0; n < ops; n++)
        {
            switch (_random.Next(16))
            {
                case 0 or 1: Keep(0, Op('i', $"{Pick(IntBinary)}({IntOperand()}, {IntOperand()})")); break;
                case 2: Keep(0, Op('i', $"{Pick(["int_neg", "int_invert", "int_is_true", "int_is_zero", "same_as_i"])}({IntVar()})")); break;
                case 3:
                    string divisor = Op('i', $"int_or({IntVar()}, 1)");
                    Keep(0, Op('i', $"{Pick(["int_floordiv", "int_mod"])}({IntOperand()}, {divisor})"));
                    break;
                case 4:
                    string count = _random.Next(2) == 0 ? Op('i', $"int_and({IntVar()}, 63)") : Pick(["0", "1", "5", "63", "64", "70"]);
                    Keep(0, Op('i', $"{Pick(["int_lshift", "int_rshift", "uint_rshift"])}({IntOperand()}, {count})"));
                    break;
                case 5:
                    Keep(0, Op('i', $"{Pick(["int_add_ovf", "int_sub_ovf", "int_mul_ovf"])}({IntOperand()}, {IntOperand()})"));
                    Guard(Pick(["guard_no_overflow()", "guard_no_overflow()", "guard_overflow()"]));
                    break;
                case 6 or 7:
                    if (_random.Next(3) == 0)
                        Op('i', $"{Pick(FloatCompare)}({FloatOperand()}, {FloatOperand()})");
                    else
                        Keep(1, Op('f', _random.Next(4) == 0 ? $"{Pick(["float_neg", "float_abs", "same_as_f"])}({FloatVar()})"
                            : $"{Pick(FloatBinary)}({FloatOperand()}, {FloatOperand()})"));
                    break;
                case 8:
                    if (_random.Next(2) == 0)
                        Keep(1, Op('f', $"cast_int_to_float({IntVar()})"));
                    else
                        Keep(0, Op('i', $"cast_float_to_int({FloatVar()})"));
                    break;
                case 9:
                    string condition = Op('i', $"{Pick(["int_lt", "int_gt", "int_eq", "uint_lt"])}({IntVar()}, {IntOperand()})");
                    Guard(_random.Next(6) == 0 ? $"guard_value({condition}, {_random.Next(2)})" : $"{Pick(["guard_true", "guard_false"])}({condition})");
                    break;
                case 10: Fields(); break;
                case 11: Arrays(); break;
                case 12 or 13: Call(); break;
                case 14: References(); break;
                default:
                    if (_random.Next(3) == 0)
                        Guard($"guard_value({FloatVar()}, {Pick(FloatConstants)})");
                    else
                        Keep(0, Op('i', $"int_add({IntVar()}, {IntOperand()})"));
                    break;
            }
        }
    }

    private void Fields()
    {
        string node = _random.Next(4) == 0 ? "ConstPtr(theNode)" : _state[5];
        bool real = _random.Next(2) == 0;
        switch (_random.Next(4))
        {
            case 0: Keep(0, Op('i', $"getfield_gc_i({node}, descr={(real ? "Node.Value" : "Node.value")})")); break;
            case 1: Keep(1, Op('f', $"getfield_gc_f({node}, descr={(real ? "Node.Weight" : "Node.weight")})")); break;
            case 2: _text.Append($"setfield_gc({node}, {IntOperand()}, descr={(real ? "Node.Value" : "Node.value")})\n"); break;
            default: _text.Append($"setfield_gc({node}, {FloatOperand()}, descr={(real ? "Node.Weight" : "Node.weight")})\n"); break;
        }
    }

    private void Arrays()
    {
        bool ints = _random.Next(2) == 0;
        string array = ints ? _state[6] : _state[7];
        string descr = ints ? "IntArray" : "FloatArray";
        string index = Op('i', $"int_and({IntVar()}, 7)");
        switch (_random.Next(4))
        {
            case 0 or 1:
                if (ints)
                    Keep(0, Op('i', $"getarrayitem_gc_i({array}, {index}, descr={descr})"));
                else
                    Keep(1, Op('f', $"getarrayitem_gc_f({array}, {index}, descr={descr})"));
                break;
            case 2: _text.Append($"setarrayitem_gc({array}, {index}, {(ints ? IntOperand() : FloatOperand())}, descr={descr})\n"); break;
            default: Op('i', $"arraylen_gc({array}, descr={descr})"); break;
        }
    }

    private void Call()
    {
        switch (_random.Next(6))
        {
            case 0: Keep(0, Op('i', $"call_i({IntOperand()}, {IntOperand()}, descr=max)")); break;
            case 1: Keep(1, Op('f', $"call_f({FloatOperand()}, {FloatOperand()}, descr=hypot)")); break;
            case 2: _text.Append($"call_n({IntVar()}, descr=record)\n"); break;
            case 3: Keep(1, Op('f', $"call_f({IntVar()}, {FloatOperand()}, descr=m.Scale)")); break;
            default:
                string divisor = Op('i', $"int_and({IntVar()}, 3)");
                bool method = _random.Next(2) == 0;
                Keep(0, Op('i', $"call_i({IntOperand()}, {divisor}, descr={(method ? "m.Divide" : "checked_div")})"));
                if (_random.Next(3) == 0)
                    Guard($"guard_exception(ConstClass({(method ? "ZeroDivisionError" : "TestError")}))", result: 'p');
                else
                    Guard("guard_no_exception()");
                break;
        }
    }

    private void References()
    {
        switch (_random.Next(4))
        {
            case 0:
                string next = Op('p', $"getfield_gc_r({_state[5]}, descr={Pick(["Node.next", "Node.Next"])})");
                Guard($"{Pick(["guard_nonnull", "guard_isnull"])}({next})");
                break;
            case 1: Guard($"{Pick(["guard_class", "guard_nonnull_class"])}({_state[5]}, ConstClass(Node))"); break;
            case 2: Op('i', $"{Pick(["ptr_eq", "ptr_ne"])}({Pick(_refs)}, {Pick([.. _refs, "ConstPtr(theNode)", "ConstPtr(null)"])})"); break;
            default: Guard($"guard_nonnull({Pick(_refs)})"); break;
        }
    }

    /// <summary>A guard saving either some values or the whole loop state (then a bridge may continue from it).</summary>
    private void Guard(string guard, bool bridgeable = true, char result = ' ')
    {
        bool full = bridgeable && _random.Next(3) == 0;
        string saved = string.Join(", ", full ? _state : FailArgs());
        if (result == ' ')
            _text.Append(guard).Append(" [").Append(saved).Append("]\n");
        else
        {
            string name = "p" + _next++;
            _text.Append(name).Append(" = ").Append(guard).Append(" [").Append(saved).Append("]\n");
            _refs.Add(name);
        }
        if (full)
            _bridgeable.Add((_traceIndex, _guards));
        _guards++;
    }

    private IEnumerable<string> FailArgs()
    {
        int count = _random.Next(5);
        for (int i = 0; i < count; i++)
            yield return _random.Next(3) switch { 0 => Pick(_ints), 1 => Pick(_floats), _ => Pick(_refs) };
    }

    private string Op(char kind, string expression)
    {
        string name = kind + (_next++).ToString(CultureInfo.InvariantCulture);
        _text.Append(name).Append(" = ").Append(expression).Append('\n');
        (kind == 'i' ? _ints : kind == 'f' ? _floats : _refs).Add(name);
        return name;
    }

    /// <summary>Sometimes makes a new value part of the loop state (slots 1-2 ints, 3-4 floats).</summary>
    private void Keep(int kind, string value)
    {
        if (_random.Next(3) == 0)
            _state[kind == 0 ? _random.Next(1, 3) : _random.Next(3, 5)] = value;
    }

    private string IntVar() => Pick(_ints);

    private string FloatVar() => Pick(_floats);

    private string IntOperand() => _random.Next(5) == 0 ? Pick(IntConstants) : Pick(_ints);

    private string FloatOperand() => _random.Next(5) == 0 ? Pick(FloatConstants) : Pick(_floats);

    private string Pick(IReadOnlyList<string> options) => options[_random.Next(options.Count)];
}
