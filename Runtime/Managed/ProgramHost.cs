// What a translated program's entry point calls: stdout is buffered (written in large blocks, flushed
// at exit and before a crash message), main(argv) runs with argv as an RList<string>, and an RPy exception
// left pending ends the program like CPython's uncaught exception: a Traceback-style message on stderr
// naming the exception class and its message, exit code 1 (a bad set_param: an error line, exit code 1, as for a
// bad CLRPY_JIT). The same format as `clrpy run`.
using System.Text;
using ClrPy.Runtime.Jit.Logging;
using ClrPy.Runtime.Jit.Warmup;

namespace ClrPy.Runtime.Managed;

public static class ProgramHost
{
    private static TextWriter _stdout = TextWriter.Null;

    /// <summary>The buffered standard output of the running program (write_stdout).</summary>
    public static TextWriter Stdout => _stdout;

    public static void WriteStdout(string text) => _stdout.Write(text);

    /// <summary>Deep RPy recursion must not overflow the CLR stack first: main runs on a thread with this much.</summary>
    private const int StackBytes = 512 * 1024 * 1024;

    /// <summary>Runs main(argv) with buffered output on a thread with a large stack; returns the process exit code.</summary>
    public static int Run(Func<RList<string>, long> main, string programName, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        // CLRPYLOG is read (and its file created) before main runs: a bad value warns up front, and the
        // jit-summary written at process exit covers the whole run
        _ = JitLog.Current;
        int exitCode = 0;
        var thread = new Thread(() => exitCode = RunHere(main, programName, args, stdout, stderr), StackBytes);
        thread.Start();
        thread.Join();
        return exitCode;
    }

    private static int RunHere(Func<RList<string>, long> main, string programName, string[] args, TextWriter? stdout, TextWriter? stderr)
    {
        _stdout = stdout ?? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
        stderr ??= Console.Error;
        Pending.Exception = null;
        try
        {
            var argv = new RList<string>();
            argv.Append(programName);
            foreach (string arg in args)
                argv.Append(arg);
            long result = main(argv);
            _stdout.Flush();
            if (Pending.Take() is { } uncaught)
            {
                stderr.WriteLine("Traceback (most recent call last):");
                stderr.WriteLine($"  File \"{programName}\", in main");
                stderr.WriteLine(uncaught.Message.Length == 0 ? uncaught.ClassName : $"{uncaught.ClassName}: {uncaught.Message}");
                stderr.Flush();
                return 1;
            }
            return (int)result;
        }
        catch (JitParameterException error)
        {
            // set_param with a bad name or value: reported as a bad CLRPY_JIT is, where CPython's set_param raises
            _stdout.Flush();
            stderr.WriteLine("error: " + error.Message);
            stderr.Flush();
            return 1;
        }
        catch (Exception crash) when (crash is NullReferenceException or InvalidCastException or IndexOutOfRangeException or InvalidOperationException)
        {
            // what RPython calls a fatal error: the program used None as an object, or broke an invariant
            _stdout.Flush();
            stderr.WriteLine($"Fatal RPy error: {crash.GetType().Name}: {crash.Message}");
            stderr.Flush();
            return 1;
        }
        finally
        {
            _stdout.Flush();
        }
    }
}
