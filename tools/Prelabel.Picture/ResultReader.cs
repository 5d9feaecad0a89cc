using System.Globalization;
using System.Text.Json.Nodes;
using Prelabel.Imaging;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Converters;
using SkiaSharp;

namespace Prelabel.Picture;

/// <summary>
/// Turns prediction results into marks and captions in pixels of the picture. Coordinates are percent, applied to the
/// picture's own size; brush masks are decoded at original_width x original_height, as Label Studio encoded them.
/// </summary>
internal sealed class ResultReader(int width, int height, LabelColors colors, LabelingConfig? config, TextWriter warnings)
{
    public (IReadOnlyList<Mark> Marks, IReadOnlyList<Caption> Captions) Read(IReadOnlyList<JsonObject> results)
    {
        var marks = new List<Mark>();
        var captions = new List<Caption>();
        var texts = new List<(string? Id, string? From, IReadOnlyList<string> Lines)>();
        for (int i = 0; i < results.Count; i++)
        {
            JsonObject result = results[i];
            if (result["hidden"] is JsonValue hidden && hidden.TryGetValue(out bool isHidden) && isHidden) continue;
            string? from = Text(result["from_name"]);
            string type = Text(result["type"]) ?? (from is null ? null : config?.FindControl(from)?.ResultType)
                ?? throw Bad(i, "?", "has no \"type\"");
            var where = new Where(i, type);
            JsonObject value = result["value"] as JsonObject ?? throw Bad(i, type, "has no \"value\" object");
            string? id = Text(result["id"]);
            double? score = result["score"] is JsonValue s && s.TryGetValue(out double d) && double.IsFinite(d) ? d : null;
            switch (type)
            {
                case "rectanglelabels" or "rectangle":
                    marks.Add(Box(where, value, id, from, score));
                    break;
                case "polygonlabels" or "polygon":
                    marks.Add(Polygon(where, value, id, from, score));
                    break;
                case "brushlabels" or "brush":
                    if (Brush(where, result, value, id, from, score) is { } brush) marks.Add(brush);
                    break;
                case "keypointlabels" or "keypoint":
                    marks.Add(Keypoint(where, value, id, from, score));
                    break;
                case "choices":
                    captions.Add(Choices(where, value, from, score, Strings(value["choices"])));
                    break;
                case "taxonomy":
                    var paths = (value["taxonomy"] as JsonArray ?? []).Select(p => string.Join(" / ", Strings(p))).ToArray();
                    captions.Add(Choices(where, value, from, score, paths));
                    break;
                case "textarea":
                    texts.Add((id, from, Strings(value["text"])));
                    break;
                default:
                    warnings.WriteLine($"picture: result {i + 1} has type \"{type}\", which is not drawn");
                    break;
            }
        }
        AttachTexts(marks, captions, texts);
        return (marks, captions);
    }

    private Mark Box(Where where, JsonObject value, string? id, string? from, double? score)
    {
        float x = X(Number(where, value, "x")), y = Y(Number(where, value, "y"));
        var box = SKRect.Create(x, y, X(Number(where, value, "width")), Y(Number(where, value, "height")));
        // Label Studio turns a box clockwise (y points down) about its top-left corner.
        float rotation = value.ContainsKey("rotation") ? (float)Number(where, value, "rotation") : 0;
        SKPoint[] corners = SKMatrix.CreateRotationDegrees(rotation, x, y).MapPoints([new(box.Left, box.Top), new(box.Right, box.Top), new(box.Right, box.Bottom), new(box.Left, box.Bottom)]);
        return NewMark(where, value, id, from, score, MarkKind.Box, corners);
    }

    private Mark Polygon(Where where, JsonObject value, string? id, string? from, double? score)
    {
        if (value["points"] is not JsonArray { Count: > 0 } points) throw where.Bad("has no \"points\"");
        var corners = points.Select((p, k) => p is JsonArray { Count: 2 } xy && Num(xy[0]) is { } x && Num(xy[1]) is { } y
            ? new SKPoint(X(x), Y(y))
            : throw where.Bad($"has point {k + 1} that is not [x, y]")).ToArray();
        return NewMark(where, value, id, from, score, MarkKind.Polygon, corners);
    }

