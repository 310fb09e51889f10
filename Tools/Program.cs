// Entry point of the `clrpy` command: runs the CLI with a buffered stdout, flushed at exit.
using System.Text;
using ClrPy.Tools;

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
int exitCode = Cli.Run(args, stdout, Console.Error);
stdout.Flush();
return exitCode;
