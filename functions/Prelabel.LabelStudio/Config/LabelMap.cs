namespace Prelabel.LabelStudio.Config;

/// <summary>Maps a model's class names to a control's labels, as label-studio-ml-backend's build_label_map does.</summary>
public static class LabelMap
{
    /// <summary>
    /// Model class name → label result value. A label's predicted_values tokens that name model classes map to it;
    /// a label without a matching token maps from the model class of the same name, exact or case-insensitive.
    /// Model classes that no label claims are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Build(ControlTag control, IReadOnlyCollection<string> modelClasses)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in control.Labels)
        {
            var matched = false;
            foreach (var token in label.PredictedValues.Where(modelClasses.Contains))
            {
                map[token] = label.ResultValue;
                matched = true;
            }
            if (matched) continue;
            if (modelClasses.Contains(label.Value))
                map[label.Value] = label.ResultValue;
            // Upstream keys this by the lowercased label; keying by the model's own spelling also serves models whose names are not lowercase.
            else if (modelClasses.FirstOrDefault(c => c.Equals(label.Value, StringComparison.OrdinalIgnoreCase)) is { } sameName)
                map[sameName] = label.ResultValue;
        }
        return map;
    }
}
