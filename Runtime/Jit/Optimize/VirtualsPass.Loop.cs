// The virtuals pass around a peeled loop: an object that reaches the loop's label virtual, and that the jump
// passes back virtual in the same shape (class and fields), stays virtual: its fields travel as label and jump
// arguments instead of the object being allocated every iteration. Virtual objects in its fields (an interpreter
// frame's lists and their arrays) travel the same way, their own fields or items as arguments. Each such object
// is claimed once; a label argument or field that is an object claimed elsewhere (the peeling pass passes a
// frame's lists as invariants too) only links to it, so identities are kept: the jump must pass the same
// objects in the same places. When it does not, the pass runs again with that label argument's fields
// materialized, then with the argument kept an object (VirtualsPass.Run).
using System.Runtime.InteropServices;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public sealed partial class VirtualsPass
{
    /// <summary>
    /// An object taken apart at the label: its class and fields (or array and length) and, per field or item, the
    /// claim of the virtual in it (-1: a plain value, an argument). It is flattened where it was claimed: label
    /// argument <see cref="Operand"/>, or item <see cref="Index"/> of claim <see cref="Parent"/>.
    /// </summary>
    private sealed class Claim(TraceDescr descr, FieldDescr[] fields, int[] children, int parent, int index, int operand)
    {
        public readonly TraceDescr Descr = descr;
        public readonly FieldDescr[] Fields = fields;
        public readonly int[] Children = children;
        public readonly int Parent = parent;
        public readonly int Index = index;
        public readonly int Operand = operand;
        /// <summary>At the label, the virtual before it, then the old value naming the object after it.</summary>
        public int Before;
        public int Name;
        /// <summary>At the jump, the virtual passed in its place.</summary>
        public int AtJump;
    }

    private int _loopLabel = -1;
    /// <summary>By label argument: materialize it at the label even if virtual (its jump shape did not match).</summary>
    private bool[] _keepWhole = [];
    /// <summary>By label argument: the objects in its fields are materialized at the label (a nested shape did not match).</summary>
    private bool[] _flat = [];
    private readonly List<Claim> _claims = [];
    /// <summary>By label argument: its claim (made there or linked to), or -1.</summary>
    private int[] _operandClaims = [];
    private readonly Dictionary<int, int> _claimOfVirtual = [];
    private int _oldCount;
    private readonly List<int> _arguments = [];

    /// <summary>Takes the label's virtual arguments apart; false (and the argument to blame) when materializing
    /// the rest materialized an object it took apart.</summary>
    private bool EnterLoop(int pc, out int mismatch)
    {
        mismatch = -1;
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
        _claims.Clear();
        _claimOfVirtual.Clear();
        _operandClaims = new int[operands.Length];
        Array.Fill(_operandClaims, -1);
        for (int k = 0; k < operands.Length; k++)
            if (IsVirtual(operands[k]) && !_keepWhole[k] && Of(operands[k]).Descr is ClassDescr)
                _operandClaims[k] = ClaimOf(_virtualOf[operands[k]], !_flat[k], -1, -1, k);
        // an array argument is kept apart only as part of an object claimed with it; an argument kept whole is not
        // linked either (linked, it would be blamed for the same mismatch again and the pass would never end)
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] < 0 && !_keepWhole[k] && IsVirtual(operands[k]) && _claimOfVirtual.TryGetValue(_virtualOf[operands[k]], out int linked))
                _operandClaims[k] = linked;
        foreach (var claim in _claims)
            ForceLeaves(_virtuals[claim.Before], claim);
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] < 0)
                Force(operands[k]);
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] >= 0 && Broken(_operandClaims[k], atJump: false))
            {
                mismatch = Root(_operandClaims[k]);
                return false;
            }
        _arguments.Clear();
        for (int k = 0; k < operands.Length; k++)
        {
            if (_operandClaims[k] < 0)
                _arguments.Add(rewriter.Map(operands[k]));
            else if (_claims[_operandClaims[k]].Operand == k)
                Flatten(_operandClaims[k], claim => _virtuals[claim.Before]);
        }
        var arguments = CollectionsMarshal.AsSpan(_arguments);
        rewriter.EmitLabel(input.DescrOf(in label)!, arguments);
        // the objects before the label are done with: each claim is a new virtual of the same shape, named by the
        // label argument it was claimed at, else by its first alias from before the label
        foreach (var claim in _claims)
            claim.Name = claim.Operand >= 0 ? operands[claim.Operand] : _virtuals[claim.Before].Aliases[0];
        foreach (var claim in _claims)
        {
            var before = _virtuals[claim.Before];
            before.Forced = true;
            foreach (int alias in before.Aliases)
                _virtualOf[alias] = -1;
        }
        foreach (var claim in _claims)
        {
            bool array = claim.Descr is ArrayDescr;
            MakeVirtual(claim.Name, claim.Descr, array ? claim.Children.Length : 0);
            if (!array)
                Of(claim.Name).Fields.AddRange(claim.Fields);
        }
        int next = 0;
        for (int k = 0; k < operands.Length; k++)
        {
            if (_operandClaims[k] < 0)
                rewriter.SetResult(operands[k], arguments[next++]);
            else if (_claims[_operandClaims[k]].Operand == k)
                Fill(_operandClaims[k], arguments, ref next);
            else if (operands[k] != _claims[_operandClaims[k]].Name)
                Alias(operands[k], _claims[_operandClaims[k]].Name);
        }
        return true;
    }

    /// <summary>Claims virtual <paramref name="index"/> (or links to its claim): its virtual fields or items are
    /// claimed too when <paramref name="nested"/>.</summary>
    private int ClaimOf(int index, bool nested, int parent, int item, int operand)
    {
        if (_claimOfVirtual.TryGetValue(index, out int known))
            return known;
        var virtualObject = _virtuals[index];
        bool array = virtualObject.Descr is ArrayDescr;
        var claim = new Claim(virtualObject.Descr, array ? [] : virtualObject.Fields.ToArray(), new int[virtualObject.Values.Count],
            parent, item, operand) { Before = index };
        int id = _claims.Count;
        _claims.Add(claim);
        _claimOfVirtual.Add(index, id);
        for (int i = 0; i < claim.Children.Length; i++)
        {
            int value = FieldValue(virtualObject, claim, i);
            claim.Children[i] = nested && IsVirtual(value) ? ClaimOf(_virtualOf[value], nested, id, i, -1) : -1;
        }
        return id;
    }

    /// <summary>The value in field or item <paramref name="i"/> of the claim, in the object's own order.</summary>
    private static int FieldValue(VirtualObject virtualObject, Claim claim, int i) =>
        claim.Descr is ArrayDescr ? virtualObject.Values[i] : virtualObject.Values[virtualObject.Fields.IndexOf(claim.Fields[i])];

    /// <summary>Materializes what the claim passes as plain values (a virtual there becomes an object).</summary>
    private void ForceLeaves(VirtualObject virtualObject, Claim claim)
    {
        for (int i = 0; i < claim.Children.Length; i++)
        {
            int value = FieldValue(virtualObject, claim, i);
            if (claim.Children[i] < 0 && value != TraceValues.None)
                Force(value);
        }
    }

    /// <summary>Whether materializing made some object of the claim's tree (links included) an object: of the
    /// objects at the label, or <paramref name="atJump"/> of those the jump passes.</summary>
    private bool Broken(int id, bool atJump) => Broken(id, atJump, []);

    private bool Broken(int id, bool atJump, HashSet<int> seen)
    {
        if (!seen.Add(id))
            return false;
        var claim = _claims[id];
        if (_virtuals[atJump ? claim.AtJump : claim.Before].Forced)
            return true;
        foreach (int child in claim.Children)
            if (child >= 0 && Broken(child, atJump, seen))
                return true;
        return false;
    }

    /// <summary>The label argument the claim's tree was claimed at.</summary>
    private int Root(int id)
    {
        while (_claims[id].Operand < 0)
            id = _claims[id].Parent;
        return _claims[id].Operand;
    }

    private bool Owns(int parent, int i, int child) => _claims[child].Parent == parent && _claims[child].Index == i;

    /// <summary>Adds the plain values of a claim and of the claims it owns to the arguments, depth first.</summary>
    private void Flatten(int id, Func<Claim, VirtualObject> objectOf)
    {
        var claim = _claims[id];
        var virtualObject = objectOf(claim);
        var itemKind = (claim.Descr as ArrayDescr)?.ItemKind ?? ValueKind.Void;
        for (int i = 0; i < claim.Children.Length; i++)
        {
            int child = claim.Children[i];
            if (child < 0)
            {
                int value = FieldValue(virtualObject, claim, i);
                _arguments.Add(value == TraceValues.None ? Zero(itemKind) : ValueOf(value));
            }
            else if (Owns(id, i, child))
                Flatten(child, objectOf);
        }
    }

    /// <summary>Fills the new virtual of a claim (and of those it owns) in <see cref="Flatten"/>'s order.</summary>
    private void Fill(int id, ReadOnlySpan<int> arguments, ref int next)
    {
        var claim = _claims[id];
        var inLoop = Of(claim.Name);
        bool array = claim.Descr is ArrayDescr;
        for (int i = 0; i < claim.Children.Length; i++)
        {
            int child = claim.Children[i];
            int value;
            if (child < 0)
                value = _oldCount + arguments[next++];
            else
            {
                if (Owns(id, i, child))
                    Fill(child, arguments, ref next);
                value = _claims[child].Name;
            }
            if (array)
                inLoop.Values[i] = value;
            else
                inLoop.Values.Add(value);
        }
    }

    /// <summary>Emits the jump back, passing the fields of exploded arguments; false (and the position) on a shape mismatch.</summary>
    private bool JumpBack(int pc, out int mismatch)
    {
        var input = rewriter.Input;
        ref readonly var jump = ref input[pc];
        var operands = input.OperandsOf(in jump);
        mismatch = -1;
        foreach (var claim in _claims)
            claim.AtJump = -1;
        var bound = new HashSet<int>();
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] >= 0 && !Bind(_operandClaims[k], operands[k], bound))
            {
                mismatch = k;
                return false;
            }
        foreach (var claim in _claims)
            ForceLeaves(_virtuals[claim.AtJump], claim);
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] < 0)
                Force(operands[k]);
        // materializing the other arguments may have materialized an object taken apart
        for (int k = 0; k < operands.Length; k++)
            if (_operandClaims[k] >= 0 && Broken(_operandClaims[k], atJump: true))
            {
                mismatch = Root(_operandClaims[k]);
                return false;
            }
        _arguments.Clear();
        for (int k = 0; k < operands.Length; k++)
        {
            if (_operandClaims[k] < 0)
                _arguments.Add(rewriter.Map(operands[k]));
            else if (_claims[_operandClaims[k]].Operand == k)
                Flatten(_operandClaims[k], claim => _virtuals[claim.AtJump]);
        }
        rewriter.Emit(TraceOpcode.Jump, input.DescrOf(in jump), CollectionsMarshal.AsSpan(_arguments));
        return true;
    }

    /// <summary>Whether the jump passes, where the claim was, a virtual of its shape (the same one wherever the
    /// claim is linked, and no virtual for two claims).</summary>
    private bool Bind(int id, int oldValue, HashSet<int> bound)
    {
        if (!IsVirtual(oldValue))
            return false;
        var claim = _claims[id];
        int index = _virtualOf[oldValue];
        if (claim.AtJump >= 0)
            return claim.AtJump == index;
        if (!bound.Add(index))
            return false;
        claim.AtJump = index;
        var virtualObject = _virtuals[index];
        if (!ReferenceEquals(virtualObject.Descr, claim.Descr))
            return false;
        if (claim.Descr is ArrayDescr)
        {
            if (virtualObject.Values.Count != claim.Children.Length)
                return false;
        }
        else
        {
            if (virtualObject.Fields.Count != claim.Fields.Length)
                return false;
            foreach (var field in claim.Fields)
                if (!virtualObject.Fields.Contains(field))
                    return false;
        }
        for (int i = 0; i < claim.Children.Length; i++)
            if (claim.Children[i] >= 0 && !Bind(claim.Children[i], FieldValue(virtualObject, claim, i), bound))
                return false;
        return true;
    }
}
