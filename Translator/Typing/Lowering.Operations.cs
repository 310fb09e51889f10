// Lowering of the flow graphs' high-level operations other than calls: arithmetic and comparisons by
// the representations of their operands, truth, attributes, items and slices, containers, iteration.
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Typing;

public sealed partial class Lowering
{
    /// <summary>Slices made by newslice, kept as their bounds until a getitem uses them.</summary>
    private readonly Dictionary<Variable, (TypedValue Start, TypedValue Stop, TypedValue Step)> _slices = [];

    /// <summary>Results of range(...) calls, kept as their bounds so a for-loop iterates without a list.</summary>
    private readonly Dictionary<Variable, (TypedValue Start, TypedValue Stop, TypedValue Step)> _ranges = [];

    private static readonly TypedConstant Omitted = new(long.MinValue, LowLevelType.Signed);

    private void LowerOperation(Operation operation)
    {
        // An unannotated result means the operation never completes normally (e.g. a call that always
        // raises); only pure operations may then be dropped.
        if (_program.Of(operation.Result) is null && operation.Info.Pure && operation.Code != OpCode.SetAttr)
            return;
        var span = operation.Span;
        var result = TypeOf(operation.Result);
        TypedValue Arg(int i) => ValueOf(operation.Args[i]);
        TypedValue? value = operation.Code switch
        {
            OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.TrueDiv or OpCode.FloorDiv or OpCode.Mod or OpCode.Pow
                or OpCode.LShift or OpCode.RShift or OpCode.And or OpCode.Or or OpCode.Xor or OpCode.InplaceAdd or OpCode.InplaceMul
                => Binary(operation.Code, Arg(0), Arg(1), result, span, _overflowChecked.Contains(operation.Result)),
            OpCode.Neg => Arg(0).Type.Kind == TypeKind.Float
                ? Emit(LowOpCode.FloatNeg, LowLevelType.Float, span, Arg(0))
                : Emit(LowOpCode.IntNeg, WordType(result), span, Convert(Arg(0), WordType(result), span)),
            OpCode.Pos => Arg(0),
            OpCode.Invert => Emit(LowOpCode.IntInvert, WordType(result), span, Convert(Arg(0), WordType(result), span)),
            OpCode.IsTrue => Truth(Arg(0), span),
            OpCode.Not => Emit(LowOpCode.BoolNot, LowLevelType.Bool, span, Truth(Arg(0), span)),
            OpCode.Lt or OpCode.Le or OpCode.Eq or OpCode.Ne or OpCode.Gt or OpCode.Ge => Compare(operation.Code, Arg(0), Arg(1), span),
            OpCode.Is or OpCode.IsNot => Identity(operation.Code == OpCode.Is, Arg(0), Arg(1), span),
            OpCode.Contains => Contains(Arg(0), Arg(1), span),
            OpCode.IsInstance => IsInstance(Arg(0), (Constant)operation.Args[1], span),
            OpCode.GetAttr => ReadAttribute(operation, Arg(0), result, span),
            OpCode.SetAttr => SetAttribute(Arg(0), (string)((Constant)operation.Args[1]).Value!, Arg(2), span),
            OpCode.GetItem => GetItem(operation, Arg(0), result, span),
            OpCode.SetItem => SetItem(Arg(0), Arg(1), Arg(2), span),
            OpCode.DelItem => operation.Args[1] is Variable index && _slices.TryGetValue(index, out var slice)
                ? DeleteSlice(Arg(0), slice.Start, slice.Stop, slice.Step, span) // del a[i:j:k]
                : DelItem(Arg(0), Arg(1), span),
            OpCode.GetSlice => Slice(Arg(0), BoundOf(Arg(1)), BoundOf(Arg(2)), new TypedConstant(1L, LowLevelType.Signed), result, span),
            OpCode.NewSlice => RecordSlice(operation, Arg(0), Arg(1), Arg(2)),
            OpCode.DelSlice => DeleteSlice(Arg(0), BoundOf(Arg(1)), BoundOf(Arg(2)), new TypedConstant(1L, LowLevelType.Signed), span),
            OpCode.NewList => Emit(LowOpCode.NewList, result, span,
                [.. operation.Args.Select(a => Convert(ValueOf(a), ((ListType)result).Item, span))]),
            OpCode.NewDict => Emit(LowOpCode.NewDict, result, span,
                [.. operation.Args.Select((a, i) => Convert(ValueOf(a), i % 2 == 0 ? ((DictType)result).Key : ((DictType)result).Value, span))]),
            OpCode.NewTuple => Emit(LowOpCode.NewTuple, result, span,
                [.. operation.Args.Select((a, i) => Convert(ValueOf(a), ((TupleType)result).Items[i], span))]),
            OpCode.Unpack => Unpack(Arg(0), (TupleType)result, span),
            OpCode.Iter => Iterate(operation, Arg(0), result, span),
            OpCode.Next => Emit(LowOpCode.IterNext, result, span, Arg(0)),
            OpCode.Len => Length(Arg(0), span),
            OpCode.Format => Emit(LowOpCode.FormatValue, LowLevelType.Str, span, Arg(0), Convert(Arg(1), LowLevelType.Str, span)),
            OpCode.BuildStr => Concatenate(operation.Args.Select(ValueOf), span),
            OpCode.SimpleCall => LowerCall(operation, [], span),
            OpCode.CallArgs => LowerCall(operation, ((System.Collections.Immutable.ImmutableArray<Constant>)((Constant)operation.Args[1]).Value!)
                .Select(name => (string)name.Value!).ToList(), span),
            OpCode.CallMethod => LowerMethodCall(operation, span),
            _ => Unsupported<TypedValue>(span, $"the operation {operation.Code.Name()}"),
        };
        if (value is not null)
            _values[operation.Result] = result.Kind is TypeKind.Void || value.Type.Kind == TypeKind.Void ? value : Convert(value, result, span);
            NoteNeverNone(operation.Result);
    }

