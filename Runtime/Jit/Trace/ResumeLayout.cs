// What a guard's ORIGINAL fail arguments are, once the optimizer has removed some of them (virtual objects,
// constants, frame fields kept in registers), and the writes it delayed past the guard: kept on the guard's
// FailDescr, written by the optimizer, printed and parsed with the trace, read by ResumeMaterializer when the
// guard fails. Backends never look at it.
using System.Globalization;
using System.Text;

namespace ClrPy.Runtime.Jit.Trace;

public enum ResumeEntryKind : byte
{
    /// <summary>The guard's real fail argument number <see cref="ResumeEntry.Index"/> (a position, not a value number).</summary>
    Saved,
    /// <summary>The layout's constant number <see cref="ResumeEntry.Index"/>.</summary>
    Constant,
    /// <summary>The layout's virtual object number <see cref="ResumeEntry.Index"/>, allocated when the guard fails.</summary>
    Virtual,
}

/// <summary>Where one value comes from when the guard fails.</summary>
public readonly record struct ResumeEntry(ResumeEntryKind Kind, int Index)
{
    public static ResumeEntry Saved(int position) => new(ResumeEntryKind.Saved, position);
}

/// <summary>
/// An object the optimized trace never allocated: a class instance (<see cref="Class"/>, with <see cref="Fields"/>
/// parallel to <see cref="Values"/>) or an array (<see cref="Array"/>, <see cref="Values"/> its items in order).
/// Fields not listed keep what the class's constructor gave them.
/// </summary>
public sealed class ResumeVirtual(TraceDescr descr, FieldDescr[] fields, ResumeEntry[] values)
{
    public TraceDescr Descr { get; } = descr;

    public ClassDescr? Class => Descr as ClassDescr;

    public ArrayDescr? Array => Descr as ArrayDescr;

    public FieldDescr[] Fields { get; } = fields;

    public ResumeEntry[] Values { get; } = values;
}

/// <summary>
/// A write the optimized trace delayed past the guard, replayed when it fails: a field of <see cref="Target"/>
/// (<see cref="Descr"/> a FieldDescr: a virtualizable's field, a dead store) or its item at <see cref="Index"/> (an
/// ArrayDescr: a dead store). <see cref="Index"/> means nothing for a field. Replayed in order.
/// </summary>
public readonly record struct ResumePendingWrite(ResumeEntry Target, TraceDescr Descr, ResumeEntry Index, ResumeEntry Value)
{
    public static ResumePendingWrite ToField(ResumeEntry target, FieldDescr field, ResumeEntry value) =>
        new(target, field, default, value);

    public static ResumePendingWrite ToItem(ResumeEntry target, ArrayDescr array, ResumeEntry index, ResumeEntry value) =>
        new(target, array, index, value);

    public FieldDescr? Field => Descr as FieldDescr;

    public ArrayDescr? Array => Descr as ArrayDescr;
}

