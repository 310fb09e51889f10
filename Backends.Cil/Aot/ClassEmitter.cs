// RPy classes as CLR classes (the Managed data model): one class per ClassDescriptor with its fields as
// typed public fields, sealed when nothing derives from it; builtin exception classes are the runtime's
// Py* classes. Methods become virtual slots declared on the topmost user class of each hierarchy and
// overridden where a subclass redefines them; each slot's body calls the method's static function.
// Called by AssemblyTranslator before any function body is emitted.
using System.Reflection;
using System.Reflection.Emit;
using ClrPy.Backends.Cil.Validation;
using ClrPy.Runtime.Managed;
using ClrPy.Translator.Typing;

namespace ClrPy.Backends.Cil.Aot;

public sealed class ClassEmitter(ModuleBuilder module, ClrTypes types)
{
    private readonly Dictionary<ClassDescriptor, TypeBuilder> _built = [];
    private readonly Dictionary<ClassDescriptor, List<ClassDescriptor>> _subclasses = [];
    private readonly Dictionary<ClassDescriptor, IlMethod> _constructors = [];
    private readonly Dictionary<FieldDescriptor, IlField> _fields = [];
    private readonly Dictionary<(ClassDescriptor Root, string Name, string Signature), MethodBuilder> _slots = [];
    private readonly HashSet<string> _typeNames = [];

    public IEnumerable<ClassDescriptor> Classes => _constructors.Keys;

    /// <summary>Defines a CLR class for every class (bases first) and its fields.</summary>
    public void DefineClasses(IEnumerable<ClassDescriptor> classes)
    {
        var all = new HashSet<ClassDescriptor>();
        foreach (var cls in classes)
        {
            for (var c = cls; c is not null; c = c.Base)
                all.Add(c);
        }
        foreach (var cls in all.Where(c => c.Base is not null))
        {
            if (!_subclasses.TryGetValue(cls.Base!, out var list))
                _subclasses[cls.Base!] = list = [];
            list.Add(cls);
        }
        var ordered = all.OrderBy(Depth).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        foreach (var cls in ordered)
            Define(cls);
        foreach (var cls in ordered.Where(c => !c.IsBuiltin))
            DefineFields(cls);
    }

    /// <summary>Fields after every class exists (a field may hold an instance of a class defined later).</summary>
    private void DefineFields(ClassDescriptor cls)
    {
        var type = _built[cls];
        foreach (var field in cls.Fields)
            _fields[field] = new IlField(type.DefineField(field.Name, types.Of(field.Type), FieldAttributes.Public), types.Of(field.Type), type);
    }

    private static int Depth(ClassDescriptor cls) => cls.Base is null ? 0 : 1 + Depth(cls.Base);