    private static T Unsupported<T>(SourceSpan span, string what)
    {
        Unsupported(span, what);
        return default!;
    }

    private TypedValue Binary(OpCode code, TypedValue left, TypedValue right, LowLevelType result, SourceSpan span, bool overflowChecked = false)
    {
        switch (result.Kind)
        {
            case TypeKind.Float:
            {
                var op = code switch
                {
                    OpCode.Add or OpCode.InplaceAdd => LowOpCode.FloatAdd, OpCode.Sub => LowOpCode.FloatSub,
                    OpCode.Mul or OpCode.InplaceMul => LowOpCode.FloatMul, OpCode.TrueDiv => LowOpCode.FloatTrueDiv,
                    OpCode.FloorDiv => LowOpCode.FloatFloorDiv, OpCode.Mod => LowOpCode.FloatMod, OpCode.Pow => LowOpCode.FloatPow,
                    _ => Unsupported<LowOpCode>(span, $"'{code.Name()}' on floats"),
                };
                return Emit(op, LowLevelType.Float, span, Convert(left, LowLevelType.Float, span), Convert(right, LowLevelType.Float, span));
            }
            case TypeKind.Signed or TypeKind.Bool or TypeKind.Unsigned:
            {
                var op = code switch
                {
                    OpCode.Add or OpCode.InplaceAdd => LowOpCode.IntAdd, OpCode.Sub => LowOpCode.IntSub,
                    OpCode.Mul or OpCode.InplaceMul => LowOpCode.IntMul, OpCode.FloorDiv => LowOpCode.IntFloorDiv,
                    OpCode.Mod => LowOpCode.IntMod, OpCode.Pow => LowOpCode.IntPow, OpCode.LShift => LowOpCode.IntLShift,
                    OpCode.RShift => LowOpCode.IntRShift, OpCode.And => LowOpCode.IntAnd, OpCode.Or => LowOpCode.IntOr,
                    OpCode.Xor => LowOpCode.IntXor,
                    _ => Unsupported<LowOpCode>(span, $"'{code.Name()}' on ints"),
                };
                if (result.Kind == TypeKind.Unsigned)
                {
                    // r_uint: the same word operations except division, modulo and right shift; a shift count is an int
                    op = op switch
                    {
                        LowOpCode.IntFloorDiv => LowOpCode.UintFloorDiv, LowOpCode.IntMod => LowOpCode.UintMod,
                        LowOpCode.IntRShift => LowOpCode.UintRShift, _ => op,
                    };
                    var count = code is OpCode.LShift or OpCode.RShift ? LowLevelType.Signed : LowLevelType.Unsigned;
                    return Emit(op, LowLevelType.Unsigned, span, Convert(left, LowLevelType.Unsigned, span), Convert(right, count, span));
                }
                if (overflowChecked)
                {
                    op = op switch
                    {
                        LowOpCode.IntAdd => LowOpCode.IntAddOvf, LowOpCode.IntSub => LowOpCode.IntSubOvf,
                        LowOpCode.IntMul => LowOpCode.IntMulOvf, _ => op,
                    };
                }
                var value = Emit(op, LowLevelType.Signed, span, Convert(left, LowLevelType.Signed, span), Convert(right, LowLevelType.Signed, span));
                return result.Kind == TypeKind.Bool ? Emit(LowOpCode.IntIsTrue, LowLevelType.Bool, span, value) : value;
            }
            case TypeKind.Str when code is OpCode.Add or OpCode.InplaceAdd:
                return Emit(LowOpCode.StrConcat, LowLevelType.Str, span, Convert(left, LowLevelType.Str, span), Convert(right, LowLevelType.Str, span));
            case TypeKind.Str when code is OpCode.Mul or OpCode.InplaceMul:
                return left.Type.Kind is TypeKind.Str or TypeKind.Char
                    ? Emit(LowOpCode.StrMul, LowLevelType.Str, span, Convert(left, LowLevelType.Str, span), Convert(right, LowLevelType.Signed, span))
                    : Emit(LowOpCode.StrMul, LowLevelType.Str, span, Convert(right, LowLevelType.Str, span), Convert(left, LowLevelType.Signed, span));
            case TypeKind.Str when code is OpCode.Mod:
            {
                var args = right.Type.Kind == TypeKind.Tuple ? right : Emit(LowOpCode.NewTuple, new TupleType([right.Type]), span, right);
                return Emit(LowOpCode.FormatPercent, LowLevelType.Str, span, Convert(left, LowLevelType.Str, span), args);
            }
            case TypeKind.List when code is OpCode.Add:
                return Emit(LowOpCode.ListConcat, result, span, left, right);
            case TypeKind.List when code is OpCode.InplaceAdd:
                Emit(LowOpCode.ListExtend, LowLevelType.Void, span, left, right);
                return left;
            case TypeKind.List when code is OpCode.Mul or OpCode.InplaceMul:
                return left.Type.Kind == TypeKind.List
                    ? Emit(LowOpCode.ListMul, result, span, left, Convert(right, LowLevelType.Signed, span))
                    : Emit(LowOpCode.ListMul, result, span, right, Convert(left, LowLevelType.Signed, span));
            case TypeKind.Tuple when code is OpCode.Add:
            {
                var items = TupleItems(left, span).Concat(TupleItems(right, span)).ToList();
                var tuple = (TupleType)result;
                return Emit(LowOpCode.NewTuple, result, span, [.. items.Select((item, i) => Convert(item, tuple.Items[i], span))]);
            }
        }
        return Unsupported<TypedValue>(span, $"'{code.Name()}' giving {result}");
    }

