namespace Prelabel.LabelStudio.Client.Tests;

/// <summary>What a test changes before a client is made: the endpoint and key as the host reads them, and the options.</summary>
internal sealed class ClientSetup(string? url, string? apiKey)
{
    public string? Url { get; set; } = url;

    public string? ApiKey { get; set; } = apiKey;

    public LabelStudioClientOptions Options { get; } = new();

    public LabelStudioClient Create() => new(LabelStudioClient.EndpointFrom(Url), LabelStudioApiKey.From(ApiKey), Options);
}
