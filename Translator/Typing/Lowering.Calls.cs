// Lowering of calls: user functions (direct calls, with defaults and keywords), classes (allocation
// and __init__), methods (virtual calls through a method slot), first-class functions, and the builtins
// of RPY.md (print, len, str, int, float, abs, ord, chr, range, math.*, clrpy.rlib, clrpy.jit hints).
using ClrPy.Frontend.Text;
using ClrPy.Runtime.Builtins;
using ClrPy.Translator.Annotation;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;

namespace ClrPy.Translator.Typing;

public sealed partial class Lowering
{
    private static readonly TypedConstant NoneValue = new(null, LowLevelType.None);

    /// <summary>simple_call and call_args: the callee is operand 0; call_args has the keyword names as operand 1.</summary>
    private TypedValue? LowerCall(Operation operation, List<string> keywords, SourceSpan span)
    {
        int first = keywords.Count > 0 || operation.Code == OpCode.CallArgs ? 2 : 1;
        bool star = keywords is ["*", ..];
        if (star)
            keywords = keywords[1..];
        var args = operation.Args.Skip(first).Select(ValueOf).ToList();
        var positional = args.Take(args.Count - keywords.Count).ToList();
        if (star)
        {
            // f(a, *t): the items of the tuple t are the last positional arguments
            var spread = positional[^1];
            positional.RemoveAt(positional.Count - 1);
            if (spread.Type is not TupleType tuple)
                return Unsupported<TypedValue>(span, $"*-arguments of type {spread.Type}");
            for (int i = 0; i < tuple.Items.Length; i++)
                positional.Add(Emit(LowOpCode.TupleGetItem, tuple.Items[i], span, i, spread));
        }
        var named = keywords.Select((name, i) => (name, args[args.Count - keywords.Count + i])).ToList();
        var result = TypeOf(operation.Result);
        switch (operation.Args[0])
        {
            case Constant { Kind: Flow.ConstantKind.Function } function:
                return CallFunction(function.As<FunctionDesc>(), positional, named, span);
            case Constant { Kind: Flow.ConstantKind.Class } cls:
                return Instantiate(cls.As<ClassDesc>(), positional, named, span);
            case Constant { Kind: Flow.ConstantKind.Builtin } builtin:
                return CallBuiltin(operation, builtin.As<BuiltinDesc>(), positional, named, result, span);
        }
        if (operation.Args[0] is Variable hint && _jitHints.Contains(hint))
        {
            if (_hintCalls.TryGetValue(operation, out var call))
            {
                // greens then reds, in the driver's order
                var values = call.Driver.Greens.Concat(call.Driver.Reds).Select(name => ValueOf(call.Arguments[name]));
                Emit(call.Hint == "jit_merge_point" ? LowOpCode.JitMergePoint : LowOpCode.JitCanEnterJit, LowLevelType.Void, span, call.Driver, [.. values]);
            }
            return NoneValue;
        }
        if (operation.Args[0] is Variable single && CallSingleConstant(single, positional, named, span) is { } constantCall)
            return constantCall;
        var callee = ValueOf(operation.Args[0]);
        if (IsBoundMethod(callee.Type, out var boundReceiver, out var boundSignature) && named.Count == 0)
            return CallBoundMethod(callee, boundReceiver, boundSignature, positional, span);
        if (callee.Type is FunctionType signature && named.Count == 0)
        {
            return Emit(LowOpCode.IndirectCall, signature.Result, span,
                [callee, .. positional.Select((arg, i) => Convert(arg, signature.Parameters[i], span))]);
        }
        return Unsupported<TypedValue>(span, $"calling a value of type {callee.Type}");
    }

