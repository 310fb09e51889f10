// The meaning of each flow-graph operation for the annotator: arithmetic, comparisons, containers,
// items, iteration and strings. Calls and attributes are in Annotator.Calls.cs / Annotator.Attributes.cs.
using System.Collections.Immutable;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Annotation;

public sealed partial class Annotator
{
    private Annotation AnnotateOperation(Operation operation, Dictionary<Variable, Narrowing> narrowings)
    {
        var span = operation.Span;
        var args = operation.Args;
        Annotation Arg(int index) => AnnotationOf(args[index], span);
        if (operation.Code is OpCode.GetAttr or OpCode.SetAttr or OpCode.CallMethod or OpCode.GetItem or OpCode.SetItem
            or OpCode.DelItem or OpCode.Iter or OpCode.Len && Arg(0) is SomeNone)
            return SomeImpossible.Instance;
        switch (operation.Code)
        {
            case OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.TrueDiv or OpCode.FloorDiv or OpCode.Mod or OpCode.Pow
                or OpCode.LShift or OpCode.RShift or OpCode.And or OpCode.Or or OpCode.Xor:
                return Binary(operation, Arg(0), Arg(1));
            case OpCode.InplaceAdd or OpCode.InplaceMul:
                return Inplace(operation, Arg(0), Arg(1));
            case OpCode.Neg or OpCode.Pos or OpCode.Invert:
                return Unary(operation, Arg(0));
            case OpCode.Not:
                if (args[0] is Variable negated && narrowings.TryGetValue(negated, out var inner))
                    narrowings[operation.Result] = inner.Negated;
                return Bool(span);
            case OpCode.IsTrue:
                if (args[0] is Variable tested)
                    NarrowTruth(operation, tested, narrowings);
                return Bool(span);
            case OpCode.Is or OpCode.IsNot:
                NarrowNoneTest(operation, narrowings);
                return Bool(span);
            case OpCode.Lt or OpCode.Le or OpCode.Gt or OpCode.Ge:
                return Ordered(operation, Arg(0), Arg(1));
            case OpCode.Eq or OpCode.Ne:
                return Bool(span);
            case OpCode.Contains:
                return ContainsItem(operation, Arg(0), Arg(1));
            case OpCode.IsInstance:
                NarrowIsInstance(operation, narrowings);
                return Bool(span);
            case OpCode.GetAttr:
                return GetAttribute(operation, Arg(0), ConstantName(operation, 1));
            case OpCode.SetAttr:
                SetAttribute(operation, Arg(0), ConstantName(operation, 1), Arg(2));
                return SomeNone.Instance;
            case OpCode.GetItem:
                return GetItem(operation, Arg(0), Arg(1));
            case OpCode.SetItem:
                return SetItem(operation, Arg(0), Arg(1), Arg(2));
            case OpCode.DelItem:
                return DelItem(operation, Arg(0), Arg(1));
            case OpCode.GetSlice:
                return Sliced(operation, Arg(0));
            case OpCode.SetSlice:
                Sliced(operation, Arg(0));
                if (Arg(0) is SomeList target)
                    Generalize(target, IteratedItem(operation, Arg(3)), span);
                return SomeNone.Instance;
            case OpCode.DelSlice:
                Sliced(operation, Arg(0));
                return SomeNone.Instance;
            case OpCode.NewList:
            {
                var list = NewList(SomeImpossible.Instance, span);
                foreach (var item in args)
                    Generalize(list, AnnotationOf(item, span), span);
                return list;
            }
            case OpCode.NewDict:
            {
                var dict = NewDict(SomeImpossible.Instance, SomeImpossible.Instance, span);
                for (int i = 0; i + 1 < args.Length; i += 2)
                    Generalize(dict, Arg(i), Arg(i + 1), span);
                return dict;
            }
            case OpCode.NewTuple:
                return new SomeTuple([.. args.Select(arg => AnnotationOf(arg, span))]) { Origin = span };
            case OpCode.NewSlice:
                return SomeSlice.Instance;
            case OpCode.NewSet:
                TypeErrors.Unsupported(span, "sets are not supported in RPy");
                return null;
            case OpCode.Unpack:
                return Unpack(operation, Arg(0), (int)(long)((Constant)args[1]).Value!);
            case OpCode.SimpleCall:
                return Call(operation, Arg(0), [.. args.Skip(1).Select(arg => AnnotationOf(arg, span))], []);
            case OpCode.CallArgs:
                return CallWithShape(operation);
            case OpCode.CallMethod:
                return CallMethod(operation, Arg(0), ConstantName(operation, 1), [.. args.Skip(2).Select(arg => AnnotationOf(arg, span))]);
            case OpCode.Iter:
                return Iterate(operation, Arg(0));
            case OpCode.Next:
                return Arg(0) is SomeIterator iterator ? IteratedItem(operation, iterator.Container)
                    : Unsupported(operation, $"next() of {Arg(0).UserName}", Arg(0));
            case OpCode.Len:
                return BuiltinTable.CallFunction(BuiltinCallOf(operation, "len", null, [Arg(0)], []));
            case OpCode.Type:
                return Unsupported(operation, "type() is not supported in RPy; use isinstance()", Arg(0));
            case OpCode.Format or OpCode.BuildStr:
                return SomeStr.Instance.WithOrigin(span);
        }
        throw new InvalidOperationException($"no annotation rule for {operation.Code.Name()}");
    }

