using System.Text.Json.Nodes;
using Prelabel.LabelStudio.Config;
using Prelabel.LabelStudio.Predictions;

namespace Prelabel.LabelStudio.Converters;

/// <summary>BrushLabels results: a mask as Label Studio's brush RLE, which the editor decodes with the original image size.</summary>
public static class BrushLabelsConverter
{
    public const string TagType = "BrushLabels";

    public static JsonObject ToResult(ControlTag control, string toName, ImageSize size, string id, string label, double score, int[] rle)
    {
        ArgumentNullException.ThrowIfNull(rle);
        // Label Studio rejects an empty rle, and the editor cannot draw a stream whose items are not bytes.
        if (rle.Length == 0) throw new ArgumentException("The RLE is empty.", nameof(rle));
        if (rle.Any(b => b is < 0 or > 255)) throw new ArgumentException("Every RLE item must be a byte (0-255).", nameof(rle));
        var value = new JsonObject
        {
            ["format"] = "rle",
            ["rle"] = new JsonArray(rle.Select(b => (JsonNode)b).ToArray()),
            [control.ResultType] = new JsonArray(label),
        };
        return RegionJson.Create(id, control, toName, size, score, value);
    }

    /// <summary>The same from a row-major mask of the original image size (0 background, 255 foreground).</summary>
    public static JsonObject FromMask(ControlTag control, string toName, ImageSize size, string id, string label, double score, ReadOnlySpan<byte> mask) =>
        ToResult(control, toName, size, id, label, score, BrushRle.Encode(mask, size.Width, size.Height));
}