    /// <summary>The word type of an int operation's result: Unsigned for r_uint, else Signed.</summary>
    private static LowLevelType WordType(LowLevelType result) => result.Kind == TypeKind.Unsigned ? LowLevelType.Unsigned : LowLevelType.Signed;

    private IEnumerable<TypedValue> TupleItems(TypedValue tuple, SourceSpan span)
    {
        var type = (TupleType)tuple.Type;
        for (int i = 0; i < type.Items.Length; i++)
            yield return Emit(LowOpCode.TupleGetItem, type.Items[i], span, i, tuple);
    }

    private TypedValue Compare(OpCode code, TypedValue left, TypedValue right, SourceSpan span)
    {
        var (l, r) = (left.Type.Kind, right.Type.Kind);
        bool numeric(TypeKind k) => k is TypeKind.Signed or TypeKind.Unsigned or TypeKind.Bool or TypeKind.Float;
        if (numeric(l) && numeric(r) && (l == TypeKind.Unsigned || r == TypeKind.Unsigned) && l != TypeKind.Float && r != TypeKind.Float)
        {
            var (a, b) = (Convert(left, LowLevelType.Unsigned, span), Convert(right, LowLevelType.Unsigned, span));
            var op = code switch
            {
                OpCode.Lt => LowOpCode.UintLt, OpCode.Le => LowOpCode.UintLe, OpCode.Eq => LowOpCode.IntEq,
                OpCode.Ne => LowOpCode.IntNe, OpCode.Gt => LowOpCode.UintGt, _ => LowOpCode.UintGe,
            };
            return Emit(op, LowLevelType.Bool, span, a, b);
        }
        if (numeric(l) && numeric(r))
        {
            bool floats = l == TypeKind.Float || r == TypeKind.Float;
            var type = floats ? LowLevelType.Float : LowLevelType.Signed;
            var op = (code, floats) switch
            {
                (OpCode.Lt, false) => LowOpCode.IntLt, (OpCode.Le, false) => LowOpCode.IntLe, (OpCode.Eq, false) => LowOpCode.IntEq,
                (OpCode.Ne, false) => LowOpCode.IntNe, (OpCode.Gt, false) => LowOpCode.IntGt, (OpCode.Ge, false) => LowOpCode.IntGe,
                (OpCode.Lt, true) => LowOpCode.FloatLt, (OpCode.Le, true) => LowOpCode.FloatLe, (OpCode.Eq, true) => LowOpCode.FloatEq,
                (OpCode.Ne, true) => LowOpCode.FloatNe, (OpCode.Gt, true) => LowOpCode.FloatGt, _ => LowOpCode.FloatGe,
            };
            return Emit(op, LowLevelType.Bool, span, Convert(left, type, span), Convert(right, type, span));
        }
        if (l == TypeKind.Char && r == TypeKind.Char && code is not (OpCode.Le or OpCode.Ge))
        {
            return code switch
            {
                OpCode.Eq => Emit(LowOpCode.CharEq, LowLevelType.Bool, span, left, right),
                OpCode.Ne => Emit(LowOpCode.BoolNot, LowLevelType.Bool, span, Emit(LowOpCode.CharEq, LowLevelType.Bool, span, left, right)),
                OpCode.Lt => Emit(LowOpCode.CharLt, LowLevelType.Bool, span, left, right),
                _ => Emit(LowOpCode.CharLt, LowLevelType.Bool, span, right, left),
            };
        }
        if (l is TypeKind.Str or TypeKind.Char && r is TypeKind.Str or TypeKind.Char or TypeKind.NoneType)
        {
            var a = Convert(left, LowLevelType.Str, span);
            var b = Convert(right, LowLevelType.Str, span);
            return code switch
            {
                OpCode.Eq => Emit(LowOpCode.StrEq, LowLevelType.Bool, span, a, b),
                OpCode.Ne => Emit(LowOpCode.BoolNot, LowLevelType.Bool, span, Emit(LowOpCode.StrEq, LowLevelType.Bool, span, a, b)),
                OpCode.Lt => Emit(LowOpCode.StrLt, LowLevelType.Bool, span, a, b),
                OpCode.Le => Emit(LowOpCode.StrLe, LowLevelType.Bool, span, a, b),
                OpCode.Gt => Emit(LowOpCode.StrLt, LowLevelType.Bool, span, b, a),
                _ => Emit(LowOpCode.StrLe, LowLevelType.Bool, span, b, a),
            };
        }
        if (code is OpCode.Eq or OpCode.Ne)
        {
            var equal = left.Type.IsReference && right.Type.IsReference && l != TypeKind.List && l != TypeKind.Dict
                ? Emit(LowOpCode.PtrEq, LowLevelType.Bool, span, left, right)
                : Emit(LowOpCode.ValueEq, LowLevelType.Bool, span, left, right);
            return code == OpCode.Eq ? equal : Emit(LowOpCode.BoolNot, LowLevelType.Bool, span, equal);
        }
        if (l == r && l is TypeKind.Tuple or TypeKind.List)
        {
            return code switch
            {
                OpCode.Lt => Emit(LowOpCode.ValueLt, LowLevelType.Bool, span, left, right),
                OpCode.Le => Emit(LowOpCode.ValueLe, LowLevelType.Bool, span, left, right),
                OpCode.Gt => Emit(LowOpCode.ValueLt, LowLevelType.Bool, span, right, left),
                _ => Emit(LowOpCode.ValueLe, LowLevelType.Bool, span, right, left),
            };
        }
        return Unsupported<TypedValue>(span, $"ordering {left.Type} and {right.Type}");
    }