    /// <summary><c>call_args(f, shape, args...)</c>: the shape names the trailing keyword arguments,
    /// after a leading <c>'*'</c> when the argument before them is a tuple spliced positionally.</summary>
    private Annotation CallWithShape(Operation operation)
    {
        var span = operation.Span;
        var shape = ((ImmutableArray<Constant>)((Constant)operation.Args[1]).Value!).Select(name => (string)name.Value!).ToList();
        var values = operation.Args.Skip(2).Select(arg => AnnotationOf(arg, span)).ToList();
        if (shape.Count > 0 && shape[0] == "*")
        {
            shape.RemoveAt(0);
            int starAt = values.Count - shape.Count - 1;
            if (values[starAt] is SomeImpossible)
                return SomeImpossible.Instance;
            if (values[starAt] is not SomeTuple spliced)
                return Unsupported(operation, $"*args must be a tuple in RPy, not {values[starAt].UserName}", values[starAt]);
            values.RemoveAt(starAt);
            values.InsertRange(starAt, spliced.Items);
        }
        return Call(operation, AnnotationOf(operation.Args[0], span), [.. values], [.. shape]);
    }

    private static Annotation Bool(Frontend.Text.SourceSpan span) => SomeBool.Instance.WithOrigin(span);

    private static string ConstantName(Operation operation, int index) => (string)((Constant)operation.Args[index]).Value!;

    private static Annotation Unsupported(Operation operation, string message, params Annotation[] operands)
    {
        TypeErrors.Unsupported(operation.Span, message, operands);
        return null;
    }

    private static string Symbol(OpCode code) => code switch
    {
        OpCode.Add or OpCode.InplaceAdd => "+", OpCode.Sub => "-", OpCode.Mul or OpCode.InplaceMul => "*",
        OpCode.TrueDiv => "/", OpCode.FloorDiv => "//", OpCode.Mod => "%", OpCode.Pow => "**",
        OpCode.LShift => "<<", OpCode.RShift => ">>", OpCode.And => "&", OpCode.Or => "|", OpCode.Xor => "^",
        OpCode.Lt => "<", OpCode.Le => "<=", OpCode.Gt => ">", OpCode.Ge => ">=",
        OpCode.Neg => "-", OpCode.Pos => "+", OpCode.Invert => "~",
        _ => code.Name(),
    };

