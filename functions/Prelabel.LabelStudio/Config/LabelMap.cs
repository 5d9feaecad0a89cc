namespace Prelabel.LabelStudio.Config;

/// <summary>Maps a model's class names to a control's labels, as label-studio-ml-backend's build_label_map does.</summary>
public static class LabelMap
{
    /// <summary>
    /// Model class name → label result value. A label's predicted_values tokens that name model classes map to it;
    /// a label without a matching token maps from the model class of the same name, exact or case-insensitive.
    /// Model classes that no label claims are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Build(ControlTag control, IReadOnlyCollection<string> modelClasses) =>
        BuildTags(control, modelClasses).ToDictionary(p => p.Key, p => p.Value.ResultValue, StringComparer.Ordinal);

    /// <summary>
    /// The same map to the label tags themselves, for results that need more than the value: a taxonomy path tells apart
    /// nodes that share a name under different parents.
    /// </summary>
    public static IReadOnlyDictionary<string, LabelTag> BuildTags(ControlTag control, IReadOnlyCollection<string> modelClasses)
    {
        var map = new Dictionary<string, LabelTag>(StringComparer.Ordinal);
        foreach (var label in control.Labels)
        {
            var matched = false;
            foreach (var token in label.PredictedValues.Where(modelClasses.Contains))
            {
                map[token] = label;
                matched = true;
            }
            if (matched) continue;
            if (modelClasses.Contains(label.Value))
                map[label.Value] = label;
            // Upstream keys this by the lowercased label; keying by the model's own spelling also serves models whose names are not lowercase.
            else if (modelClasses.FirstOrDefault(c => c.Equals(label.Value, StringComparison.OrdinalIgnoreCase)) is { } sameName)
                map[sameName] = label;
        }
        return map;
    }
}
