// The text form of jitcodes (`clrpy translate --dump=jitcodes`): one instruction per line with its
// offset, registers as %i3 / %r0 / %f1, constants as $value, labels as L<offset>, descriptors by name.
using System.Globalization;
using System.Text;
using ClrPy.Runtime.Jit.Codes;

namespace ClrPy.Translator.Jit;

public static class JitCodePrinter
{
    public static string Print(JitCode code)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"jitcode {code.Name}({string.Join(", ", code.Parameters.Select(p => Register(code, p.Kind, p.Register)))})"
            + $" registers i{code.VariableRegisters[0]} r{code.VariableRegisters[1]} f{code.VariableRegisters[2]}\n");
        int pc = 0;
        while (pc < code.Code.Length)
        {
            int start = pc;
            var instruction = code.Instructions[code.Code[pc++]];
            var operands = new List<string>();
            string? result = null;
            for (int i = 0; i < instruction.ArgCodes.Length; i++)
            {
                char argCode = instruction.ArgCodes[i];
                switch (argCode)
                {
                    case 'i' or 'r' or 'f':
                        operands.Add(Register(code, KindOf(argCode), code.Code[pc++]));
                        break;
                    case 'I' or 'R' or 'F':
                    {
                        int count = code.Code[pc++];
                        var items = new List<string>();
                        for (int k = 0; k < count; k++)
                            items.Add(Register(code, KindOf(char.ToLowerInvariant(argCode)), code.Code[pc++]));
                        operands.Add(char.ToUpperInvariant(argCode) + "[" + string.Join(", ", items) + "]");
                        break;
                    }
                    case 'L':
                        operands.Add("L" + code.Code[pc++].ToString(CultureInfo.InvariantCulture));
                        break;
                    case 'd':
                        operands.Add("<" + code.Descriptors[code.Code[pc++]] + ">");
                        break;
                    case '>':
                        result = Register(code, KindOf(instruction.ArgCodes[++i]), code.Code[pc++]);
                        break;
                }
            }
            text.Append(CultureInfo.InvariantCulture, $"  {start,4}  {instruction.Name}");
            if (operands.Count > 0)
                text.Append(' ').Append(string.Join(", ", operands));
            if (result is not null)
                text.Append(" -> ").Append(result);
            if (code.Positions.TryGetValue(start, out var position))
                text.Append("  # ").Append(position);
            text.Append('\n');
        }
        return text.ToString();
    }

    private static RegisterKind KindOf(char letter) => letter switch { 'i' => RegisterKind.Int, 'r' => RegisterKind.Ref, _ => RegisterKind.Float };

    private static string Register(JitCode code, RegisterKind kind, int register)
    {
        int variables = code.VariableRegisters[(int)kind];
        if (register < variables)
            return "%" + Codewriter.Letter(kind) + register.ToString(CultureInfo.InvariantCulture);
        int index = register - variables;
        return "$" + kind switch
        {
            RegisterKind.Int => code.IntConstants[index].ToString(CultureInfo.InvariantCulture),
            RegisterKind.Float => Runtime.Builtins.PythonText.FloatRepr(code.FloatConstants[index]),
            _ => code.RefConstants[index] switch
            {
                null => "None",
                string s => Runtime.Builtins.PythonText.StrRepr(s),
                var other => "<" + other + ">",
            },
        };
    }
}