    private Annotation Binary(Operation operation, Annotation left, Annotation right)
    {
        var code = operation.Code switch
        {
            OpCode.InplaceAdd => OpCode.Add,
            OpCode.InplaceMul => OpCode.Mul,
            _ => operation.Code,
        };
        var span = operation.Span;
        if (left is SomeImpossible || right is SomeImpossible)
            return SomeImpossible.Instance;
        switch (left, right)
        {
            case (SomeBool, SomeBool) when code is OpCode.And or OpCode.Or or OpCode.Xor:
                return Bool(span);
            case (SomeInt, SomeInt) when code != OpCode.TrueDiv && (left is SomeUnsigned || right is SomeUnsigned && code is not (OpCode.LShift or OpCode.RShift)):
                return SomeUnsigned.Instance.WithOrigin(span);
            case (SomeInt, SomeInt):
                return (code == OpCode.TrueDiv ? (Annotation)SomeFloat.Instance : SomeInt.Instance).WithOrigin(span);
            case (SomeInt or SomeFloat, SomeInt or SomeFloat) when code is not (OpCode.LShift or OpCode.RShift or OpCode.And or OpCode.Or or OpCode.Xor):
                return SomeFloat.Instance.WithOrigin(span);
            case (SomeStr or SomeChar, _) when code == OpCode.Mod:
                return SomeStr.Instance.WithOrigin(span);
            case (SomeStr or SomeChar, SomeStr or SomeChar) when code == OpCode.Add:
                return SomeStr.Instance.WithOrigin(span);
            case (SomeStr or SomeChar, SomeInt) or (SomeInt, SomeStr or SomeChar) when code == OpCode.Mul:
                return SomeStr.Instance.WithOrigin(span);
            case (SomeList a, SomeList b) when code == OpCode.Add:
            {
                var list = NewList(SomeImpossible.Instance, span);
                ReadItems(a.Def);
                ReadItems(b.Def);
                Generalize(list, a.Def.Item, span);
                Generalize(list, b.Def.Item, span);
                return list;
            }
            case (SomeList repeated, SomeInt) when code == OpCode.Mul:
                ReadItems(repeated.Def);
                return NewList(repeated.Def.Item, span);
            case (SomeInt, SomeList repeated) when code == OpCode.Mul:
                ReadItems(repeated.Def);
                return NewList(repeated.Def.Item, span);
            case (SomeTuple a, SomeTuple b) when code == OpCode.Add:
                return new SomeTuple(a.Items.AddRange(b.Items)) { Origin = span };
        }
        return Unsupported(operation, $"unsupported operand types for {Symbol(code)}: {left.UserName} and {right.UserName}", left, right);
    }

    private Annotation Inplace(Operation operation, Annotation left, Annotation right)
    {
        if (left is SomeList list && operation.Code == OpCode.InplaceAdd)
        {
            Generalize(list, IteratedItem(operation, right), operation.Span);
            return list;
        }
        if (left is SomeList repeated && right is SomeInt && operation.Code == OpCode.InplaceMul)
            return repeated;
        return Binary(operation, left, right);
    }

    private static Annotation Unary(Operation operation, Annotation operand) => operand switch
    {
        SomeImpossible => operand,
        SomeInt => SomeInt.Instance.WithOrigin(operation.Span),
        SomeFloat when operation.Code != OpCode.Invert => SomeFloat.Instance.WithOrigin(operation.Span),
        _ => Unsupported(operation, $"bad operand type for unary {Symbol(operation.Code)}: {operand.UserName}", operand),
    };

    private static Annotation Ordered(Operation operation, Annotation left, Annotation right)
    {
        bool comparable = (left, right) switch
        {
            (SomeImpossible, _) or (_, SomeImpossible) => true,
            (SomeInt or SomeFloat, SomeInt or SomeFloat) => true,
            (SomeStr or SomeChar, SomeStr or SomeChar) => true,
            (SomeTuple, SomeTuple) or (SomeList, SomeList) => true,
            _ => false,
        };
        return comparable ? Bool(operation.Span)
            : Unsupported(operation, $"'{Symbol(operation.Code)}' not supported between {left.UserName} and {right.UserName}", left, right);
    }

