using System.Globalization;
using System.Text;

namespace Prelabel.Inference.Yolo;

/// <summary>
/// Reads the Python literals Ultralytics writes into ONNX metadata with str(): a names dict such as
/// {0: 'person', 1: "O'Brien"} (repr switches quotes and escapes), and integer lists such as [640, 640].
/// </summary>
internal ref struct UltralyticsLiteral(string text)
{
    private readonly string _text = text;
    private int _at;

    /// <summary>Class names indexed by id; a dict with gaps gets the id as the missing names.</summary>
    public static string[] Names(string text)
    {
        var reader = new UltralyticsLiteral(text);
        var byId = new SortedDictionary<int, string>();
        var open = reader.Next();
        if (open is not ('{' or '['))
        {
            throw reader.Error("expected a dict {0: 'name', ...} or a list ['name', ...]");
        }

        var close = open == '{' ? '}' : ']';
        reader._at++;
        while (!reader.TryTake(close))
        {
            var id = byId.Count;
            if (open == '{')
            {
                id = reader.Integer();
                reader.Expect(':');
            }

            byId[id] = reader.String();
            if (!reader.TryTake(','))
            {
                reader.Expect(close);
                break;
            }
        }

        reader.End();
        var names = new string[byId.Count == 0 ? 0 : byId.Keys.Max() + 1];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = byId.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture));
        }

        return names;
    }

    /// <summary>"[640, 640]", "(640, 640)" or a bare "640".</summary>
    public static int[] Integers(string text)
    {
        var reader = new UltralyticsLiteral(text);
        if (reader.Next() is not ('[' or '('))
        {
            var single = reader.Integer();
            reader.End();
            return [single];
        }

        var close = reader.Next() == '[' ? ']' : ')';
        reader._at++;
        var values = new List<int>();
        while (!reader.TryTake(close))
        {
            values.Add(reader.Integer());
            if (!reader.TryTake(','))
            {
                reader.Expect(close);
                break;
            }
        }

        reader.End();
        return [.. values];
    }

    private char Next()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }

        return _at < _text.Length ? _text[_at] : '\0';
    }

    private bool TryTake(char c)
    {
        if (Next() != c)
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private void End()
    {
        if (Next() != '\0')
        {
            throw Error("unexpected text after the value");
        }
    }

    private int Integer()
    {
        Next();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || (_at == start && _text[_at] == '-')))
        {
            _at++;
        }

        return int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error("expected an integer");
    }

    private string String()
    {
        var quote = Next();
        if (quote is not ('\'' or '"'))
        {
            throw Error("expected a quoted string");
        }

        var value = new StringBuilder();
        for (_at++; _at < _text.Length; _at++)
        {
            var c = _text[_at];
            if (c == quote)
            {
                _at++;
                return value.ToString();
            }

            value.Append(c == '\\' ? Escape() : c.ToString());
        }

        throw Error("unterminated string");
    }

    private string Escape()
    {
        _at++;
        var c = _at < _text.Length ? _text[_at] : throw Error("unterminated escape");
        return c switch
        {
            'n' => "\n",
            't' => "\t",
            'r' => "\r",
            'x' => CodePoint(2),
            'u' => CodePoint(4),
            'U' => CodePoint(8),
            _ => c.ToString(),
        };
    }

    private string CodePoint(int digits)
    {
        if (_at + digits >= _text.Length
            || !int.TryParse(_text.AsSpan(_at + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error("bad escape");
        }

        _at += digits;
        return char.ConvertFromUtf32(code);
    }

    private readonly FormatException Error(string what) =>
        new($"Cannot read the Ultralytics metadata value {_text}: {what} at character {_at}.");
}