    private TypedValue CallFunction(FunctionDesc function, List<TypedValue> positional, List<(string Name, TypedValue Value)> named, SourceSpan span)
    {
        var descriptor = FunctionOf(function);
        var args = new TypedValue?[function.ParameterNames.Length];
        for (int i = 0; i < positional.Count && i < args.Length; i++)
            args[i] = positional[i];
        foreach (var (name, value) in named)
            args[function.ParameterNames.IndexOf(name)] = value;
        for (int i = 0; i < args.Length; i++)
            args[i] ??= function.Defaults[i] is { } fallback ? ConstantOf(fallback) : Unsupported<TypedValue>(span, $"a missing argument '{function.ParameterNames[i]}'");
        return Emit(LowOpCode.DirectCall, descriptor.Result, span, descriptor,
            [.. args.Select((arg, i) => Convert(arg!, descriptor.Parameters[i], span))]);
    }

    private TypedValue Instantiate(ClassDesc cls, List<TypedValue> positional, List<(string Name, TypedValue Value)> named, SourceSpan span)
    {
        var descriptor = _representations.ClassOf(_program.Bookkeeper.ClassDefOf(cls));
        var instance = Emit(LowOpCode.New, new InstanceType(descriptor), span, descriptor);
        for (var owner = descriptor; owner is not null; owner = owner.Base)
        {
            // A class attribute that instances also have as a field is the field's initial value.
            foreach (var field in owner.Fields)
            {
                if (ClassAttribute(descriptor, field.Name) is { } initial)
                    Emit(LowOpCode.SetField, LowLevelType.Void, span, field, instance, Retype(ConstantOf(initial), field.Type, span));
            }
        }
        if (cls.FindMethod("__init__") is { } init)
            CallFunction(init, [instance, .. positional], named, span);
        else if (cls.IsException && positional.Count > 0)
            SetMessage(instance, positional[0], span);
        return instance;
    }

    private void SetMessage(TypedValue exception, TypedValue message, SourceSpan span)
    {
        // str() of a KeyError is the repr of its argument (CPython's KeyError.__str__), so the message holds that.
        bool isKeyError = exception.Type is InstanceType { Class: var cls } && cls.IsSubclassOf(Builtins["KeyError"]);
        var text = isKeyError ? Emit(LowOpCode.ToRepr, LowLevelType.Str, span, message)
            : message.Type.Kind is TypeKind.Str or TypeKind.Char ? Convert(message, LowLevelType.Str, span)
            : Emit(LowOpCode.ToStr, LowLevelType.Str, span, message);
        Emit(LowOpCode.SetField, LowLevelType.Void, span, Builtins.Message, exception, text);
    }

