// Reads the text form TracePrinter writes back into a Trace, resolving descriptors and named constants through
// a TraceDescrRegistry (labels with an unregistered token get a fresh LoopToken). Used by tests and tools to
// write traces by hand; errors are TraceParseExceptions pointing at the line and column.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ClrPy.Runtime.Jit.Trace;

/// <summary>A syntax or typing error in a trace's text, rendered as <c>trace:LINE:COL: error: ...</c> with a caret.</summary>
public sealed class TraceParseException(int line, int column, string reason, string sourceLine)
    : Exception($"trace:{line}:{column}: error: {reason}\n  {sourceLine}\n  {new string(' ', Math.Max(0, column - 1))}^")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}

public sealed partial class TraceParser
{
    private readonly TraceDescrRegistry _registry;
    private readonly TraceBuilder _builder = new();
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoopToken> _localTokens = new(StringComparer.Ordinal);
    private readonly List<int> _operands = [];
    private readonly List<int> _failArgs = [];
    private string _line = "";
    private int _lineNumber;
    private int _position;
    private int _descrPosition;

    private TraceParser(TraceDescrRegistry registry) => _registry = registry;

    /// <summary>
    /// Parses a trace. Value names are renumbered in order of definition (so canonical text prints back
    /// unchanged); blank lines and lines starting with '#' are skipped.
    /// </summary>
    public static TraceIr Parse(string text, TraceDescrRegistry? registry = null) =>
        new TraceParser(registry ?? new TraceDescrRegistry()).ParseTrace(text);