/// <summary>
/// For each original fail-argument position (<see cref="Slots"/>), where its value comes from; the virtual
/// objects and constants the entries refer to; the writes to replay. Immutable. Positions are never reordered
/// or dropped, so resume data keyed by original position (the tracer's frames) stays valid.
/// </summary>
public sealed class ResumeLayout(ResumeEntry[] slots, ResumeVirtual[] virtuals, TraceValue[] constants,
    ValueKind[] constantKinds, ResumePendingWrite[] pendingWrites)
{
    public ResumeEntry[] Slots { get; } = slots;

    public ResumeVirtual[] Virtuals { get; } = virtuals;

    public TraceValue[] Constants { get; } = constants;

    public ValueKind[] ConstantKinds { get; } = constantKinds;

    public ResumePendingWrite[] PendingWrites { get; } = pendingWrites;

    /// <summary>Whether <paramref name="other"/> describes the same values: equal entries, virtuals of the same
    /// descriptors and fields, equal constants (objects by identity), equal writes.</summary>
    public bool SameAs(ResumeLayout other)
    {
        if (!Slots.AsSpan().SequenceEqual(other.Slots) || !Constants.AsSpan().SequenceEqual(other.Constants)
            || !ConstantKinds.AsSpan().SequenceEqual(other.ConstantKinds) || !PendingWrites.AsSpan().SequenceEqual(other.PendingWrites)
            || Virtuals.Length != other.Virtuals.Length)
            return false;
        for (int v = 0; v < Virtuals.Length; v++)
        {
            var (mine, theirs) = (Virtuals[v], other.Virtuals[v]);
            if (!ReferenceEquals(mine.Descr, theirs.Descr) || !mine.Values.AsSpan().SequenceEqual(theirs.Values)
                || mine.Fields.Length != theirs.Fields.Length)
                return false;
            for (int f = 0; f < mine.Fields.Length; f++)
                if (!ReferenceEquals(mine.Fields[f], theirs.Fields[f]))
                    return false;
        }
        return true;
    }

    /// <summary>
    /// The text form after a guard's fail arguments: <c>{i0, v0, 5; v0=new(Node) Node.value=i2 Node.next=p3;
    /// v1=new_array(IntArray) [7, v0]; setfield(p3, i2, descr=Node.value); setarrayitem(p4, i1, i2, descr=IntArray)}</c>.
    /// Saved entries are written as the value in that fail-argument position.
    /// </summary>
    public void Append(StringBuilder text, TraceIr trace, ReadOnlySpan<int> failArgs, TraceDescrRegistry? registry)
    {
        text.Append('{');
        for (int i = 0; i < Slots.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            AppendEntry(text, trace, failArgs, Slots[i], registry);
        }
        for (int v = 0; v < Virtuals.Length; v++)
        {
            var virtualObject = Virtuals[v];
            text.Append("; v").Append(v.ToString(CultureInfo.InvariantCulture));
            if (virtualObject.Class is { } cls)
            {
                text.Append("=new(").Append(cls.Name).Append(')');
                for (int f = 0; f < virtualObject.Fields.Length; f++)
                {
                    text.Append(' ').Append(virtualObject.Fields[f].Name).Append('=');
                    AppendEntry(text, trace, failArgs, virtualObject.Values[f], registry);
                }
                continue;
            }
            text.Append("=new_array(").Append(virtualObject.Descr.Name).Append(") [");
            for (int item = 0; item < virtualObject.Values.Length; item++)
            {
                if (item > 0)
                    text.Append(", ");
                AppendEntry(text, trace, failArgs, virtualObject.Values[item], registry);
            }
            text.Append(']');
        }
        foreach (var write in PendingWrites)
        {
            text.Append(write.Array is null ? "; setfield(" : "; setarrayitem(");
            AppendEntry(text, trace, failArgs, write.Target, registry);
            text.Append(", ");
            if (write.Array is not null)
            {
                AppendEntry(text, trace, failArgs, write.Index, registry);
                text.Append(", ");
            }
            AppendEntry(text, trace, failArgs, write.Value, registry);
            text.Append(", descr=").Append(write.Descr.Name).Append(')');
        }
        text.Append('}');
    }

    private void AppendEntry(StringBuilder text, TraceIr trace, ReadOnlySpan<int> failArgs, ResumeEntry entry,
        TraceDescrRegistry? registry)
    {
        switch (entry.Kind)
        {
            case ResumeEntryKind.Saved when entry.Index < failArgs.Length:
                TracePrinter.AppendValue(text, trace, failArgs[entry.Index], registry);
                break;
            case ResumeEntryKind.Saved:
                text.Append("#bad").Append(entry.Index.ToString(CultureInfo.InvariantCulture));
                break;
            case ResumeEntryKind.Virtual:
                text.Append('v').Append(entry.Index.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                TracePrinter.AppendConstant(text, Constants[entry.Index], ConstantKinds[entry.Index], registry);
                break;
        }
    }
}
