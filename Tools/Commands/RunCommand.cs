// `clrpy run FILE ARGS...`: runs an RPy program untranslated on the graph interpreter. Today it
// parses the program and reports that the interpreter is not there yet.
using System.CommandLine;

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
            if (context.LoadModule(result.GetValue(file)!) is null)
                return Cli.UserError;
            context.Error.WriteLine("clrpy: error: the graph interpreter is not implemented yet; `clrpy parse` works today");
            return Cli.UserError;
        });
        return command;
    }
}