    private TypedValue Identity(bool isSame, TypedValue left, TypedValue right, SourceSpan span)
    {
        if (right.Type.Kind == TypeKind.NoneType || left.Type.Kind == TypeKind.NoneType)
        {
            var tested = right.Type.Kind == TypeKind.NoneType ? left : right;
            if (tested.Type.Kind == TypeKind.NoneType)
                return new TypedConstant(isSame, LowLevelType.Bool);
            if (!tested.Type.IsReference)
                return new TypedConstant(!isSame, LowLevelType.Bool);
            return Emit(isSame ? LowOpCode.PtrIsNull : LowOpCode.PtrNonNull, LowLevelType.Bool, span, tested);
        }
        if (!left.Type.IsReference)
            return Compare(isSame ? OpCode.Eq : OpCode.Ne, left, right, span);
        return Emit(isSame ? LowOpCode.PtrEq : LowOpCode.PtrNe, LowLevelType.Bool, span, left, right);
    }

    /// <summary>item in (a, b, ...): item == a or item == b ..., every comparison made (they have no effects).</summary>
    private TypedValue TupleContains(TupleType tuple, TypedValue container, TypedValue item, SourceSpan span)
    {
        TypedValue? any = null;
        for (int i = 0; i < tuple.Items.Length; i++)
        {
            var element = Emit(LowOpCode.TupleGetItem, tuple.Items[i], span, i, container);
            var equal = Emit(LowOpCode.CastBoolToInt, LowLevelType.Signed, span, Truth(Compare(OpCode.Eq, item, element, span), span));
            any = any is null ? equal : Emit(LowOpCode.IntOr, LowLevelType.Signed, span, any, equal);
        }
        return any is null ? new TypedConstant(false, LowLevelType.Bool) : Emit(LowOpCode.IntIsTrue, LowLevelType.Bool, span, any);
    }

