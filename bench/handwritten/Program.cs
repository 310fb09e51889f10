// The hand-written baselines' command line, run by bench/jit:
//   dotnet ClrPy.Bench.Handwritten.dll EXAMPLE ARGS...              prints what examples/EXAMPLE.py prints
//   dotnet ClrPy.Bench.Handwritten.dll --count-ops EXAMPLE ARGS...  prints only how many ops the interpreter ran
using System.Text;
using ClrPy.Bench.Handwritten;

bool countOps = args.Length > 0 && args[0] == "--count-ops";
string[] rest = countOps ? args[1..] : args;
string example = rest.Length > 0 ? rest[0] : "";
string[] exampleArgs = rest.Length > 0 ? rest[1..] : [];
int? exitCode;
if (countOps)
{
    var counter = new OpCount();
    exitCode = Baselines.Run(example, exampleArgs, TextWriter.Null, ref counter);
    if (exitCode is not null)
        Console.WriteLine(counter.Ops);
}
else
{
    using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
    var noCount = new NoOpCount();
    exitCode = Baselines.Run(example, exampleArgs, output, ref noCount);
}
if (exitCode is null)
{
    Console.Error.WriteLine("usage: ClrPy.Bench.Handwritten [--count-ops] " + string.Join('|', Baselines.Names) + " ARGS...");
    return 2;
}
return exitCode.Value;
