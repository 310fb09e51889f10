// Prepares a bridge for a guard whose fail arguments the optimizer changed: the tracer records the bridge from
// the ORIGINAL fail arguments, but the compiled guard hands over only its saved values. The bridge is rewritten
// to take the saved values and to start with the ops its layout implies (allocating and filling the virtuals,
// the pending writes); optimizing it afterwards makes those objects virtual again. Called by the JIT engine.
using ClrPy.Runtime.Jit.Trace;

namespace ClrPy.Runtime.Jit.Optimize;

public static class BridgeEntry
{
    /// <summary>
    /// <paramref name="bridge"/> takes the original fail arguments of <paramref name="guard"/>; the result takes
    /// the values the guard saves (of <paramref name="savedKinds"/>). Without a layout the bridge is returned as is.
    /// </summary>
    public static TraceIr Prepend(TraceIr bridge, FailDescr guard, ReadOnlySpan<ValueKind> savedKinds)
    {
        if (guard.Layout is not { } layout)
            return bridge;
        if (bridge.InputCount != layout.Slots.Length)
            throw new ArgumentException($"the bridge takes {bridge.InputCount} input(s), {guard.Name} has {layout.Slots.Length} fail argument(s)", nameof(bridge));
        var rewriter = new TraceRewriter();
        rewriter.BeginEmpty(bridge);
        var saved = new int[savedKinds.Length];
        for (int i = 0; i < saved.Length; i++)
            saved[i] = rewriter.AddInput(savedKinds[i]);
        var objects = new int[layout.Virtuals.Length];
        for (int v = 0; v < objects.Length; v++)
        {
            var virtualObject = layout.Virtuals[v];
            objects[v] = virtualObject.Array is { } array
                ? rewriter.Emit(TraceOpcode.NewArray, array, [rewriter.Output.ConstInt(virtualObject.Values.Length)])
                : rewriter.Emit(TraceOpcode.New, virtualObject.Class!, []);
        }
        for (int v = 0; v < objects.Length; v++)
        {
            var virtualObject = layout.Virtuals[v];
            for (int i = 0; i < virtualObject.Values.Length; i++)
            {
                int value = Value(rewriter, layout, virtualObject.Values[i], saved, objects);
                if (virtualObject.Array is { } array)
                    rewriter.Emit(TraceOpcode.SetarrayitemGc, array, [objects[v], rewriter.Output.ConstInt(i), value]);
                else
                    rewriter.Emit(TraceOpcode.SetfieldGc, virtualObject.Fields[i], [objects[v], value]);
            }
        }
        foreach (var write in layout.PendingWrites)
        {
            int target = Value(rewriter, layout, write.Target, saved, objects);
            int value = Value(rewriter, layout, write.Value, saved, objects);
            if (write.Array is { } array)
                rewriter.Emit(TraceOpcode.SetarrayitemGc, array, [target, Value(rewriter, layout, write.Index, saved, objects), value]);
            else
                rewriter.Emit(TraceOpcode.SetfieldGc, write.Descr, [target, value]);
        }
        for (int i = 0; i < layout.Slots.Length; i++)
            rewriter.SetResult(i, Value(rewriter, layout, layout.Slots[i], saved, objects));
        for (int pc = 0; pc < bridge.Ops.Length; pc++)
            rewriter.Copy(pc);
        return rewriter.Finish();
    }

    private static int Value(TraceRewriter rewriter, ResumeLayout layout, ResumeEntry entry, int[] saved, int[] objects)
    {
        switch (entry.Kind)
        {
            case ResumeEntryKind.Saved:
                return saved[entry.Index];
            case ResumeEntryKind.Virtual:
                return objects[entry.Index];
        }
        var constant = layout.Constants[entry.Index];
        return layout.ConstantKinds[entry.Index] switch
        {
            ValueKind.Int => rewriter.Output.ConstInt(constant.AsInt),
            ValueKind.Float => rewriter.Output.ConstFloat(constant.AsFloat),
            _ => rewriter.Output.ConstRef(constant.AsRef),
        };
    }
}
