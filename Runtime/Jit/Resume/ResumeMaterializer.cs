// Turns what a failing guard saved into its ORIGINAL fail-argument values: allocates the virtual objects its
// resume layout describes (cycles allowed), fills them, replays the pending writes. Called by every backend's
// guard-exit path and by tests, before the tracer's frame data (keyed by original position) is read.
using System.Diagnostics.CodeAnalysis;
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Resume;

/// <summary>A layout that cannot be materialized (a class without constructor, a write to null).</summary>
public sealed class ResumeException(string message) : Exception(message);

public static class ResumeMaterializer
{
    /// <summary>
    /// The original fail arguments of <paramref name="guard"/> given the values its guard op saved (its real fail
    /// arguments, in order). Without a layout they are the saved values themselves.
    /// </summary>
    public static TraceValue[] Materialize(FailDescr guard, ReadOnlySpan<TraceValue> saved) =>
        guard.Layout is { } layout ? Materialize(layout, saved) : saved.ToArray();

    /// <summary>The values the slots of <paramref name="layout"/> describe, given the saved ones.</summary>
    public static TraceValue[] Materialize(ResumeLayout layout, ReadOnlySpan<TraceValue> saved)
    {
        var objects = new object[layout.Virtuals.Length];
        for (int v = 0; v < objects.Length; v++)
            objects[v] = Allocate(layout.Virtuals[v]);
        // Fields are filled only once every virtual exists, so that virtuals may point at each other.
        for (int v = 0; v < objects.Length; v++)
        {
            var virtualObject = layout.Virtuals[v];
            var values = virtualObject.Values;
            if (virtualObject.Array is { } array)
                for (int item = 0; item < values.Length; item++)
                    array.Write(objects[v], item, Value(layout, values[item], saved, objects));
            else
                for (int f = 0; f < values.Length; f++)
                    virtualObject.Fields[f].Write(objects[v], Value(layout, values[f], saved, objects));
        }
        foreach (var write in layout.PendingWrites)
        {
            object target = Value(layout, write.Target, saved, objects).Ref ?? NullTarget(write.Descr);
            var value = Value(layout, write.Value, saved, objects);
            if (write.Array is { } array)
                array.Write(target, Value(layout, write.Index, saved, objects).AsInt, value);
            else
                write.Field!.Write(target, value);
        }
        var result = new TraceValue[layout.Slots.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = Value(layout, layout.Slots[i], saved, objects);
        return result;
    }

    /// <summary>The kinds of the original fail arguments, given the kinds of the saved ones (virtuals are refs).</summary>
    public static ValueKind[] OriginalKinds(FailDescr guard, ReadOnlySpan<ValueKind> savedKinds)
    {
        if (guard.Layout is not { } layout)
            return savedKinds.ToArray();
        var kinds = new ValueKind[layout.Slots.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            var entry = layout.Slots[i];
            kinds[i] = entry.Kind switch
            {
                ResumeEntryKind.Saved => savedKinds[entry.Index],
                ResumeEntryKind.Constant => layout.ConstantKinds[entry.Index],
                _ => ValueKind.Ref,
            };
        }
        return kinds;
    }

    private static object Allocate(ResumeVirtual virtualObject) => virtualObject.Array is { } array
        ? array.Create(virtualObject.Values.Length)
        : (virtualObject.Class!.Create ?? NoConstructor(virtualObject.Class))();

    private static TraceValue Value(ResumeLayout layout, ResumeEntry entry, ReadOnlySpan<TraceValue> saved, object[] objects) =>
        entry.Kind switch
        {
            ResumeEntryKind.Saved => saved[entry.Index],
            ResumeEntryKind.Constant => layout.Constants[entry.Index],
            _ => TraceValue.FromRef(objects[entry.Index]),
        };

    [DoesNotReturn]
    private static Func<object> NoConstructor(ClassDescr cls) =>
        throw new ResumeException($"cannot rebuild a virtual {cls.Name}: the class has no constructor");

    [DoesNotReturn]
    private static object NullTarget(TraceDescr descr) =>
        throw new ResumeException($"pending write of {descr.Name} into null");
}
