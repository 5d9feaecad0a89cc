namespace Prelabel.LabelStudio.Config;

/// <summary>An object tag such as &lt;Image name="image" value="$image"/&gt;: what is being labelled.</summary>
public sealed record ObjectTag(string Name, string Type, string Value)
{
    /// <summary>The task data key ("image" for value="$image"), or null when the value is a literal.</summary>
    public string? DataKey => Value.StartsWith('$') && Value.Length > 1 ? Value[1..] : null;

    public bool IsImage => Type.Equals("Image", StringComparison.OrdinalIgnoreCase);
}