    private void Define(ClassDescriptor cls)
    {
        if (cls.IsBuiltin)
        {
            var runtimeType = cls.Base is null ? typeof(PyBaseException)
                : typeof(PyBaseException).Assembly.GetType("ClrPy.Runtime.Managed.Py" + cls.Name)
                    ?? throw new InvalidOperationException($"the runtime has no class for the builtin {cls.Name}");
            types.AddClass(cls, runtimeType, null);
            _constructors[cls] = new IlMethod(runtimeType.GetConstructor([typeof(string)])!, [typeof(string)], typeof(void), runtimeType);
            foreach (var field in cls.Fields)
            {
                var runtimeField = runtimeType.GetField(field.Name == "message" ? "Message" : field.Name)
                    ?? throw new InvalidOperationException($"the runtime's {runtimeType.Name} has no field {field.Name}");
                _fields[field] = new IlField(runtimeField, types.Of(field.Type), runtimeType);
            }
            return;
        }
        var baseType = cls.Base is null ? typeof(object) : types.ClassOf(cls.Base);
        var attributes = TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.BeforeFieldInit;
        if (!_subclasses.ContainsKey(cls))
            attributes |= TypeAttributes.Sealed;
        var type = module.DefineType(UniqueName(cls.Name), attributes, baseType);
        _built[cls] = type;
        types.AddClass(cls, type, baseType);
        var constructor = type.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName
            | MethodAttributes.RTSpecialName, CallingConventions.Standard, Type.EmptyTypes);
        ConstructorInfo baseConstructor = cls.Base is null ? typeof(object).GetConstructor(Type.EmptyTypes)! : (ConstructorInfo)_constructors[cls.Base].Method;
        var baseCall = new IlMethod(baseConstructor, cls.Base is { IsBuiltin: true } ? [typeof(string)] : [], typeof(void), baseType);
        Write(constructor.GetILGenerator(), cls.Name + "..ctor", [type], typeof(void), il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            if (baseCall.Parameters.Count == 1)
                il.Emit(OpCodes.Ldstr, "");
            il.Emit(OpCodes.Call, baseCall);
            il.Emit(OpCodes.Ret);
        });
        _constructors[cls] = new IlMethod(constructor, [], typeof(void), type);
        if (IsException(cls))
            OverrideText(type, "get_ClassName", cls.Name);
        else
            OverrideText(type, "ToString", "<" + cls.Name + " object>");
    }

    private string UniqueName(string name)
    {
        string candidate = name;
        for (int i = 2; !_typeNames.Add(candidate); i++)
            candidate = name + "`" + i;
        return candidate;
    }

    private static bool IsException(ClassDescriptor cls)
    {
        for (var c = cls; c is not null; c = c.Base)
        {
            if (c.IsBuiltin)
                return true;
        }
        return false;
    }

    /// <summary>Overrides a string-returning virtual of the base (ClassName of exceptions, ToString of instances).</summary>
    private void OverrideText(TypeBuilder type, string name, string text)
    {
        var method = type.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig
            | (name.StartsWith("get_", StringComparison.Ordinal) ? MethodAttributes.SpecialName : 0), typeof(string), Type.EmptyTypes);
        Write(method.GetILGenerator(), type.Name + "." + name, [type], typeof(string), il =>
        {
            il.Emit(OpCodes.Ldstr, text);
            il.Emit(OpCodes.Ret);
        });
    }

    /// <summary>Every method the class emitter makes goes through the IL validator too.</summary>
    private void Write(ILGenerator target, string name, Type[] parameters, Type returns, Action<IlBuffer> body)
    {
        var il = new IlBuffer();
        body(il);
        IlValidator.Validate(new IlMethodShape(name, parameters, returns, []), il.Instructions, types.IsAssignable);
        il.WriteTo(target, []);
    }

    public IlMethod ConstructorOf(ClassDescriptor cls) => _constructors[cls];

    public IlField FieldOf(FieldDescriptor field) => _fields.TryGetValue(field, out var made) ? made
        : throw new InvalidOperationException($"field {field} has no CLR field");

    /// <summary>Whether a class or one below it (among the translated classes) defines the method.</summary>
    public bool OverriddenBelow(ClassDescriptor cls, string name) =>
        _subclasses.TryGetValue(cls, out var below) && below.Any(sub => sub.Methods.ContainsKey(name) || OverriddenBelow(sub, name));

    private static ClassDescriptor UserRoot(ClassDescriptor cls)
    {
        var root = cls;
        while (root.Base is { IsBuiltin: false } parent)
            root = parent;
        return root;
    }

    private static string SignatureKey(FunctionDescriptor implementation) =>
        string.Join(",", implementation.Parameters.Skip(1)) + "->" + implementation.Result;

    /// <summary>Declares the virtual slot of every method and its overrides; bodies call <paramref name="staticOf"/>.</summary>
    public void DefineMethodSlots(Func<FunctionDescriptor, IlMethod> staticOf)
    {
        var classes = _built.Keys.OrderBy(Depth).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        foreach (var cls in classes)
        {
            foreach (var (name, method) in cls.Methods.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                var implementation = method.Implementation;
                if (implementation.Graph is null || implementation.Parameters.Length == 0)
                    continue;
                var key = (UserRoot(cls), name, SignatureKey(implementation));
                var parameters = implementation.Parameters.Skip(1).Select(types.Of).ToArray();
                var returns = types.ReturnOf(implementation.Result);
                if (!_slots.ContainsKey(key))
                {
                    var root = _built[key.Item1];
                    var declared = root.DefineMethod("m_" + name, MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig
                        | MethodAttributes.NewSlot, returns, parameters);
                    _slots[key] = declared;
                    if (key.Item1 != cls)
                        EmitMissingMethod(declared, root, parameters, returns, key.Item1.Name, name);
                    else
                        EmitForward(declared, root, parameters, staticOf(implementation));
                    if (key.Item1 == cls)
                        continue;
                }
                var attributes = MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig;
                if (!_subclasses.ContainsKey(cls))
                    attributes |= MethodAttributes.Final;
                var overriding = _built[cls].DefineMethod("m_" + name, attributes, returns, parameters);
                EmitForward(overriding, _built[cls], parameters, staticOf(implementation));
            }
        }
    }

    /// <summary>The slot a method call goes through, or null when the call can be direct (nothing below the
    /// receiver's class redefines the method).</summary>
    public IlMethod? VirtualSlot(ClassDescriptor receiver, MethodDescriptor slot)
    {
        if (receiver.IsBuiltin || !OverriddenBelow(receiver, slot.Name))
            return null;
        var implementation = slot.Implementation;
        var key = (UserRoot(receiver), slot.Name, SignatureKey(implementation));
        if (!_slots.TryGetValue(key, out var method))
            throw new InvalidOperationException($"no virtual slot for {receiver.Name}.{slot.Name}");
        return new IlMethod(method, [.. implementation.Parameters.Skip(1).Select(types.Of)], types.ReturnOf(implementation.Result),
            types.ClassOf(key.Item1));
    }

    private void EmitForward(MethodBuilder method, Type receiver, Type[] parameters, IlMethod target)
    {
        Write(method.GetILGenerator(), receiver.Name + "." + method.Name, [receiver, .. parameters], target.ReturnType, il =>
        {
            for (int i = 0; i <= parameters.Length; i++)
                il.Emit(OpCodes.Ldarg, i);
            il.Emit(OpCodes.Call, target);
            il.Emit(OpCodes.Ret);
        });
    }

    private void EmitMissingMethod(MethodBuilder method, Type receiver, Type[] parameters, Type returns, string className, string name)
    {
        var exception = typeof(InvalidOperationException);
        Write(method.GetILGenerator(), receiver.Name + "." + method.Name, [receiver, .. parameters], returns, il =>
        {
            il.Emit(OpCodes.Ldstr, $"{className} has no method {name}");
            il.Emit(OpCodes.Newobj, new IlMethod(exception.GetConstructor([typeof(string)])!, [typeof(string)], typeof(void), exception));
            il.Emit(OpCodes.Throw);
        });
    }

    /// <summary>Finishes every class (after all method bodies are emitted).</summary>
    public void CreateTypes()
    {
        foreach (var type in _built.OrderBy(pair => Depth(pair.Key)).Select(pair => pair.Value))
            type.CreateType();
    }
}
