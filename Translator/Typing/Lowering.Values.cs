// Lowering's helpers for values: emitting typed operations into the current block, converting a value
// to another representation (char -> str, bool -> int -> float, None -> any reference), re-typing
// constants, and truth tests for every representation.
using ClrPy.Frontend.Text;

namespace ClrPy.Translator.Typing;

public sealed partial class Lowering
{
    private TypedVariable Emit(LowOpCode code, LowLevelType result, SourceSpan? span, object? descriptor, params TypedValue[] args)
    {
        var variable = _graph.NewVariable(null, result);
        _block.Operations.Add(new TypedOperation(code, [.. args], variable, descriptor, span));
        return variable;
    }

    private TypedVariable Emit(LowOpCode code, LowLevelType result, SourceSpan? span, params TypedValue[] args) =>
        Emit(code, result, span, null, args);

    private TypedVariable AsVariable(TypedValue value) =>
        value as TypedVariable ?? Emit(LowOpCode.SameAs, value.Type, null, value);

    /// <summary>The value in the target representation, with converting code when needed.</summary>
    private TypedValue Convert(TypedValue value, LowLevelType target, SourceSpan? span)
    {
        if (value.Type == target || TypedGraphVerifier.Compatible(value.Type, target))
            return value;
        if (value is TypedConstant constant)
            return Retype(constant, target, span);
        switch (value.Type.Kind, target.Kind)
        {
            case (TypeKind.Char, TypeKind.Str):
                return Emit(LowOpCode.CastCharToStr, target, span, value);
            case (TypeKind.Bool, TypeKind.Signed):
                return Emit(LowOpCode.CastBoolToInt, target, span, value);
            case (TypeKind.Signed, TypeKind.Float):
                return Emit(LowOpCode.CastIntToFloat, target, span, value);
            case (TypeKind.Signed, TypeKind.Unsigned):
                return Emit(LowOpCode.CastIntToUint, target, span, value);
            case (TypeKind.Bool, TypeKind.Unsigned):
                return Emit(LowOpCode.CastIntToUint, target, span, Emit(LowOpCode.CastBoolToInt, LowLevelType.Signed, span, value));
            case (TypeKind.Unsigned, TypeKind.Signed):
                return Emit(LowOpCode.CastUintToInt, target, span, value);
            case (TypeKind.Unsigned, TypeKind.Float):
                return Emit(LowOpCode.CastUintToFloat, target, span, value);
            case (TypeKind.Bool, TypeKind.Float):
                return Emit(LowOpCode.CastIntToFloat, target, span, Emit(LowOpCode.CastBoolToInt, LowLevelType.Signed, span, value));
            case (TypeKind.NoneType, _) when target.IsReference:
                return new TypedConstant(null, target);
            case (TypeKind.NoneType, TypeKind.Signed or TypeKind.Unsigned or TypeKind.Float or TypeKind.Bool or TypeKind.Char):
                // None mixed with a number is an annotation error, so this is a value no run makes: the result of an
                // operation that never completes (min() of a list nothing is ever put in raises): any value will do
                return new TypedConstant(target.Kind switch
                {
                    TypeKind.Signed => 0L,
                    TypeKind.Unsigned => 0UL,
                    TypeKind.Float => 0.0,
                    TypeKind.Bool => false,
                    _ => (object)'\0',
                }, target);
            case (_, TypeKind.Void) or (_, TypeKind.NoneType):
                return new TypedConstant(null, target);
            case (TypeKind.Instance, TypeKind.Instance):
                // a base-class value known (by the annotator) to be of the target class
                return Emit(LowOpCode.SameAs, target, span, value);
        }
        throw new InvalidOperationException($"lowering cannot convert {value.Type} to {target} in {_flow.QualifiedName}");
    }

    /// <summary>A constant in another representation: 1 as 1.0, True as 1, 'a' as a Char, None as any reference.</summary>
    private static TypedConstant Retype(TypedConstant constant, LowLevelType target, SourceSpan? span)
    {
        if (constant.Type == target)
            return constant;
        object? value = (constant.Value, target.Kind) switch
        {
            (null, _) => null,
            (long l, TypeKind.Float) => (double)l,
            (bool b, TypeKind.Signed) => b ? 1L : 0L,
            (bool b, TypeKind.Unsigned) => b ? 1UL : 0UL,
            (long l, TypeKind.Unsigned) => unchecked((ulong)l),
            (ulong u, TypeKind.Signed) => unchecked((long)u),
            (ulong u, TypeKind.Float) => (double)u,
            (bool b, TypeKind.Float) => b ? 1.0 : 0.0,
            (string { Length: 1 } s, TypeKind.Char) => s[0],
            (char c, TypeKind.Str) => c.ToString(),
            _ => constant.Value,
        };
        return new TypedConstant(value, target);
    }

    /// <summary>The truth value of a value of any representation, as a Bool.</summary>
    private TypedValue Truth(TypedValue value, SourceSpan? span)
    {
        if (value is TypedConstant { Value: bool })
            return value;
        return value.Type.Kind switch
        {
            TypeKind.Bool => value,
            TypeKind.Signed or TypeKind.Unsigned => Emit(LowOpCode.IntIsTrue, LowLevelType.Bool, span, value),
            TypeKind.Float => Emit(LowOpCode.FloatIsTrue, LowLevelType.Bool, span, value),
            TypeKind.Char => new TypedConstant(true, LowLevelType.Bool),
            TypeKind.Str => Emit(LowOpCode.StrIsTrue, LowLevelType.Bool, span, value),
            TypeKind.List => Emit(LowOpCode.ListIsTrue, LowLevelType.Bool, span, value),
            TypeKind.Dict => Emit(LowOpCode.DictIsTrue, LowLevelType.Bool, span, value),
            TypeKind.Tuple => new TypedConstant(((TupleType)value.Type).Items.Length > 0, LowLevelType.Bool),
            TypeKind.NoneType => new TypedConstant(false, LowLevelType.Bool),
            _ => Emit(LowOpCode.PtrNonNull, LowLevelType.Bool, span, value),
        };
    }
}
