namespace Prelabel.LabelStudio.Client;

/// <summary>
/// LABEL_STUDIO_API_KEY: a legacy token (sent as <c>Token &lt;key&gt;</c>) or a Personal Access Token (a JWT refresh
/// token, exchanged at <c>/api/token/refresh/</c> for short-lived <c>Bearer</c> tokens). Never printed.
/// </summary>
public sealed class LabelStudioApiKey
{
    public LabelStudioApiKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key.Trim();
    }

    internal string Key { get; }

    /// <returns>Null for a missing or blank setting.</returns>
    public static LabelStudioApiKey? From(string? setting) => string.IsNullOrWhiteSpace(setting) ? null : new(setting);

    public override string ToString() => "LABEL_STUDIO_API_KEY (hidden)";
}
