namespace Prelabel.LabelStudio.Config;

/// <summary>A &lt;Label&gt; or &lt;Choice&gt; inside a control tag.</summary>
public sealed record LabelTag(string Value, string? Alias, IReadOnlyList<string> PredictedValues, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>What the editor stores in a result for this label: the alias when one is set.</summary>
    public string ResultValue => Alias ?? Value;

    /// <summary>Taxonomy nodes from the root down to this one; a single item for flat labels.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];
}
