// `clrpy run FILE ARGS...`: translates the program to typed graphs and runs main(argv) on the graph
// interpreter, without building an assembly. Its stdout and exit code are CPython's for RPy programs.
using System.CommandLine;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Translator;
using ClrPy.Translator.Interpretation;

namespace ClrPy.Tools.Commands;

public static class RunCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "The RPy program (its module with main(argv))." };
        var programArgs = new Argument<string[]>("args") { Description = "Arguments passed to main(argv).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run an RPy program on the graph interpreter, without building an assembly.") { file, programArgs };
        command.SetAction(result =>
        {
            string path = result.GetValue(file)!;
            var module = context.LoadModule(path);
            if (module is null)
                return Cli.UserError;
            try
            {
                var typed = Pipeline.Load(module).Lower();
                return ProgramRunner.Run(typed, [path, .. result.GetValue(programArgs) ?? []], context.Out, context.Error);
            }
            catch (DiagnosticException error)
            {
                context.Report(error.Diagnostic);
                return Cli.UserError;
            }
        });
        return command;
    }
}
