using Prelabel.LabelStudio.Config;

namespace Prelabel.LabelStudio.Converters;

/// <summary>
/// Picks labels from a classifier's class probabilities by the control's choice attribute, as the YOLO ChoicesModel does:
/// single / single-radio take the most probable class the label map knows, multiple take every mapped class at or above
/// the threshold (at most model_top_k of them, the most probable); the score is the mean probability of what was picked,
/// and a pick scoring below the threshold is dropped.
/// </summary>
internal static class ClassSelection
{
    public static (IReadOnlyList<LabelTag> Labels, double Score)? Select(ControlTag control, IReadOnlyDictionary<string, double> probabilities, double threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var map = LabelMap.BuildTags(control, probabilities.Keys.ToArray());
        // One label can absorb several classes; it counts once, with its most probable class. Config order keeps ties and
        // the output order independent of the order the model lists its classes in.
        var candidates = control.Labels
            .Select(label => (Label: label, Probability: map.Where(p => ReferenceEquals(p.Value, label)).Select(p => probabilities[p.Key]).DefaultIfEmpty(double.NaN).Max()))
            .Where(c => !double.IsNaN(c.Probability))
            .ToList();
        if (candidates.Count == 0) return null;

        // Upstream's multiple mode also averages classes the map drops; only the classes that reach the result count here.
        var picked = control.Choice is "single" or "single-radio"
            ? [candidates.MaxBy(c => c.Probability)]
            : candidates.Where(c => c.Probability >= threshold).OrderByDescending(c => c.Probability).Take(TopK(control))
                .OrderBy(c => candidates.IndexOf(c)).ToList();
        if (picked.Count == 0) return null;
        var score = picked.Average(c => c.Probability);
        return score < threshold ? null : (picked.Select(c => c.Label).ToArray(), Math.Clamp(score, 0, 1));
    }

    private static int TopK(ControlTag control) => control.GetDouble("model_top_k") switch
    {
        null => int.MaxValue,
        >= 1 and var k when k == Math.Floor(k) => (int)k,
        var k => throw new LabelingConfigException($"<{control.Type} name=\"{control.Name}\"> has model_top_k=\"{k}\"; it must be a whole number of at least 1."),
    };
}
