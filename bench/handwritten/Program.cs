// The hand-written baselines' command line, run by bench/jit:
//   dotnet ClrPy.Bench.Handwritten.dll EXAMPLE ARGS...              prints what examples/EXAMPLE.py prints
//   dotnet ClrPy.Bench.Handwritten.dll --count-ops EXAMPLE ARGS...  prints only how many ops the interpreter ran
using System.Text;
using ClrPy.Bench.Handwritten;

const string Usage = "usage: ClrPy.Bench.Handwritten [--count-ops] brainfuck|stack_vm|tiny_interpreter ARGS...";
bool countOps = args.Length > 0 && args[0] == "--count-ops";
string[] rest = countOps ? args[1..] : args;
if (rest.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
string example = rest[0];
string[] exampleArgs = rest[1..];
if (countOps)
{
    var counter = new OpCount();
    int exitCode = Baselines.Run(example, exampleArgs, TextWriter.Null, ref counter) ?? -1;
    if (exitCode == -1)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }
    Console.WriteLine(counter.Ops);
    return exitCode;
}
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
var noCount = new NoOpCount();
int? result = Baselines.Run(example, exampleArgs, output, ref noCount);
if (result is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
return result.Value;
