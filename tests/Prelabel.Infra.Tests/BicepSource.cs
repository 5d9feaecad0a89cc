using System.Text;
using System.Text.RegularExpressions;

namespace Prelabel.Infra.Tests;

/// <summary>
/// A Bicep file read just far enough to check what no compiler checks here (none installs offline): closed strings,
/// comments and brackets, top-level declarations, the keys of multi-line objects, module calls. The full syntax is
/// checked by a real grammar in tests/infra/bicep-syntax.test.mjs; this reader gives the .NET tests the structure. <see cref="Code"/> is
/// the text with comments and string characters blanked (quotes and interpolated expressions kept), so a bracket or a
/// colon inside a string or a comment never counts.
/// </summary>
public sealed partial class BicepSource
{
    /// <summary>Bracket depth before each character of <see cref="Code"/>.</summary>
    private readonly int[] _depth;
    private readonly int[] _lineStarts;

    public BicepSource(string path, string text)
    {
        Path = path;
        Text = text.Replace("\r\n", "\n");
        _lineStarts = [0, .. Text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];
        var errors = new List<string>();
        Code = Blank(Text, errors, LineOf);
        _depth = Depths(Code, errors, LineOf);
        Errors = errors;
        Declarations = [.. Lines().Where(l => _depth[l.Start] == 0)
            .Select(l => (l, m: DeclarationLine().Match(Code[l.Start..l.End])))
            .Where(x => x.m.Success)
            .Select(x => new Declaration(x.m.Groups[1].Value, x.m.Groups[2].Value, x.l.Number, x.l.Start))];
    }

    public static BicepSource Load(string path) => new(path, File.ReadAllText(path));

    public string Path { get; }

    public string Text { get; }

    public string Code { get; }

    /// <summary>Unclosed strings, comments and brackets and mismatched closers, each naming its line.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Top-level param, var, resource, module, output, type and func declarations.</summary>
    public IReadOnlyList<Declaration> Declarations { get; }

    public IEnumerable<Parameter> Parameters => Declarations.Where(d => d.Kind == "param").Select(d =>
    {
        var m = ParameterLine().Match(LineText(Code, d.Line));
        var type = m.Groups[2].Value.Trim();
        return new Parameter(d.Name, type, Required: !m.Groups[3].Success && !type.EndsWith('?'));
    });

    public IEnumerable<string> Outputs => Declarations.Where(d => d.Kind == "output").Select(d => d.Name);

    /// <summary>Module calls with their path (relative to this file) and the properties of their params object.</summary>
    public IEnumerable<ModuleCall> Modules => Declarations.Where(d => d.Kind == "module").Select(d =>
    {
        var path = ModuleLine().Match(LineText(Text, d.Line)).Groups[1].Value;
        var body = Code.IndexOf('{', d.Offset);
        var parameters = Entries(body).FirstOrDefault(e => e.Key == "params");
        return new ModuleCall(d.Name, path, parameters is null ? [] : Entries(parameters.ValueOffset), d.Line);
    });

    /// <summary>Resource types and API versions, child resources declared by short type left out.</summary>
    public IEnumerable<(string Type, string ApiVersion, int Line)> ResourceTypes =>
        Lines().Select(l => (l, m: ResourceLine().Match(Text[l.Start..l.End]))).Where(x => x.m.Success)
            .Select(x => (x.m.Groups[1].Value, x.m.Groups[2].Value, x.l.Number));

    /// <summary>The properties of a multi-line object literal assigned to a top-level var, key to value text.</summary>
    public IReadOnlyList<Entry> VarObject(string name)
    {
        var declaration = Declarations.SingleOrDefault(d => d.Kind == "var" && d.Name == name)
            ?? throw new InvalidOperationException($"{Path} declares no var {name}.");
        return Entries(Code.IndexOf('{', declaration.Offset));
    }

    /// <summary>The properties of the object whose '{' is at <paramref name="openBrace"/>, one per line as written here.</summary>
    public IReadOnlyList<Entry> Entries(int openBrace)
    {
        if (openBrace < 0 || Code[openBrace] != '{')
            throw new ArgumentException($"{Path}: no object at offset {openBrace}.", nameof(openBrace));
        var inside = _depth[openBrace] + 1;
        var close = Enumerable.Range(openBrace + 1, Code.Length - openBrace - 1).First(i => Code[i] == '}' && _depth[i] == inside);
        return [.. Lines()
            .Where(l => l.Start > openBrace && l.End <= close)
            .Select(l => (l, first: l.Start + (Code[l.Start..l.End].Length - Code[l.Start..l.End].TrimStart().Length)))
            .Where(x => x.first < x.l.End && _depth[x.first] == inside)
            .Select(x => (x.l, x.first, m: PropertyLine().Match(Text[x.first..x.l.End])))
            .Where(x => x.m.Success)
            .Select(x =>
            {
                var valueStart = x.first + x.m.Groups[2].Index;
                var valueEnd = x.l.Start + Code[x.l.Start..x.l.End].TrimEnd().Length; // a trailing comment is blank in Code
                return new Entry(Unquote(x.m.Groups[1].Value), Text[valueStart..Math.Max(valueStart, valueEnd)], valueStart, x.l.Number);
            })];
    }

