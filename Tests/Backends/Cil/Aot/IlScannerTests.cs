// The tail-call scan of the corpus tests can fail: the scanner finds a `tail.` prefix in a saved
// assembly, and does not mistake operand bytes equal to its encoding for one.
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ClrPy.Tests.Support;

namespace ClrPy.Tests.Backends.Cil.Aot;

public sealed class IlScannerTests
{
    private static string SaveWith(Action<ILGenerator, MethodInfo> body)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("scanned"), typeof(object).Assembly);
        var type = assembly.DefineDynamicModule("scanned").DefineType("T", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var callee = type.DefineMethod("Callee", MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes);
        var calleeIl = callee.GetILGenerator();
        calleeIl.Emit(OpCodes.Ldc_I4, 0x14FE);
        calleeIl.Emit(OpCodes.Ret);
        var caller = type.DefineMethod("Caller", MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes);
        body(caller.GetILGenerator(), callee);
        type.CreateType();
        var metadata = assembly.GenerateMetadata(out var il, out var data);
        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), il, data);
        var blob = new BlobBuilder();
        pe.Serialize(blob);
        string path = Path.Combine(Path.GetTempPath(), "clrpy-scanned-" + Guid.NewGuid() + ".dll");
        using (var stream = File.Create(path))
            blob.WriteContentTo(stream);
        return path;
    }

    [Test]
    public void A_tail_prefixed_call_is_found()
    {
        string path = SaveWith((il, callee) =>
        {
            il.Emit(OpCodes.Tailcall);
            il.Emit(OpCodes.Call, callee);
            il.Emit(OpCodes.Ret);
        });
        var methods = IlScanner.Methods(path).ToList();
        File.Delete(path);
        Assert.That(methods.Single(m => m.Method == "T::Caller").Code, Does.Contain(OpCodes.Tailcall));
    }

    [Test]
    public void Operand_bytes_equal_to_the_prefix_are_not_mistaken_for_it()
    {
        string path = SaveWith((il, callee) =>
        {
            il.Emit(OpCodes.Call, callee);
            il.Emit(OpCodes.Ret);
        });
        var methods = IlScanner.Methods(path).ToList();
        File.Delete(path);
        Assert.That(methods.SelectMany(m => m.Code), Does.Not.Contain(OpCodes.Tailcall));
        Assert.That(methods.Single(m => m.Method == "T::Callee").Code, Is.EqualTo(new[] { OpCodes.Ldc_I4, OpCodes.Ret }));
    }
}
