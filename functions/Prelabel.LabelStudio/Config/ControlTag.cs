using System.Globalization;

namespace Prelabel.LabelStudio.Config;

/// <summary>A control tag such as &lt;RectangleLabels name="label" toName="image"&gt;: what the annotator fills in.</summary>
public sealed record ControlTag(string Name, string Type, IReadOnlyList<string> ToName, IReadOnlyList<LabelTag> Labels, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The result "type" Label Studio expects: the tag name in lowercase.</summary>
    public string ResultType => Type.ToLowerInvariant();

    public bool ModelSkip => GetBool("model_skip", false);

    public string? ModelPath => Attributes.GetValueOrDefault("model_path");

    /// <summary>single, single-radio or multiple (Choices).</summary>
    public string Choice => Attributes.GetValueOrDefault("choice") ?? "single";

    public bool PerRegion => GetBool("perRegion", false);

    /// <summary>model_score_threshold, or the deprecated score_threshold, else the fallback (MODEL_SCORE_THRESHOLD).</summary>
    public double ScoreThreshold(double fallback) =>
        GetDouble("model_score_threshold") ?? GetDouble("score_threshold") ?? fallback;

    public bool GetBool(string attribute, bool fallback) =>
        Attributes.TryGetValue(attribute, out var text) ? text.Trim().ToLowerInvariant() is "true" or "1" or "yes" : fallback;

    public double? GetDouble(string attribute)
    {
        if (!Attributes.TryGetValue(attribute, out var text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        throw new LabelingConfigException($"<{Type} name=\"{Name}\"> has {attribute}=\"{text}\", which is not a number.");
    }
}