    private TraceIr ParseTrace(string text)
    {
        bool sawInputs = false;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            _line = lines[i].TrimEnd('\r');
            _lineNumber = i + 1;
            _position = 0;
            SkipSpaces();
            if (AtEnd || Peek == '#')
                continue;
            if (!sawInputs)
            {
                ParseInputs();
                sawInputs = true;
            }
            else
                ParseOp();
        }
        if (!sawInputs)
            throw new TraceParseException(Math.Max(1, _lineNumber), 1, "empty trace: expected the inputs line, e.g. [i0, p1]", _line);
        return _builder.Build();
    }

    private void ParseInputs()
    {
        Expect('[', "the inputs line, e.g. [i0, p1]");
        SkipSpaces();
        if (!TryTake(']'))
        {
            do
            {
                SkipSpaces();
                int column = _position;
                string name = ReadWord();
                ValueKind kind = KindOfName(name, column);
                Define(name, _builder.Input(kind), column);
                SkipSpaces();
            } while (TryTake(','));
            Expect(']', "',' or ']'");
        }
        ExpectEnd();
    }

    private void ParseOp()
    {
        int resultColumn = _position;
        string first = ReadWord();
        SkipSpaces();
        string? resultName = null;
        int opColumn = resultColumn;
        if (TryTake('='))
        {
            resultName = first;
            SkipSpaces();
            opColumn = _position;
            first = ReadWord();
        }
        if (!TraceOpcodes.TryParse(first, out var opcode))
            Error(opColumn, first.Length == 0 ? "expected an operation name" : $"unknown operation '{first}'");
        ref readonly var info = ref TraceOpcodes.Info(opcode);
        if (resultName is null && info.Result != ValueKind.Void)
            Error(opColumn, $"{info.Name} has a result: write it as '{TraceOpcodes.KindLetter(info.Result)}N = {info.Name}(...)'");
        if (resultName is not null)
        {
            if (info.Result == ValueKind.Void)
                Error(resultColumn, $"{info.Name} has no result");
            if (KindOfName(resultName, resultColumn) != info.Result)
                Error(resultColumn, $"the result of {info.Name} is {info.Result}: its name starts with '{TraceOpcodes.KindLetter(info.Result)}'");
            if (_values.ContainsKey(resultName))
                Error(resultColumn, $"{resultName} is already defined");
        }

        SkipSpaces();
        Expect('(', "'('");
        TraceDescr? descr = ParseOperands(opcode);
        if (info.IsGuard && descr is not null)
            Error(_descrPosition, $"{info.Name} takes no descr=: guards are numbered in order and get their fail descriptor from the builder");
        _failArgs.Clear();
        SkipSpaces();
        if (info.IsGuard && TryTake('['))
            ParseFailArgs();
        SkipSpaces();
        ResumeLayout? layout = info.IsGuard && TryTake('{') ? ParseLayout() : null;
        int flagColumn = _position;
        bool inBounds = !info.IsGuard && ReadWord() == "inbounds";
        if (!inBounds)
            _position = flagColumn;
        else if (!TraceOp.IsItemAccess(opcode))
            Error(flagColumn, $"only an array item access is 'inbounds', not {info.Name}");
        ExpectEnd();

        int result;
        try
        {
            var operands = CollectionsMarshal.AsSpan(_operands);
            result = layout is not null
                ? _builder.Guard(opcode, new FailDescr(_builder.GuardCount) { Layout = layout }, operands,
                    CollectionsMarshal.AsSpan(_failArgs), layout)
                : info.IsGuard
                ? _builder.Guard(opcode, operands, CollectionsMarshal.AsSpan(_failArgs))
                : descr is null ? _builder.Op(opcode, operands) : _builder.Op(opcode, descr, operands);
            if (inBounds)
                _builder.MarkInBounds(_builder.OpCount - 1);
        }
        catch (TraceBuildException error)
        {
            throw new TraceParseException(_lineNumber, opColumn + 1, error.Message, _line);
        }
        if (resultName is not null)
            _values.Add(resultName, result);
    }

    private TraceDescr? ParseOperands(TraceOpcode opcode)
    {
        _operands.Clear();
        TraceDescr? descr = null;
        SkipSpaces();
        if (TryTake(')'))
            return null;
        do
        {
            SkipSpaces();
            if (descr is not null)
                Error(_position, "the descriptor comes last");
            if (_line.AsSpan(_position).StartsWith("descr="))
            {
                _descrPosition = _position;
                _position += "descr=".Length;
                descr = ParseDescr(opcode);
            }
            else
                _operands.Add(ParseOperand());
            SkipSpaces();
        } while (TryTake(','));
        Expect(')', "',' or ')'");
        return descr;
    }

    private void ParseFailArgs()
    {
        SkipSpaces();
        if (TryTake(']'))
            return;
        do
        {
            SkipSpaces();
            int column = _position;
            string name = ReadWord();
            if (!_values.TryGetValue(name, out int value))
                Error(column, name.Length == 0 ? "expected a value name" : $"undefined value {name}");
            _failArgs.Add(value);
            SkipSpaces();
        } while (TryTake(','));
        Expect(']', "',' or ']'");
    }

    private TraceDescr ParseDescr(TraceOpcode opcode)
    {
        int column = _position;
        string name = ReadWord();
        // a list's items array is named for its list: list<int64>[]
        while (_line.AsSpan(_position).StartsWith("[]"))
        {
            _position += 2;
            name += "[]";
        }
        if (name.Length == 0)
            Error(column, "expected a descriptor name after 'descr='");
        if (_localTokens.TryGetValue(name, out var local))
            return local;
        if (_registry.TryGetDescr(name, out var descr))
            return descr;
        if (opcode == TraceOpcode.Label)
        {
            var token = new LoopToken(name);
            _localTokens.Add(name, token);
            return token;
        }
        Error(column, $"unknown descriptor '{name}'");
        return null!;
    }

    private int ParseOperand()
    {
        int column = _position;
        if (AtEnd)
            Error(column, "expected an operand");
        char c = Peek;
        if (c == '"')
            return _builder.ConstRef(ReadStringLiteral());
        if (char.IsDigit(c) || c == '-' || c == '+')
            return ParseNumber();
        string word = ReadWord();
        switch (word)
        {
            case "nan": return _builder.ConstFloat(double.NaN);
            case "inf": return _builder.ConstFloat(double.PositiveInfinity);
            case "ConstPtr": return _builder.ConstRef(ParseConstPtr());
            case "ConstClass": return _builder.ConstRef(ParseConstClass());
        }
        if (word.Length == 0)
            Error(column, $"expected an operand, found '{c}'");
        if (!_values.TryGetValue(word, out int value))
            Error(column, $"undefined value {word}");
        return value;
    }

    private int ParseNumber()
    {
        int column = _position;
        int start = _position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek is '.' or '-' or '+'))
            _position++;
        var text = _line.AsSpan(start, _position - start);
        if (text is "-inf")
            return _builder.ConstFloat(double.NegativeInfinity);
        if (text.IndexOfAny('.', 'e', 'E') >= 0)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                Error(column, $"bad float constant '{text}'");
            return _builder.ConstFloat(number);
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            Error(column, $"bad integer constant '{text}' (integers are 64-bit)");
        return _builder.ConstInt(integer);
    }

    private object? ParseConstPtr()
    {
        Expect('(', "'(' after ConstPtr");
        int column = _position;
        string name = ReadWord();
        Expect(')', "')'");
        if (name == "null")
            return null;
        if (!_registry.TryGetConstant(name, out object value))
            Error(column, name.Length == 0 ? "expected null or a constant's name" : $"unknown constant '{name}'");
        return value;
    }

    private ClassDescr ParseConstClass()
    {
        Expect('(', "'(' after ConstClass");
        int column = _position;
        string name = ReadWord();
        Expect(')', "')'");
        if (!_registry.TryGetDescr(name, out var descr) || descr is not ClassDescr)
            Error(column, $"unknown class '{name}'");
        return (ClassDescr)descr;
    }

    private string ReadStringLiteral()
    {
        int column = _position;
        _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
                Error(column, "unterminated string constant");
            char c = _line[_position++];
            if (c == '"')
                return text.ToString();
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (AtEnd)
                Error(column, "unterminated string constant");
            char escape = _line[_position++];
            switch (escape)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case '"' or '\\': text.Append(escape); break;
                case 'u' when _position + 4 <= _line.Length && ushort.TryParse(_line.AsSpan(_position, 4),
                    NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code):
                    text.Append((char)code);
                    _position += 4;
                    break;
                default:
                    Error(_position - 2, $"unknown escape '\\{escape}'");
                    break;
            }
        }
    }

    private ValueKind KindOfName(string name, int column)
    {
        if (name.Length < 2 || !IsDigits(name.AsSpan(1)))
            Error(column, name.Length == 0 ? "expected a value name" : $"'{name}' is not a value name (i0, p1, f2, ...)");
        switch (name[0])
        {
            case 'i': return ValueKind.Int;
            case 'p': return ValueKind.Ref;
            case 'f': return ValueKind.Float;
        }
        Error(column, $"'{name}': value names start with i, p or f");
        return ValueKind.Void;
    }

    private void Define(string name, int value, int column)
    {
        if (!_values.TryAdd(name, value))
            Error(column, $"{name} is already defined");
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }

    /// <summary>A name: anything up to a space or punctuation of the syntax (descriptor names may contain dots).</summary>
    private string ReadWord()
    {
        int start = _position;
        while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not (',' or '(' or ')' or '[' or ']' or '=' or '"' or ';' or '{' or '}'))
            _position++;
        return _line.Substring(start, _position - start);
    }

    private bool AtEnd => _position >= _line.Length;

    private char Peek => _line[_position];

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
            _position++;
    }

    private bool TryTake(char c)
    {
        if (AtEnd || Peek != c)
            return false;
        _position++;
        return true;
    }

    private void Expect(char c, string what)
    {
        if (!TryTake(c))
            Error(_position, AtEnd ? $"expected {what} at the end of the line" : $"expected {what}, found '{Peek}'");
    }

    private void ExpectEnd()
    {
        SkipSpaces();
        if (!AtEnd)
            Error(_position, $"unexpected '{_line[_position..]}' after the op");
    }

    /// <summary>Throws at a 0-based position of the current line.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Error(int position, string reason) => throw new TraceParseException(_lineNumber, position + 1, reason, _line);
}