    private TypedValue Contains(TypedValue container, TypedValue item, SourceSpan span) => container.Type switch
    {
        ListType list => Emit(LowOpCode.ListContains, LowLevelType.Bool, span, container, Convert(item, list.Item, span)),
        DictType dict => Emit(LowOpCode.DictContains, LowLevelType.Bool, span, container, Convert(item, dict.Key, span)),
        { Kind: TypeKind.Str or TypeKind.Char } => Emit(LowOpCode.StrContains, LowLevelType.Bool, span,
            Convert(container, LowLevelType.Str, span), Convert(item, LowLevelType.Str, span)),
        TupleType tuple => TupleContains(tuple, container, item, span),
        _ => Unsupported<TypedValue>(span, $"'in' on {container.Type}"),
    };

    private TypedValue Length(TypedValue value, SourceSpan span) => value.Type.Kind switch
    {
        TypeKind.Str => Emit(LowOpCode.StrLen, LowLevelType.Signed, span, value),
        TypeKind.Char => new TypedConstant(1L, LowLevelType.Signed),
        TypeKind.List => Emit(LowOpCode.ListLen, LowLevelType.Signed, span, value),
        TypeKind.Dict => Emit(LowOpCode.DictLen, LowLevelType.Signed, span, value),
        TypeKind.Tuple => new TypedConstant((long)((TupleType)value.Type).Items.Length, LowLevelType.Signed),
        _ => Unsupported<TypedValue>(span, $"len() of {value.Type}"),
    };