    private Mark? Brush(Where where, JsonObject result, JsonObject value, string? id, string? from, double? score)
    {
        if (Text(value["format"]) is { } format && format != "rle") throw where.Bad($"has format \"{format}\"; only \"rle\" is drawn");
        if (value["rle"] is not JsonArray rle) throw where.Bad("has no \"rle\" list");
        int maskWidth = (int)Number(where, result, "original_width"), maskHeight = (int)Number(where, result, "original_height");
        int[] bytes = rle.Select((b, k) => Num(b) is { } n && n == Math.Floor(n) && n is >= int.MinValue and <= int.MaxValue
            ? (int)n : throw where.Bad($"has RLE item {k + 1} that is not an integer")).ToArray();
        byte[] pixels;
        try
        {
            pixels = BrushRle.Decode(bytes, maskWidth, maskHeight);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw where.Bad($"has an RLE that does not decode at {maskWidth}x{maskHeight}: {e.Message}");
        }
        int top = int.MaxValue, left = int.MaxValue;
        for (int p = 0; p < pixels.Length; p++)
        {
            if (pixels[p] == 0) continue;
            top = Math.Min(top, p / maskWidth);
            left = Math.Min(left, p % maskWidth);
        }
        if (top == int.MaxValue)
        {
            warnings.WriteLine($"picture: result {where.Index + 1} ({where.Type}) has an empty mask");
            return null;
        }
        var topLeft = new SKPoint((float)left * width / maskWidth, (float)top * height / maskHeight);
        return NewMark(where, value, id, from, score, MarkKind.Brush, [topLeft]) with { Mask = new BrushMask(pixels, maskWidth, maskHeight) };
    }

    private Mark Keypoint(Where where, JsonObject value, string? id, string? from, double? score)
    {
        var centre = new SKPoint(X(Number(where, value, "x")), Y(Number(where, value, "y")));
        double diameter = value.ContainsKey("width") ? X(Number(where, value, "width")) : 0;
        return NewMark(where, value, id, from, score, MarkKind.Keypoint, [centre]) with { Radius = diameter / 2 };
    }

    private Caption Choices(Where where, JsonObject value, string? from, double? score, IReadOnlyList<string> picked)
    {
        if (picked.Count == 0) throw where.Bad($"has no \"{where.Type}\" values");
        string text = $"{from ?? where.Type}: {string.Join(", ", picked)}";
        if (score is { } s) text += " " + s.ToString("0.00", CultureInfo.InvariantCulture);
        string leaf = value[where.Type] is JsonArray { Count: > 0 } list && list[0] is JsonArray path ? Strings(path).LastOrDefault() ?? picked[0] : picked[0];
        return new Caption(text, colors.For(from, leaf));
    }

    private Mark NewMark(Where where, JsonObject value, string? id, string? from, double? score, MarkKind kind, IReadOnlyList<SKPoint> points)
    {
        var labels = Strings(value[where.Type]);
        string label = labels.Count > 0 ? string.Join(", ", labels) : from ?? where.Type;
        return new Mark(id, kind, label, score, colors.For(from, labels.Count > 0 ? labels[0] : label), points);
    }

    private static void AttachTexts(List<Mark> marks, List<Caption> captions, List<(string? Id, string? From, IReadOnlyList<string> Lines)> texts)
    {
        var band = new RgbColor(40, 40, 40);
        foreach (var (id, from, lines) in texts)
        {
            if (lines.Count == 0) continue;
            int owner = id is null ? -1 : marks.FindIndex(m => m.Id == id);
            if (owner >= 0)
            {
                marks[owner] = marks[owner] with { Text = string.Join(" / ", lines) };
                continue;
            }
            captions.Add(new Caption($"{from ?? "textarea"}: {lines[0]}", band));
            captions.AddRange(lines.Skip(1).Select(line => new Caption("  " + line, band)));
        }
    }

    private float X(double percent) => (float)(percent / 100 * width);

    private float Y(double percent) => (float)(percent / 100 * height);

    private static double Number(Where where, JsonObject owner, string key) =>
        Num(owner[key]) ?? throw where.Bad($"has no number \"{key}\"");

    private static double? Num(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double d) && double.IsFinite(d) ? d : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(Text).OfType<string>().ToArray(),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };

    private static PictureInputException Bad(int index, string type, string problem) => new Where(index, type).Bad(problem);

    private readonly record struct Where(int Index, string Type)
    {
        public PictureInputException Bad(string problem) => new($"result {Index + 1} ({Type}) {problem}");
    }
}
