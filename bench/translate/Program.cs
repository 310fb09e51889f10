// bench/translate: translates one program in-process, first cold (as `clrpy translate` does once) and
// then warm several times, and prints the time of each stage: parse, load (modules and flow graphs),
// annotate (with the JIT hint checks), lower (with simplification and verification), codewriter.
using System.Diagnostics;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;
using ClrPy.Translator;
using ClrPy.Translator.Jit;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: TranslateBench FILE.py [RUNS]");
    return 1;
}
var (source, error) = SourceLoader.Load(args[0]);
if (source is null)
{
    Console.Error.WriteLine(error!.Headline);
    return 1;
}
int runs = args.Length > 1 ? int.Parse(args[1]) : 7;
string[] stages = ["parse", "load", "annotate", "lower", "codewriter"];

double[] Translate()
{
    var times = new double[stages.Length];
    var watch = Stopwatch.StartNew();
    var parsed = PythonParser.Parse(source);
    if (!parsed.Succeeded)
        throw new DiagnosticException(parsed.Diagnostics[0]);
    times[0] = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var pipeline = Pipeline.Load(parsed.Module!);
    pipeline.Program.BuildAllGraphs();
    times[1] = watch.Elapsed.TotalSeconds;
    watch.Restart();
    pipeline.Annotate();
    times[2] = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var typed = pipeline.Lower();
    times[3] = watch.Elapsed.TotalSeconds;
    watch.Restart();
    Codewriter.Write(typed);
    times[4] = watch.Elapsed.TotalSeconds;
    return times;
}

try
{
    var cold = Translate();
    var warm = Enumerable.Range(0, runs).Select(_ => Translate()).ToList();
    Console.WriteLine($"lines {source.LineCount}");
    for (int i = 0; i < stages.Length; i++)
        Console.WriteLine($"{stages[i]}_s cold {cold[i]:F3} warm {Median(warm.Select(t => t[i])):F4}");
    Console.WriteLine($"total_s cold {cold.Sum():F3} warm {Median(warm.Select(t => t.Sum())):F4}");
    Console.WriteLine($"annotate_and_lower_s cold {cold[2] + cold[3]:F3} warm {Median(warm.Select(t => t[2] + t[3])):F4}");
    return 0;
}
catch (DiagnosticException problem)
{
    Console.Error.WriteLine(problem.Diagnostic.Headline);
    return 1;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
