// The trace parser's reading of a guard's resume layout, the "{...}" the printer writes after the fail
// arguments (see ResumeLayout.Append for the syntax). Called by TraceParser.ParseOp; errors point at the column.
using System.Globalization;

namespace ClrPy.Runtime.Jit.Trace;

public sealed partial class TraceParser
{
    private readonly List<ResumeEntry> _slots = [];
    private readonly List<ResumeVirtual> _virtuals = [];
    private readonly List<TraceValue> _layoutConstants = [];
    private readonly List<ValueKind> _layoutConstantKinds = [];
    private readonly List<ResumePendingWrite> _pendingWrites = [];
    private readonly List<FieldDescr> _virtualFields = [];
    private readonly List<ResumeEntry> _virtualValues = [];
    private int _highestVirtualReference;
    private int _highestVirtualColumn;

    /// <summary>Reads the layout after its '{' up to and including the '}'.</summary>
    private ResumeLayout ParseLayout()
    {
        _slots.Clear();
        _virtuals.Clear();
        _layoutConstants.Clear();
        _layoutConstantKinds.Clear();
        _pendingWrites.Clear();
        _highestVirtualReference = -1;
        SkipSpaces();
        if (!AtEnd && Peek is not (';' or '}'))
        {
            do
            {
                SkipSpaces();
                _slots.Add(ParseEntry());
                SkipSpaces();
            } while (TryTake(','));
        }
        while (TryTake(';'))
        {
            SkipSpaces();
            int column = _position;
            string word = ReadWord();
            if (word is "setfield" or "setarrayitem")
                ParsePendingWrite(item: word == "setarrayitem");
            else if (VirtualNumber(word) == _virtuals.Count)
                ParseVirtual();
            else
                Error(column, $"expected v{_virtuals.Count}=new(...), v{_virtuals.Count}=new_array(...), setfield(...) or setarrayitem(...)");
            SkipSpaces();
        }
        Expect('}', "';' or '}'");
        if (_highestVirtualReference >= _virtuals.Count)
            Error(_highestVirtualColumn, $"v{_highestVirtualReference} is not described in this layout");
        return new ResumeLayout(_slots.ToArray(), _virtuals.ToArray(), _layoutConstants.ToArray(),
            _layoutConstantKinds.ToArray(), _pendingWrites.ToArray());
    }

    private void ParseVirtual()
    {
        Expect('=', "'='");
        int column = _position;
        string allocation = ReadWord();
        Expect('(', "'('");
        int descrColumn = _position;
        string name = ReadWord();
        Expect(')', "')'");
        _registry.TryGetDescr(name, out var descr);
        _virtualFields.Clear();
        _virtualValues.Clear();
        SkipSpaces();
        if (allocation == "new")
        {
            if (descr is not ClassDescr)
                Error(descrColumn, $"unknown class '{name}'");
            while (!AtEnd && Peek is not (';' or '}'))
            {
                int fieldColumn = _position;
                string fieldName = ReadWord();
                if (!_registry.TryGetDescr(fieldName, out var field) || field is not FieldDescr fieldDescr)
                {
                    Error(fieldColumn, $"unknown field '{fieldName}'");
                    return;
                }
                Expect('=', "'=' after the field name");
                _virtualFields.Add(fieldDescr);
                _virtualValues.Add(ParseEntry());
                SkipSpaces();
            }
        }
        else if (allocation == "new_array")
        {
            if (descr is not ArrayDescr)
                Error(descrColumn, $"unknown array descriptor '{name}'");
            Expect('[', "'[' and the items");
            SkipSpaces();
            if (!TryTake(']'))
            {
                do
                {
                    SkipSpaces();
                    _virtualValues.Add(ParseEntry());
                    SkipSpaces();
                } while (TryTake(','));
                Expect(']', "',' or ']'");
            }
        }
        else
            Error(column, "expected new(...) or new_array(...)");
        _virtuals.Add(new ResumeVirtual(descr!, _virtualFields.ToArray(), _virtualValues.ToArray()));
    }

    /// <summary>setfield(target, value, descr=FIELD) or, for an <paramref name="item"/>, setarrayitem(target, index, value, descr=ARRAY).</summary>
    private void ParsePendingWrite(bool item)
    {
        Expect('(', "'('");
        SkipSpaces();
        var target = ParseEntry();
        SkipSpaces();
        Expect(',', "','");
        SkipSpaces();
        var index = default(ResumeEntry);
        if (item)
        {
            index = ParseEntry();
            SkipSpaces();
            Expect(',', "','");
            SkipSpaces();
        }
        var value = ParseEntry();
        SkipSpaces();
        Expect(',', "','");
        SkipSpaces();
        int column = _position;
        if (!_line.AsSpan(_position).StartsWith("descr="))
            Error(column, item ? "expected descr=ARRAY" : "expected descr=FIELD");
        _position += "descr=".Length;
        string name = ReadWord();
        _registry.TryGetDescr(name, out var descr);
        if (item && descr is not ArrayDescr)
            Error(column, $"unknown array descriptor '{name}'");
        if (!item && descr is not FieldDescr)
            Error(column, $"unknown field '{name}'");
        Expect(')', "')'");
        _pendingWrites.Add(new ResumePendingWrite(target, descr, index, value));
    }

    /// <summary>A fail argument (by its value name), a constant, or vN.</summary>
    private ResumeEntry ParseEntry()
    {
        int column = _position;
        int start = _position;
        if (!AtEnd && Peek == 'v')
        {
            string word = ReadWord();
            int number = VirtualNumber(word);
            if (number < 0)
                Error(column, $"'{word}' is not a value name or vN");
            if (number > _highestVirtualReference)
            {
                _highestVirtualReference = number;
                _highestVirtualColumn = column;
            }
            return new ResumeEntry(ResumeEntryKind.Virtual, number);
        }
        int value = ParseOperand();
        if (TraceValues.IsConstant(value))
        {
            _layoutConstants.Add(_builder.ConstantValue(value));
            _layoutConstantKinds.Add(_builder.KindOf(value));
            return new ResumeEntry(ResumeEntryKind.Constant, _layoutConstants.Count - 1);
        }
        int position = _failArgs.IndexOf(value);
        if (position < 0)
            Error(start, $"{_line[start.._position]} is not one of the guard's fail arguments");
        return ResumeEntry.Saved(position);
    }

    private static int VirtualNumber(string word) =>
        word.Length > 1 && word[0] == 'v' && IsDigits(word.AsSpan(1))
            ? int.Parse(word.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture)
            : -1;
}
