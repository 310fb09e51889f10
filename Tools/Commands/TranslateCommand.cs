// `clrpy translate FILE [--backend=cil|x64] [-o DIR] [--dump=...] [--dot DIR] [--run -- ARGS]`.
// Dumps of each stage (--dump), Graphviz files (--dot), and translation to an assembly (CilTranslation).
using System.CommandLine;
using ClrPy.Translator;
using ClrPy.Translator.Typing;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Syntax;
using ClrPy.Translator.Descriptions;
using ClrPy.Translator.Flow;
using ClrPy.Translator.Jit;

namespace ClrPy.Tools.Commands;

public static class TranslateCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "The RPy program (its module with main(argv))." };
        var programArgs = new Argument<string[]>("args") { Description = "Arguments for the program (with --run, after --).", Arity = ArgumentArity.ZeroOrMore };
        var backend = new Option<string>("--backend") { Description = "cil (a .NET assembly) or x64 (native).", DefaultValueFactory = _ => "cil" };
        backend.AcceptOnlyFromAmong("cil", "x64");
        var output = new Option<string?>("--output", "-o") { Description = "Output folder." };
        var dump = new Option<string?>("--dump") { Description = "Print an intermediate form: ast, flow, annotated, typed, jitcodes or il." };
        dump.AcceptOnlyFromAmong("ast", "flow", "annotated", "typed", "jitcodes", "il");
        var dot = new Option<string?>("--dot") { Description = "Write one Graphviz file per function into this folder." };
        var run = new Option<bool>("--run") { Description = "Run the translated program right after translating it." };
        var command = new Command("translate", "Translate an RPy program (--backend=cil: a .NET assembly).")
            { file, programArgs, backend, output, dump, dot, run };
        command.SetAction(result =>
        {
            if (result.GetValue(dump) is null && result.GetValue(dot) is null && result.GetValue(backend) == "cil")
                return CilTranslation.Run(context, result.GetValue(file)!, result.GetValue(output), result.GetValue(run), result.GetValue(programArgs) ?? []);
            var module = context.LoadModule(result.GetValue(file)!);
            if (module is null)
                return Cli.UserError;
            if (result.GetValue(dump) == "ast")
            {
                context.Out.Write(AstPrinter.Print(module));
                return Cli.Success;
            }
            if (result.GetValue(dump) == "flow" || result.GetValue(dot) is not null)
                return DumpFlow(context, module, result.GetValue(dump) == "flow", result.GetValue(dot));
            if (result.GetValue(dump) is "annotated" or "typed" or "jitcodes")
                return DumpStage(context, module, result.GetValue(dump)!);
            if (result.GetValue(dump) == "il")
                return DumpIl(context, module, Path.GetFileNameWithoutExtension(result.GetValue(file)!));
            context.Error.WriteLine("clrpy: error: the x64 backend is not implemented yet; use --backend=cil");
            return Cli.UserError;
        });
        return command;
    }

    /// <summary>--dump=annotated prints the flow graphs with each variable's annotation; --dump=typed the lowered
    /// graphs; --dump=jitcodes the codewriter's register bytecode.</summary>
    private static int DumpStage(CommandContext context, Module module, string stage)
    {
        try
        {
            var pipeline = Pipeline.Load(module);
            if (stage == "annotated")
            {
                context.Out.Write(pipeline.Annotate().Dump());
                return Cli.Success;
            }
            if (stage == "jitcodes")
            {
                var jitcodes = Codewriter.Write(pipeline.Lower());
                foreach (var code in jitcodes.Codes.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
                    context.Out.Write(JitCodePrinter.Print(code) + "\n");
                return Cli.Success;
            }
            foreach (var function in pipeline.Lower().Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
                context.Out.Write(TypedPrinter.Print(function.Graph!) + "\n");
            return Cli.Success;
        }
        catch (DiagnosticException error)
        {
            context.Report(error.Diagnostic);
            return Cli.UserError;
        }
    }

    /// <summary>--dump=il prints the IL the CIL backend emits for every function (validated, not saved).</summary>
    private static int DumpIl(CommandContext context, Module module, string name)
    {
        try
        {
            context.Out.Write(Backends.Cil.Aot.AssemblyTranslator.DumpIl(Pipeline.Load(module).Lower(), name));
            return Cli.Success;
        }
        catch (DiagnosticException error)
        {
            context.Report(error.Diagnostic);
            return Cli.UserError;
        }
    }

    /// <summary>--dump=flow prints every function's flow graph; --dot DIR writes one Graphviz file per function.</summary>
    private static int DumpFlow(CommandContext context, Module module, bool print, string? dotDirectory)
    {
        try
        {
            var graphs = ProgramLoader.Load(module).BuildAllGraphs();
            if (print)
                context.Out.Write(FlowPrinter.Print(graphs));
            if (dotDirectory is not null)
                DotWriter.WriteFiles(graphs, dotDirectory);
            return Cli.Success;
        }
        catch (DiagnosticException error)
        {
            context.Report(error.Diagnostic);
            return Cli.UserError;
        }
    }
}