    private TypedValue Concatenate(IEnumerable<TypedValue> parts, SourceSpan span)
    {
        TypedValue text = new TypedConstant("", LowLevelType.Str);
        foreach (var part in parts)
        {
            // A str that may be None (a nullable str) has the text 'None': strs the annotator proved never None,
            // constants and chars skip to_str.
            var piece = part is TypedConstant { Value: string } || part.Type.Kind == TypeKind.Char || part is TypedVariable v && _neverNone.Contains(v)
                ? Convert(part, LowLevelType.Str, span)
                : Emit(LowOpCode.ToStr, LowLevelType.Str, span, part);
            text = text is TypedConstant { Value: "" } ? piece : Emit(LowOpCode.StrConcat, LowLevelType.Str, span, text, piece);
        }
        return text;
    }

    /// <summary>Results of reading a method of a JitDriver (jit_merge_point, can_enter_jit): calling them does nothing here.</summary>
    private readonly HashSet<Variable> _jitHints = [];

    private TypedValue? GetAttribute(TypedValue target, string name, LowLevelType result, SourceSpan span)
    {
        if (target.Type.Kind == TypeKind.Void)
            return new TypedConstant(null, LowLevelType.Void);
        if (target.Type is InstanceType instance && instance.Class.FindField(name) is { } field)
            return Emit(LowOpCode.GetField, field.Type, span, field, target);
        if (target.Type is InstanceType owner && ClassAttribute(owner.Class, name) is not null)
            return ReadClassAttribute(owner, target, name, result, span);
        if (target.Type is InstanceType receiver && BindMethod(receiver, target, name, result, span) is { } bound)
            return bound;
        return Unsupported<TypedValue>(span, $"reading attribute '{name}' of {target.Type}");
    }

    private TypedValue? ReadAttribute(Operation operation, TypedValue target, LowLevelType result, SourceSpan span)
    {
        if (_program.Of(operation.Args[0] as Variable ?? operation.Result) is SomeJitDriver
            || operation.Args[0] is Constant { Kind: Flow.ConstantKind.BuiltinInstance })
            _jitHints.Add(operation.Result);
        return GetAttribute(target, (string)((Constant)operation.Args[1]).Value!, result, span);
    }

    private TypedValue? SetAttribute(TypedValue target, string name, TypedValue value, SourceSpan span)
    {
        if (target.Type is not InstanceType instance || instance.Class.FindField(name) is not { } field)
            return Unsupported<TypedValue>(span, $"writing attribute '{name}' of {target.Type}");
        Emit(LowOpCode.SetField, LowLevelType.Void, span, field, target, Convert(value, field.Type, span));
        return null;
    }

