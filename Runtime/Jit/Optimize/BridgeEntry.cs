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
        Begin(rewriter, bridge, layout, savedKinds, writes: true);
        for (int pc = 0; pc < bridge.Ops.Length; pc++)
            rewriter.Copy(pc);
        return rewriter.Finish();
    }

    /// <summary>
    /// The frameless entry of a recorded loop trace (JitEngine's frameless calls): it takes the saved values of
    /// <paramref name="reds"/>, a layout of the loop's inputs with no pending writes, starts with the ops that
    /// build them, and goes on with the loop's ops. A loop that jumps back to its own label keeps it, renamed
    /// <paramref name="token"/> (nothing else jumps there, so the optimizer keeps the objects virtual around
    /// the loop); one that ends otherwise (a finish, a jump to another loop) loses it. Its guards are copies,
    /// resuming like the loop's.
    /// </summary>
    public static TraceIr Entry(TraceIr loop, ResumeLayout reds, ReadOnlySpan<ValueKind> savedKinds, LoopToken token)
    {
        if (loop.Ops.Length == 0 || loop[0].Opcode != TraceOpcode.Label || loop.InputCount != reds.Slots.Length)
            throw new ArgumentException("a frameless entry is made from a loop trace starting with its label, one red per slot", nameof(loop));
        var label = loop.DescrOf(in loop[0])!;
        ref readonly var last = ref loop[loop.Ops.Length - 1];
        bool loops = last.Opcode == TraceOpcode.Jump && ReferenceEquals(loop.DescrOf(in last), label);
        var rewriter = new TraceRewriter();
        Begin(rewriter, loop, reds, savedKinds, writes: false);
        if (loops)
        {
            var operands = rewriter.MapOperands(in loop[0]);
            rewriter.EmitLabel(token, operands);
            var old = loop.OperandsOf(in loop[0]);
            for (int i = 0; i < old.Length; i++)
                rewriter.SetResult(old[i], operands[i]);
        }
        for (int pc = 1; pc < loop.Ops.Length; pc++)
        {
            ref readonly var op = ref loop[pc];
            if (op.Info.IsGuard)
                rewriter.EmitGuard(op.Opcode, rewriter.MapOperands(in op), pc, null, ((FailDescr)loop.DescrOf(in op)!).CopyAs(((FailDescr)loop.DescrOf(in op)!).Index));
            else if (loops && pc == loop.Ops.Length - 1)
                rewriter.Emit(TraceOpcode.Jump, token, rewriter.MapOperands(in op));
            else
                rewriter.Copy(pc);
        }
        return rewriter.Finish();
    }

    /// <summary>Starts a trace taking the saved values of <paramref name="layout"/>: allocates and fills its
    /// virtuals, replays its pending writes, and maps the input's inputs to the slots' values.</summary>
    private static void Begin(TraceRewriter rewriter, TraceIr input, ResumeLayout layout, ReadOnlySpan<ValueKind> savedKinds, bool writes)
    {
        rewriter.BeginEmpty(input);
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
        if (writes)
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