    /// <summary>'text' without its quotes; anything else as it is.</summary>
    public static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;

    private IEnumerable<(int Number, int Start, int End)> Lines() =>
        _lineStarts.Select((start, i) => (i + 1, start, i + 1 < _lineStarts.Length ? _lineStarts[i + 1] - 1 : Text.Length));

    private string LineText(string source, int line) =>
        source[_lineStarts[line - 1]..(line < _lineStarts.Length ? _lineStarts[line] - 1 : source.Length)];

    private int LineOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>Comments and string characters become spaces; quotes, newlines and interpolated expressions stay.</summary>
    private static string Blank(string text, List<string> errors, Func<int, int> lineOf)
    {
        var code = new StringBuilder(text);
        void BlankRange(int from, int to)
        {
            for (var k = from; k < to; k++)
                if (code[k] != '\n') code[k] = ' ';
        }

        // Each entry: -1 inside a string, n >= 0 inside an interpolation ${...} with n unclosed '{' of its own.
        var modes = new Stack<int>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (modes.Count > 0 && modes.Peek() < 0)
            {
                if (c == '\\') { BlankRange(i, Math.Min(i + 2, text.Length)); i += 2; continue; }
                if (c == '$' && next == '{') { BlankRange(i, i + 2); modes.Push(0); i += 2; continue; }
                if (c == '\'') { modes.Pop(); i++; continue; }
                if (c == '\n') { errors.Add($"line {lineOf(i)}: string not closed before the end of the line"); modes.Pop(); i++; continue; }
                BlankRange(i, i + 1);
                i++;
                continue;
            }

            if (c == '/' && next == '/')
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                BlankRange(i, end);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) errors.Add($"line {lineOf(i)}: comment not closed");
                end = end < 0 ? text.Length : end + 2;
                BlankRange(i, end);
                i = end;
            }
            else if (string.CompareOrdinal(text, i, "'''", 0, 3) == 0)
            {
                var end = text.IndexOf("'''", i + 3, StringComparison.Ordinal);
                if (end < 0) errors.Add($"line {lineOf(i)}: multi-line string not closed");
                end = end < 0 ? text.Length : end;
                BlankRange(i + 3, end);
                i = Math.Min(text.Length, end + 3);
            }
            else if (c == '\'')
            {
                modes.Push(-1);
                i++;
            }
            else
            {
                if (modes.Count > 0 && c == '{') modes.Push(modes.Pop() + 1);
                else if (modes.Count > 0 && c == '}')
                {
                    var open = modes.Pop();
                    if (open == 0) { BlankRange(i, i + 1); i++; continue; }
                    modes.Push(open - 1);
                }
                i++;
            }
        }

        if (modes.Count > 0) errors.Add("the file ends inside a string");
        return code.ToString();
    }

    private static int[] Depths(string code, List<string> errors, Func<int, int> lineOf)
    {
        var depth = new int[code.Length + 1];
        var open = new Stack<(char Bracket, int Offset)>();
        for (var i = 0; i < code.Length; i++)
        {
            depth[i] = open.Count;
            var c = code[i];
            if (c is '{' or '[' or '(')
            {
                open.Push((c, i));
            }
            else if (c is '}' or ']' or ')')
            {
                var expected = c switch { '}' => '{', ']' => '[', _ => '(' };
                if (open.Count == 0 || open.Peek().Bracket != expected)
                    errors.Add($"line {lineOf(i)}: '{c}' closes {(open.Count == 0 ? "nothing" : $"'{open.Peek().Bracket}' of line {lineOf(open.Peek().Offset)}")}");
                else
                    open.Pop();
            }
        }

        depth[code.Length] = open.Count;
        errors.AddRange(open.Reverse().Select(o => $"line {lineOf(o.Offset)}: '{o.Bracket}' never closed"));
        return depth;
    }

    [GeneratedRegex(@"^\s*(param|var|resource|module|output|type|func)\s+([A-Za-z_]\w*)")]
    private static partial Regex DeclarationLine();

    [GeneratedRegex(@"^\s*param\s+(\w+)\s+([^=]*?)\s*(=.*)?$")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"^\s*module\s+\w+\s+'([^']*)'")]
    private static partial Regex ModuleLine();

    [GeneratedRegex(@"^\s*resource\s+\w+\s+'([^'@]+)@([^']+)'")]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"^(\w+|'[^']*')\s*:\s*(.*)$")]
    private static partial Regex PropertyLine();

    /// <summary>A top-level declaration: kind (param, var, …), name, 1-based line, offset of the line.</summary>
    public sealed record Declaration(string Kind, string Name, int Line, int Offset);

    public sealed record Parameter(string Name, string Type, bool Required);

    public sealed record ModuleCall(string Name, string Path, IReadOnlyList<Entry> Parameters, int Line)
    {
        public string Value(string parameter) => Parameters.SingleOrDefault(p => p.Key == parameter)?.Value
            ?? throw new InvalidOperationException($"Module {Name} is given no {parameter}.");
    }

    /// <summary>One property of an object: key, value text as written (without a trailing comment), its offset and line.</summary>
    public sealed record Entry(string Key, string Value, int ValueOffset, int Line);
}