    private TypedValue GetItem(Operation operation, TypedValue container, LowLevelType result, SourceSpan span)
    {
        if (operation.Args[1] is Variable index && _slices.TryGetValue(index, out var slice))
            return Slice(container, slice.Start, slice.Stop, slice.Step, result, span);
        var key = ValueOf(operation.Args[1]);
        return container.Type switch
        {
            ListType list => Emit(LowOpCode.ListGetItem, list.Item, span, container, Convert(key, LowLevelType.Signed, span)),
            DictType dict => Emit(LowOpCode.DictGetItem, dict.Value, span, container, Convert(key, dict.Key, span)),
            { Kind: TypeKind.Str } => Emit(LowOpCode.StrGetItem, LowLevelType.Char, span, container, Convert(key, LowLevelType.Signed, span)),
            TupleType tuple when key is TypedConstant { Value: long at } =>
                Emit(LowOpCode.TupleGetItem, tuple.Items[(int)(at < 0 ? at + tuple.Items.Length : at)], span, (int)(at < 0 ? at + tuple.Items.Length : at), container),
            _ => Unsupported<TypedValue>(span, $"indexing {container.Type} with {key.Type}"),
        };
    }

    private TypedValue? SetItem(TypedValue container, TypedValue key, TypedValue value, SourceSpan span)
    {
        switch (container.Type)
        {
            case ListType list:
                Emit(LowOpCode.ListSetItem, LowLevelType.Void, span, container, Convert(key, LowLevelType.Signed, span), Convert(value, list.Item, span));
                return null;
            case DictType dict:
                Emit(LowOpCode.DictSetItem, LowLevelType.Void, span, container, Convert(key, dict.Key, span), Convert(value, dict.Value, span));
                return null;
        }
        return Unsupported<TypedValue>(span, $"item assignment on {container.Type}");
    }

    private TypedValue? DelItem(TypedValue container, TypedValue key, SourceSpan span)
    {
        switch (container.Type)
        {
            case ListType:
                Emit(LowOpCode.ListDelItem, LowLevelType.Void, span, container, Convert(key, LowLevelType.Signed, span));
                return null;
            case DictType dict:
                Emit(LowOpCode.DictDelItem, LowLevelType.Void, span, container, Convert(key, dict.Key, span));
                return null;
        }
        return Unsupported<TypedValue>(span, $"del on {container.Type}");
    }

    /// <summary>isinstance(x, C) or isinstance(x, (C1, C2, ...)).</summary>
    private TypedValue IsInstance(TypedValue value, Constant classes, SourceSpan span)
    {
        if (classes.Kind != Flow.ConstantKind.Tuple)
            return InstanceOf(value, classes, span);
        TypedValue any = new TypedConstant(0L, LowLevelType.Signed);
        foreach (var cls in (System.Collections.Immutable.ImmutableArray<Constant>)classes.Value!)
        {
            var test = Emit(LowOpCode.CastBoolToInt, LowLevelType.Signed, span, Truth(InstanceOf(value, cls, span), span));
            any = Emit(LowOpCode.IntOr, LowLevelType.Signed, span, any, test);
        }
        return Emit(LowOpCode.IntIsTrue, LowLevelType.Bool, span, any);
    }