    private Annotation ContainsItem(Operation operation, Annotation container, Annotation item)
    {
        switch (container)
        {
            case SomeStr or SomeChar when item is SomeStr or SomeChar:
            case SomeTuple:
            case SomeImpossible:
                return Bool(operation.Span);
            case SomeList list:
                ReadItems(list.Def);
                return Bool(operation.Span);
            case SomeDict dict:
                ReadItems(dict.Def);
                return Bool(operation.Span);
        }
        return Unsupported(operation, $"'in' of {item.UserName} in {container.UserName}", container, item);
    }

    private Annotation GetItem(Operation operation, Annotation container, Annotation index)
    {
        switch (container)
        {
            case SomeImpossible:
                return container;
            case (SomeStr or SomeChar) when index is SomeSlice:
            case SomeStr or SomeChar when index is SomeInt:
                return (index is SomeSlice ? (Annotation)SomeStr.Instance : SomeChar.Instance).WithOrigin(operation.Span);
            case SomeList list when index is SomeSlice:
                ReadItems(list.Def);
                return NewList(list.Def.Item, operation.Span);
            case SomeList list when index is SomeInt:
                ReadItems(list.Def);
                return list.Def.Item;
            case SomeDict dict:
                ReadItems(dict.Def);
                Generalize(dict, index, SomeImpossible.Instance, operation.Span);
                return dict.Def.Value;
            case SomeTuple tuple when index is SomeInt:
                if (operation.Args[1] is Constant { Kind: ConstantKind.Int } position)
                {
                    long at = (long)position.Value!;
                    if (at < 0)
                        at += tuple.Items.Length;
                    if (at < 0 || at >= tuple.Items.Length)
                        return Unsupported(operation, $"tuple index {position} out of range for {tuple.UserName}", tuple);
                    return tuple.Items[(int)at];
                }
                return tuple.Items.Aggregate((left, right) => Join(left, right, operation.Span, "item of a tuple indexed by a variable"))!;
        }
        return Unsupported(operation, $"{container.UserName} cannot be indexed by {index.UserName}", container, index);
    }

    private Annotation SetItem(Operation operation, Annotation container, Annotation index, Annotation value)
    {
        switch (container)
        {
            case SomeImpossible:
                return SomeNone.Instance;
            case SomeList list when index is SomeInt:
                Generalize(list, value, operation.Span);
                return SomeNone.Instance;
            case SomeDict dict:
                Generalize(dict, index, value, operation.Span);
                return SomeNone.Instance;
        }
        return Unsupported(operation, $"{container.UserName} does not support item assignment with {index.UserName}", container, index);
    }

    private Annotation DelItem(Operation operation, Annotation container, Annotation index) => container switch
    {
        SomeImpossible => SomeNone.Instance,
        SomeList when index is SomeInt or SomeSlice => SomeNone.Instance,
        SomeDict => SomeNone.Instance,
        _ => Unsupported(operation, $"{container.UserName} does not support item deletion", container),
    };

    private Annotation Sliced(Operation operation, Annotation container)
    {
        switch (container)
        {
            case SomeImpossible:
                return container;
            case SomeStr or SomeChar:
                return SomeStr.Instance.WithOrigin(operation.Span);
            case SomeList list:
                ReadItems(list.Def);
                return NewList(list.Def.Item, operation.Span);
        }
        return Unsupported(operation, $"{container.UserName} cannot be sliced", container);
    }

