// What parsing a file produces: the module, or the diagnostics that stopped it.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Syntax;

namespace ClrPy.Frontend.Parsing;

public sealed record ParseResult(Module? Module, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Module is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
