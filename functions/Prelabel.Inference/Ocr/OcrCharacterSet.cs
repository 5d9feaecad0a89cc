using System.Text;

namespace Prelabel.Inference.Ocr;

/// <summary>
/// The recogniser's class list in PaddleOCR's convention: index 0 is the CTC blank, then one class per line of the
/// dictionary file (ppocr_keys_v1.txt style, UTF-8), then a space when the model has one more class than that.
/// </summary>
public sealed class OcrCharacterSet
{
    public const int BlankIndex = 0;

    private readonly string[] classes;

    private OcrCharacterSet(string[] classes, bool hasTrailingSpace)
    {
        this.classes = classes;
        HasTrailingSpace = hasTrailingSpace;
    }

    /// <summary>Number of classes including the blank (and the space if added); equals the model's last output dimension.</summary>
    public int ClassCount => classes.Length;

    /// <summary>True when the space was added after the dictionary lines (PaddleOCR's use_space_char).</summary>
    public bool HasTrailingSpace { get; }

    /// <summary>The text of a class; the blank is the empty string.</summary>
    public string this[int index] => classes[index];

    public static OcrCharacterSet Load(string path, int modelClassCount)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, modelClassCount, path);
    }

    public static OcrCharacterSet Load(Stream stream, int modelClassCount) => Load(stream, modelClassCount, "the character list");

    /// <summary>From dictionary entries already split into lines (without blank or trailing space).</summary>
    public static OcrCharacterSet FromLines(IEnumerable<string> lines, int modelClassCount) =>
        Create(lines.ToList(), modelClassCount, "the character list");

    private static OcrCharacterSet Load(Stream stream, int modelClassCount, string source)
    {
        // ReadLine splits on \n, \r\n and \r and yields no empty last line for a trailing newline, like Python's readlines.
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return Create(lines, modelClassCount, source);
    }

    private static OcrCharacterSet Create(List<string> lines, int modelClassCount, string source)
    {
        var withoutSpace = lines.Count + 1;
        bool space;
        if (modelClassCount == withoutSpace)
        {
            space = false;
        }
        else if (modelClassCount == withoutSpace + 1)
        {
            space = true;
        }
        else
        {
            throw new InvalidDataException(
                $"The recogniser has {modelClassCount} classes but {source} has {lines.Count} lines, which fits {withoutSpace} " +
                $"(blank + lines) or {withoutSpace + 1} (blank + lines + space) classes. Is it the dictionary this model was trained with?");
        }

        var classes = new string[modelClassCount];
        classes[BlankIndex] = string.Empty;
        lines.CopyTo(classes, 1);
        if (space)
        {
            classes[^1] = " ";
        }

        return new OcrCharacterSet(classes, space);
    }
}