    private Annotation Unpack(Operation operation, Annotation sequence, int count)
    {
        switch (sequence)
        {
            case SomeImpossible:
                return sequence;
            case SomeTuple tuple when tuple.Items.Length == count:
                return tuple;
            case SomeTuple tuple:
                return Unsupported(operation, $"cannot unpack {tuple.UserName} into {count} values", tuple);
            case SomeList or SomeStr or SomeChar:
                var item = IteratedItem(operation, sequence);
                return new SomeTuple([.. Enumerable.Repeat(item, count)]) { Origin = operation.Span };
        }
        return Unsupported(operation, $"cannot unpack {sequence.UserName}", sequence);
    }

    private Annotation Iterate(Operation operation, Annotation iterable) => iterable switch
    {
        SomeImpossible => iterable,
        SomeList or SomeDict or SomeStr or SomeChar or SomeTuple => new SomeIterator(iterable) { Origin = operation.Span },
        _ => Unsupported(operation, $"{iterable.UserName} is not iterable", iterable),
    };

    /// <summary>The item a for-loop over <paramref name="iterable"/> gets, registering the read.</summary>
    private Annotation IteratedItem(Operation operation, Annotation iterable)
    {
        if (iterable is SomeImpossible)
            return iterable;
        var call = BuiltinCallOf(operation, "iter", null, [], []);
        return call.ItemOf(iterable) ?? Unsupported(operation, $"{iterable.UserName} is not iterable", iterable);
    }

    private BuiltinCall BuiltinCallOf(Operation operation, string name, Annotation? receiver, ImmutableArray<Annotation> args, ImmutableArray<string> keywords) =>
        new(name, receiver, args, keywords, operation.Span, this);

    // ---- narrowing (knowntypedata) ----

    private void NarrowIsInstance(Operation operation, Dictionary<Variable, Narrowing> narrowings)
    {
        if (operation.Args[0] is not Variable target || operation.Args[1] is not Constant cls)
            return;
        var current = _bindings.GetValueOrDefault(target);
        Annotation? narrowed = Bookkeeper.ClassDefOf(cls) is { } classDef
            ? new SomeInstance(classDef) { Origin = operation.Span }
            : cls.Value is Descriptions.BuiltinDesc { Kind: Descriptions.BuiltinKind.Type } type ? type.Name switch
            {
                "int" => SomeInt.Instance,
                "float" => SomeFloat.Instance,
                "str" => SomeStr.Instance,
                "bool" => SomeBool.Instance,
                _ => null,
            } : null;
        if (narrowed is null || current is null || !Lattice.Contains(current, narrowed) && current is not SomeInstance)
            return;
        if (current is SomeInstance instance && narrowed is SomeInstance wanted && !wanted.Class.IsSubclassOf(instance.Class))
            return;
        narrowings[operation.Result] = new Narrowing(target, narrowed, null);
    }

    private void NarrowNoneTest(Operation operation, Dictionary<Variable, Narrowing> narrowings)
    {
        if (operation.Args[0] is not Variable target || operation.Args[1] is not Constant { Kind: ConstantKind.None })
            return;
        if (_bindings.GetValueOrDefault(target) is not { CanBeNone: true } current || NonNull(current) is not { } nonNull)
            return;
        var narrowing = new Narrowing(target, null, nonNull);
        narrowings[operation.Result] = operation.Code == OpCode.IsNot ? narrowing.Negated : narrowing;
    }

    private void NarrowTruth(Operation operation, Variable tested, Dictionary<Variable, Narrowing> narrowings)
    {
        if (narrowings.TryGetValue(tested, out var inner))
            narrowings[operation.Result] = inner;
        else if (_bindings.GetValueOrDefault(tested) is { CanBeNone: true } current && NonNull(current) is { } nonNull)
            narrowings[operation.Result] = new Narrowing(tested, nonNull, null);
    }

    private static Annotation? NonNull(Annotation annotation) => annotation switch
    {
        SomeStr str => str with { Nullable = false },
        SomeList list => list with { Nullable = false },
        SomeDict dict => dict with { Nullable = false },
        SomeInstance instance => instance with { Nullable = false },
        SomePbc pbc => pbc with { Nullable = false },
        _ => null,
    };
}
