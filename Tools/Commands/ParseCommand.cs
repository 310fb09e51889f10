// `clrpy parse FILE [--dump-ast] [--dump=normalized]`: parses a file and reports syntax errors;
// optionally prints the readable AST or the CPython-comparable normalized dump.
using System.CommandLine;
using ClrPy.Frontend.Syntax;

namespace ClrPy.Tools.Commands;

public static class ParseCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "The Python/RPy source file." };
        var dumpAst = new Option<bool>("--dump-ast") { Description = "Print the syntax tree, one node per line with its span." };
        var dump = new Option<string?>("--dump") { Description = "Print another form: 'normalized' (the format compared with CPython's ast module)." };
        dump.AcceptOnlyFromAmong("normalized");
        var command = new Command("parse", "Parse a file and report syntax errors.") { file, dumpAst, dump };
        command.SetAction(result =>
        {
            var module = context.LoadModule(result.GetValue(file)!);
            if (module is null)
                return Cli.UserError;
            if (result.GetValue(dumpAst))
                context.Out.Write(AstPrinter.Print(module));
            if (result.GetValue(dump) == "normalized")
                context.Out.Write(AstNormalizedDump.Dump(module));
            return Cli.Success;
        });
        return command;
    }
}
