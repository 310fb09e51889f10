// bench/parse: parses one file repeatedly in-process and prints the first (cold) time, the median
// warm time and the warm throughput in lines per second, plus where the time goes (tokenizer vs grammar)
// and the bytes allocated per line (a load-independent figure: the GC is most of the parser's cost).
using System.Diagnostics;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Parsing;
using ClrPy.Frontend.Text;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ParseBench FILE.py [RUNS]");
    return 1;
}
var (source, error) = SourceLoader.Load(args[0]);
if (source is null)
{
    Console.Error.WriteLine(error!.Headline);
    return 1;
}
int runs = args.Length > 1 ? int.Parse(args[1]) : 15;
int lines = source.LineCount;

double Measure(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalSeconds;
}

double cold = Measure(() => Check(PythonParser.Parse(source)));
var parseTimes = new List<double>();
var tokenizeTimes = new List<double>();
for (int i = 0; i < runs; i++)
{
    tokenizeTimes.Add(Measure(() => Tokenizer.Tokenize(source)));
    parseTimes.Add(Measure(() => Check(PythonParser.Parse(source))));
}
long before = GC.GetAllocatedBytesForCurrentThread();
Check(PythonParser.Parse(source));
long allocatedPerLine = (GC.GetAllocatedBytesForCurrentThread() - before) / lines;
double median = Median(parseTimes);
Console.WriteLine($"lines {lines}");
Console.WriteLine($"cold_parse_s {cold:F3}");
Console.WriteLine($"warm_parse_s {median:F4}");
Console.WriteLine($"warm_tokenize_s {Median(tokenizeTimes):F4}");
Console.WriteLine($"warm_lines_per_s {lines / median:F0}");
Console.WriteLine($"allocated_bytes_per_line {allocatedPerLine}");
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Check(ParseResult result)
{
    if (!result.Succeeded)
        throw new InvalidOperationException("benchmark input does not parse: " + result.Diagnostics[0].Headline);
}