    /// <summary>
    /// isinstance(x, C) for one class: a class of the program tests the instance's class; a builtin type is decided by
    /// x's representation, which the annotator fixed (a str, list or dict may still be None, which is no instance).
    /// </summary>
    private TypedValue InstanceOf(TypedValue value, Constant cls, SourceSpan span)
    {
        if (cls.Value is not Descriptions.BuiltinDesc { Kind: Descriptions.BuiltinKind.Type } type)
            return Emit(LowOpCode.InstanceOf, LowLevelType.Bool, span, ClassOfConstant(cls), value);
        var kind = value.Type.Kind;
        bool? holds = type.Name switch
        {
            // bool is a subclass of int, as in Python
            "int" => kind is TypeKind.Signed or TypeKind.Unsigned or TypeKind.Bool,
            "bool" => kind == TypeKind.Bool,
            "float" => kind == TypeKind.Float,
            "str" => kind is TypeKind.Str or TypeKind.Char,
            "list" => kind == TypeKind.List,
            "dict" => kind == TypeKind.Dict,
            "tuple" => kind == TypeKind.Tuple,
            _ => null,
        };
        if (holds is not { } known)
            return Unsupported<TypedValue>(span, $"isinstance() with the builtin type {type.Name}");
        return known ? Identity(false, value, NoneValue, span) : new TypedConstant(false, LowLevelType.Bool);
    }

    private TypedValue? DeleteSlice(TypedValue container, TypedValue start, TypedValue stop, TypedValue step, SourceSpan span)
    {
        if (container.Type.Kind != TypeKind.List)
            return Unsupported<TypedValue>(span, $"del of a slice of {container.Type}");
        Emit(LowOpCode.ListDelSlice, LowLevelType.Void, span, container, Convert(start, LowLevelType.Signed, span),
            Convert(stop, LowLevelType.Signed, span), Convert(step, LowLevelType.Signed, span));
        return null;
    }

    private TypedValue BoundOf(TypedValue bound) => bound.Type.Kind == TypeKind.NoneType ? Omitted : bound;

    private TypedValue? RecordSlice(Operation operation, TypedValue start, TypedValue stop, TypedValue step)
    {
        _slices[operation.Result] = (BoundOf(start), BoundOf(stop), step.Type.Kind == TypeKind.NoneType ? new TypedConstant(1L, LowLevelType.Signed) : step);
        return null;
    }

    private TypedValue Slice(TypedValue container, TypedValue start, TypedValue stop, TypedValue step, LowLevelType result, SourceSpan span)
    {
        var (a, b, c) = (Convert(start, LowLevelType.Signed, span), Convert(stop, LowLevelType.Signed, span), Convert(step, LowLevelType.Signed, span));
        return container.Type.Kind switch
        {
            TypeKind.Str or TypeKind.Char => Emit(LowOpCode.StrSlice, LowLevelType.Str, span, Convert(container, LowLevelType.Str, span), a, b, c),
            TypeKind.List => Emit(LowOpCode.ListSlice, container.Type, span, container, a, b, c),
            _ => Unsupported<TypedValue>(span, $"slicing {container.Type}"),
        };
    }

    private TypedValue Unpack(TypedValue sequence, TupleType result, SourceSpan span)
    {
        if (sequence.Type is TupleType)
            return sequence;
        if (sequence.Type is ListType list)
        {
            var items = result.Items.Select((type, i) => Convert(
                Emit(LowOpCode.ListGetItem, list.Item, span, sequence, new TypedConstant((long)i, LowLevelType.Signed)), type, span)).ToList();
            return Emit(LowOpCode.NewTuple, result, span, [.. items]);
        }
        return Unsupported<TypedValue>(span, $"unpacking {sequence.Type}");
    }

    private TypedValue Iterate(Operation operation, TypedValue iterable, LowLevelType result, SourceSpan span)
    {
        if (operation.Args[0] is Variable source && _ranges.TryGetValue(source, out var range))
            return Emit(LowOpCode.RangeIter, new IteratorType(LowLevelType.Signed), span, range.Start, range.Stop, range.Step);
        var item = iterable.Type switch
        {
            ListType list => list.Item,
            DictType dict => dict.Key,
            { Kind: TypeKind.Str } => LowLevelType.Char,
            TupleType tuple when tuple.Items.Distinct().Count() == 1 => tuple.Items[0],
            _ => Unsupported<LowLevelType>(span, $"iterating over {iterable.Type}"),
        };
        return Emit(LowOpCode.IterNew, new IteratorType(item), span, iterable);
    }
}
