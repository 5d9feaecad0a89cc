using System.Text.Json.Nodes;

namespace Prelabel.Functions.TestHost;

/// <summary>A function the worker indexed and loaded: its id and the trigger binding it declared.</summary>
public sealed record LoadedFunction(string Name, string Id, JsonObject Trigger)
{
    public string TriggerType => (string)Trigger["type"]!;

    public string TriggerName => (string)Trigger["name"]!;

    /// <summary>Whether this HTTP function serves <paramref name="method"/> on <paramref name="path"/> (no leading slash; routePrefix is "").</summary>
    /// <remarks>Literal routes only, plus the one template the worker uses for the root: an optional parameter limited to
    /// length 0 ("{root:maxlength(0)?}"), which only "" fills.</remarks>
    public bool Serves(string method, string path) =>
        TriggerType == "httpTrigger"
        && RouteMatches((string?)Trigger["route"] ?? Name, path)
        && (Trigger["methods"] is not JsonArray methods || methods.Any(m => string.Equals((string?)m, method, StringComparison.OrdinalIgnoreCase)));

    private static bool RouteMatches(string route, string path) =>
        route.StartsWith('{') && route.EndsWith(":maxlength(0)?}", StringComparison.Ordinal)
            ? path.Length == 0
            : string.Equals(route, path, StringComparison.OrdinalIgnoreCase);

    /// <summary>authLevel function or admin: the caller needs a key.</summary>
    public bool NeedsKey => (string?)Trigger["authLevel"] is { } level && !level.Equals("anonymous", StringComparison.OrdinalIgnoreCase);
}
