namespace Prelabel.Host.Apis;

/// <summary>
/// The routes of the ML backend contract, each with the Functions function (folder with a function.json) that
/// forwards it. "/" has no function: the Functions host pings it itself to see that the handler is up.
/// </summary>
public static class MlBackendRoutes
{
    public sealed record Route(string Method, string Path, string? Function);

    public static readonly IReadOnlyList<Route> All =
    [
        new("GET", "/", null),
        new("GET", "/health", "health"),
        new("POST", "/setup", "setup"),
        new("POST", "/predict", "predict"),
        new("POST", "/webhook", "webhook"),
        new("GET", "/versions", "versions"),
        new("GET", "/metrics", "metrics"),
        new("POST", "/backfill", "backfill"),
    ];
}
