using System.Text.Json.Nodes;

namespace Prelabel.Functions.TestHost;

/// <summary>A function the worker indexed and loaded: its id and the trigger binding it declared.</summary>
public sealed record LoadedFunction(string Name, string Id, JsonObject Trigger)
{
    public string TriggerType => (string)Trigger["type"]!;

    public string TriggerName => (string)Trigger["name"]!;

    /// <summary>Whether this HTTP function serves <paramref name="method"/> on <paramref name="path"/> (no leading slash; routePrefix is "").</summary>
    public bool Serves(string method, string path) =>
        TriggerType == "httpTrigger"
        && string.Equals((string?)Trigger["route"] ?? Name, path, StringComparison.OrdinalIgnoreCase)
        && (Trigger["methods"] is not JsonArray methods || methods.Any(m => string.Equals((string?)m, method, StringComparison.OrdinalIgnoreCase)));

    /// <summary>authLevel function or admin: the caller needs a key.</summary>
    public bool NeedsKey => (string?)Trigger["authLevel"] is { } level && !level.Equals("anonymous", StringComparison.OrdinalIgnoreCase);
}
