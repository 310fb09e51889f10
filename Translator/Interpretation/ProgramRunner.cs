// Runs a lowered program's main(argv) on the graph interpreter the way a translated program runs:
// on a thread with a large stack, stdout buffered and flushed at exit and before a crash message, an
// uncaught RPy exception reported Traceback-style on stderr with exit code 1 (a bad set_param: an error line and
// exit code 1, as in translated programs). Used by `clrpy run`.
using ClrPy.Translator.Typing;

namespace ClrPy.Translator.Interpretation;

public static class ProgramRunner
{
    private const int StackBytes = 512 * 1024 * 1024;

    public static int Run(TypedProgram program, IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr, long maxSteps = long.MaxValue,
        IReadOnlyDictionary<FunctionDescriptor, Runtime.Jit.Codes.JitCode>? jitCodes = null)
    {
        int exitCode = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                exitCode = RunOnThisThread(program, argv, stdout, stderr, maxSteps, jitCodes);
            }
            catch (Exception error)
            {
                failure = error;
            }
        }, StackBytes);
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return exitCode;
    }

    private static int RunOnThisThread(TypedProgram program, IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr, long maxSteps,
        IReadOnlyDictionary<FunctionDescriptor, Runtime.Jit.Codes.JitCode>? jitCodes)
    {
        var interpreter = new GraphInterpreter(program.Representations.Builtins, stdout) { MaxSteps = maxSteps, Functions = program.FunctionsByDesc, Classes = program.ClassesByDesc, JitCodes = jitCodes };
        object? value;
        RpyInstance? exception;
        try
        {
            (value, exception) = interpreter.Call(program.Main, [new RpyList([.. argv])]);
        }
        catch (Runtime.Jit.Warmup.JitParameterException error)
        {
            // a set_param with a bad name or value: reported as the translated program reports it
            stdout.Flush();
            stderr.WriteLine("error: " + error.Message);
            return 1;
        }
        stdout.Flush();
        if (exception is not null)
        {
            stderr.WriteLine("Traceback (most recent call last):");
            stderr.WriteLine($"  File \"{argv[0]}\", in main");
            string message = PyValues.Str(exception);
            stderr.WriteLine(message.Length == 0 ? exception.Class.Name : $"{exception.Class.Name}: {message}");
            return 1;
        }
        return value switch
        {
            long code => (int)code,
            bool flag => flag ? 1 : 0,
            _ => 0,
        };
    }
}