    private TypedValue? CallBuiltin(Operation operation, BuiltinDesc builtin, List<TypedValue> args, List<(string Name, TypedValue Value)> named,
        LowLevelType result, SourceSpan span)
    {
        TypedValue Arg(int i) => args[i];
        if (builtin.Kind == BuiltinKind.ExceptionClass)
        {
            // An exception class called as a function: a new instance, or Base.__init__(self, message).
            if (args.Count > 0 && args[0].Type is InstanceType self && self.Class.IsSubclassOf(Builtins.BaseException) && result.Kind != TypeKind.Instance)
            {
                if (args.Count > 1)
                    SetMessage(args[0], args[1], span);
                return NoneValue;
            }
            var exception = Emit(LowOpCode.New, new InstanceType(Builtins[builtin.Name]), span, Builtins[builtin.Name]);
            SetMessage(exception, args.Count > 0 ? args[0] : new TypedConstant("", LowLevelType.Str), span);
            return exception;
        }
        switch (builtin.Name)
        {
            case "print":
                return Print(args, named, span);
            case "len":
                return Length(Arg(0), span);
            case "str":
                // str() of a str that may be None is "None" then: only that case needs the conversion
                return args.Count == 0 ? new TypedConstant("", LowLevelType.Str)
                    : Arg(0).Type.Kind is TypeKind.Str or TypeKind.Char && !(operation.Args[1] is Variable v && _program.Of(v) is { CanBeNone: true })
                        ? Convert(Arg(0), LowLevelType.Str, span)
                    : Emit(LowOpCode.ToStr, LowLevelType.Str, span, Arg(0));
            case "repr":
                return Emit(LowOpCode.ToRepr, LowLevelType.Str, span, Arg(0));
            case "int":
                return Arg(0).Type.Kind switch
                {
                    TypeKind.Float => Emit(LowOpCode.CastFloatToInt, LowLevelType.Signed, span, Arg(0)),
                    TypeKind.Str or TypeKind.Char => Emit(LowOpCode.StrToInt, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Str, span)),
                    _ => Convert(Arg(0), LowLevelType.Signed, span),
                };
            case "float":
                return Arg(0).Type.Kind is TypeKind.Str or TypeKind.Char
                    ? Emit(LowOpCode.StrToFloat, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Str, span))
                    : Convert(Arg(0), LowLevelType.Float, span);
            case "bool":
                return Truth(Arg(0), span);
            case "abs":
                return Arg(0).Type.Kind == TypeKind.Float ? Emit(LowOpCode.FloatAbs, LowLevelType.Float, span, Arg(0))
                    : Emit(LowOpCode.IntAbs, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Signed, span));
            case "ord":
                return Emit(LowOpCode.CastCharToInt, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Char, span));
            case "chr":
                return Emit(LowOpCode.CastIntToChar, LowLevelType.Char, span, Convert(Arg(0), LowLevelType.Signed, span));
            case "hash":
                return Arg(0).Type.Kind switch
                {
                    TypeKind.Signed or TypeKind.Bool => Convert(Arg(0), LowLevelType.Signed, span),
                    TypeKind.Str or TypeKind.Char => Emit(LowOpCode.StrHash, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Str, span)),
                    _ => Emit(LowOpCode.ValueHash, LowLevelType.Signed, span, Arg(0)),
                };
            case "divmod":
                return Emit(LowOpCode.NewTuple, result, span,
                    Binary(OpCode.FloorDiv, Arg(0), Arg(1), ((TupleType)result).Items[0], span),
                    Binary(OpCode.Mod, Arg(0), Arg(1), ((TupleType)result).Items[1], span));
            case "round" when args.Count == 1:
                return Emit(LowOpCode.CastFloatToInt, LowLevelType.Signed, span,
                    Emit(LowOpCode.FloatRound, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Float, span), new TypedConstant(0L, LowLevelType.Signed)));
            case "round":
                return Emit(LowOpCode.FloatRound, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Float, span), Convert(Arg(1), LowLevelType.Signed, span));
            case "range":
            {
                var one = new TypedConstant(1L, LowLevelType.Signed);
                var bounds = args.Count == 1 ? (new TypedConstant(0L, LowLevelType.Signed), Arg(0), one)
                    : (Arg(0), Arg(1), args.Count > 2 ? Arg(2) : one);
                _ranges[operation.Result] = (Convert(bounds.Item1, LowLevelType.Signed, span), Convert(bounds.Item2, LowLevelType.Signed, span),
                    Convert(bounds.Item3, LowLevelType.Signed, span));
                return Emit(LowOpCode.RangeList, result, span, _ranges[operation.Result].Start, _ranges[operation.Result].Stop, _ranges[operation.Result].Step);
            }
            case "min" or "max":
                return MinMax(builtin.Name == "min", args, result, span);
            case "sum":
            {
                var start = args.Count > 1 ? Convert(Arg(1), result, span) : Retype(new TypedConstant(0L, LowLevelType.Signed), result, span);
                return Emit(LowOpCode.ListSum, result, span, Arg(0), start);
            }
            case "math.ceil":
                return Emit(LowOpCode.FloatCeil, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Float, span));
            case "list" when args.Count == 0:
                return Emit(LowOpCode.NewList, result, span);
            case "list" or "reversed":
            {
                var step = new TypedConstant(builtin.Name == "list" ? 1L : -1L, LowLevelType.Signed);
                return Arg(0).Type switch
                {
                    ListType => Emit(LowOpCode.ListSlice, result, span, Arg(0), Omitted, Omitted, step),
                    { Kind: TypeKind.Str or TypeKind.Char } => Emit(LowOpCode.StrToList, result, span,
                        builtin.Name == "list" ? Convert(Arg(0), LowLevelType.Str, span) : Emit(LowOpCode.StrSlice, LowLevelType.Str, span, Convert(Arg(0), LowLevelType.Str, span), Omitted, Omitted, step)),
                    DictType => builtin.Name == "list" ? Emit(LowOpCode.DictKeys, result, span, Arg(0)) : Unsupported<TypedValue>(span, "reversed() of a dict"),
                    _ => Unsupported<TypedValue>(span, $"{builtin.Name}() of {Arg(0).Type}"),
                };
            }
            case "enumerate":
            {
                var start = args.Count > 1 ? Convert(Arg(1), LowLevelType.Signed, span) : new TypedConstant(0L, LowLevelType.Signed);
                return Emit(LowOpCode.ListEnumerate, result, span, AsList(Arg(0), span), start);
            }
            case "zip":
                return Emit(LowOpCode.ListZip, result, span, [.. args.Select(arg => AsList(arg, span))]);
            case "sorted":
            {
                // a list is copied; a str's characters or a dict's keys are a new list already
                var copy = Arg(0).Type is ListType
                    ? Emit(LowOpCode.ListSlice, result, span, Arg(0), Omitted, Omitted, new TypedConstant(1L, LowLevelType.Signed))
                    : AsList(Arg(0), span);
                Emit(LowOpCode.ListSort, LowLevelType.Void, span, copy);
                if (named.Any(n => n.Name == "reverse" && n.Value is not TypedConstant { Value: false }))
                {
                    if (named.First(n => n.Name == "reverse").Value is not TypedConstant { Value: true })
                        Unsupported(span, "sorted() with a non-constant reverse");
                    Emit(LowOpCode.ListReverse, LowLevelType.Void, span, copy);
                }
                return copy;
            }
            case "math.sqrt":
                return Emit(LowOpCode.FloatSqrt, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.sin":
                return Emit(LowOpCode.FloatSin, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.cos":
                return Emit(LowOpCode.FloatCos, LowLevelType.Float, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.floor":
                return Emit(LowOpCode.FloatFloor, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.trunc":
                return Emit(LowOpCode.CastFloatToInt, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.isnan":
                return Emit(LowOpCode.FloatIsNan, LowLevelType.Bool, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.isinf":
                return Emit(LowOpCode.FloatIsInf, LowLevelType.Bool, span, Convert(Arg(0), LowLevelType.Float, span));
            case "math.isfinite":
            {
                // x - x is NaN exactly when x is infinite or NaN
                var x = Convert(Arg(0), LowLevelType.Float, span);
                return Emit(LowOpCode.BoolNot, LowLevelType.Bool, span, Emit(LowOpCode.FloatIsNan, LowLevelType.Bool, span,
                    Emit(LowOpCode.FloatSub, LowLevelType.Float, span, x, x)));
            }
            case "math.gcd":
                return Emit(LowOpCode.IntGcd, LowLevelType.Signed, span, Convert(Arg(0), LowLevelType.Signed, span), Convert(Arg(1), LowLevelType.Signed, span));
            case var math when math.StartsWith("math.", StringComparison.Ordinal)
                && PythonMath.TryLookup(math["math.".Length..], args.Count, out var function):
                return args.Count == 1
                    ? Emit(LowOpCode.FloatMath, LowLevelType.Float, span, function, Convert(Arg(0), LowLevelType.Float, span))
                    : Emit(LowOpCode.FloatMath2, LowLevelType.Float, span, function, Convert(Arg(0), LowLevelType.Float, span), Convert(Arg(1), LowLevelType.Float, span));
            case "time.time" or "time.perf_counter":
                return Emit(LowOpCode.TimeTime, LowLevelType.Float, span);
            case "os.write":
                Emit(LowOpCode.WriteStdout, LowLevelType.Void, span, Convert(Arg(1), LowLevelType.Str, span));
                return Convert(Length(Arg(1), span), result, span);
            case "clrpy.rlib.intmask" or "clrpy.rlib.r_int64":
                return Convert(Arg(0), LowLevelType.Signed, span);
            case "clrpy.rlib.we_are_translated":
                return new TypedConstant(true, LowLevelType.Bool);
            case "clrpy.rlib.r_uint":
                return Convert(Arg(0), LowLevelType.Unsigned, span);
            case "clrpy.jit.promote":
                return Emit(LowOpCode.JitPromote, Arg(0).Type, span, Arg(0));
            case "clrpy.rlib.ovfcheck":
                // the operation computing the argument was lowered to its overflow-checking form (FindOverflowChecked)
                return Arg(0);
            case "clrpy.jit.we_are_jitted":
                return Emit(LowOpCode.JitWeAreJitted, LowLevelType.Bool, span);
            case "clrpy.jit.set_param":
                return SetParam(operation, Arg(2), span);
        }
        return Unsupported<TypedValue>(span, $"the builtin {builtin.Name}()");
    }

    /// <summary>set_param(driver, name, value), checked by JitHintChecker (a module-level driver, a constant name): the
    /// value goes to the runtime as an int (bools and r_uints as ints, as CPython's set_param takes them), a str or
    /// None; the runtime checks it against the name.</summary>
    private TypedValue SetParam(Operation operation, TypedValue value, SourceSpan span)
    {
        var call = _hintCalls.GetValueOrDefault(operation) ?? throw new InvalidOperationException("a set_param call JitHintChecker did not see");
        var name = Convert(ValueOf(call.Arguments["name"]), LowLevelType.Str, span);
        value = value.Type.Kind switch
        {
            TypeKind.Signed or TypeKind.Unsigned or TypeKind.Bool => Convert(value, LowLevelType.Signed, span),
            TypeKind.Str or TypeKind.Char => Convert(value, LowLevelType.Str, span),
            TypeKind.NoneType => value,
            _ => Unsupported<TypedValue>(span, $"set_param() with a value of type {value.Type}"),
        };
        Emit(LowOpCode.JitSetParam, LowLevelType.Void, span, call.Driver, name, value);
        return NoneValue;
    }

    /// <summary>min/max of an iterable (a list, a str's characters, a dict's keys), or of two or more values.</summary>
    private TypedValue MinMax(bool isMin, List<TypedValue> args, LowLevelType result, SourceSpan span)
    {
        if (args.Count == 1)
            return Emit(isMin ? LowOpCode.ListMin : LowOpCode.ListMax, result, span, AsList(args[0], span));
        if (result.Kind is not (TypeKind.Float or TypeKind.Signed or TypeKind.Bool))
        {
            // chars, strs, tuples: the first smallest (largest) of the arguments, as for a list
            var items = Emit(LowOpCode.NewList, new ListType(result), span, [.. args.Select(arg => Convert(arg, result, span))]);
            return Emit(isMin ? LowOpCode.ListMin : LowOpCode.ListMax, result, span, items);
        }
        var (code, type) = result.Kind == TypeKind.Float
            ? (isMin ? LowOpCode.FloatMin : LowOpCode.FloatMax, LowLevelType.Float)
            : (isMin ? LowOpCode.IntMin : LowOpCode.IntMax, LowLevelType.Signed);
        TypedValue best = Convert(args[0], type, span);
        foreach (var arg in args.Skip(1))
            best = Emit(code, type, span, best, Convert(arg, type, span));
        return best;
    }

    /// <summary>print(*args, sep=' ', end='\n'): the text of each argument, joined, written to stdout.</summary>
    private TypedValue Print(List<TypedValue> args, List<(string Name, TypedValue Value)> named, SourceSpan span)
    {
        TypedValue separator = named.FirstOrDefault(n => n.Name == "sep").Value ?? new TypedConstant(" ", LowLevelType.Str);
        TypedValue end = named.FirstOrDefault(n => n.Name == "end").Value ?? new TypedConstant("\n", LowLevelType.Str);
        var parts = new List<TypedValue>();
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0)
                parts.Add(separator);
            parts.Add(args[i]);
        }
        parts.Add(end);
        Emit(LowOpCode.WriteStdout, LowLevelType.Void, span, Concatenate(parts, span));
        return NoneValue;
    }

    private TypedValue? LowerMethodCall(Operation operation, SourceSpan span)
    {
        string name = (string)((Constant)operation.Args[1]).Value!;
        var args = operation.Args.Skip(2).Select(ValueOf).ToList();
        var result = TypeOf(operation.Result);
        if (operation.Args[0] is Constant { Kind: Flow.ConstantKind.Class or Flow.ConstantKind.Builtin } owner)
            return CallOnClass(owner, name, args, span);
        var receiver = ValueOf(operation.Args[0]);
        if (_program.Of(operation.Args[0] as Variable ?? new Variable(-1, null)) is SomeJitDriver || receiver.Type.Kind == TypeKind.Void)
            return NoneValue;
        switch (receiver.Type)
        {
            case InstanceType instance:
                return CallMethod(instance, receiver, name, args, span);
            case ListType list:
                return ListMethod(list, receiver, name, args, result, span);
            case DictType dict:
                return DictMethod(dict, receiver, name, args, result, span);
            case { Kind: TypeKind.Str or TypeKind.Char }:
                return StrMethod(Convert(receiver, LowLevelType.Str, span), name, args, span);
        }
        if (receiver is TypedConstant { Value: Constant { Kind: Flow.ConstantKind.Instance } } prebuilt
            && _program.Of(operation.Result) is not null && receiver.Type is InstanceType prebuiltType)
            return CallMethod(prebuiltType, prebuilt, name, args, span);
        return Unsupported<TypedValue>(span, $"the method {name}() of {receiver.Type}");
    }

    /// <summary><c>Cls.method(args)</c>: a static or class method, or <c>Base.__init__(self, ...)</c> (for an
    /// exception class without its own __init__, that sets the message).</summary>
    private TypedValue? CallOnClass(Constant owner, string name, List<TypedValue> args, SourceSpan span)
    {
        var desc = owner.Value as ClassDesc;
        if (desc?.FindMethod(name) is { } method)
        {
            var receiver = method.Kind == FunctionKind.ClassMethod ? [new TypedConstant(null, LowLevelType.Void)] : new List<TypedValue>();
            return CallFunction(method, [.. receiver, .. args], [], span);
        }
        bool isException = desc?.IsException ?? (owner.Value is BuiltinDesc { Kind: BuiltinKind.ExceptionClass });
        if (name == "__init__")
        {
            if (isException && args.Count > 1)
                SetMessage(args[0], args[1], span);
            return NoneValue;
        }
        return Unsupported<TypedValue>(span, $"the method {name}() of class {owner}");
    }

    /// <summary>A call of an instance method: a virtual call through the slot of the receiver's static class.</summary>
    private TypedValue CallMethod(InstanceType instance, TypedValue receiver, string name, List<TypedValue> args, SourceSpan span)
    {
        var cls = instance.Class;
        var def = _program.Bookkeeper.ClassDefs.FirstOrDefault(d => _representations.ClassOf(d) == cls);
        var desc = def?.Desc ?? Unsupported<ClassDesc>(span, $"methods of {cls.Name}");
        var implementation = desc.FindMethod(name) ?? Unsupported<FunctionDesc>(span, $"the method {name}() of {cls.Name}");
        var slot = cls.ResolveMethod(name) ?? cls.AddMethod(name, FunctionOf(implementation));
        foreach (var sub in def!.SelfAndDescendants())
        {
            if (sub.Desc?.Methods.TryGetValue(name, out var own) == true && _program.Graphs.ContainsKey(own))
                _representations.ClassOf(sub).AddMethod(name, FunctionOf(own));
        }
        var signature = slot.Implementation;
        return Emit(LowOpCode.MethodCall, signature.Result, span, slot,
            [Convert(receiver, signature.Parameters[0], span), .. args.Select((arg, i) => Convert(arg, signature.Parameters[i + 1], span))]);
    }

    /// <summary>The items of an iterable as a list: the list itself, a str's characters, a dict's keys.</summary>
    private TypedValue AsList(TypedValue iterable, SourceSpan span) => iterable.Type switch
    {
        ListType => iterable,
        { Kind: TypeKind.Str or TypeKind.Char } => Emit(LowOpCode.StrToList, new ListType(LowLevelType.Char), span, Convert(iterable, LowLevelType.Str, span)),
        DictType dict => Emit(LowOpCode.DictKeys, new ListType(dict.Key), span, iterable),
        _ => Unsupported<TypedValue>(span, $"iterating over {iterable.Type} here"),
    };

    private TypedValue? ListMethod(ListType list, TypedValue receiver, string name, List<TypedValue> args, LowLevelType result, SourceSpan span)
    {
        TypedValue Index(int i, long fallback) => args.Count > i ? Convert(args[i], LowLevelType.Signed, span) : new TypedConstant(fallback, LowLevelType.Signed);
        switch (name)
        {
            case "append":
                Emit(LowOpCode.ListAppend, LowLevelType.Void, span, receiver, Convert(args[0], list.Item, span));
                return NoneValue;
            case "pop":
                return Emit(LowOpCode.ListPop, list.Item, span, receiver, Index(0, -1));
            case "insert":
                Emit(LowOpCode.ListInsert, LowLevelType.Void, span, receiver, Index(0, 0), Convert(args[1], list.Item, span));
                return NoneValue;
            case "extend":
                Emit(LowOpCode.ListExtend, LowLevelType.Void, span, receiver, args[0]);
                return NoneValue;
            case "reverse":
                Emit(LowOpCode.ListReverse, LowLevelType.Void, span, receiver);
                return NoneValue;
            case "sort":
                Emit(LowOpCode.ListSort, LowLevelType.Void, span, receiver);
                return NoneValue;
            case "index":
                return Emit(LowOpCode.ListIndex, LowLevelType.Signed, span, receiver, Convert(args[0], list.Item, span));
        }
        return Unsupported<TypedValue>(span, $"the list method {name}()");
    }

    private TypedValue? DictMethod(DictType dict, TypedValue receiver, string name, List<TypedValue> args, LowLevelType result, SourceSpan span)
    {
        TypedValue Key() => Convert(args[0], dict.Key, span);
        TypedValue Fallback() => args.Count > 1 ? Convert(args[1], dict.Value, span) : new TypedConstant(null, dict.Value);
        return name switch
        {
            "get" => Emit(LowOpCode.DictGet, dict.Value, span, receiver, Key(), Fallback()),
            "setdefault" => Emit(LowOpCode.DictSetDefault, dict.Value, span, receiver, Key(), Fallback()),
            "pop" when args.Count == 1 => Emit(LowOpCode.DictPop, dict.Value, span, receiver, Key()),
            "pop" => Emit(LowOpCode.DictPopDefault, dict.Value, span, receiver, Key(), Fallback()),
            "keys" => Emit(LowOpCode.DictKeys, result, span, receiver),
            "values" => Emit(LowOpCode.DictValues, result, span, receiver),
            "items" => Emit(LowOpCode.DictItems, result, span, receiver),
            _ => Unsupported<TypedValue>(span, $"the dict method {name}()"),
        };
    }

    private TypedValue StrMethod(TypedValue text, string name, List<TypedValue> args, SourceSpan span)
    {
        TypedValue Text(int i) => Convert(args[i], LowLevelType.Str, span);
        int most = name switch
        {
            "split" or "endswith" or "join" or "encode" => 1,
            "startswith" or "find" or "replace" => 2,
            _ => 0,
        };
        if (args.Count > most)
            return Unsupported<TypedValue>(span, $"str.{name}() with {args.Count} arguments");
        return name switch
        {
            "startswith" when args.Count == 2 => Emit(LowOpCode.StrStartsWithFrom, LowLevelType.Bool, span, text, Text(0), Convert(args[1], LowLevelType.Signed, span)),
            "join" => Emit(LowOpCode.StrJoin, LowLevelType.Str, span, text, AsList(args[0], span)), // a str's characters, a dict's keys
            "split" when args.Count == 0 => Emit(LowOpCode.StrSplit, new ListType(LowLevelType.Str), span, text),
            "split" => Emit(LowOpCode.StrSplitSep, new ListType(LowLevelType.Str), span, text, Text(0)),
            "strip" => Emit(LowOpCode.StrStrip, LowLevelType.Str, span, text),
            // bytes are represented by str (os.write takes them); only ASCII-compatible encodings keep that exact
            "encode" when args is [] or [TypedConstant { Value: "utf-8" or "utf8" or "ascii" }] => text,
            "startswith" => Emit(LowOpCode.StrStartsWith, LowLevelType.Bool, span, text, Text(0)),
            "endswith" => Emit(LowOpCode.StrEndsWith, LowLevelType.Bool, span, text, Text(0)),
            "find" when args.Count == 1 => Emit(LowOpCode.StrFind, LowLevelType.Signed, span, text, Text(0)),
            "find" => Emit(LowOpCode.StrFindFrom, LowLevelType.Signed, span, text, Text(0), Convert(args[1], LowLevelType.Signed, span)),
            "replace" => Emit(LowOpCode.StrReplace, LowLevelType.Str, span, text, Text(0), Text(1)),
            "lower" => Emit(LowOpCode.StrLower, LowLevelType.Str, span, text),
            "upper" => Emit(LowOpCode.StrUpper, LowLevelType.Str, span, text),
            "isdigit" => Emit(LowOpCode.StrIsDigit, LowLevelType.Bool, span, text),
            "isalpha" => Emit(LowOpCode.StrIsAlpha, LowLevelType.Bool, span, text),
            "isspace" => Emit(LowOpCode.StrIsSpace, LowLevelType.Bool, span, text),
            _ => Unsupported<TypedValue>(span, $"the str method {name}()"),
        };
    }

    /// <summary>A class attribute constant (e.g. <c>SIDES = 4</c>) as seen from an instance of the class.</summary>
    private Constant? ClassAttribute(ClassDescriptor cls, string name) => ClassAttribute(DefOf(cls)?.Desc, name);

    private static Constant? ClassAttribute(ClassDesc? desc, string name)
    {
        for (; desc is not null; desc = desc.Base)
        {
            if (desc.ClassAttributes.TryGetValue(name, out var value))
                return value;
        }
        return null;
    }

    private ClassDef? DefOf(ClassDescriptor cls) => _program.Bookkeeper.ClassDefs.FirstOrDefault(d => _representations.ClassOf(d) == cls);

    /// <summary>Reads a class attribute through an instance: a constant when no subclass overrides it,
    /// else a virtual call of a getter made for each class that defines it (a vtable entry).</summary>
    private TypedValue ReadClassAttribute(InstanceType owner, TypedValue target, string name, LowLevelType result, SourceSpan span)
    {
        var def = DefOf(owner.Class)!;
        var values = def.SelfAndDescendants().Where(d => d.Desc is not null)
            .Select(d => (Def: d, Value: ClassAttribute(d.Desc, name)!)).ToList();
        if (values.All(v => v.Value.Equals(values[0].Value)))
            return Convert(ConstantOf(values[0].Value), result, span);
        string slotName = "$class_attribute$" + name;
        foreach (var (classDef, value) in values)
        {
            var descriptor = _representations.ClassOf(classDef);
            if (classDef != def && !classDef.Desc!.ClassAttributes.ContainsKey(name))
                continue;
            if (descriptor.Methods.ContainsKey(slotName))
                continue;
            var getter = new FunctionDescriptor(classDef.Name + "." + name, [owner], result);
            var graph = new TypedGraph(getter.Name, [("self", owner)], result, ExceptionType);
            graph.StartBlock.Goto(new TypedLink(graph.ReturnBlock, [Retype(ConstantOf(value), result, span)]));
            getter.Graph = graph;
            _synthesized.Add(getter);
            descriptor.AddMethod(slotName, getter);
        }
        var slot = owner.Class.ResolveMethod(slotName)!;
        return Emit(LowOpCode.MethodCall, result, span, slot, target);
    }
}
