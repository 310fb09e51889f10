// The virtuals pass around a peeled loop: an object that reaches the loop's label virtual, and that the jump
// passes back virtual in the same shape (class and fields), stays virtual: its fields travel as label and jump
// arguments instead of the object being allocated every iteration. When the jump's shape differs, the pass
// runs again keeping that label argument an object (VirtualsPass.Run).
using System.Runtime.InteropServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class VirtualsPass
{
    private readonly record struct Shape(TraceDescr Class, FieldDescr[] Fields);

    private int _loopLabel = -1;
    /// <summary>By label argument: materialize it at the label even if virtual (its jump shape did not match).</summary>
    private bool[] _keepWhole = [];
    private Shape?[] _shapes = [];
    private int _oldCount;
    private readonly List<int> _arguments = [];

    private void EnterLoop(int pc)
    {
        var input = rewriter.Input;
        ref readonly var label = ref input[pc];
        var operands = input.OperandsOf(in label);
        // Values from before the label that the label does not rebind are the same objects after it.
        for (int i = 0; i < _virtuals.Count; i++)
            if (!_virtuals[i].Forced)
                foreach (int alias in _virtuals[i].Aliases)
                    if (_lastUse[alias] > pc && !operands.Contains(alias))
                    {
                        Force(alias);
                        break;
                    }
        _shapes = new Shape?[operands.Length];
        for (int k = 0; k < operands.Length; k++)
            if (Explodable(operands, k))
                foreach (int value in Of(operands[k]).Values)
                    Force(value);
        for (int k = 0; k < operands.Length; k++)
            if (!Explodable(operands, k))
                Force(operands[k]);
        _arguments.Clear();
        for (int k = 0; k < operands.Length; k++)
        {
            if (!IsVirtual(operands[k]))
            {
                _arguments.Add(rewriter.Map(operands[k]));
                continue;
            }
            var virtualObject = Of(operands[k]);
            _shapes[k] = new Shape(virtualObject.Descr, virtualObject.Fields.ToArray());
            foreach (int value in virtualObject.Values)
                _arguments.Add(ValueOf(value));
        }
        var arguments = CollectionsMarshal.AsSpan(_arguments);
        rewriter.EmitLabel(input.DescrOf(in label)!, arguments);
        int next = 0;
        for (int k = 0; k < operands.Length; k++)
        {
            if (_shapes[k] is not { } shape)
            {
                rewriter.SetResult(operands[k], arguments[next++]);
                continue;
            }
            // The object before the label is done with: the label argument is a new virtual of the same shape.
            var before = Of(operands[k]);
            before.Forced = true;
            foreach (int alias in before.Aliases)
                _virtualOf[alias] = -1;
            MakeVirtual(operands[k], shape.Class, 0);
            var inLoop = Of(operands[k]);
            inLoop.Fields.AddRange(shape.Fields);
            for (int f = 0; f < shape.Fields.Length; f++)
                inLoop.Values.Add(_oldCount + arguments[next++]);
        }
    }

    /// <summary>A class instance, virtual, passed in one label position only, and not to be kept whole.</summary>
    private bool Explodable(ReadOnlySpan<int> operands, int k)
    {
        if (!IsVirtual(operands[k]) || _keepWhole[k] || Of(operands[k]).Descr is not ClassDescr)
            return false;
        for (int other = 0; other < operands.Length; other++)
            if (other != k && IsVirtual(operands[other]) && _virtualOf[operands[other]] == _virtualOf[operands[k]])
                return false;
        return true;
    }

    /// <summary>Emits the jump back, passing the fields of exploded arguments; false (and the position) on a shape mismatch.</summary>
    private bool JumpBack(int pc, out int mismatch)
    {
        var input = rewriter.Input;
        ref readonly var jump = ref input[pc];
        var operands = input.OperandsOf(in jump);
        mismatch = -1;
        for (int k = 0; k < operands.Length; k++)
            if (_shapes[k] is { } shape && !Matches(operands, k, shape))
            {
                mismatch = k;
                return false;
            }
        for (int k = 0; k < operands.Length; k++)
            if (_shapes[k] is not null)
                foreach (int value in Of(operands[k]).Values)
                    Force(value);
        for (int k = 0; k < operands.Length; k++)
            if (_shapes[k] is null)
                Force(operands[k]);
        _arguments.Clear();
        for (int k = 0; k < operands.Length; k++)
        {
            if (_shapes[k] is not { } shape)
            {
                _arguments.Add(rewriter.Map(operands[k]));
                continue;
            }
            if (!IsVirtual(operands[k]))
            {
                mismatch = k;
                return false;
            }
            var virtualObject = Of(operands[k]);
            foreach (var field in shape.Fields)
                _arguments.Add(ValueOf(virtualObject.Values[virtualObject.Fields.IndexOf(field)]));
        }
        rewriter.Emit(TraceOpcode.Jump, input.DescrOf(in jump), CollectionsMarshal.AsSpan(_arguments));
        return true;
    }

    private bool Matches(ReadOnlySpan<int> operands, int k, Shape shape)
    {
        if (!IsVirtual(operands[k]) || !Explodable(operands, k))
            return false;
        var virtualObject = Of(operands[k]);
        if (!ReferenceEquals(virtualObject.Descr, shape.Class) || virtualObject.Fields.Count != shape.Fields.Length)
            return false;
        foreach (var field in shape.Fields)
            if (!virtualObject.Fields.Contains(field))
                return false;
        return true;
    }
}
